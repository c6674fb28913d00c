/**
 * {@link DEFAULT_RUN_ORDER}, apart from the order rules (`order.ts`), so that a listing made
 * before they have loaded can name its order.
 *
 * @example
 * ```ts
 * import { DEFAULT_RUN_ORDER } from './order-default.js';
 * DEFAULT_RUN_ORDER; // '+created_at'
 * ```
 * @module
 */

/**
 * The default run order, oldest first.
 *
 * @example
 * ```ts
 * parseOrder(undefined) === DEFAULT_RUN_ORDER; // true
 * ```
 */
export const DEFAULT_RUN_ORDER = '+created_at';
