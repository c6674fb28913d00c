/**
 * JSON text the way the W&B server writes its `JSONString` fields (`config`, `summaryMetrics`,
 * `systemMetrics`): standard JSON, except that non-finite numbers are bare `NaN`, `Infinity` and
 * `-Infinity` tokens (wandb-ops.md §7.1: clients need a lenient parser for these fields).
 *
 * @example
 * ```ts
 * import { stringifyJsonString } from './json.js';
 * stringifyJsonString({ loss: NaN, best: Infinity }); // '{"loss":NaN,"best":Infinity}'
 * ```
 * @module
 */

/**
 * Sets `key` on `target` as an own, enumerable, writable property, even when the key is
 * `__proto__` (plain assignment would set the object's prototype instead). For objects whose keys
 * come from clients or seeds: JSON objects, config, history rows.
 *
 * @example
 * ```ts
 * const row: Record<string, unknown> = {};
 * setOwn(row, '__proto__', 1);
 * Object.keys(row); // ['__proto__']
 * ```
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Serializes a value like `JSON.stringify`, but writes non-finite numbers as bare `NaN`,
 * `Infinity` and `-Infinity` tokens instead of `null`. Strings (values or keys) are never altered,
 * even when they contain the text used internally as a placeholder.
 *
 * @example
 * ```ts
 * stringifyJsonString({ a: [1, -Infinity], s: 'NaN' }); // '{"a":[1,-Infinity],"s":"NaN"}'
 * ```
 */
export function stringifyJsonString(value: unknown): string {
  const plain = JSON.stringify(value);
  // Non-finite numbers come out as null: text without "null" has none (the common case, one pass).
  if (typeof plain !== 'string' || !plain.includes('null') || !hasNonFinite(value)) return plain;
  // A placeholder that occurs nowhere in the plain text, so no user string can contain it.
  let n = 0;
  let placeholder = '__emulator_non_finite_0__';
  while (plain.includes(placeholder)) placeholder = `__emulator_non_finite_${++n}__`;
  let replaced = false;
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) {
      replaced = true;
      return `${placeholder}${String(v)}`;
    }
    return v;
  });
  if (!replaced) return plain;
  const token = new RegExp(`"${escapeRegExp(placeholder)}(NaN|-?Infinity)"`, 'g');
  return text.replace(token, (_match, name: string) => name);
}

/** Whether a JSON-like value holds a NaN or ±Infinity number anywhere (what `toJSON` returns is not followed). */
function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    if (hasNonFinite(item)) return true;
  }
  return false;
}

/**
 * Parses JSON text the way the W&B server reads `JSONString` inputs: standard JSON, plus bare
 * `NaN`, `Infinity` and `-Infinity` tokens (clients such as the Python SDK write non-finite
 * summary values that way). Object keys are set as own properties, `__proto__` included.
 *
 * @throws Error naming the position of the first problem when the text is not such JSON.
 * @example
 * ```ts
 * parseJsonString('{"loss": NaN, "best": -Infinity}'); // { loss: NaN, best: -Infinity }
 * ```
 */
export function parseJsonString(text: string): unknown {
  return new JsonReader(text).document();
}

const NON_FINITE_TOKENS: ReadonlyArray<[string, number]> = [
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
];
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

/** A small recursive-descent JSON reader (JSON.parse has no hook for bare non-finite tokens). */
class JsonReader {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  document(): unknown {
    const value = this.value();
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail('unexpected text after the JSON value');
    return value;
  }

  private fail(what: string): never {
    throw new Error(`Invalid JSON at position ${this.pos}: ${what}`);
  }

  private skipWhitespace(): void {
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.exec(this.text);
    this.pos = WHITESPACE.lastIndex;
  }

  private value(): unknown {
    this.skipWhitespace();
    const c = this.text.charAt(this.pos);
    if (c === '{' || c === '[') {
      if (++this.depth > 512) this.fail('nested too deeply');
      const v = c === '{' ? this.object() : this.array();
      this.depth--;
      return v;
    }
    if (c === '"') return this.string();
    for (const [token, number] of NON_FINITE_TOKENS) {
      if (this.text.startsWith(token, this.pos)) {
        this.pos += token.length;
        return number;
      }
    }
    for (const [token, literal] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(token, this.pos)) {
        this.pos += token.length;
        return literal;
      }
    }
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail(c === '' ? 'unexpected end of text' : `unexpected character ${JSON.stringify(c)}`);
    this.pos = NUMBER.lastIndex;
    return Number(match[0]);
  }

  private expect(c: string): void {
    this.skipWhitespace();
    if (this.text.charAt(this.pos) !== c) this.fail(`expected ${JSON.stringify(c)}`);
    this.pos++;
  }

  /** Consumes `c` (after white space) when it is next. */
  private accept(c: string): boolean {
    this.skipWhitespace();
    if (this.text.charAt(this.pos) !== c) return false;
    this.pos++;
    return true;
  }

  private object(): Record<string, unknown> {
    this.pos++; // {
    const out: Record<string, unknown> = {};
    if (this.accept('}')) return out;
    do {
      this.skipWhitespace();
      if (this.text.charAt(this.pos) !== '"') this.fail('expected a string key');
      const key = this.string();
      this.expect(':');
      const value = this.value();
      setOwn(out, key, value);
    } while (this.accept(','));
    this.expect('}');
    return out;
  }

  private array(): unknown[] {
    this.pos++; // [
    const out: unknown[] = [];
    if (this.accept(']')) return out;
    do out.push(this.value());
    while (this.accept(','));
    this.expect(']');
    return out;
  }

  private string(): string {
    const start = this.pos;
    this.pos++; // opening quote
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (Number.isNaN(c)) this.fail('unterminated string');
      if (c < 0x20) this.fail('control character in a string');
      this.pos++;
      if (c === 0x5c /* \ */) this.pos++;
      else if (c === 0x22 /* " */) break;
    }
    // The string's own text is standard JSON: let JSON.parse decode its escapes (and reject bad ones).
    try {
      return JSON.parse(this.text.slice(start, this.pos)) as string;
    } catch {
      this.pos = start;
      return this.fail('invalid escape in a string');
    }
  }
}
