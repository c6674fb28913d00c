// The pure helpers behind createRun and run.update(): random run ids and the JSON encodings the
// server expects for config and summaryMetrics (the writes themselves: test/e2e/writes.test.ts).
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/errors/index.js';
import { encodeConfig, stringifyJsonWithNonFinite } from '../../../../src/facade/runs/encode.js';
import { randomRunId } from '../../../../src/facade/runs/writes.js';

describe('writes helpers', () => {
  it('randomRunId draws 8 characters of [a-z0-9]', () => {
    const ids = Array.from({ length: 200 }, () => randomRunId());
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]{8}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.join('')).size).toBeGreaterThan(30);
  });

  it('stringifyJsonWithNonFinite writes bare tokens only for numbers', () => {
    expect(stringifyJsonWithNonFinite({ a: [NaN, -Infinity], s: 'Infinity', k: { NaN: 1 } }, 'summary')).toBe(
      '{"a":[NaN,-Infinity],"s":"Infinity","k":{"NaN":1}}',
    );
    expect(stringifyJsonWithNonFinite({ d: new Date(0), u: undefined }, 'summary')).toBe(
      '{"d":"1970-01-01T00:00:00.000Z"}',
    );
    expect(() => stringifyJsonWithNonFinite({ b: 1n }, 'summary')).toThrow(ValidationError);
    // Escaped backslashes and quotes before a non-finite number.
    expect(stringifyJsonWithNonFinite({ p: 'C:\\data', n: NaN }, 'summary')).toBe(
      '{"p":"C:\\\\data","n":NaN}',
    );
    expect(stringifyJsonWithNonFinite({ q: 'a"b', n: Infinity, z: '\\' }, 'summary')).toBe(
      '{"q":"a\\"b","n":Infinity,"z":"\\\\"}',
    );
  });

  it('encodeConfig keeps internal keys verbatim and descriptions of kept keys', () => {
    const raw = {
      _wandb: { value: { t: 1 }, desc: 'internal' },
      wandb_version: 1,
      lr: { value: 0.1, desc: 'rate' },
      gone: { value: 1, desc: null },
    };
    expect(JSON.parse(encodeConfig({ lr: 0.2, __proto__x: 1, nan: 1 }, raw))).toEqual({
      _wandb: { value: { t: 1 }, desc: 'internal' },
      wandb_version: 1,
      lr: { value: 0.2, desc: 'rate' },
      __proto__x: { value: 1, desc: null },
      nan: { value: 1, desc: null },
    });
    expect(encodeConfig({ x: NaN }, {})).toBe('{"x":{"value":NaN,"desc":null}}');
  });
});
