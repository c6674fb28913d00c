/**
 * Human-readable output: tables drawn with `cli-table3` (bold headings only with colour), and the
 * one rule for showing any value in a cell or a line.
 *
 * @example
 * ```ts
 * env.stdout.write(renderTable(env, ['name', 'state'], [['r1', 'finished']]));
 * ```
 * @module
 */
import Table from 'cli-table3';
import type { CliEnv } from './env.js';
import { csvCell, jsonText } from './output/index.js';

/**
 * A value as text in a cell: as in CSV ({@link csvCell}): strings as they are, ISO dates, objects
 * and arrays as JSON, nothing for `undefined` and `null`.
 *
 * @example
 * ```ts
 * showValue({ a: 1 }); // '{"a":1}'
 * ```
 */
export const showValue: (value: unknown) => string = csvCell;

/**
 * A table with the given headings and rows, ending in a newline.
 *
 * @example
 * ```ts
 * renderTable(env, ['key', 'value'], [['lr', 0.1]]);
 * ```
 */
export function renderTable(
  env: Pick<CliEnv, 'color'>,
  head: readonly string[],
  rows: readonly (readonly unknown[])[],
): string {
  const table = new Table({
    head: [...head],
    style: { head: env.color ? ['bold'] : [], border: [], compact: true },
  });
  for (const row of rows) table.push(row.map(showValue));
  return `${table.toString()}\n`;
}

/**
 * The entries of a record (config, summary) as two-column rows, keys sorted.
 *
 * @example
 * ```ts
 * renderTable(env, ['config', 'value'], keyValueRows(run.config));
 * ```
 */
export function keyValueRows(record: Readonly<Record<string, unknown>>): unknown[][] {
  return Object.keys(record)
    .sort()
    .map((key) => [key, record[key]]);
}

/**
 * A size in bytes for people: `512 B`, `1.5 KiB`, `3.2 MiB`.
 *
 * @example
 * ```ts
 * showBytes(1536); // '1.5 KiB'
 * ```
 */
export function showBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit] ?? 'B'}`;
}

/**
 * A listing's output format: a table for people, one JSON array, or JSON Lines.
 *
 * @example
 * ```ts
 * const format: ListingFormat = 'jsonl';
 * ```
 */
export type ListingFormat = 'table' | 'json' | 'jsonl';

/**
 * Writes a listing to stdout: `json` one array, `jsonl` one object a line (both strict JSON, as
 * the row writers write it), `table` the cells `toCells` makes of each row under `head`.
 *
 * @example
 * ```ts
 * writeListing(env, 'table', rows, ['name', 'size'], (r) => [r.name, showBytes(r.size)]);
 * ```
 */
export function writeListing<T extends object>(
  env: Pick<CliEnv, 'stdout' | 'color'>,
  format: ListingFormat,
  rows: readonly T[],
  head: readonly string[],
  toCells: (row: T) => readonly unknown[],
): void {
  if (format === 'json') env.stdout.write(`${jsonText(rows)}\n`);
  else if (format === 'jsonl') for (const row of rows) env.stdout.write(`${jsonText(row)}\n`);
  else env.stdout.write(renderTable(env, head, rows.map(toCells)));
}
