/**
 * The `order` rule of registry searches (`api.registries({ order })`, `.collections({ order })`):
 * a file of its own, light, so that the listings check it at once, before their search code has
 * loaded.
 *
 * @example
 * ```ts
 * parseSearchOrder('-created_at'); // '-created_at'
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import { parseFieldOrder } from '../core/order.js';

/**
 * The fields registries and collections can be ordered by.
 *
 * @example
 * ```ts
 * SEARCH_ORDER_FIELDS; // ['created_at', 'name', 'updated_at']
 * ```
 */
export const SEARCH_ORDER_FIELDS: readonly string[] = Object.freeze(['created_at', 'name', 'updated_at']);

/**
 * Checks and normalizes the `order` of registries and collections: `+field` or `-field` (an
 * unsigned field sorts ascending) with field `name`, `created_at` or `updated_at`.
 *
 * @throws {@link ValidationError}
 * @example
 * ```ts
 * parseSearchOrder('name'); // '+name'
 * parseSearchOrder('-created_at'); // '-created_at'
 * parseSearchOrder('size'); // throws: must be one of "created_at", "name", "updated_at"
 * ```
 */
export function parseSearchOrder(order: unknown, parameter = 'order'): string | undefined {
  const normalized = parseFieldOrder(order, parameter);
  if (normalized === undefined) return undefined;
  const field = normalized.slice(1);
  if (!SEARCH_ORDER_FIELDS.includes(field)) {
    throw new ValidationError(
      parameter,
      `invalid order field ${JSON.stringify(field)}; must be one of: ${SEARCH_ORDER_FIELDS.map((n) => JSON.stringify(n)).join(', ')}`,
    );
  }
  return normalized;
}
