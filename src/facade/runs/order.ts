/**
 * The `order` option of run listings: `+field` (ascending) or `-field` (descending).
 *
 * @example
 * ```ts
 * parseOrder(undefined); // '+created_at'
 * parseOrder('-summary_metrics.accuracy'); // '-summary_metrics.accuracy'
 * ```
 * @module
 */

import { ValidationError } from '../../errors/index.js';
import { DEFAULT_RUN_ORDER } from './order-default.js';

/**
 * The run columns an order may name directly (besides `config.*` and `summary_metrics.*` paths).
 *
 * @example
 * ```ts
 * RUN_ORDER_COLUMNS.includes('heartbeat_at'); // true
 * ```
 */
export const RUN_ORDER_COLUMNS: readonly string[] = [
  'created_at',
  'createdAt',
  'heartbeat_at',
  'heartbeatAt',
  'updated_at',
  'updatedAt',
  'name',
  'display_name',
  'displayName',
  'state',
  'group',
  'job_type',
  'jobType',
  'username',
  'duration',
  'sweep',
];

/**
 * The prefixes of the nested fields an order may name, each followed by one or more
 * dot-separated keys (e.g. `config.lr.value`, `summary_metrics.accuracy`).
 *
 * @example
 * ```ts
 * RUN_ORDER_PREFIXES; // ['config', 'summary_metrics']
 * ```
 */
export const RUN_ORDER_PREFIXES: readonly string[] = ['config', 'summary_metrics'];

export { DEFAULT_RUN_ORDER };

// A nested key segment: anything but dots and whitespace (dashes, digits, ... are fine).
const NESTED = new RegExp(`^(${RUN_ORDER_PREFIXES.join('|')})(\\.[^.\\s]+)+$`);

/**
 * Validates and normalizes a run order. `undefined` gives {@link DEFAULT_RUN_ORDER}; an
 * unsigned field gets a `+`. Surrounding whitespace is ignored.
 *
 * The rule: one optional `+` or `-`, then either a run column from {@link RUN_ORDER_COLUMNS}
 * (case-sensitive) or `config.` / `summary_metrics.` followed by
 * dot-separated keys that contain no whitespace. So `"NAME"`, `"++x"`, `"x desc"` and `""`
 * are rejected.
 *
 * @param parameter - the option name used in errors (default `"order"`).
 * @throws {@link ValidationError}
 * @example
 * ```ts
 * parseOrder('config.lr.value'); // '+config.lr.value'
 * parseOrder('-heartbeat_at'); // '-heartbeat_at'
 * parseOrder('created_at desc'); // throws ValidationError
 * ```
 */
export function parseOrder(order: string | undefined, parameter = 'order'): string {
  if (order === undefined) return DEFAULT_RUN_ORDER;
  if (typeof order !== 'string')
    throw new ValidationError(parameter, `expected a string, got ${typeof order}`);
  const trimmed = order.trim();
  const signed = trimmed.startsWith('+') || trimmed.startsWith('-');
  const sign = signed ? trimmed.charAt(0) : '+';
  const field = signed ? trimmed.slice(1) : trimmed;
  if (!RUN_ORDER_COLUMNS.includes(field) && !NESTED.test(field)) {
    throw new ValidationError(
      parameter,
      `${JSON.stringify(order)} is not a valid order; use "+field" (ascending) or "-field" (descending) where ` +
        `field is one of ${RUN_ORDER_COLUMNS.join(', ')}, config.<key> or summary_metrics.<key> ` +
        `(e.g. "-summary_metrics.accuracy", "+config.lr.value")`,
    );
  }
  return `${sign}${field}`;
}
