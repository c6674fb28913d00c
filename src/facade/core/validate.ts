/**
 * Input checks shared by the facade. Each throws a {@link ValidationError} naming the parameter
 * and what is allowed, so bad input never reaches the network.
 * @module
 */
import { ValidationError } from '../../errors/index.js';

/**
 * Whether `v` is a plain object (`{}` literal or `Object.create(null)`), not an array, Date, class
 * instance or null.
 *
 * @example
 * ```ts
 * isPlainObject({ a: 1 }); // true
 * isPlainObject(new Date()); // false
 * ```
 */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Throws a {@link ValidationError} unless `value` is a plain object (without narrowing its type,
 * so a typed options object keeps its property types).
 *
 * @example
 * ```ts
 * requirePlainObject(options, 'options', 'expected { title, text, level }');
 * ```
 */
export function requirePlainObject(value: unknown, parameter: string, expected: string): void {
  if (!isPlainObject(value)) throw new ValidationError(parameter, `${expected}, got ${describeValue(value)}`);
}

/**
 * Checks an options argument: `undefined` gives `{}`; anything but a plain object is rejected.
 *
 * @example
 * ```ts
 * const opts = optionsObject<{ perPage?: number }>(options, 'options');
 * ```
 */
export function optionsObject<T extends object>(value: T | undefined | null, parameter = 'options'): T {
  if (value === undefined) return {} as T;
  if (!isPlainObject(value)) {
    throw new ValidationError(
      parameter,
      `expected an object of options, got ${value === null ? 'null' : typeof value}`,
    );
  }
  return value;
}

/**
 * A string option: trimmed, `undefined` when absent or blank; anything but a string is rejected.
 *
 * @example
 * ```ts
 * optionalString('  x ', 'entity'); // 'x'
 * ```
 */
export function optionalString(value: unknown, parameter: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new ValidationError(parameter, `expected a string, got ${typeof value}`);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * An entity or project name: like {@link optionalString}, and a valid name by {@link checkName}.
 *
 * @example
 * ```ts
 * optionalName('My Project', 'project'); // 'My Project'
 * optionalName('a/b', 'entity'); // throws ValidationError
 * ```
 */
export function optionalName(value: unknown, parameter: string): string | undefined {
  const name = optionalString(value, parameter);
  if (name !== undefined) checkName(name, parameter);
  return name;
}

/** The longest entity, project or run name W&B accepts, in characters. */
export const MAX_NAME_LENGTH = 128;

/** The characters W&B refuses in entity, project and run names. */
const FORBIDDEN_IN_NAME = ['/', '\\', '#', '?', '%', ':'] as const;

const CONTROL = /\p{Cc}/u;

/**
 * Rejects what W&B refuses in an entity, project or run name (the rule of the official client's
 * `validate_project`): an empty name, more than {@link MAX_NAME_LENGTH} characters, any of
 * `/ \ # ? % :`, and control characters (tab, newline, ...). Anything else is a name, spaces and
 * non-ASCII letters included (`My Project`, `münchen`). A `%` that looks like a percent-escape
 * (copied from a URL) gets the decoded name as a hint.
 *
 * @throws {@link ValidationError} naming `parameter`, the offending character and what is allowed.
 * @example
 * ```ts
 * checkName('My Project', 'project'); // ok
 * checkName('a?b', 'project'); // throws ValidationError: it may not contain "?"
 * ```
 */
export function checkName(name: string, parameter: string): void {
  const allowed = `names may not contain ${FORBIDDEN_IN_NAME.map((c) => `"${c}"`).join(', ')} or control characters, and have 1 to ${MAX_NAME_LENGTH} characters`;
  if (typeof name !== 'string')
    throw new ValidationError(parameter, `expected a name, got ${describeValue(name)}`);
  if (name === '') throw new ValidationError(parameter, `the name is empty; ${allowed}`);
  const length = [...name].length;
  if (length > MAX_NAME_LENGTH) {
    throw new ValidationError(
      parameter,
      `${JSON.stringify(name.slice(0, 20))}... is ${length} characters long; ${allowed}`,
    );
  }
  const control = CONTROL.exec(name);
  const found = control?.[0] ?? FORBIDDEN_IN_NAME.find((c) => name.includes(c));
  if (found === undefined) return;
  const what = control
    ? `a control character (U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`
    : `"${found}"`;
  let hint = '';
  if (found === '%') {
    const decoded = decodeOrUndefined(name);
    if (decoded !== undefined && decoded !== name)
      hint = `; if it is percent-encoded, pass ${JSON.stringify(decoded)}`;
  }
  throw new ValidationError(parameter, `${JSON.stringify(name)} contains ${what}; ${allowed}${hint}`);
}

function decodeOrUndefined(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * A boolean option, `undefined` when absent.
 *
 * @example
 * ```ts
 * optionalBoolean(options.lazy, 'lazy');
 * ```
 */
export function optionalBoolean(value: unknown, parameter: string): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new ValidationError(parameter, `expected true or false, got ${typeof value}`);
  }
  return value;
}

/**
 * An `AbortSignal` option, `undefined` when absent.
 *
 * @example
 * ```ts
 * optionalSignal(AbortSignal.timeout(1000)); // the signal
 * ```
 */
export function optionalSignal(value: unknown, parameter = 'signal'): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (typeof AbortSignal === 'undefined' || !(value instanceof AbortSignal)) {
    throw new ValidationError(parameter, 'expected an AbortSignal (e.g. from new AbortController().signal)');
  }
  return value;
}

/**
 * A positive finite number option (milliseconds and the like), `undefined` when absent. With
 * `integer`, only integers; with `max`, nothing above it (e.g. the largest GraphQL `Int`).
 *
 * @example
 * ```ts
 * optionalPositive(30_000, 'timeoutMs'); // 30000
 * optionalPositive(3, 'retry.maxAttempts', { integer: true }); // 3
 * ```
 */
export function optionalPositive(
  value: unknown,
  parameter: string,
  { integer = false, max = Infinity }: { integer?: boolean; max?: number } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value > 0 &&
    value <= max &&
    (!integer || Number.isInteger(value));
  if (!ok) {
    const bound = max === Infinity ? '' : ` (at most ${max})`;
    throw new ValidationError(
      parameter,
      `expected a positive ${integer ? 'integer' : 'number'}${bound}, got ${describeValue(value)}`,
    );
  }
  return value;
}

/** The largest value of a GraphQL `Int` (a signed 32-bit integer): 2³¹ − 1. */
export const MAX_GRAPHQL_INT = 2_147_483_647;

/**
 * A positive integer option that is sent as a GraphQL `Int` (`perPage`, `samples`, `pageSize`):
 * an integer from 1 to {@link MAX_GRAPHQL_INT}; `undefined` when absent. The one check every such
 * option goes through, so none reaches the server out of range.
 *
 * @throws {@link ValidationError} naming `parameter` for anything else (0, negatives, fractions,
 *   NaN, strings, and integers above 2³¹ − 1).
 * @example
 * ```ts
 * optionalGraphQLInt(500, 'samples'); // 500
 * optionalGraphQLInt(2 ** 31, 'perPage'); // throws ValidationError
 * ```
 */
export function optionalGraphQLInt(value: unknown, parameter: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_GRAPHQL_INT) {
    throw new ValidationError(
      parameter,
      `expected a positive integer of at most ${MAX_GRAPHQL_INT} (the largest GraphQL Int), got ${describeValue(value)}`,
    );
  }
  return value;
}

/**
 * A short description of a rejected value, for messages: numbers as written, strings quoted,
 * everything else by its kind (`null`, `an array`, `a Date`, `a Map`, ...). Never throws.
 *
 * @example
 * ```ts
 * describeValue(2.5); // '2.5'
 * describeValue('10'); // 'the string "10"'
 * describeValue([1]); // 'an array'
 * ```
 */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof RegExp) return 'a RegExp';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'an invalid Date' : 'a Date';
  if (typeof v === 'object') {
    const ctor = (v as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof ctor === 'string' && ctor !== 'Object' ? `a ${ctor}` : 'an object';
  }
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  return `a ${typeof v}`;
}
