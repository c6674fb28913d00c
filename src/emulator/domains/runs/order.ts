/**
 * Run orders: the `order` argument of `Project.runs` (`+created_at`, `-summary_metrics.acc`, ...),
 * and the sort key of a run under one.
 *
 * @example
 * ```ts
 * import { parseRunOrder } from './order.js';
 * parseRunOrder('-config.lr'); // { path: 'config.lr.value', direction: -1, tag: '-config.lr.value' }
 * ```
 * @module
 */
import type { SortKey } from '../../graphql/connections.js';
import { QueryInputError } from '../../graphql/errors.js';
import { normalizeRunField, runDocumentField, type RunDocument } from './filters.js';
import type { RunRecord } from './records.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A parsed run order.
 *
 * @example
 * ```ts
 * parseRunOrder('-config.lr'); // { path: 'config.lr.value', direction: -1, tag: '-config.lr.value' }
 * ```
 */
export interface RunOrder {
  /** Document path of the sort key. */
  path: string;
  /** 1 ascending, -1 descending. */
  direction: 1 | -1;
  /** Canonical text, used to tie cursors to their ordering. */
  tag: string;
}

/**
 * Parses `+field`, `-field` or `field` (ascending); empty means `+created_at`. Nested keys may
 * hold any character but white space (`-summary_metrics.val/loss`).
 *
 * @example
 * ```ts
 * parseRunOrder(null).path; // 'createdAt'
 * ```
 */
export function parseRunOrder(order: string | null | undefined): RunOrder {
  const text = order === null || order === undefined || order.trim() === '' ? '+created_at' : order.trim();
  const sign = text[0] === '-' ? -1 : 1;
  const field = text[0] === '-' || text[0] === '+' ? text.slice(1) : text;
  // Metric names are free text (`val/loss`, `acc@1`): only white space ends a field.
  if (!/^[A-Za-z_]\S*$/.test(field)) throw new QueryInputError(`Invalid order "${text}"`);
  const path = normalizeRunField(field);
  return { path, direction: sign, tag: `${sign < 0 ? '-' : '+'}${path}` };
}

/**
 * Reads a dotted path from a document (no array traversal); `undefined` when absent.
 *
 * @example
 * ```ts
 * getPath({ a: { b: 1 } }, 'a.b'); // 1
 * ```
 */
export function getPath(doc: unknown, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[part];
  }
  return current;
}

/**
 * The sort key of a run for an order.
 *
 * @example
 * ```ts
 * runSortKey(run, runDocument(run), parseRunOrder('+name')).value; // run.name
 * ```
 */
export function runSortKey(run: RunRecord, doc: RunDocument, order: RunOrder): SortKey {
  const value = getPath(doc, order.path);
  const missing = value === undefined || value === null;
  return { missing, value: missing ? null : value, createdAt: run.createdAt, id: run.id };
}

/**
 * The sort key of runs for an order, read from the run's own fields (no {@link RunDocument}
 * built): the same key as {@link runSortKey} gives, for listings that need no filter documents.
 *
 * @example
 * ```ts
 * const keyOf = runSortKeyFor(parseRunOrder('-summary_metrics.acc'));
 * keyOf(run).value; // run.summary.acc
 * ```
 */
export function runSortKeyFor(order: RunOrder): (run: RunRecord) => SortKey {
  const dot = order.path.indexOf('.');
  const head = dot < 0 ? order.path : order.path.slice(0, dot);
  const rest = dot < 0 ? undefined : order.path.slice(dot + 1);
  return (run) => {
    const field = runDocumentField(run, head);
    const value = rest === undefined || field === null || field === undefined ? field : getPath(field, rest);
    const missing = value === undefined || value === null;
    return { missing, value: missing ? null : value, createdAt: run.createdAt, id: run.id };
  };
}
