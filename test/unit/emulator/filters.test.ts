// Run filters, pure logic: the date forms clients send, and compiling filters to predicates.
import { describe, expect, it } from 'vitest';
import {
  compileRunFilter,
  normalizeRunField,
  type RunDocument,
} from '../../../src/emulator/domains/runs/filters.js';
import { parseFilterDate } from '../../../src/emulator/graphql/mongo-filter.js';

describe('parseFilterDate', () => {
  it('parses the date forms clients send', () => {
    const midnight = Date.UTC(2024, 0, 2);
    expect(parseFilterDate('2024-01-02')).toBe(midnight);
    expect(parseFilterDate('2024-01-02T00:00Z')).toBe(midnight);
    expect(parseFilterDate('2024-01-02 00:00:00.000000')).toBe(midnight); // Python str(datetime)
    expect(parseFilterDate('2024-01-01T19:00:00-0500')).toBe(midnight);
    expect(parseFilterDate('2024-01-02T00:00:00.123456Z')).toBe(midnight + 123);
    for (const bad of [
      '',
      'yesterday',
      '2024-1-2',
      '2024-02-30',
      '2024-01-02T24:00:00Z',
      '2024-01-02T00:00:00+25:00',
    ]) {
      expect(parseFilterDate(bad), bad).toBeUndefined();
    }
  });
});

describe('compileRunFilter', () => {
  const doc = (run: Record<string, unknown>): RunDocument => run;

  it('matches everything for no filters, "", and {}', () => {
    for (const filters of [null, undefined, '', '  ', '{}']) {
      expect(compileRunFilter(filters)(doc({ state: 'x' }))).toBe(true);
    }
  });

  it('reads config.<key> as config.<key>.value and dates as instants', () => {
    const matches = compileRunFilter(
      JSON.stringify({ 'config.lr': { $gt: 0.01 }, createdAt: { $gte: '2024-01-02' } }),
    );
    const run = (lr: number, day: string) =>
      doc({ config: { lr: { value: lr, desc: null } }, createdAt: Date.parse(`${day}T00:00:00Z`) });
    expect(matches(run(0.1, '2024-01-03'))).toBe(true);
    expect(matches(run(0.001, '2024-01-03'))).toBe(false);
    expect(matches(run(0.1, '2024-01-01'))).toBe(false);
  });

  it('refuses operators outside the documented list and unknown fields', () => {
    expect(() => compileRunFilter('{"state": {"$size": 1}}')).toThrow(/Unsupported filter operator \$size/);
    expect(() => compileRunFilter('{"bogus": 1}')).toThrow(/Unknown run field "bogus"/);
    expect(() => compileRunFilter('{"$or": []}')).toThrow(/non-empty array/);
  });

  it('normalizes field names as clients write them', () => {
    expect(normalizeRunField('config.lr')).toBe('config.lr.value');
    expect(normalizeRunField('created_at')).toBe('createdAt');
    expect(normalizeRunField('summaryMetrics.acc')).toBe('summary_metrics.acc');
  });
});
