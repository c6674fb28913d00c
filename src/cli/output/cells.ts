/**
 * Cell values of the CLI's row writers: what a run or history value becomes in each format.
 * JSON text is strict (RFC 8259), so any reader parses it: the non-finite numbers W&B stores
 * (`NaN`, `Infinity`, `-Infinity`) become the strings `"NaN"`, `"Infinity"` and `"-Infinity"`
 * inside JSON, their bare names in CSV, and stay numbers in Parquet `DOUBLE` columns. Dates are
 * ISO 8601 text (UTC) in CSV and JSON, timestamps in Parquet.
 *
 * @example
 * ```ts
 * csvCell({ a: NaN }); // '{"a":"NaN"}'
 * jsonLine({ loss: Infinity, at: new Date(0) }); // '{"loss":"Infinity","at":"1970-01-01T00:00:00.000Z"}'
 * ```
 * @module
 */

/**
 * One row: column name to value (`undefined` and `null` are an empty cell).
 *
 * @example
 * ```ts
 * const row: Row = { id: 'a1', 'config.lr': 0.1, 'summary.loss': 0.25 };
 * ```
 */
export type Row = Record<string, unknown>;

/** The text of a non-finite number (`NaN`, `Infinity`, `-Infinity`). */
function nonFinite(n: number): string {
  return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
}

/**
 * `value` made strict-JSON-safe: non-finite numbers as their names, bigints as numbers when
 * exact (else as decimal strings), dates as ISO text; plain objects and arrays copied.
 *
 * @example
 * ```ts
 * toStrictJson({ best: -Infinity }); // { best: '-Infinity' }
 * ```
 */
export function toStrictJson(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : nonFinite(value);
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value.toString();
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v: unknown) => (v === undefined ? null : toStrictJson(v)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toStrictJson(v);
    return out;
  }
  return value;
}

/**
 * The strict JSON text of a value (see {@link toStrictJson}).
 *
 * @example
 * ```ts
 * jsonText([1, NaN]); // '[1,"NaN"]'
 * ```
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(toStrictJson(value) ?? null);
}

/**
 * One JSON Lines line (without its newline) for a row; `undefined` values are left out.
 *
 * @example
 * ```ts
 * jsonLine({ _step: 0, loss: 1 }); // '{"_step":0,"loss":1}'
 * ```
 */
export function jsonLine(row: Row): string {
  return jsonText(row);
}

/**
 * The CSV text of one cell (before quoting, which the CSV writer does): empty for null,
 * numbers as JavaScript prints them (`NaN`, `Infinity` by name), `true`/`false`, ISO dates,
 * strings as they are, anything else as strict JSON.
 *
 * @example
 * ```ts
 * csvCell(0.1); // '0.1'
 * csvCell(['a', 'b']); // '["a","b"]'
 * ```
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : nonFinite(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  return jsonText(value);
}
