import { describe, expect, it } from 'vitest';
import { ValidationError, WandbError } from '../../../../src/errors/index.js';
import {
  parseJsonLenient,
  parseJsonString,
  unwrapConfig,
  wrapConfig,
} from '../../../../src/facade/core/json.js';

describe('parseJsonString', () => {
  it('parses strict JSON objects', () => {
    expect(parseJsonString('{"a": 1, "b": {"c": [true, null, "x"]}}', 'config')).toEqual({
      a: 1,
      b: { c: [true, null, 'x'] },
    });
  });

  it.each([null, undefined, '', '  ', 'null'])('gives {} for %j', (value) => {
    expect(parseJsonString(value, 'config')).toEqual({});
  });

  it('accepts bare NaN, Infinity and -Infinity', () => {
    const out = parseJsonString(
      '{"loss": NaN, "best": Infinity, "worst": -Infinity, "xs": [1,NaN,-Infinity]}',
      's',
    );
    expect(out.loss).toBeNaN();
    expect(out.best).toBe(Infinity);
    expect(out.worst).toBe(-Infinity);
    expect(out.xs).toEqual([1, NaN, -Infinity]);
  });

  it('leaves the same words inside strings alone', () => {
    const out = parseJsonString('{"NaN": "NaN", "s": "-Infinity and Infinity", "n": NaN}', 's');
    expect(out).toEqual({ NaN: 'NaN', s: '-Infinity and Infinity', n: NaN });
  });

  it('handles escaped quotes and backslashes before the lenient tokens', () => {
    const out = parseJsonString('{"a": "say \\"NaN\\" \\\\", "b": NaN}', 's');
    expect(out.a).toBe('say "NaN" \\');
    expect(out.b).toBeNaN();
  });

  it('escapes raw control characters inside strings', () => {
    const out = parseJsonString('{"notes": "line1\nline2\ttab\u0001", "n": 1}', 'config');
    expect(out).toEqual({ notes: 'line1\nline2\ttab\u0001', n: 1 });
  });

  it('combines both repairs', () => {
    expect(parseJsonString('{"a": "x\ny", "b": Infinity}', 's')).toEqual({ a: 'x\ny', b: Infinity });
  });

  it('returns an already-parsed object as is', () => {
    const obj = { a: 1 };
    expect(parseJsonString(obj as unknown as string, 'config')).toBe(obj);
  });

  it.each(['{"a": }', '{a: 1}', '{"a": nan}', '{"a": NaNx}', "{'a': 1}", '{"a": 1'])(
    'throws a WandbError naming what for %j',
    (text) => {
      expect(() => parseJsonString(text, 'summaryMetrics of run abc')).toThrow(WandbError);
      expect(() => parseJsonString(text, 'summaryMetrics of run abc')).toThrow(/summaryMetrics of run abc/);
    },
  );

  it.each(['[1,2]', '3', '"x"', 'true'])('rejects a non-object %j', (text) => {
    expect(() => parseJsonString(text, 'config')).toThrow(/config: expected a JSON object/);
  });
});

describe('parseJsonLenient', () => {
  it('parses any JSON value leniently', () => {
    expect(parseJsonLenient('[1, -Infinity]', 'row')).toEqual([1, -Infinity]);
    expect(parseJsonLenient('NaN', 'row')).toBeNaN();
    expect(parseJsonLenient('"a\tb"', 'row')).toBe('a\tb');
  });
});

describe('config', () => {
  const raw = {
    lr: { value: 0.1, desc: null },
    layers: { value: [64, 32], desc: 'sizes' },
    nested: { value: { opt: 'adam' } },
    plain: 3,
    noValue: { desc: 'x' },
    nullValue: { value: null, desc: null },
    _wandb: { value: { cli_version: '0.17.0' }, desc: null },
    wandb_version: 1,
  };

  it('unwraps values and drops W&B keys', () => {
    expect(unwrapConfig(raw)).toEqual({
      lr: 0.1,
      layers: [64, 32],
      nested: { opt: 'adam' },
      plain: 3,
      noValue: { desc: 'x' },
      nullValue: null,
    });
  });

  it('unwraps a config parsed from the server without prototype tricks', () => {
    const out = unwrapConfig(parseJsonString('{"__proto__": {"value": {"polluted": true}}}', 'config'));
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect((out as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it('wraps values, keeping _wandb from the previous raw config', () => {
    expect(wrapConfig({ lr: 0.2, extra: { a: 1 } }, raw)).toEqual({
      _wandb: { value: { cli_version: '0.17.0' }, desc: null },
      lr: { value: 0.2, desc: null },
      extra: { value: { a: 1 }, desc: null },
    });
    expect(wrapConfig({ lr: 0.2 })).toEqual({ lr: { value: 0.2, desc: null } });
  });

  it('ignores reserved and undefined keys when wrapping', () => {
    expect(wrapConfig({ _wandb: 'mine', wandb_version: 2, gone: undefined, kept: null })).toEqual({
      kept: { value: null, desc: null },
    });
  });

  it('round-trips', () => {
    const plain = unwrapConfig(raw);
    const rewrapped = wrapConfig(plain, raw);
    expect(unwrapConfig(rewrapped)).toEqual(plain);
    expect(rewrapped._wandb).toEqual(raw._wandb);
  });

  it('rejects a non-object config', () => {
    expect(() => wrapConfig([] as unknown as Record<string, unknown>)).toThrow(ValidationError);
  });
});
