/**
 * `wandb-api history <run path>`: a run's history as CSV, JSON Lines or Parquet: sampled rows
 * (the server's sample, `--samples`), or with `--all` every row (scanHistory).
 *
 * @example
 * ```sh
 * wandb-api history acme/vision/a1b2c3d4 --keys loss,acc > history.csv
 * wandb-api history acme/vision/a1b2c3d4 --all --format parquet --out history.parquet
 * ```
 * @module
 */
import { Option, type Command } from 'commander';
import type { HistoryRow } from '../../node.js';
import type { CliEnv } from '../env.js';
import { UsageError } from '../errors.js';
import {
  writeRows,
  fileSink,
  historyColumns,
  parseKeyList,
  streamSink,
  type RowFormat,
} from '../output/index.js';
import { positiveInt } from '../parse.js';

interface HistoryCommandOptions {
  keys?: string;
  all?: boolean;
  samples?: number;
  format: RowFormat;
  out?: string;
}

/**
 * Registers `history`.
 *
 * @example
 * ```ts
 * register(program, env);
 * ```
 */
export function register(program: Command, env: CliEnv): void {
  program
    .command('history')
    .description("write a run's history rows (sampled, or every row with --all)")
    .argument('<path>', 'the run: entity/project/id')
    .option(
      '--keys <list>',
      'only rows that have all these keys, with _step and these columns, e.g. loss,acc',
    )
    .option('--all', 'every row (scanHistory) instead of the sample')
    .option('--samples <n>', 'without --all: how many rows the server samples (default 500)', positiveInt)
    .addOption(
      new Option('--format <format>', 'output format').choices(['csv', 'jsonl', 'parquet']).default('csv'),
    )
    .option('--out <file>', 'write to this file (atomically) instead of stdout; needed for parquet')
    .action(async (path: string, options: HistoryCommandOptions) => {
      if (options.format === 'parquet' && options.out === undefined)
        throw new UsageError('--format parquet writes a file: add --out FILE');
      if (options.all === true && options.samples !== undefined)
        throw new UsageError('--samples applies to the sampled history: drop it or drop --all');
      const keys = options.keys !== undefined ? parseKeyList(options.keys) : undefined;
      const run = await env.api().run(path, { signal: env.signal });
      const rows: AsyncIterable<HistoryRow> | HistoryRow[] =
        options.all === true
          ? run.scanHistory({ ...(keys ? { keys } : {}), signal: env.signal })
          : await run.history({
              ...(keys ? { keys } : {}),
              ...(options.samples !== undefined ? { samples: options.samples } : {}),
              signal: env.signal,
            });
      const sink = options.out !== undefined ? fileSink(options.out) : streamSink(env.stdout);
      const columns = keys ? ['_step', ...keys.filter((k) => k !== '_step')] : undefined;
      const written = await writeRows(options.format, sink, rows, {
        ...(columns ? { columns } : { inferColumns: historyColumns }),
      });
      if (options.out !== undefined) env.info(`${written} rows written to ${options.out}`);
    });
}
