// Fault selection as pure logic: subset matching, skip, rate and the order faults are tried in.
import { describe, expect, it } from 'vitest';
import { FaultRegistry, matchesSubset } from '../../../src/emulator/http/faults.js';

describe('emulator faults: matchesSubset', () => {
  it('compares scalars exactly, objects as subsets, arrays item by item', () => {
    expect(matchesSubset({ a: 1 }, { a: 1, b: 2 })).toBe(true);
    expect(matchesSubset({ a: 1 }, { a: '1' })).toBe(false);
    expect(matchesSubset({ a: { b: [1, { c: true }] } }, { a: { b: [1, { c: true, d: 0 }], e: 1 } })).toBe(
      true,
    );
    expect(matchesSubset({ a: [1] }, { a: [1, 2] })).toBe(false);
    expect(matchesSubset({ a: [] }, { a: {} })).toBe(false);
    expect(matchesSubset({ a: {} }, { a: [] })).toBe(false);
  });

  it('matches null to null or absent, and ignores undefined keys', () => {
    expect(matchesSubset({ a: null }, {})).toBe(true);
    expect(matchesSubset({ a: null }, { a: null })).toBe(true);
    expect(matchesSubset({ a: null }, { a: 0 })).toBe(false);
    expect(matchesSubset({ a: undefined }, { a: 5 })).toBe(true);
    expect(matchesSubset({}, {})).toBe(true);
  });
});

describe('emulator faults: FaultRegistry.take', () => {
  const graphql = (operationName?: string, variables?: Record<string, unknown>) =>
    ({ target: 'graphql', operationName, variables }) as const;

  it('offers a request that a fault lets through to the faults added after it', () => {
    const faults = new FaultRegistry();
    const skipping = faults.add({ status: 500, skip: 1 });
    const next = faults.add({ status: 502 });
    expect(faults.take(graphql('A'))?.status).toBe(502); // skipped by the first, taken by the second
    expect(faults.take(graphql('A'))?.status).toBe(500);
    expect(faults.take(graphql('A'))).toBeUndefined();
    expect([skipping.matched, next.matched]).toEqual([2, 1]);
  });

  it('counts nothing for a request that does not match', () => {
    const faults = new FaultRegistry();
    const fault = faults.add({ operationName: 'A', match: { variables: { x: 1 } }, status: 500, skip: 1 });
    expect(faults.take(graphql('B', { x: 1 }))).toBeUndefined();
    expect(faults.take(graphql('A', { x: 2 }))).toBeUndefined();
    expect(faults.take({ target: 'storage', method: 'GET' })).toBeUndefined();
    expect(fault.matched).toBe(0);
    expect(faults.take(graphql('A', { x: 1 }))).toBeUndefined(); // skipped
    expect(faults.take(graphql('A', { x: 1 }))).toBe(fault);
  });

  it('draws the same requests for the same seed, other ones for another', () => {
    const draws = (seed: string | number): boolean[] => {
      const faults = new FaultRegistry({ seed });
      faults.add({ status: 500, rate: 0.5, times: Infinity });
      return Array.from({ length: 40 }, () => faults.take(graphql('A')) !== undefined);
    };
    expect(draws('a')).toEqual(draws('a'));
    expect(draws('a')).not.toEqual(draws('b'));
    const hits = draws(7).filter(Boolean).length;
    expect(hits).toBeGreaterThan(5);
    expect(hits).toBeLessThan(35);
  });

  it('draws the same way for the same faults added after a clear(), whatever came before', () => {
    const faults = new FaultRegistry({ seed: 'shared' });
    const addAndDraw = (): boolean[] => {
      faults.clear();
      faults.add({ operationName: 'A', status: 500, rate: 0.5, times: Infinity });
      faults.add({ operationName: 'B', status: 502, rate: 0.5, times: Infinity });
      return Array.from({ length: 40 }, (_, i) => faults.take(graphql(i % 2 ? 'A' : 'B')) !== undefined);
    };
    const first = addAndDraw();
    // Another test's faults and requests in between: more faults added, some draws made.
    faults.add({ status: 503, rate: 0.5, times: Infinity });
    faults.add({ status: 504, rate: 0.3, times: Infinity, seed: 'own' });
    for (let i = 0; i < 7; i++) faults.take(graphql('C'));
    expect(addAndDraw()).toEqual(first);
    expect(new Set(first).size).toBe(2); // some requests faulted, some let through
  });

  it('keeps file_stream faults to file_stream requests and checks afterApply', () => {
    const faults = new FaultRegistry();
    const fault = faults.add({ target: 'file_stream', status: 500, afterApply: true });
    expect(faults.take(graphql('A'))).toBeUndefined();
    expect(faults.take({ target: 'storage', method: 'PUT' })).toBeUndefined();
    expect(faults.take({ target: 'file_stream', method: 'POST' })).toBe(fault);
    expect(fault.afterApply).toBe(true);
    expect(() => faults.add({ target: 'file_stream', match: { variables: {} }, status: 500 })).toThrow(
      /file_stream requests have no operation or variables/,
    );
    expect(() => faults.add({ status: 500, afterApply: 'yes' as unknown as boolean })).toThrow(
      'faults.add: afterApply must be a boolean, got string',
    );
    expect(() => faults.add({ target: 'nope' as 'graphql', status: 500 })).toThrow(
      "faults.add: target must be 'graphql', 'storage' or 'file_stream', got nope",
    );
  });
});
