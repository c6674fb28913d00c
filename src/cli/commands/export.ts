/**
 * `wandb-api export <entity/project> --out DIR`: a project's runs (`runs.<fmt>`), their
 * histories (`history/run=<id>/part-0.<fmt>`, Hive-style) and files (`files/run=<id>/`), in
 * Parquet, CSV or JSON Lines; resumable (a rerun skips finished runs) and shardable
 * (`--shard i/n`). See `src/cli/export/` for how.
 *
 * @example
 * ```sh
 * wandb-api export acme/vision --out export/ --history sampled --format parquet
 * wandb-api export acme/vision --out export/ --shard 2/8 --concurrency 16
 * ```
 * @module
 */
import { Option, type Command } from 'commander';
import { Api } from '../../node.js';
import type { CliEnv } from '../env.js';
import { UsageError } from '../errors.js';
import { parseFilterOption } from '../filter.js';
import { DEFAULT_EXPORT_CONCURRENCY, exportProject, type ExportProgress } from '../export/export.js';
import { runsPath } from '../export/layout.js';
import { parseShard } from '../export/shard.js';
import { parseKeyList, ROW_FORMATS, type RowFormat } from '../output/index.js';
import { positiveInt } from '../parse.js';
import { countsBar } from '../progress.js';

interface ExportCommandOptions {
  out: string;
  filter?: string;
  history: 'none' | 'sampled' | 'all';
  samples?: number;
  keys?: string;
  files?: string;
  format: RowFormat;
  concurrency: number;
  shard?: string;
  force?: boolean;
}

/** The runs bar of an export on stderr where progress is allowed, else nothing. */
function exportBar(env: CliEnv): { update(p: ExportProgress): void; stop(): void } {
  const bar = countsBar(
    env,
    'export [{bar}] {value}/{total} runs listed | {exported} exported, {skipped} done before, {otherShards} other shards | {historyRows} history rows',
  );
  return {
    update: (p) =>
      bar.update(p.listed, p.total ?? p.listed, {
        exported: p.exported,
        skipped: p.skipped,
        otherShards: p.otherShards,
        historyRows: p.historyRows,
      }),
    stop: () => bar.stop(),
  };
}

/**
 * Registers `export`.
 *
 * @example
 * ```ts
 * register(program, env);
 * ```
 */
export function register(program: Command, env: CliEnv): void {
  program
    .command('export')
    .description(
      "export a project's runs, histories and files into a folder of tables (resumable; --shard i/n splits it across jobs)",
    )
    .argument('<project>', 'the project: entity/project')
    .requiredOption('--out <dir>', 'the output folder (a rerun with the same options resumes it)')
    .option('--filter <json>', 'a Mongo-style run filter, e.g. \'{"state":"finished"}\'')
    .addOption(
      new Option('--history <mode>', 'none, sampled (up to --samples rows per run) or all rows')
        .choices(['none', 'sampled', 'all'])
        .default('sampled'),
    )
    .option('--samples <n>', 'with --history sampled: most rows per run (default 500)', positiveInt)
    .option('--keys <list>', 'only history rows with all of these keys, e.g. loss,acc')
    .option('--files <pattern>', "download the run files matching this SQL LIKE pattern (e.g. '%.json')")
    .addOption(new Option('--format <format>', 'file format').choices([...ROW_FORMATS]).default('parquet'))
    .addOption(
      new Option('--concurrency <n>', 'runs read at once')
        .argParser(positiveInt)
        .default(DEFAULT_EXPORT_CONCURRENCY),
    )
    .option('--shard <i/n>', 'only shard i of n (by a hash of the run id), e.g. 1/4')
    .option('--force', 'discard an earlier export of this part in --out made with other options')
    .action(async (project: string, options: ExportCommandOptions) => {
      const shard = options.shard !== undefined ? parseShard(options.shard) : undefined;
      const filter = options.filter !== undefined ? parseFilterOption(options.filter) : undefined;
      const keys = options.keys !== undefined ? parseKeyList(options.keys) : undefined;
      if (options.history === 'none' && keys)
        throw new UsageError('--keys selects history keys: use it with --history sampled or all');
      if (options.history !== 'sampled' && options.samples !== undefined)
        throw new UsageError('--samples is for --history sampled (--history all reads every row)');
      const globals = env.globals;
      const api = new Api({
        ...(globals.baseUrl !== undefined ? { baseUrl: globals.baseUrl } : {}),
        ...(globals.apiKey !== undefined ? { apiKey: globals.apiKey } : {}),
        concurrency: options.concurrency,
      });
      const bar = exportBar(env);
      let done: ExportProgress;
      try {
        done = await exportProject(api, {
          project,
          out: options.out,
          format: options.format,
          history: options.history,
          samples: options.samples,
          keys,
          filter,
          files: options.files,
          concurrency: options.concurrency,
          shard,
          force: options.force === true,
          signal: env.signal,
          onProgress: (p) => bar.update(p),
          onRunFailure: (path) =>
            env.info(
              `export stopped at run ${path}; the runs finished so far are recorded: rerun the same command to resume`,
            ),
        });
      } finally {
        bar.stop();
      }
      env.info(
        `exported ${done.exported} runs (${done.skipped} done before${shard ? `, ${done.otherShards} in other shards` : ''}), ` +
          `${done.historyRows} history rows${options.files !== undefined ? `, ${done.files} files` : ''}: ${runsPath(options.out, shard, options.format)}`,
      );
    });
}
