// checkSendableJson: what a run's config and summary may hold, checked before they are encoded.
import { describe, expect, it } from 'vitest';
import { checkSendableJson } from '../../../../src/facade/core/json.js';
import { validationError } from '../../../support/expect-errors.js';

class Schedule {
  constructor(readonly steps: number) {}
}

describe('checkSendableJson', () => {
  it('accepts plain JSON values, NaN and Infinity, Dates, and skips undefined properties', () => {
    expect(() =>
      checkSendableJson(
        {
          lr: 0.1,
          best: Infinity,
          worst: -Infinity,
          missing: NaN,
          name: 'adam',
          on: true,
          none: null,
          at: new Date('2024-01-01T00:00:00Z'),
          layers: [64, 32, { dropout: 0.1 }],
          cleared: undefined,
          nested: { a: { b: { c: [[]] } } },
          ['']: 1,
          'with.dot': 2,
        },
        'config',
      ),
    ).not.toThrow();
    const shared = { x: 1 };
    expect(() => checkSendableJson({ a: shared, b: shared }, 'config')).not.toThrow(); // not a cycle
  });

  it.each<[string, unknown, string, string]>([
    ['a function', { optimizer: { schedule: () => 0.1 } }, 'config.optimizer.schedule', 'a function'],
    ['a symbol', { tag: Symbol('x') }, 'config.tag', 'a symbol'],
    ['a bigint', { steps: 10n }, 'config.steps', 'Number()'],
    ['a Map', { lookup: new Map([['a', 1]]) }, 'config.lookup', 'Object.fromEntries'],
    ['a Set', { seen: new Set([1]) }, 'config.seen', '[...set]'],
    ['a class instance', { schedule: new Schedule(3) }, 'config.schedule', 'a Schedule'],
    ['a RegExp', { pattern: /a/ }, 'config.pattern', 'a RegExp'],
    ['a typed array', { weights: new Float32Array(2) }, 'config.weights', 'a Float32Array'],
    ['a boxed number', { n: new Number(1) }, 'config.n', 'a Number'],
    ['an invalid Date', { at: new Date('nope') }, 'config.at', 'invalid Date'],
    ['undefined in an array', { layers: [1, undefined] }, 'config.layers[1]', 'sent as null'],
    // eslint-disable-next-line no-sparse-arrays
    ['a hole in an array', { layers: [1, , 3] }, 'config.layers[1]', 'empty slot'],
    ['a toJSON method', { v: { toJSON: () => 1 } }, 'config.v.toJSON', 'a function'],
    ['a symbol key', { opts: { [Symbol('k')]: 1 } }, 'config.opts', 'symbol key'],
    ['a key that is not an identifier', { 'model.depth': () => 1 }, 'config["model.depth"]', 'a function'],
    ['a function in an array of objects', { steps: [{ f: () => 1 }] }, 'config.steps[0].f', 'a function'],
  ])('rejects %s, naming the key path', (_what, value, path, hint) => {
    const e = validationError(() => checkSendableJson(value, 'config'));
    expect(e.parameter).toBe(path);
    expect(e.message).toContain(`Invalid ${path}: `);
    expect(e.message).toContain(hint);
  });

  it('rejects a circular reference', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = { back: loop };
    const e = validationError(() => checkSendableJson(loop, 'summary'));
    expect(e.parameter).toBe('summary.self.back');
    expect(e.message).toContain('circular');
  });
});
