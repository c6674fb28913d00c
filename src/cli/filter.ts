/**
 * The `--filter` option of `runs` and `export`: a Mongo-style run filter as one JSON argument.
 *
 * @example
 * ```ts
 * parseFilterOption('{"state":"finished"}'); // { state: 'finished' }
 * ```
 * @module
 */
import { validateRunFilter, ValidationError, type RunFilter } from '../node.js';

/**
 * A `--filter` value: JSON text of an object, checked as a run filter (operators, depth).
 *
 * @throws {@link ValidationError} on `--filter` for text that is not JSON, not an object, or not a valid filter.
 * @example
 * ```ts
 * parseFilterOption('{"config.lr":{"$gt":0.01}}');
 * ```
 */
export function parseFilterOption(text: string): RunFilter {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ValidationError(
      '--filter',
      `is not JSON (${(error as Error).message}): pass an object such as {"state":"finished"}`,
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ValidationError('--filter', 'must be a JSON object such as {"state":"finished"}');
  validateRunFilter(value as RunFilter, '--filter');
  return value as RunFilter;
}
