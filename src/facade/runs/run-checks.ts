/**
 * The checks of values assigned to a run's editable fields (`name`, `notes`, `group`, `jobType`,
 * `tags`, `config`, `summary`), made at the assignment: apart from the encodings of `encode.ts`,
 * so that the light {@link Run} shell has them without those.
 *
 * @example
 * ```ts
 * checkRunTags(['baseline']); // ['baseline']
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import { isPlainObject } from '../core/validate.js';

/**
 * Checks a value assigned to a run's text field (`name`, `notes`, `group`, `jobType`): a string,
 * or `undefined` / `null` to clear it (returned as `null`).
 *
 * @throws {@link ValidationError} naming `parameter` for anything else.
 * @example
 * ```ts
 * checkRunText('baseline', 'notes'); // 'baseline'
 * checkRunText(undefined, 'group'); // null
 * ```
 */
export function checkRunText(value: unknown, parameter: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    throw new ValidationError(parameter, `expected a string (or undefined to clear it), got ${typeof value}`);
  }
  return value;
}

/**
 * Checks a value assigned to `run.tags`: an array of strings. Returns a copy.
 *
 * @throws {@link ValidationError} (`parameter` `"tags"`) for anything else.
 * @example
 * ```ts
 * checkRunTags(['baseline', 'v2']); // ['baseline', 'v2']
 * ```
 */
export function checkRunTags(value: unknown): string[] {
  if (!Array.isArray(value)) {
    throw new ValidationError(
      'tags',
      `expected an array of strings, got ${value === null ? 'null' : typeof value}`,
    );
  }
  const bad = value.findIndex((t) => typeof t !== 'string');
  if (bad >= 0) {
    throw new ValidationError('tags', `expected an array of strings; item ${bad} is ${typeof value[bad]}`);
  }
  return [...(value as string[])];
}

/**
 * Checks a value assigned to `run.config` or `run.summary`: a plain object.
 *
 * @throws {@link ValidationError} naming `parameter` for anything else (arrays, null, class instances).
 * @example
 * ```ts
 * checkRunObject({ lr: 0.1 }, 'config'); // { lr: 0.1 }
 * ```
 */
export function checkRunObject(value: unknown, parameter: string): Record<string, unknown> {
  if (!isPlainObject(value)) {
    throw new ValidationError(
      parameter,
      `expected a plain object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`,
    );
  }
  return value;
}
