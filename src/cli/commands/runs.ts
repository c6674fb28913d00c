/**
 * `wandb-api runs <entity/project>`: a project's runs as a table, CSV, JSON or JSON Lines, with
 * a server-side filter and order, a limit and a choice of columns (`config.lr`, `summary.loss`).
 *
 * @example
 * ```sh
 * wandb-api runs acme/vision --filter '{"state":"finished"}' --order -summary_metrics.acc --limit 10
 * wandb-api runs acme/vision --columns name,state,config.lr,summary.loss --format csv > runs.csv
 * ```
 * @module
 */
import { Option, type Command } from 'commander';
import type { Run } from '../../node.js';
import type { CliEnv } from '../env.js';
import { parseFilterOption } from '../filter.js';
import {
  writeRows,
  flattenRun,
  jsonText,
  parseRunColumns,
  runColumnValue,
  runColumns,
  streamSink,
  type Row,
} from '../output/index.js';
import { positiveInt } from '../parse.js';
import { renderTable } from '../table.js';

type RunsFormat = 'table' | 'csv' | 'json' | 'jsonl';

interface RunsCommandOptions {
  filter?: string;
  order?: string;
  limit?: number;
  columns?: string;
  format: RunsFormat;
}

/** The columns of the table when `--columns` is not given. */
const TABLE_COLUMNS = ['id', 'name', 'state', 'created'];

/**
 * Registers `runs`.
 *
 * @example
 * ```ts
 * register(program, env);
 * ```
 */
export function register(program: Command, env: CliEnv): void {
  program
    .command('runs')
    .description("list a project's runs")
    .argument('<project>', 'the project: entity/project')
    .option(
      '--filter <json>',
      'a MongoDB-style filter as JSON, e.g. {"state":"finished","config.lr":{"$lt":0.1}}',
    )
    .option(
      '--order <order>',
      'sort column with - for descending, e.g. -summary_metrics.acc (default: -created_at)',
    )
    .option('--limit <n>', 'at most n runs', positiveInt)
    .option(
      '--columns <list>',
      'comma-separated columns: id, name, state, created, tags, url, ..., config.<key>, summary.<key> (default: id,name,state,created for a table, every column otherwise)',
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['table', 'csv', 'json', 'jsonl'])
        .default('table'),
    )
    .action(async (project: string, options: RunsCommandOptions) => {
      const columns =
        options.columns !== undefined
          ? parseRunColumns(options.columns)
          : options.format === 'table'
            ? TABLE_COLUMNS
            : undefined;
      const runs = env.api().runs(project, {
        ...(options.filter !== undefined ? { filters: parseFilterOption(options.filter) } : {}),
        ...(options.order !== undefined ? { order: options.order } : {}),
        ...(options.limit !== undefined ? { perPage: Math.min(options.limit, 100) } : {}),
        signal: env.signal,
      });
      const rows = limited(runs, options.limit, (run) => {
        const flat = flattenRun(run);
        if (columns === undefined) return flat;
        const row: Row = {};
        for (const column of columns) row[column] = runColumnValue(run, column, flat);
        return row;
      });
      if (options.format === 'table') {
        const table: unknown[][] = [];
        for await (const row of rows) table.push(Object.values(row));
        env.stdout.write(renderTable(env, columns ?? TABLE_COLUMNS, table));
        return;
      }
      if (options.format === 'json') {
        const all: Row[] = [];
        for await (const row of rows) all.push(row);
        env.stdout.write(`${jsonText(all)}\n`);
        return;
      }
      await writeRows(options.format, streamSink(env.stdout), rows, {
        ...(columns !== undefined ? { columns } : { inferColumns: runColumns }),
      });
    });
}

/** The first `limit` runs of a listing (all without one), each mapped to a row. */
async function* limited(
  runs: AsyncIterable<Run>,
  limit: number | undefined,
  toRow: (run: Run) => Row,
): AsyncGenerator<Row> {
  if (limit === 0) return;
  let count = 0;
  for await (const run of runs) {
    yield toRow(run);
    count += 1;
    if (limit !== undefined && count >= limit) return;
  }
}
