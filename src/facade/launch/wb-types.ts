/**
 * W&B's serialized value types (`{ wb_type, params }`, the `input_types` and `output_types` of a
 * job's `wandb-job.json`) and the check `job.call()` makes of a config against them, with the
 * rules of the official client's type registry (`wandb/sdk/data_types/_dtypes.py`): a typed dict
 * needs every key it names (a missing key is `None`, which only `none` or a union with it accepts)
 * and no other; a list's elements must all fit one type; a union takes what any member takes.
 * Types this client does not know (media, artifacts, Python objects, ...) accept any value.
 *
 * @example
 * ```ts
 * const type: WbType = { wb_type: 'typedDict', params: { type_map: { lr: { wb_type: 'number' } } } };
 * explainMismatch(type, { lr: 'fast' }, 'config'); // 'config.lr: the string "fast" is not a number'
 * ```
 * @module
 */
import { describeValue, isPlainObject } from '../core/validate.js';

/**
 * One serialized W&B type: `wb_type` names it (`number`, `string`, `boolean`, `none`, `list`,
 * `typedDict`, `union`, `any`, `unknown`, `const`, `timestamp`, or a media / artifact type),
 * `params` holds what it needs (`type_map`, `element_type`, `allowed_types`, `val`, ...).
 *
 * @example
 * ```ts
 * const lr: WbType = { wb_type: 'number' };
 * const config: WbType = { wb_type: 'typedDict', params: { type_map: { lr } } };
 * ```
 */
export interface WbType {
  /** The type's name. */
  readonly wb_type: string;
  /** What the type needs, by type; absent when it needs nothing. */
  readonly params?: Readonly<Record<string, unknown>>;
}

const INVALID = Symbol('invalid');
type Assigned = WbType | typeof INVALID;

const NUMBER: WbType = { wb_type: 'number' };
const STRING: WbType = { wb_type: 'string' };
const BOOLEAN: WbType = { wb_type: 'boolean' };
const NONE: WbType = { wb_type: 'none' };
const UNKNOWN: WbType = { wb_type: 'unknown' };

function isWbType(v: unknown): v is WbType {
  return isPlainObject(v) && typeof v.wb_type === 'string';
}

function param(type: WbType, name: string): unknown {
  return type.params?.[name];
}

function typeMap(type: WbType): Record<string, WbType> {
  const map = param(type, 'type_map');
  if (!isPlainObject(map)) return {};
  const out: Record<string, WbType> = {};
  for (const [k, v] of Object.entries(map)) out[k] = isWbType(v) ? v : UNKNOWN;
  return out;
}

function isNone(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/** The type of a value, as `TypeRegistry.type_of` gives it (NaN counts as None). */
function typeOf(value: unknown): WbType {
  if (isNone(value)) return NONE;
  if (typeof value === 'number') return NUMBER;
  if (typeof value === 'string') return STRING;
  if (typeof value === 'boolean') return BOOLEAN;
  if (value instanceof Date) return { wb_type: 'timestamp' };
  if (Array.isArray(value)) {
    let element: Assigned = value.some(isNone)
      ? { wb_type: 'union', params: { allowed_types: [UNKNOWN, NONE] } }
      : UNKNOWN;
    for (const item of value) if (element !== INVALID) element = assign(element, item);
    return { wb_type: 'list', params: { element_type: element === INVALID ? UNKNOWN : element } };
  }
  if (isPlainObject(value)) {
    const map: Record<string, WbType> = {};
    for (const [k, v] of Object.entries(value)) map[k] = typeOf(v);
    return { wb_type: 'typedDict', params: { type_map: map } };
  }
  return { wb_type: 'pythonObject' };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `type.assign(value)`: the narrowed type, or INVALID when the value does not fit. */
function assign(type: WbType, value: unknown): Assigned {
  switch (type.wb_type) {
    case 'invalid':
      return INVALID;
    case 'any':
      return isNone(value) ? INVALID : type;
    case 'unknown':
      return isNone(value) ? INVALID : typeOf(value);
    case 'none':
      return isNone(value) ? type : INVALID;
    case 'number':
      return typeof value === 'number' && !Number.isNaN(value) ? type : INVALID;
    case 'string':
      return typeof value === 'string' ? type : INVALID;
    case 'boolean':
      return typeof value === 'boolean' ? type : INVALID;
    case 'timestamp':
      return value instanceof Date ? type : INVALID;
    case 'const':
      return sameValue(param(type, 'val'), value) ? type : INVALID;
    case 'union': {
      const allowed = param(type, 'allowed_types');
      const members = Array.isArray(allowed) ? allowed.filter(isWbType) : [];
      const known = members.filter((m) => m.wb_type !== 'unknown');
      if (known.some((m) => assign(m, value) !== INVALID)) return type;
      return members.length > known.length && !isNone(value) ? type : INVALID;
    }
    case 'list': {
      if (!Array.isArray(value)) return INVALID;
      const declared = param(type, 'element_type');
      let element: Assigned = isWbType(declared) ? declared : UNKNOWN;
      for (const item of value) {
        element = assign(element, item);
        if (element === INVALID) return INVALID;
      }
      return { wb_type: 'list', params: { element_type: element } };
    }
    case 'typedDict':
    case 'dictionary': {
      if (!isPlainObject(value)) return INVALID;
      const map = typeMap(type);
      if (Object.keys(value).some((k) => !(k in map))) return INVALID;
      const out: Record<string, WbType> = {};
      for (const [k, t] of Object.entries(map)) {
        const assigned = assign(t, value[k]);
        if (assigned === INVALID) return INVALID;
        out[k] = assigned;
      }
      return { wb_type: 'typedDict', params: { type_map: out } };
    }
    default:
      // Media, artifact versions, Python objects, ndarrays, ...: not checked by this client.
      return type;
  }
}

/** A short name of a type, for messages: `a number`, `a list`, `a dict with keys a, b`, ... */
function describeType(type: WbType): string {
  switch (type.wb_type) {
    case 'number':
    case 'string':
    case 'boolean':
    case 'timestamp':
      return `a ${type.wb_type}`;
    case 'none':
      return 'None (null)';
    case 'list':
      return 'a list';
    case 'typedDict':
    case 'dictionary':
      return `a dict with the keys ${Object.keys(typeMap(type)).join(', ') || '(none)'}`;
    case 'union': {
      const allowed = param(type, 'allowed_types');
      const members = Array.isArray(allowed) ? allowed.filter(isWbType) : [];
      return members.map(describeType).join(' or ');
    }
    case 'const':
      return `the value ${JSON.stringify(param(type, 'val'))}`;
    case 'any':
      return 'any value but None';
    case 'unknown':
      return 'a value (not None)';
    default:
      return `a ${type.wb_type}`;
  }
}

/**
 * Why `value` does not fit `type` (the first mismatch, with its path from `where`), or
 * `undefined` when it fits. A pure function: no request.
 *
 * @example
 * ```ts
 * const type: WbType = { wb_type: 'typedDict', params: { type_map: { lr: { wb_type: 'number' }, epochs: { wb_type: 'number' } } } };
 * explainMismatch(type, { lr: 0.1 }, 'config'); // 'config.epochs: missing, expected a number'
 * explainMismatch(type, { lr: 0.1, epochs: 3 }, 'config'); // undefined
 * ```
 */
export function explainMismatch(type: WbType, value: unknown, where: string): string | undefined {
  if (assign(type, value) !== INVALID) return undefined;
  if ((type.wb_type === 'typedDict' || type.wb_type === 'dictionary') && isPlainObject(value)) {
    const map = typeMap(type);
    const extra = Object.keys(value).filter((k) => !(k in map));
    if (extra.length > 0)
      return `${where}: unexpected ${extra.length === 1 ? 'key' : 'keys'} ${extra.join(', ')} (the job takes ${Object.keys(map).join(', ') || 'no keys'})`;
    for (const [k, t] of Object.entries(map)) {
      const inner = explainMismatch(t, value[k], `${where}.${k}`);
      if (inner !== undefined) return inner;
    }
  }
  if (type.wb_type === 'list' && Array.isArray(value)) {
    const declared = param(type, 'element_type');
    let element: Assigned = isWbType(declared) ? declared : UNKNOWN;
    for (const [i, item] of value.entries()) {
      const next = assign(element, item);
      if (next === INVALID) return explainMismatch(element, item, `${where}[${i}]`);
      element = next;
    }
  }
  if (value === undefined) return `${where}: missing, expected ${describeType(type)}`;
  return `${where}: ${describeValue(value)} is not ${describeType(type)}`;
}

/**
 * Whether a value parsed from JSON is a {@link WbType} (an object with a string `wb_type`).
 *
 * @example
 * ```ts
 * isSerializedType({ wb_type: 'number' }); // true
 * ```
 */
export function isSerializedType(v: unknown): v is WbType {
  return isWbType(v);
}
