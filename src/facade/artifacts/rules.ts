/**
 * What W&B accepts in artifact type names, metadata and TTLs (the official client's
 * `_validators.py` and `_generated/input_types.py`; protocol notes §1.3–§1.5), checked before any
 * request: each rule throws a {@link ValidationError} naming the parameter. These are the rules
 * `api.newArtifact()` checks at once (a browser app loads them with the page); those of aliases
 * and tags are in `labels.ts`.
 *
 * @example
 * ```ts
 * checkTypeName('dataset', 'type'); // 'dataset'
 * checkTtl(86_400); // 86400
 * checkMetadata({ best: Infinity }); // throws ValidationError('metadata.best', ...)
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import { checkSendableJson } from '../core/sendable.js';
import { describeValue, isPlainObject } from '../core/validate.js';

/** The longest alias, tag or type name W&B accepts, in characters. */
export const MAX_ARTIFACT_LABEL_LENGTH = 128;

/** The most top-level keys artifact metadata may have. */
export const MAX_METADATA_KEYS = 100;

/**
 * Checks the length of an alias, tag or type name: 1 to {@link MAX_ARTIFACT_LABEL_LENGTH} characters.
 * @internal
 * @example
 * ```ts
 * checkLength('prod', 'aliases[0]', 'an alias');
 * ```
 */
export function checkLength(item: string, parameter: string, what: string): void {
  const length = [...item].length;
  if (length === 0) throw new ValidationError(parameter, `${what} may not be empty`);
  if (length > MAX_ARTIFACT_LABEL_LENGTH) {
    throw new ValidationError(
      parameter,
      `${what} ${JSON.stringify(item.slice(0, 20))}... is ${length} characters long; at most ${MAX_ARTIFACT_LABEL_LENGTH} are allowed`,
    );
  }
}

/**
 * Checks an artifact type name: a non-empty string of at most 128 characters without `/` or `:`.
 *
 * @throws {@link ValidationError} naming `parameter`.
 * @example
 * ```ts
 * checkTypeName('dataset', 'type'); // 'dataset'
 * checkTypeName('a:b', 'type'); // throws ValidationError
 * ```
 */
export function checkTypeName(value: unknown, parameter = 'type'): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError(
      parameter,
      `expected an artifact type name (a non-empty string), got ${describeValue(value)}`,
    );
  }
  checkLength(value, parameter, 'the type name');
  const bad = ['/', ':'].find((c) => value.includes(c));
  if (bad !== undefined) {
    throw new ValidationError(parameter, `the type name ${JSON.stringify(value)} may not contain "${bad}"`);
  }
  return value;
}

/** Reserved name prefixes by type (`validate_artifact_type`): `''` reserves every name. */
const RESERVED_NAMES_BY_TYPE: Readonly<Record<string, string>> = {
  job: '',
  run_table: 'run-',
  code: 'source-',
};

/**
 * Whether W&B reserves a type (with a collection name) for its own use: any type starting with
 * `wandb-`, type `job` (every name), `run_table` with names starting `run-`, `code` with names
 * starting `source-`.
 *
 * @example
 * ```ts
 * isReservedType('wandb-history', 'run-x-history'); // true
 * isReservedType('code', 'source-abc'); // true
 * isReservedType('dataset', 'mnist'); // false
 * ```
 */
export function isReservedType(type: string, name: string): boolean {
  const prefix = Object.prototype.hasOwnProperty.call(RESERVED_NAMES_BY_TYPE, type)
    ? RESERVED_NAMES_BY_TYPE[type]
    : undefined;
  return type.startsWith('wandb-') || (prefix !== undefined && name.startsWith(prefix));
}

/**
 * Checks artifact metadata before it is sent: a plain object of at most 100 top-level keys whose
 * values JSON can hold as they are (the check of `run.config`: no functions, `Map`s, class
 * instances, circular references...), without `±Infinity` anywhere (W&B refuses them in metadata;
 * `NaN` is sent as `null`).
 *
 * @throws {@link ValidationError} naming the key path (`metadata.layers[2]`).
 * @example
 * ```ts
 * checkMetadata({ rows: 60_000, source: 'yann.lecun.com' }); // ok
 * checkMetadata({ best: Infinity }); // throws ValidationError('metadata.best', ...)
 * ```
 */
export function checkMetadata(value: unknown, parameter = 'metadata'): Record<string, unknown> {
  if (!isPlainObject(value)) {
    throw new ValidationError(parameter, `expected a plain object of metadata, got ${describeValue(value)}`);
  }
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  if (keys.length > MAX_METADATA_KEYS) {
    throw new ValidationError(
      parameter,
      `it has ${keys.length} top-level keys; W&B keeps at most ${MAX_METADATA_KEYS} (nest related values in objects)`,
    );
  }
  checkSendableJson(value, parameter);
  const visit = (v: unknown, at: string): void => {
    if (typeof v === 'number' && (v === Infinity || v === -Infinity)) {
      throw new ValidationError(
        at,
        `${String(v)} cannot be stored in artifact metadata; use null or a finite number`,
      );
    }
    if (Array.isArray(v)) v.forEach((item, i) => visit(item, `${at}[${i}]`));
    else if (isPlainObject(v)) for (const [k, item] of Object.entries(v)) visit(item, `${at}.${k}`);
  };
  visit(value, parameter);
  return value;
}

/**
 * Checks a TTL in seconds: a positive integer, or `undefined` for none.
 *
 * @throws {@link ValidationError} naming `parameter`.
 * @example
 * ```ts
 * checkTtl(86_400); // 86400
 * checkTtl(undefined); // undefined
 * checkTtl(1.5); // throws ValidationError
 * ```
 */
export function checkTtl(value: unknown, parameter = 'ttl'): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new ValidationError(
      parameter,
      `expected a positive whole number of seconds (or undefined for no TTL), got ${describeValue(value)}`,
    );
  }
  return value;
}
