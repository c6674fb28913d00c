/**
 * The `order` option of the listings whose server takes one plain field name (artifact
 * collections, artifact versions): `+field` (ascending) or `-field` (descending), the field a
 * name of letters, digits and `_` (protocol notes §4 R5: `^[+-]?[A-Za-z_]\w*$`). Run listings
 * have their own, richer rule (`runs/order.ts`).
 *
 * @example
 * ```ts
 * parseFieldOrder('createdAt'); // '+createdAt'
 * parseFieldOrder('-name'); // '-name'
 * parseFieldOrder(undefined); // undefined (the server's default order)
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import { describeValue } from './validate.js';

const FIELD_ORDER = /^[+-]?[A-Za-z_]\w*$/;

/**
 * Checks and normalizes a field order: one optional `+` or `-`, then a field name (a letter or
 * `_`, then letters, digits and `_`); an unsigned field gets `+`. Surrounding whitespace is
 * ignored; `undefined` stays `undefined` (the server's default order).
 *
 * @param parameter - the option named by errors (default `"order"`).
 * @throws {@link ValidationError}
 * @example
 * ```ts
 * parseFieldOrder(' updatedAt '); // '+updatedAt'
 * parseFieldOrder('created_at desc'); // throws ValidationError
 * ```
 */
export function parseFieldOrder(order: unknown, parameter = 'order'): string | undefined {
  if (order === undefined) return undefined;
  if (typeof order !== 'string') {
    throw new ValidationError(
      parameter,
      `expected a string such as "-createdAt", got ${describeValue(order)}`,
    );
  }
  const text = order.trim();
  if (!FIELD_ORDER.test(text)) {
    throw new ValidationError(
      parameter,
      `${JSON.stringify(order)} is not a valid order; use "+field" (ascending) or "-field" (descending), where ` +
        'field is a name of letters, digits and "_" (e.g. "-createdAt", "+name")',
    );
  }
  return text.startsWith('+') || text.startsWith('-') ? text : `+${text}`;
}
