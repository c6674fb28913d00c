// Q.filterToMongo / Q.mongoToFilter: the W&B app's filter tree (report run sets) to and from the
// Mongo-style run filters, as the official client's QueryGenerator.filter_to_mongo /
// mongo_to_filter (wandb/apis/public/query_generator.py) convert them.
import { describe, expect, it } from 'vitest';
import { Q, type RunFilter, type UiFilter, type UiFilterCondition } from '../../../../src/index.js';
import { validationError } from '../../../support/expect-errors.js';

const cond = (
  section: UiFilterCondition['key']['section'],
  name: string,
  op: UiFilterCondition['op'],
  value?: UiFilterCondition['value'],
): UiFilterCondition => ({ key: { section, name }, op, ...(value === undefined ? {} : { value }) });

/** The app's usual shape: one AND group inside an OR. */
const tree = (...filters: UiFilter[]): UiFilter => ({ op: 'OR', filters: [{ op: 'AND', filters }] });

describe('Q.filterToMongo', () => {
  it('converts every operator of the tree', () => {
    const cases: [UiFilterCondition, RunFilter][] = [
      [cond('run', 'state', '=', 'finished'), { state: 'finished' }],
      [cond('run', 'state', '==', 'finished'), { state: 'finished' }],
      [cond('run', 'state', '!=', 'crashed'), { state: { $ne: 'crashed' } }],
      [cond('summary', 'acc', '<', 0.5), { 'summary_metrics.acc': { $lt: 0.5 } }],
      [cond('summary', 'acc', '<=', 0.5), { 'summary_metrics.acc': { $lte: 0.5 } }],
      [cond('summary', 'acc', '>', 0.5), { 'summary_metrics.acc': { $gt: 0.5 } }],
      [cond('summary', 'acc', '>=', 0.5), { 'summary_metrics.acc': { $gte: 0.5 } }],
      [cond('run', 'state', 'IN', ['finished', 'crashed']), { state: { $in: ['finished', 'crashed'] } }],
      [cond('run', 'group', 'NIN', ['a']), { group: { $nin: ['a'] } }],
      [cond('run', 'displayName', 'REGEX', '^res'), { displayName: { $regex: '^res' } }],
    ];
    for (const [condition, mongo] of cases) expect(Q.filterToMongo(condition), condition.op).toEqual(mongo);
  });

  it('maps each section to its server path, config names as the app writes them', () => {
    expect(Q.filterToMongo(cond('config', 'lr.value', '>', 0.01))).toEqual({
      'config.lr.value': { $gt: 0.01 },
    });
    expect(Q.filterToMongo(cond('config', 'lr', '=', 0.1))).toEqual({ 'config.lr': 0.1 });
    expect(Q.filterToMongo(cond('summary', 'eval/f1', '>', 0.7))).toEqual({
      'summary_metrics.eval/f1': { $gt: 0.7 },
    });
    expect(Q.filterToMongo(cond('keys_info', 'loss', '!=', null))).toEqual({
      'keys_info.keys.loss': { $ne: null },
    });
    expect(Q.filterToMongo(cond('run', 'createdAt', '>=', '2024-01-01'))).toEqual({
      createdAt: { $gte: '2024-01-01' },
    });
  });

  it('tag conditions: has, has not, any of, none of', () => {
    expect(Q.filterToMongo(cond('tags', 'best', '=', true))).toEqual({ tags: 'best' });
    const lacks = { $or: [{ tags: null }, { tags: { $ne: 'best' } }] };
    expect(Q.filterToMongo(cond('tags', 'best', '=', false))).toEqual(lacks);
    expect(Q.filterToMongo(cond('tags', 'best', '!=', true))).toEqual(lacks);
    expect(Q.filterToMongo(cond('tags', 'best', '!=', false))).toEqual({ tags: 'best' });
    expect(Q.filterToMongo(cond('tags', 'ignored', 'IN', ['a', 'b']))).toEqual({ tags: { $in: ['a', 'b'] } });
    expect(Q.filterToMongo(cond('tags', 'ignored', 'NIN', ['a']))).toEqual({ tags: { $nin: ['a'] } });
  });

  it('keeps the groups, nested', () => {
    const t = tree(cond('run', 'state', '=', 'finished'), {
      op: 'OR',
      filters: [cond('summary', 'acc', '>', 0.9), cond('tags', 'best', '=', true)],
    });
    expect(Q.filterToMongo(t)).toEqual({
      $or: [
        {
          $and: [{ state: 'finished' }, { $or: [{ 'summary_metrics.acc': { $gt: 0.9 } }, { tags: 'best' }] }],
        },
      ],
    });
  });

  it('leaves out what the app leaves out, and empty groups; nothing left is {} (every run)', () => {
    expect(Q.filterToMongo(tree())).toEqual({});
    expect(
      Q.filterToMongo(
        tree(
          cond('run', '', '=', 'x'),
          { ...cond('run', 'state', '=', 'crashed'), disabled: true },
          cond('summary', 'acc', '>'),
          { op: 'AND', filters: [] },
          cond('run', 'group', '=', 'g1'),
        ),
      ),
    ).toEqual({ $or: [{ $and: [{ group: 'g1' }] }] });
    // `=` and `!=` keep a missing value: null, runs without (or with) the field.
    expect(Q.filterToMongo(cond('run', 'group', '='))).toEqual({ group: null });
    expect(Q.filterToMongo(cond('run', 'group', '!=', null))).toEqual({ group: { $ne: null } });
  });

  it('inside OR, a group that matches every run (empty or all left out) makes the OR match every run', () => {
    const state = cond('run', 'state', '=', 'x');
    const disabled = { ...cond('run', 'state', '=', 'crashed'), disabled: true };
    // Python: { $or: [{ $and: [] }, { state: 'x' }] }, every run; not { $or: [{ state: 'x' }] }.
    expect(Q.filterToMongo({ op: 'OR', filters: [{ op: 'AND', filters: [] }, state] })).toEqual({});
    expect(Q.filterToMongo({ op: 'OR', filters: [state, { op: 'AND', filters: [disabled] }] })).toEqual({});
    expect(Q.filterToMongo({ op: 'OR', filters: [state, { op: 'OR', filters: [] }] })).toEqual({});
    // ... also nested: the inner OR matches every run, so it is left out of the AND around it.
    const group = cond('run', 'group', '=', 'g1');
    expect(
      Q.filterToMongo({
        op: 'AND',
        filters: [group, { op: 'OR', filters: [state, { op: 'AND', filters: [] }] }],
      }),
    ).toEqual({ $and: [{ group: 'g1' }] });
    // A condition left out is no member of its OR: the others still count.
    expect(Q.filterToMongo({ op: 'OR', filters: [disabled, state] })).toEqual({ $or: [{ state: 'x' }] });
    expect(Q.filterToMongo({ op: 'OR', filters: [disabled] })).toEqual({});
  });

  it('refuses what is not a tree, naming where', () => {
    const bad: [unknown, string][] = [
      [null, 'filter'],
      ['state = finished', 'filter'],
      [{ op: 'AND' }, 'filter'],
      [{ op: 'NOT', filters: [] }, 'filter.op'],
      [{ op: 'AND', filters: 'x' }, 'filter.filters'],
      [
        tree({ key: { section: 'run', name: 'state' }, op: 'LIKE', value: 'x' } as unknown as UiFilter),
        'filter.filters[0].filters[0].op',
      ],
      [tree(cond('history' as 'run', 'loss', '=', 1)), 'filter.filters[0].filters[0].key.section'],
      [
        tree({ key: { section: 'run' }, op: '=', value: 1 } as unknown as UiFilter),
        'filter.filters[0].filters[0].key.name',
      ],
      [cond('run', 'state', 'IN', 'finished'), 'filter.value'],
      [cond('run', 'state', '=', ['a']), 'filter.value'],
      [cond('tags', 'best', '=', 'yes'), 'filter.value'],
      [cond('tags', 'best', '>', true), 'filter.op'],
      [{ ...cond('run', 'state', '=', 'x'), disabled: 'yes' }, 'filter.disabled'],
      [cond('run', 'displayName', 'REGEX', '(unclosed'), 'filter'],
    ];
    for (const [input, parameter] of bad) {
      const e = validationError(() => Q.filterToMongo(input as UiFilter), JSON.stringify(input));
      expect(e.parameter.startsWith(parameter), `${JSON.stringify(input)}: ${e.parameter}`).toBe(true);
    }
  });
});

describe('Q.mongoToFilter', () => {
  it('converts every operator to a condition, paths to keys', () => {
    expect(Q.mongoToFilter({ state: 'finished' })).toEqual(cond('run', 'state', '=', 'finished'));
    expect(Q.mongoToFilter({ state: { $eq: 'finished' } })).toEqual(cond('run', 'state', '=', 'finished'));
    const ops: [string, UiFilterCondition['op']][] = [
      ['$ne', '!='],
      ['$lt', '<'],
      ['$lte', '<='],
      ['$gt', '>'],
      ['$gte', '>='],
    ];
    for (const [mongo, ui] of ops) {
      expect(Q.mongoToFilter({ 'summary_metrics.acc': { [mongo]: 0.5 } } as RunFilter)).toEqual(
        cond('summary', 'acc', ui, 0.5),
      );
    }
    expect(Q.mongoToFilter({ 'config.lr.value': { $in: [0.1, 0.01] } })).toEqual(
      cond('config', 'lr.value', 'IN', [0.1, 0.01]),
    );
    expect(Q.mongoToFilter({ jobType: { $nin: ['eval'] } })).toEqual(cond('run', 'jobType', 'NIN', ['eval']));
    expect(Q.mongoToFilter({ displayName: { $regex: '^a' } })).toEqual(
      cond('run', 'displayName', 'REGEX', '^a'),
    );
    expect(Q.mongoToFilter({ 'keys_info.keys.loss': { $ne: null } } as RunFilter)).toEqual(
      cond('keys_info', 'loss', '!=', null),
    );
    expect(Q.mongoToFilter({ createdAt: { $gt: new Date('2024-01-01T00:00:00Z') } })).toEqual(
      cond('run', 'createdAt', '>', '2024-01-01T00:00:00.000Z'),
    );
  });

  it('groups: $and / $or, several fields or operators in one object an AND; {} is the empty tree', () => {
    expect(Q.mongoToFilter({})).toEqual(tree());
    expect(Q.mongoToFilter({ state: 'finished', 'summary_metrics.acc': { $gt: 0.5, $lt: 0.9 } })).toEqual({
      op: 'AND',
      filters: [
        cond('run', 'state', '=', 'finished'),
        { op: 'AND', filters: [cond('summary', 'acc', '>', 0.5), cond('summary', 'acc', '<', 0.9)] },
      ],
    });
    expect(Q.mongoToFilter(Q.or(Q.state.eq('crashed'), Q.tags.eq('best')))).toEqual({
      op: 'OR',
      filters: [cond('run', 'state', '=', 'crashed'), cond('run', 'tags', '=', 'best')],
    });
  });

  it('tag conditions come back as tag conditions', () => {
    expect(Q.mongoToFilter({ tags: 'best' })).toEqual(cond('tags', 'best', '=', true));
    expect(Q.mongoToFilter({ $or: [{ tags: null }, { tags: { $ne: 'best' } }] })).toEqual(
      cond('tags', 'best', '=', false),
    );
  });

  it('refuses what the tree cannot hold, and invalid filters', () => {
    expect(validationError(() => Q.mongoToFilter(Q.not(Q.state.eq('x')))).parameter).toBe('filter.$nor');
    const exists = validationError(() => Q.mongoToFilter(Q.group.exists()));
    expect(exists.parameter).toBe('filter.group.$exists');
    expect(exists.message).toMatch(/\$ne: null/);
    validationError(() => Q.mongoToFilter({ state: { $like: 'x' } } as unknown as RunFilter));
    validationError(() => Q.mongoToFilter([] as unknown as RunFilter));
    validationError(() => Q.mongoToFilter({ $or: [] }));
  });

  it('reads $and: [] (every run, as the official client sends it) as an empty group', () => {
    expect(Q.mongoToFilter({ $and: [] })).toEqual({ op: 'AND', filters: [] });
    expect(Q.filterToMongo(Q.mongoToFilter({ $and: [] }))).toEqual({});
    expect(Q.mongoToFilter({ $or: [{ $and: [] }] })).toEqual(tree());
  });
});

describe('round trips', () => {
  const trees: UiFilter[] = [
    tree(),
    tree(cond('run', 'state', '=', 'finished')),
    tree(
      cond('config', 'lr.value', '<=', 0.01),
      cond('summary', 'acc', '>', 0.9),
      cond('run', 'state', 'IN', ['finished', 'running']),
      cond('run', 'group', 'NIN', ['g2']),
      cond('run', 'displayName', 'REGEX', '^res'),
      cond('run', 'jobType', '!=', 'eval'),
      cond('summary', 'loss', '<', 1),
      cond('summary', 'loss', '>=', 0),
      cond('tags', 'best', '=', true),
      cond('tags', 'debug', '=', false),
      cond('keys_info', 'loss', '!=', null),
    ),
    {
      op: 'AND',
      filters: [
        cond('run', 'state', '=', 'x'),
        { op: 'OR', filters: [cond('run', 'group', '=', null), cond('run', 'group', '=', 'g')] },
      ],
    },
  ];

  it('tree → Mongo → tree gives the tree back', () => {
    for (const t of trees) expect(Q.mongoToFilter(Q.filterToMongo(t)), JSON.stringify(t)).toEqual(t);
  });

  it('Mongo → tree → Mongo gives the filter back, for what filterToMongo makes', () => {
    for (const t of trees) {
      const mongo = Q.filterToMongo(t);
      expect(Q.filterToMongo(Q.mongoToFilter(mongo)), JSON.stringify(mongo)).toEqual(mongo);
    }
  });

  it('filters built with Q keep their meaning ($eq becomes a plain equality)', () => {
    const built = Q.and(Q.state.eq('finished'), Q.config('lr').lt(0.1), Q.tags.in(['a']));
    expect(Q.filterToMongo(Q.mongoToFilter(built))).toEqual({
      $and: [{ state: 'finished' }, { 'config.lr.value': { $lt: 0.1 } }, { tags: { $in: ['a'] } }],
    });
  });
});
