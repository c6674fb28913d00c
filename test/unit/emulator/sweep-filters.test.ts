// Sweep filters: Mongo-style JSON over a sweep's own text fields.
import { describe, expect, it } from 'vitest';
import { compileSweepFilter } from '../../../src/emulator/domains/sweeps/filters.js';
import type { SweepRecord } from '../../../src/emulator/domains/sweeps/records.js';

function sweep(fields: Partial<SweepRecord>): SweepRecord {
  return {
    id: 1,
    projectId: 1,
    name: 'sw1',
    displayName: null,
    method: 'grid',
    state: 'RUNNING',
    description: null,
    config: 'method: grid\n',
    bestLoss: undefined,
    runCountExpected: null,
    username: null,
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
    ...fields,
  };
}

describe('emulator: compileSweepFilter', () => {
  it('matches everything for empty, null and {}', () => {
    for (const filters of [null, undefined, '', '  ', '{}'])
      expect(compileSweepFilter(filters)(sweep({}))).toBe(true);
  });

  it('matches names, states, methods and display names with the run-filter operators', () => {
    expect(compileSweepFilter('{"name": "sw1"}')(sweep({}))).toBe(true);
    expect(compileSweepFilter('{"name": "sw2"}')(sweep({}))).toBe(false);
    expect(compileSweepFilter('{"$or": [{"state": "FINISHED"}, {"method": "grid"}]}')(sweep({}))).toBe(true);
    expect(
      compileSweepFilter('{"displayName": {"$regex": "^lr "}}')(sweep({ displayName: 'lr search' })),
    ).toBe(true);
    expect(compileSweepFilter('{"displayName": {"$exists": false}}')(sweep({}))).toBe(true);
    expect(compileSweepFilter('{"description": null}')(sweep({}))).toBe(true);
  });

  it('refuses bad JSON, unknown fields and operators, and malformed operands', () => {
    expect(() => compileSweepFilter('{nope')).toThrow(/not JSON/);
    expect(() => compileSweepFilter('[]')).toThrow(/must be a JSON object/);
    expect(() => compileSweepFilter('{"config": 1}')).toThrow(/Unknown sweep field "config"/);
    expect(() => compileSweepFilter('{"$where": "1"}')).toThrow(/Unsupported sweep filter operator \$where/);
    expect(() => compileSweepFilter('{"name": {"$size": 1}}')).toThrow(/\$size/);
    expect(() => compileSweepFilter('{"name": {"$in": "sw1"}}')).toThrow(/needs an array/);
    expect(() => compileSweepFilter('{"name": {"$regex": "("}}')).toThrow(/Invalid \$regex/);
    expect(() => compileSweepFilter('{"name": {"$eq": "a", "x": 1}}')).toThrow(/cannot be mixed/);
    expect(() => compileSweepFilter('{"$or": []}')).toThrow(/non-empty array/);
    expect(() => compileSweepFilter('{"$nor": []}')).toThrow(/non-empty array/);
    expect(compileSweepFilter('{"$and": []}')(sweep({}))).toBe(true);
  });
});
