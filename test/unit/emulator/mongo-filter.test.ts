// The one Mongo filter evaluator of the emulator: what a domain's dialect decides.
import { describe, expect, it } from 'vitest';
import { compileMongoFilter, type MongoFilterDialect } from '../../../src/emulator/graphql/mongo-filter.js';
import { QueryInputError } from '../../../src/emulator/graphql/errors.js';

const dialect: MongoFilterDialect = {
  noun: 'thing filter',
  fieldPath(field) {
    if (field === 'label') return 'meta.label';
    if (field === 'at') return 'at';
    throw new QueryInputError(`Unknown thing field "${field}"`);
  },
  dateFields: ['at'],
};

describe('emulator: compileMongoFilter', () => {
  it('matches every document for empty, null and {}', () => {
    for (const filters of [null, undefined, '', ' ', '{}'])
      expect(compileMongoFilter(filters, dialect)({})).toBe(true);
  });

  it('maps field names to document paths and compares date fields by instant', () => {
    expect(compileMongoFilter('{"label": "a"}', dialect)({ meta: { label: 'a' } })).toBe(true);
    expect(compileMongoFilter('{"label": "a"}', dialect)({ label: 'a' })).toBe(false);
    const after = compileMongoFilter('{"at": {"$gt": "2024-01-01T00:00:00+01:00"}}', dialect);
    expect(after({ at: Date.parse('2023-12-31T23:30:00Z') })).toBe(true);
    expect(after({ at: Date.parse('2023-12-31T22:30:00Z') })).toBe(false);
  });

  it('names the dialect in its errors and leaves unknown fields to the dialect', () => {
    expect(() => compileMongoFilter('{', dialect)).toThrow(/^Invalid thing filters: not JSON/);
    expect(() => compileMongoFilter('{"label": {"$size": 1}}', dialect)).toThrow(
      /^Unsupported thing filter operator \$size on "label"/,
    );
    expect(() => compileMongoFilter('{"at": "soon"}', dialect)).toThrow(
      /^Invalid thing filter on "at": expected/,
    );
    expect(() => compileMongoFilter('{"nope": 1}', dialect)).toThrow(/^Unknown thing field "nope"/);
  });

  it('lets the dialect turn one condition into several criteria', () => {
    const either: MongoFilterDialect = {
      noun: 'filter',
      fieldPath: (field) => field,
      criteria: (path, condition) => ({ $or: [{ [path]: condition }, { [`${path}Alias`]: condition }] }),
    };
    const test = compileMongoFilter('{"name": "x"}', either);
    expect(test({ name: 'x' })).toBe(true);
    expect(test({ nameAlias: 'x' })).toBe(true);
    expect(test({ name: 'y' })).toBe(false);
  });
});
