import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/errors/index.js';
import {
  FIELD_OPERATORS,
  MAX_FILTER_DEPTH,
  serializeRunFilter,
  validateRunFilter,
  type RunFilter,
} from '../../../../src/facade/runs/filters.js';
import { validateFilter } from '../../../../src/facade/core/filters.js';
import { DEFAULT_RUN_ORDER, parseOrder } from '../../../../src/facade/runs/order.js';
import { validationError } from '../../../support/expect-errors.js';

describe('serializeRunFilter', () => {
  it('sends "{}" when there is no filter', () => {
    expect(serializeRunFilter()).toBe('{}');
    expect(serializeRunFilter({})).toBe('{}');
  });

  it('encodes literals, dotted fields and logical operators as JSON', () => {
    const f: RunFilter = {
      state: 'finished',
      'config.lr': { $lte: 0.01 },
      'summary_metrics.acc': { $gt: 0.9 },
      $or: [{ tags: 'a' }, { group: null }],
    };
    expect(JSON.parse(serializeRunFilter(f))).toEqual(f);
  });

  it('turns Dates into ISO strings, anywhere', () => {
    const d = new Date('2024-01-02T03:04:05.000Z');
    const out = JSON.parse(serializeRunFilter({ createdAt: d, $and: [{ heartbeatAt: { $in: [d] } }] }));
    expect(out).toEqual({
      createdAt: '2024-01-02T03:04:05.000Z',
      $and: [{ heartbeatAt: { $in: ['2024-01-02T03:04:05.000Z'] } }],
    });
  });

  it('drops keys whose value is undefined', () => {
    expect(serializeRunFilter({ state: undefined, group: 'g' })).toBe('{"group":"g"}');
  });

  it('validates before serializing', () => {
    expect(() => serializeRunFilter({ state: { $like: 'x' } } as unknown as RunFilter)).toThrow(
      ValidationError,
    );
  });
});

describe('validateRunFilter', () => {
  const valid: Array<[string, RunFilter]> = [
    ['$eq', { state: { $eq: 'running' } }],
    ['$ne', { state: { $ne: 'crashed' } }],
    ['$gt', { duration: { $gt: 10 } }],
    ['$gte', { 'summary_metrics.acc': { $gte: 0.5 } }],
    ['$lt', { createdAt: { $lt: '2024-01-01' } }],
    ['$lte', { 'config.lr': { $lte: 1 } }],
    ['$in', { tags: { $in: ['a', 'b'] } }],
    ['$nin', { username: { $nin: [] } }],
    ['$exists', { 'summary_metrics.loss': { $exists: false } }],
    ['$regex', { displayName: { $regex: '^exp-[0-9]+$' } }],
    ['$and', { $and: [{ state: 'finished' }, { group: 'g' }] }],
    ['$or', { $or: [{ jobType: 'train' }] }],
    ['$nor', { $nor: [{ host: 'h' }, { sweep: 's' }] }],
    [
      'combined',
      { name: 'x', $or: [{ $and: [{ 'config.a.b': true }] }], heartbeatAt: { $gte: new Date(0), $lt: null } },
    ],
  ];
  it.each(valid)('accepts %s', (_name, f) => {
    expect(() => validateRunFilter(f)).not.toThrow();
  });

  it('covers every documented field operator', () => {
    const tested = new Set(valid.flatMap(([, f]) => JSON.stringify(f).match(/\$[a-z]+/g) ?? []));
    for (const op of FIELD_OPERATORS) expect(tested).toContain(op);
  });

  it('accepts $and: [] (every run: what the official client sends for an unfiltered run set), not $or: [] or $nor: []', () => {
    expect(serializeRunFilter({ $and: [] })).toBe('{"$and":[]}');
    expect(serializeRunFilter({ $or: [{ $and: [] }, { state: 'x' }] })).toBe(
      '{"$or":[{"$and":[]},{"state":"x"}]}',
    );
    expect(validationError(() => validateRunFilter({ $or: [] })).message).toMatch(
      /\$or expects a non-empty array/,
    );
    // The same rule for every Mongo filter (sweeps, artifacts), as in the emulator.
    expect(() => validateFilter({ $and: [] })).not.toThrow();
    expect(validationError(() => validateFilter({ $nor: [] })).message).toMatch(
      /\$nor expects a non-empty array/,
    );
  });

  it('accepts undefined and unknown field names (the server decides)', () => {
    expect(() => validateRunFilter(undefined)).not.toThrow();
    expect(() => validateRunFilter({ someNewColumn: 1 })).not.toThrow();
  });

  it('names an unknown field operator and lists the allowed ones', () => {
    const e = validationError(() => validateRunFilter({ $or: [{ state: { $like: 'run%' } }] }));
    expect(e.parameter).toBe('filters');
    expect(e.message).toContain('"$like"');
    expect(e.message).toContain('$or[0].state.$like');
    for (const op of FIELD_OPERATORS) expect(e.message).toContain(op);
  });

  it('names an unknown top-level operator and lists the logical ones', () => {
    const e = validationError(() => validateRunFilter({ $where: 'x' }, 'where'));
    expect(e.parameter).toBe('where');
    expect(e.message).toContain('"$where"');
    expect(e.message).toMatch(/\$and, \$or, \$nor/);
  });

  it('rejects a field operator at filter level and a logical operator on a field', () => {
    expect(validationError(() => validateRunFilter({ $in: ['a'] })).message).toContain('"$in"');
    expect(validationError(() => validateRunFilter({ state: { $or: [{}] } })).message).toContain('"$or"');
  });

  it.each<[string, unknown, RegExp]>([
    ['non-object filter', 'state=running', /filter object/],
    ['array filter', [{ state: 'x' }], /filter object/],
    ['null filter', null, /filter object/],
    ['empty $or', { $or: [] }, /non-empty array/],
    ['empty $nor', { $nor: [] }, /non-empty array/],
    ['non-array $or', { $or: { state: 'x' } }, /non-empty array/],
    ['$nor of non-objects', { $nor: ['x'] }, /filter object.*\$nor\[0\]/],
    ['$in not an array', { tags: { $in: 'a' } }, /\$in expects an array/],
    ['$nin not an array', { tags: { $nin: 1 } }, /\$nin expects an array/],
    ['$in with objects', { tags: { $in: [{}] } }, /each \$in element/],
    ['$exists not boolean', { tags: { $exists: 1 } }, /\$exists expects true or false/],
    ['$regex not a string', { name: { $regex: 1 } }, /\$regex expects a string/],
    ['$regex not compiling', { name: { $regex: '(' } }, /not a valid regular expression/],
    ['RegExp literal', { name: /x/ }, /\$regex/],
    ['NaN literal', { duration: NaN }, /finite/],
    ['Infinity operand', { duration: { $gt: Infinity } }, /finite/],
    ['invalid Date', { createdAt: new Date('nope') }, /invalid Date/],
    ['array literal', { tags: ['a'] }, /string, number, boolean, null or Date/],
    ['Map literal', { tags: new Map() }, /a Map/],
    ['empty operator object', { state: {} }, /empty operator object/],
    ['nested document', { config: { lr: 1 } }, /dotted field name/],
    ['empty field name', { '': 1 }, /non-empty/],
    ['blank field name', { '  ': 1 }, /non-empty/],
    ['bigint', { duration: 1n }, /a bigint/],
  ])('rejects %s', (_name, filter, message) => {
    const e = validationError(() => validateRunFilter(filter));
    expect(e.parameter).toBe('filters');
    expect(e.message).toMatch(message);
  });

  it('rejects a filter that contains itself instead of overflowing the stack', () => {
    const f: Record<string, unknown> = {};
    f.$and = [f];
    expect(validationError(() => validateRunFilter(f)).message).toContain('itself');
  });

  it('allows the same sub-filter object twice (not a cycle)', () => {
    const sub = { state: 'x' };
    expect(() => validateRunFilter({ $or: [sub, sub] })).not.toThrow();
  });
});

describe('parseOrder', () => {
  it('defaults to +created_at', () => {
    expect(parseOrder(undefined)).toBe('+created_at');
    expect(DEFAULT_RUN_ORDER).toBe('+created_at');
  });

  it.each([
    ['created_at', '+created_at'],
    ['+created_at', '+created_at'],
    ['-created_at', '-created_at'],
    ['createdAt', '+createdAt'],
    ['-heartbeat_at', '-heartbeat_at'],
    ['summary_metrics.accuracy', '+summary_metrics.accuracy'],
    ['-summary_metrics.val-loss', '-summary_metrics.val-loss'],
    ['+config.lr.value', '+config.lr.value'],
    ['config.batch_size', '+config.batch_size'],
    [' -displayName ', '-displayName'],
    ['state', '+state'],
  ])('accepts %j as %j', (input, expected) => {
    expect(parseOrder(input)).toBe(expected);
  });

  it.each([
    '',
    '  ',
    'NAME',
    'system_metrics.gpu.0.memory',
    '++x',
    '+-created_at',
    'x desc',
    'created_at desc',
    '-',
    'config',
    'config.',
    'config..lr',
    'summary_metrics. acc',
    'foo',
    'CREATED_AT',
    'created_at;drop',
  ])('rejects %j, listing the allowed forms', (order) => {
    const e = validationError(() => parseOrder(order, 'sort'));
    expect(e.parameter).toBe('sort');
    expect(e.message).toContain('summary_metrics.<key>');
    expect(e.message).toContain('created_at');
  });

  it('rejects a non-string', () => {
    expect(validationError(() => parseOrder(1 as unknown as string)).parameter).toBe('order');
  });
});

describe('filter values that cannot be sent as JSON', () => {
  it.each<[string, unknown, string]>([
    ['a function value', { state: () => 'finished' }, 'state'],
    ['a function operand', { duration: { $gt: () => 1 } }, 'duration.$gt'],
    ['a bigint', { duration: { $gt: 10n } }, 'duration.$gt'],
    ['a Map', { state: new Map() }, 'state'],
    ['a symbol key', { [Symbol('s')]: 'x' }, 'a symbol key'],
    ['a symbol key in an operator object', { state: { $eq: 'x', [Symbol('s')]: 1 } }, 'a symbol key'],
    // eslint-disable-next-line no-sparse-arrays
    ['a hole in $in', { state: { $in: ['a', , 'b'] } }, 'state.$in[1]'],
    // eslint-disable-next-line no-sparse-arrays
    ['a hole in $or', { $or: [{ state: 'a' }, , { state: 'b' }] }, '$or[1]'],
  ])('%s is a ValidationError naming where it is', (_what, filter, where) => {
    const e = validationError(() => serializeRunFilter(filter as RunFilter));
    expect(e.parameter).toBe('filters');
    expect(e.message).toContain(where);
  });
});

describe('filter depth', () => {
  /** A filter `levels` filter objects deep: `{ $and: [{ $and: [ ... { state: 'finished' } ] }] }`. */
  function nested(levels: number, op = '$and'): RunFilter {
    let f: RunFilter = { state: 'finished' };
    for (let i = 1; i < levels; i++) f = { [op]: [f] } as RunFilter;
    return f;
  }

  it('accepts 64 levels and refuses 65, naming filters', () => {
    expect(MAX_FILTER_DEPTH).toBe(64);
    expect(() => validateRunFilter(nested(64))).not.toThrow();
    for (const op of ['$and', '$or', '$nor']) {
      const e = validationError(() => validateRunFilter(nested(65, op)));
      expect(e.parameter).toBe('filters');
      expect(e.message).toContain('nested more than 64 levels');
    }
  });

  it('refuses a very deep filter with a ValidationError, not a stack overflow', () => {
    expect(validationError(() => serializeRunFilter(nested(100_000))).message).toContain('64 levels');
  });
});
