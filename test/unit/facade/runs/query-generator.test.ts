// Unit tests of QueryGenerator / Q: the exact Mongo JSON and order strings it builds, the UI key <-> server
// path conversions, and the arguments it refuses.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/errors/index.js';
import {
  serializeRunFilter,
  validateRunFilter,
  type RunFilter,
} from '../../../../src/facade/runs/filters.js';
import { parseOrder, RUN_ORDER_COLUMNS } from '../../../../src/facade/runs/order.js';
import { Q, QueryGenerator } from '../../../../src/facade/runs/query-generator.js';
import * as root from '../../../../src/index.js';
import { validationError } from '../../../support/expect-errors.js';

describe('exports', () => {
  it('is exported from the package root as QueryGenerator and Q', () => {
    expect(root.QueryGenerator).toBe(QueryGenerator);
    expect(root.Q).toBe(QueryGenerator);
  });
});

describe('the examples of the issue', () => {
  it('builds the Mongo objects runs() accepts', () => {
    expect(Q.config('lr').gt(0.01)).toEqual({ 'config.lr.value': { $gt: 0.01 } });
    expect(Q.summary('loss').lt(1)).toEqual({ 'summary_metrics.loss': { $lt: 1 } });
    expect(Q.state.in(['finished'])).toEqual({ state: { $in: ['finished'] } });
  });

  it('nests and/or, and JSON.stringify gives exactly the filters string', () => {
    const filter = Q.or(
      Q.and(Q.config('lr').gt(0.01), Q.summary('loss').lt(1)),
      Q.state.in(['finished']),
      Q.tags.eq('best'),
    );
    expect(filter).toEqual({
      $or: [
        { $and: [{ 'config.lr.value': { $gt: 0.01 } }, { 'summary_metrics.loss': { $lt: 1 } }] },
        { state: { $in: ['finished'] } },
        { tags: { $eq: 'best' } },
      ],
    });
    const json =
      '{"$or":[{"$and":[{"config.lr.value":{"$gt":0.01}},{"summary_metrics.loss":{"$lt":1}}]},' +
      '{"state":{"$in":["finished"]}},{"tags":{"$eq":"best"}}]}';
    expect(JSON.stringify(filter)).toBe(json);
    // What api.runs() sends is the same string, and the filter passes its validation.
    expect(serializeRunFilter(filter)).toBe(json);
    // Plain JSON: parsing the string gives the same object back.
    expect(JSON.parse(json)).toEqual(filter);
  });
});

describe('field operators', () => {
  const cases: Array<[string, () => RunFilter, RunFilter]> = [
    ['config eq', () => Q.config('optimizer').eq('adam'), { 'config.optimizer.value': { $eq: 'adam' } }],
    ['config eq null', () => Q.config('optimizer').eq(null), { 'config.optimizer.value': { $eq: null } }],
    ['config ne', () => Q.config('lr').ne(0.1), { 'config.lr.value': { $ne: 0.1 } }],
    ['config gte', () => Q.config('lr').gte(0.01), { 'config.lr.value': { $gte: 0.01 } }],
    ['config lte bool', () => Q.config('amp').lte(true), { 'config.amp.value': { $lte: true } }],
    ['config nested', () => Q.config('model.depth').eq(50), { 'config.model.value.depth': { $eq: 50 } }],
    ['config in', () => Q.config('bs').in([16, 32]), { 'config.bs.value': { $in: [16, 32] } }],
    ['config nin', () => Q.config('opt').nin(['sgd', null]), { 'config.opt.value': { $nin: ['sgd', null] } }],
    ['config exists', () => Q.config('lr').exists(), { 'config.lr.value': { $exists: true } }],
    ['config regex', () => Q.config('model').regex('^res'), { 'config.model.value': { $regex: '^res' } }],
    ['summary gt', () => Q.summary('acc').gt(0.9), { 'summary_metrics.acc': { $gt: 0.9 } }],
    ['summary nested', () => Q.summary('val.loss').lte(1), { 'summary_metrics.val.loss': { $lte: 1 } }],
    [
      'summary exists false',
      () => Q.summary('loss').exists(false),
      { 'summary_metrics.loss': { $exists: false } },
    ],
    ['state ne', () => Q.state.ne('crashed'), { state: { $ne: 'crashed' } }],
    ['state nin', () => Q.state.nin(['running']), { state: { $nin: ['running'] } }],
    ['tags in', () => Q.tags.in(['a', 'b']), { tags: { $in: ['a', 'b'] } }],
    ['tags regex', () => Q.tags.regex(/^exp-\d+$/), { tags: { $regex: '^exp-\\d+$' } }],
    ['displayName gt', () => Q.displayName.gt('m'), { displayName: { $gt: 'm' } }],
    ['group eq null', () => Q.group.eq(null), { group: { $eq: null } }],
    ['group exists', () => Q.group.exists(true), { group: { $exists: true } }],
    ['host regex', () => Q.host.regex('^gpu-'), { host: { $regex: '^gpu-' } }],
    ['jobType in', () => Q.jobType.in(['train', null]), { jobType: { $in: ['train', null] } }],
    ['name in', () => Q.name.in(['abc12345']), { name: { $in: ['abc12345'] } }],
    ['username eq', () => Q.username.eq('alice'), { username: { $eq: 'alice' } }],
    ['sweep eq', () => Q.sweep.eq('swp12345'), { sweep: { $eq: 'swp12345' } }],
    ['duration lt', () => Q.duration.lt(3600), { duration: { $lt: 3600 } }],
    ['duration in', () => Q.duration.in([1, 2]), { duration: { $in: [1, 2] } }],
    ['run(column)', () => Q.run('jobType').ne('eval'), { jobType: { $ne: 'eval' } }],
    ['heartbeatAt lt', () => Q.heartbeatAt.lt('2024-01-01'), { heartbeatAt: { $lt: '2024-01-01' } }],
  ];
  for (const [name, build, expected] of cases) {
    it(`${name}: ${JSON.stringify(expected)}`, () => {
      const filter = build();
      expect(filter).toEqual(expected);
      expect(JSON.stringify(filter)).toBe(JSON.stringify(expected));
      expect(() => validateRunFilter(filter)).not.toThrow();
    });
  }

  it('gives each field its UI key and server path', () => {
    expect([Q.config('lr').key, Q.config('lr').path]).toEqual(['config.lr', 'config.lr.value']);
    expect([Q.config('a.b').key, Q.config('a.b').path]).toEqual(['config.a.b', 'config.a.value.b']);
    expect([Q.summary('loss').key, Q.summary('loss').path]).toEqual(['summary.loss', 'summary_metrics.loss']);
    expect([Q.createdAt.key, Q.createdAt.path]).toEqual(['run.createdAt', 'createdAt']);
    expect([Q.run('tags').key, Q.run('tags').path]).toEqual(['run.tags', 'tags']);
  });

  it('turns Dates into ISO strings and keeps ISO date strings as given', () => {
    const d = new Date('2024-01-02T03:04:05.000Z');
    expect(Q.createdAt.gte(d)).toEqual({ createdAt: { $gte: '2024-01-02T03:04:05.000Z' } });
    expect(Q.createdAt.in([d, '2024-01-03'])).toEqual({
      createdAt: { $in: ['2024-01-02T03:04:05.000Z', '2024-01-03'] },
    });
    expect(Q.config('deadline').lt(d)).toEqual({
      'config.deadline.value': { $lt: '2024-01-02T03:04:05.000Z' },
    });
    for (const s of [
      '2024-01-02',
      '2024-01-02T03:04Z',
      '2024-01-02T03:04:05.123+02:00',
      '2024-01-02 03:04:05',
    ]) {
      expect(Q.heartbeatAt.gt(s)).toEqual({ heartbeatAt: { $gt: s } });
    }
    expect(Q.createdAt.eq(null)).toEqual({ createdAt: { $eq: null } });
  });

  it('sends a RegExp as its source, ignoring flags that do not change matching', () => {
    expect(Q.displayName.regex(/a\/b/g)).toEqual({ displayName: { $regex: 'a\\/b' } });
    expect(Q.displayName.regex(/x/uy)).toEqual({ displayName: { $regex: 'x' } });
  });

  it('returns a fresh object on every call', () => {
    const field = Q.config('lr');
    const a = field.gt(1);
    (a as Record<string, unknown>)['config.lr.value'] = 'changed';
    expect(field.gt(1)).toEqual({ 'config.lr.value': { $gt: 1 } });
  });
});

describe('combinators', () => {
  const a = Q.state.eq('finished');
  const b = Q.tags.eq('best');

  it('wraps filters in $and / $or / $nor, one element or many', () => {
    expect(Q.and(a)).toEqual({ $and: [{ state: { $eq: 'finished' } }] });
    expect(Q.or(a, b)).toEqual({ $or: [{ state: { $eq: 'finished' } }, { tags: { $eq: 'best' } }] });
    expect(Q.nor(a, b)).toEqual({ $nor: [{ state: { $eq: 'finished' } }, { tags: { $eq: 'best' } }] });
    expect(JSON.stringify(Q.nor(a, b))).toBe(
      '{"$nor":[{"state":{"$eq":"finished"}},{"tags":{"$eq":"best"}}]}',
    );
  });

  it('negates with a one-element $nor (the server has no $not)', () => {
    expect(Q.not(b)).toEqual({ $nor: [{ tags: { $eq: 'best' } }] });
    expect(JSON.stringify(Q.not(Q.and(a, b)))).toBe(
      '{"$nor":[{"$and":[{"state":{"$eq":"finished"}},{"tags":{"$eq":"best"}}]}]}',
    );
  });

  it('takes hand-written filters and copies them as plain JSON', () => {
    const d = new Date('2024-01-01T00:00:00.000Z');
    const handWritten: RunFilter = { createdAt: { $gt: d }, group: undefined, 'config.lr': 0.1 };
    const out = Q.and(handWritten, Q.summary('acc').gt(0.5));
    expect(out).toEqual({
      $and: [
        { createdAt: { $gt: '2024-01-01T00:00:00.000Z' }, 'config.lr': 0.1 },
        { 'summary_metrics.acc': { $gt: 0.5 } },
      ],
    });
    (handWritten as Record<string, unknown>)['config.lr'] = 99;
    expect(out.$and?.[0]).toEqual({ createdAt: { $gt: '2024-01-01T00:00:00.000Z' }, 'config.lr': 0.1 });
  });

  it('type-checks as a RunFilter anywhere one is expected', () => {
    const filters: RunFilter = Q.and(Q.config('lr').gt(0.01), Q.or(Q.state.in(['finished']), Q.not(b)));
    const nested: RunFilter = { $or: [filters, { state: 'running' }] };
    expect(() => validateRunFilter(nested)).not.toThrow();
  });

  it('rejects no filters, arrays, undefined and invalid filters, naming the argument', () => {
    expect(validationError(() => Q.and()).message).toMatch(
      /Invalid filters: Q\.and\(\) needs at least one filter/,
    );
    expect(validationError(() => Q.or()).parameter).toBe('filters');
    const arr = validationError(() => Q.and([a, b] as unknown as RunFilter));
    expect(arr.parameter).toBe('filters[0]');
    expect(arr.message).toMatch(/separate arguments.*Q\.and\(a, b\) or Q\.and\(\.\.\.list\)/);
    expect(validationError(() => Q.or(a, undefined as unknown as RunFilter)).parameter).toBe('filters[1]');
    const op = validationError(() => Q.nor(a, { state: { $like: 'x' } } as unknown as RunFilter));
    expect(op.parameter).toBe('filters[1]');
    expect(op.message).toMatch(/unknown operator "\$like"/);
    expect(validationError(() => Q.not('state' as unknown as RunFilter)).parameter).toBe('filter');
    expect(validationError(() => Q.and(Q.state as unknown as RunFilter)).message).toMatch(
      /expected a filter object/,
    );
  });
});

describe('orders', () => {
  it('builds +/- order strings on the server sort paths', () => {
    expect(Q.config('lr').asc()).toBe('+config.lr.value');
    expect(Q.config('model.depth').desc()).toBe('-config.model.value.depth');
    expect(Q.summary('loss').desc()).toBe('-summary_metrics.loss');
    expect(Q.createdAt.asc()).toBe('+created_at');
    expect(Q.heartbeatAt.desc()).toBe('-heartbeat_at');
    expect(Q.displayName.asc()).toBe('+displayName');
    expect(Q.state.desc()).toBe('-state');
    expect(Q.duration.asc()).toBe('+duration');
    expect(Q.run('jobType').asc()).toBe('+jobType');
    for (const field of [Q.name, Q.group, Q.username, Q.sweep]) expect(field.asc()).toBe(`+${field.path}`);
  });

  it('gives only orders parseOrder accepts unchanged', () => {
    const orders = [
      Q.config('lr').asc(),
      Q.summary('a.b').desc(),
      ...(
        ['createdAt', 'heartbeatAt', 'displayName', 'duration', 'group', 'jobType', 'name', 'state'] as const
      ).map((c) => Q.run(c).desc()),
      Q.username.asc(),
      Q.sweep.asc(),
    ];
    for (const order of orders) expect(parseOrder(order)).toBe(order);
  });

  it('refuses columns runs cannot be sorted by, and keys an order cannot hold', () => {
    const tags = validationError(() => (Q.tags as unknown as { asc(): string }).asc());
    expect(tags.parameter).toBe('order');
    expect(tags.message).toMatch(/cannot be ordered by run\.tags/);
    expect(() => (Q.host as unknown as { desc(): string }).desc()).toThrow(ValidationError);
    expect(validationError(() => Q.config('my key').asc()).parameter).toBe('order');
  });
});

describe('key conversions', () => {
  const pairs: Array<[string, string]> = [
    ['config.lr', 'config.lr.value'],
    ['config.model.depth', 'config.model.value.depth'],
    ['config.a.b.c', 'config.a.value.b.c'],
    ['summary.loss', 'summary_metrics.loss'],
    ['summary.val.loss', 'summary_metrics.val.loss'],
    ['summary._runtime', 'summary_metrics._runtime'],
    ['run.createdAt', 'createdAt'],
    ['run.state', 'state'],
    ['run.tags', 'tags'],
    ['run.displayName', 'displayName'],
    ['run.heartbeatAt', 'heartbeatAt'],
  ];
  for (const [key, path] of pairs) {
    it(`${key} <-> ${path}, both ways round`, () => {
      expect(Q.keyToServerPath(key)).toBe(path);
      expect(Q.serverPathToKey(path)).toBe(key);
      expect(Q.serverPathToKey(Q.keyToServerPath(key))).toBe(key);
      expect(Q.keyToServerPath(Q.serverPathToKey(path))).toBe(path);
    });
  }

  it('agrees with the field builders', () => {
    expect(Q.keyToServerPath('config.lr')).toBe(Q.config('lr').path);
    expect(Q.keyToServerPath('summary.loss')).toBe(Q.summary('loss').path);
    expect(Q.keyToServerPath('run.jobType')).toBe(Q.jobType.path);
  });

  it('accepts bare run column names, the config shorthand and snake_case columns, giving canonical forms', () => {
    expect(Q.keyToServerPath('state')).toBe('state');
    expect(Q.keyToServerPath('createdAt')).toBe('createdAt');
    expect(Q.serverPathToKey('config.lr')).toBe('config.lr');
    expect(Q.serverPathToKey('created_at')).toBe('run.createdAt');
    expect(Q.serverPathToKey('job_type')).toBe('run.jobType');
  });

  it('rejects unknown shapes, naming the parameter and the accepted forms', () => {
    const unknown = validationError(() => Q.keyToServerPath('lr'));
    expect(unknown.parameter).toBe('key');
    expect(unknown.message).toMatch(/config\.<key>, summary\.<key> or run\.<column>/);
    expect(validationError(() => Q.keyToServerPath('summary_metrics.loss')).message).toMatch(
      /server path; its UI key is summary\.loss/,
    );
    expect(validationError(() => Q.keyToServerPath('run.bogus')).message).toMatch(
      /unknown run column "bogus"/,
    );
    expect(validationError(() => Q.keyToServerPath('created_at')).message).toMatch(/use run\.createdAt/);
    expect(validationError(() => Q.keyToServerPath('run.updatedAt')).message).toMatch(
      /not a column the server filters on/,
    );
    expect(validationError(() => Q.keyToServerPath('config.lr.value')).message).toMatch(
      /give the config key itself/,
    );
    for (const bad of ['config', 'config.', 'summary.', 'config.a..b', '', 'run.']) {
      expect(validationError(() => Q.keyToServerPath(bad)).parameter).toBe('key');
    }
    expect(validationError(() => Q.keyToServerPath(1 as unknown as string)).parameter).toBe('key');

    const path = validationError(() => Q.serverPathToKey('summary.loss'));
    expect(path.parameter).toBe('path');
    expect(path.message).toMatch(/not a run filter path/);
    expect(validationError(() => Q.serverPathToKey('config.lr.desc')).message).toMatch(
      /description of config\.lr/,
    );
    for (const bad of ['config.', 'summary_metrics.', 'summary_metrics..x', 'bogus', '', 'updated_at']) {
      expect(validationError(() => Q.serverPathToKey(bad)).parameter).toBe('path');
    }
  });
});

describe('order conversions', () => {
  const pairs: Array<[string, boolean, string]> = [
    ['config.lr', true, '+config.lr.value'],
    ['config.model.depth', false, '-config.model.value.depth'],
    ['summary.loss', false, '-summary_metrics.loss'],
    ['run.createdAt', true, '+created_at'],
    ['run.heartbeatAt', false, '-heartbeat_at'],
    ['run.updatedAt', true, '+updated_at'],
    ['run.displayName', true, '+displayName'],
    ['run.state', false, '-state'],
  ];
  for (const [key, ascending, order] of pairs) {
    it(`${key} ${ascending ? 'ascending' : 'descending'} <-> ${order}`, () => {
      expect(Q.keyToOrder(key, ascending)).toBe(order);
      expect(Q.orderToKey(order)).toEqual({ key, ascending });
      expect(parseOrder(order)).toBe(order);
    });
  }

  it('defaults to ascending and reads unsigned orders as ascending', () => {
    expect(Q.keyToOrder('summary.acc')).toBe('+summary_metrics.acc');
    expect(Q.orderToKey('summary_metrics.acc')).toEqual({ key: 'summary.acc', ascending: true });
  });

  it('reads every run column order spelling parseOrder accepts, and converts back to a valid order', () => {
    for (const column of RUN_ORDER_COLUMNS) {
      const { key, ascending } = Q.orderToKey(`-${column}`);
      expect(key).toMatch(/^run\.[a-zA-Z]+$/);
      expect(ascending).toBe(false);
      const back = Q.keyToOrder(key, ascending);
      expect(parseOrder(back)).toBe(back);
      expect(Q.orderToKey(back)).toEqual({ key, ascending });
    }
    expect(Q.orderToKey('+createdAt')).toEqual({ key: 'run.createdAt', ascending: true });
    expect(Q.orderToKey('-config.lr')).toEqual({ key: 'config.lr', ascending: false });
  });

  it('rejects invalid orders and unsortable keys', () => {
    expect(validationError(() => Q.orderToKey('created_at desc')).parameter).toBe('order');
    expect(validationError(() => Q.orderToKey('-config.lr.desc')).parameter).toBe('order');
    const tags = validationError(() => Q.keyToOrder('run.tags'));
    expect(tags.parameter).toBe('key');
    expect(tags.message).toMatch(/cannot be ordered by run\.tags/);
    expect(validationError(() => Q.keyToOrder('summary.my metric')).parameter).toBe('key');
    expect(validationError(() => Q.keyToOrder('summary.x', 'desc' as unknown as boolean)).parameter).toBe(
      'ascending',
    );
  });
});

describe('argument validation', () => {
  it('rejects bad keys and columns', () => {
    for (const bad of ['', '.lr', 'lr.', 'a..b']) {
      const e = validationError(() => Q.config(bad));
      expect(e.parameter).toBe('key');
      expect(e.message).toMatch(/must be non-empty/);
      expect(validationError(() => Q.summary(bad)).parameter).toBe('key');
    }
    expect(validationError(() => Q.config(undefined as unknown as string)).message).toMatch(/got undefined/);
    const wrapped = validationError(() => Q.config('lr.value'));
    expect(wrapped.message).toMatch(/give the config key itself \(Q\.config\("lr"\)\)/);
    expect(() => Q.config('lr.desc')).toThrow(ValidationError);
    const col = validationError(() => Q.run('updatedAt' as 'state'));
    expect(col.parameter).toBe('column');
    expect(col.message).toMatch(/not a run column; use one of createdAt/);
  });

  it('rejects operands of the wrong type, naming the call', () => {
    const text = validationError(() => Q.state.eq(1 as unknown as string));
    expect(text.parameter).toBe('value');
    expect(text.message).toBe('Invalid value: run.state.eq() takes a string, got 1');
    expect(validationError(() => Q.duration.gt('10' as unknown as number)).message).toMatch(/takes a number/);
    expect(validationError(() => Q.config('lr').gt(Number.NaN)).message).toMatch(
      /takes a finite number, got NaN/,
    );
    expect(validationError(() => Q.summary('x').eq(Infinity)).message).toMatch(/finite number/);
    expect(validationError(() => Q.config('x').eq({ a: 1 } as unknown as string)).message).toMatch(
      /takes a string, number, boolean or Date, got an object/,
    );
    expect(validationError(() => Q.config('x').eq([1] as unknown as string)).message).toMatch(/got an array/);
    expect(validationError(() => Q.config('x').gt(null as unknown as number)).message).toMatch(
      /cannot compare with null; use \.eq\(null\)/,
    );
    expect(validationError(() => Q.createdAt.gt(new Date('nope'))).message).toMatch(/a valid Date/);
    for (const bad of ['yesterday', '2024-02-30', '2024-13-01', '2024-01-01T25:00:00Z', '1704067200000']) {
      expect(validationError(() => Q.createdAt.gt(bad)).message).toMatch(/ISO-8601 date string/);
    }
    expect(validationError(() => Q.createdAt.gt(1704067200000 as unknown as string)).parameter).toBe('value');
  });

  it('requires arrays for in / nin and checks their elements', () => {
    const notArray = validationError(() => Q.state.in('finished' as unknown as string[]));
    expect(notArray.parameter).toBe('values');
    expect(notArray.message).toMatch(
      /run\.state\.in\(\) takes an array of values, got the string "finished"/,
    );
    expect(validationError(() => Q.tags.nin(new Set(['a']) as unknown as string[])).parameter).toBe('values');
    const element = validationError(() => Q.state.in(['finished', 2 as unknown as string]));
    expect(element.parameter).toBe('values[1]');
    expect(Q.state.in([])).toEqual({ state: { $in: [] } });
  });

  it('checks exists and regex arguments', () => {
    expect(validationError(() => Q.group.exists('yes' as unknown as boolean)).parameter).toBe('present');
    const flags = validationError(() => Q.displayName.regex(/best/i));
    expect(flags.parameter).toBe('pattern');
    expect(flags.message).toMatch(/cannot send the RegExp flag "i"/);
    expect(validationError(() => Q.displayName.regex(/a/ims)).message).toMatch(/flags "ims"/);
    expect(validationError(() => Q.displayName.regex('(')).message).toMatch(/not a valid regular expression/);
    expect(validationError(() => Q.displayName.regex(3 as unknown as string)).message).toMatch(
      /takes a string or a RegExp, got 3/,
    );
    const onDate = validationError(() =>
      (Q.createdAt as unknown as { regex(p: string): RunFilter }).regex('^2024'),
    );
    expect(onDate.message).toMatch(/holds times; \$regex applies to text/);
    expect(() => (Q.duration as unknown as { regex(p: string): RunFilter }).regex('1')).toThrow(
      ValidationError,
    );
  });
});

describe('types', () => {
  it('fit the runs() options, and a wrong operand or method does not compile', () => {
    type RunsOptions = NonNullable<Parameters<root.Api['runs']>[1]>;
    const options: RunsOptions = {
      filters: Q.and(Q.config('lr').gt(0.01), Q.or(Q.tags.eq('best'), Q.createdAt.gte(new Date(0)))),
      order: Q.summary('acc').desc(),
    };
    expect(options.order).toBe('-summary_metrics.acc');
    // Never called: these lines are checked by tsc only (each would also throw a ValidationError).
    const wrong = (): unknown[] => [
      // @ts-expect-error a config value is a scalar or a Date, not an object
      Q.config('lr').gt({}),
      // @ts-expect-error ordering comparisons take no null
      Q.summary('loss').lt(null),
      // @ts-expect-error duration is a number of seconds
      Q.duration.gt('600'),
      // @ts-expect-error a time is a Date or an ISO string
      Q.createdAt.gte(1704067200000),
      // @ts-expect-error in() takes an array
      Q.state.in('finished'),
      // @ts-expect-error tags are strings
      Q.tags.eq(3),
      // @ts-expect-error runs cannot be sorted by tags
      Q.tags.desc(),
      // @ts-expect-error $regex is for text
      Q.duration.regex('1'),
      // @ts-expect-error not a run column
      Q.run('bogus'),
      // @ts-expect-error filters are separate arguments
      Q.and([Q.state.eq('finished')]),
    ];
    expect(typeof wrong).toBe('function');
  });
});
