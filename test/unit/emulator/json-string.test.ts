// JSONString text as the server writes and reads it: bare NaN / Infinity tokens.
import { describe, expect, it } from 'vitest';
import { parseJsonString, stringifyJsonString } from '../../../src/emulator/graphql/json-string.js';

describe('emulator json: parseJsonString', () => {
  it('reads standard JSON and bare non-finite tokens, not inside strings', () => {
    expect(parseJsonString('{"a": [1, -2.5e3, true, false, null], "s": "NaN \\u00e9\\n"}')).toEqual({
      a: [1, -2500, true, false, null],
      s: 'NaN é\n',
    });
    const v = parseJsonString(' { "n": NaN, "p": Infinity, "m": [-Infinity] } ') as Record<string, unknown>;
    expect(v.n).toBeNaN();
    expect(v.p).toBe(Infinity);
    expect(v.m).toEqual([-Infinity]);
  });

  it('keeps __proto__ as an own key', () => {
    const v = parseJsonString('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
  });

  it('rejects malformed text with its position', () => {
    for (const bad of ['', '{', '{"a" 1}', '[1,]', '01', '"x', 'nan', '{"a":1} x', '"\u0001"', '"\\q"']) {
      expect(() => parseJsonString(bad), bad).toThrow(/Invalid JSON at position \d+/);
    }
  });
});

describe('emulator json: stringifyJsonString', () => {
  it('serializes finite values exactly like JSON.stringify', () => {
    const value = { a: 1, b: 'x', c: [null, true, { d: 2.5 }], e: '"__emulator_non_finite_0__NaN"' };
    expect(stringifyJsonString(value)).toBe(JSON.stringify(value));
    expect(stringifyJsonString({ a: NaN, s: '"__emulator_non_finite_0__NaN"' })).toBe(
      '{"a":NaN,"s":"\\"__emulator_non_finite_0__NaN\\""}',
    );
  });
});
