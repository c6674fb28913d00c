// The automation builder against the official client's own output: every expected string below
// was printed by running wandb/automations' pydantic models (prepare_to_create) at the commit of
// /work/notes/registries-protocol.md (§7.5, §7.6, §7.7; scripts in registries-protocol-run/).
import { describe, expect, it } from 'vitest';
import { createInput } from '../../../../src/facade/automations/input.js';
import {
  ArtifactEvent,
  DoNothing,
  OnAddArtifactAlias,
  OnAddArtifactTag,
  OnCreateArtifact,
  OnLinkArtifact,
  OnRemoveCollectionTag,
  OnRunMetric,
  OnRunState,
  RunEvent,
  Scope,
  SendNotification,
  SendWebhook,
  ValidationError,
  type AutomationAction,
  type AutomationEvent,
} from '../../../../src/index.js';
import { collection, hook, project, slack } from './fixtures.js';

const team = Scope.team({ id: 'RW50aXR5Ojc4OQ==', name: 'my-team' });
const notify = SendNotification.fromIntegration(slack, {
  title: 'Loss is up',
  text: 'check it',
  level: 'WARN',
});
const webhook = SendWebhook.fromIntegration(hook, { payload: { event: '${event_type}', n: 1 } });

function filterOf(event: AutomationEvent): string {
  return createInput(event.then(DoNothing()), { name: 'x' }).eventFilter;
}

function input(event: AutomationEvent, action: AutomationAction, fields = {}) {
  return createInput(event.then(action), { name: 'my automation', ...fields });
}

describe('full create inputs (§7.7)', () => {
  it('OnRunMetric on a project with a Slack notification', () => {
    const event = OnRunMetric({
      scope: project,
      filter: RunEvent.metric('loss').mean(5).gt(0.5).and(RunEvent.name.contains('baseline')),
    });
    expect(input(event, notify, { description: 'd' })).toEqual({
      description: 'd',
      enabled: true,
      eventFilter:
        '{"run_filter":"{\\"$and\\":[{\\"display_name\\":{\\"$contains\\":\\"baseline\\"}}]}","run_metric_filter":{"threshold_filter":{"name":"loss","agg_op":"AVERAGE","window_size":5,"cmp_op":"$gt","threshold":0.5}},"metric_filter":null}',
      name: 'my automation',
      scopeID: 'UHJvamVjdDoxMjM=',
      scopeType: 'PROJECT',
      triggeredActionConfig: {
        notificationActionInput: {
          integrationID: 'SW50ZWdyYXRpb246MQ==',
          message: 'check it',
          severity: 'WARN',
          title: 'Loss is up',
        },
      },
      triggeredActionType: 'NOTIFICATION',
      triggeringEventType: 'RUN_METRIC',
    });
  });

  it('OnLinkArtifact on a collection', () => {
    const event = OnLinkArtifact({ scope: collection, filter: ArtifactEvent.alias.eq('prod') });
    const i = input(event, notify);
    expect(i).toMatchObject({
      scopeType: 'ARTIFACT_COLLECTION',
      scopeID: 'QXJ0aWZhY3RDb2xsZWN0aW9uOjQ1Ng==',
      triggeringEventType: 'LINK_MODEL',
      eventFilter: '{"$or":[{"$and":[{"alias":{"$eq":"prod"}}]}]}',
    });
    expect(i).not.toHaveProperty('description');
  });

  it('OnRunMetric on a team (entity scope)', () => {
    const event = OnRunMetric({ scope: team, filter: RunEvent.metric('loss').gt(1) });
    expect(input(event, DoNothing())).toEqual({
      enabled: true,
      eventFilter:
        '{"run_filter":"{\\"$and\\":[]}","run_metric_filter":{"threshold_filter":{"name":"loss","agg_op":null,"window_size":1,"cmp_op":"$gt","threshold":1}},"metric_filter":null}',
      name: 'my automation',
      scopeID: 'RW50aXR5Ojc4OQ==',
      scopeType: 'ENTITY',
      triggeredActionConfig: { noOpActionInput: { noOp: true } },
      triggeredActionType: 'NO_OP',
      triggeringEventType: 'RUN_METRIC',
    });
  });

  it('enabled false, and the name from then()', () => {
    const draft = OnCreateArtifact({ scope: collection }).then(DoNothing(), {
      name: 'from then',
      enabled: false,
    });
    expect(createInput(draft)).toMatchObject({ name: 'from then', enabled: false });
    expect(createInput(draft, { name: 'override' }).name).toBe('override');
  });
});

describe('run metric filters (§7.5)', () => {
  const cases: [string, () => AutomationEvent, string][] = [
    [
      'no aggregation, no run filter',
      () => OnRunMetric({ scope: project, filter: RunEvent.metric('loss').gt(1) }),
      '{"run_filter":"{\\"$and\\":[]}","run_metric_filter":{"threshold_filter":{"name":"loss","agg_op":null,"window_size":1,"cmp_op":"$gt","threshold":1}},"metric_filter":null}',
    ],
    [
      'max(3) <= 2',
      () => OnRunMetric({ scope: project, filter: RunEvent.metric('acc').max(3).lte(2) }),
      '{"run_filter":"{\\"$and\\":[]}","run_metric_filter":{"threshold_filter":{"name":"acc","agg_op":"MAX","window_size":3,"cmp_op":"$lte","threshold":2}},"metric_filter":null}',
    ],
    [
      'avg(5) changes by 10 % (relative)',
      () =>
        OnRunMetric({
          scope: project,
          filter: RunEvent.metric('loss').avg(5).changes({ by: 0.1, relative: true }),
        }),
      '{"run_filter":"{\\"$and\\":[]}","run_metric_filter":{"change_filter":{"name":"loss","agg_op":"AVERAGE","current_window_size":5,"change_amount":0.1,"prior_window_size":5,"change_type":"RELATIVE","change_dir":"ANY"}},"metric_filter":null}',
    ],
    [
      'increases by 2 (absolute)',
      () =>
        OnRunMetric({
          scope: project,
          filter: RunEvent.metric('loss').changes({ by: 2, direction: 'INCREASE' }),
        }),
      '{"run_filter":"{\\"$and\\":[]}","run_metric_filter":{"change_filter":{"name":"loss","agg_op":null,"current_window_size":1,"change_amount":2,"prior_window_size":1,"change_type":"ABSOLUTE","change_dir":"INCREASE"}},"metric_filter":null}',
    ],
    [
      'min(4) decreases by 0.5',
      () => OnRunMetric({ scope: project, filter: RunEvent.metric('loss').min(4).decreasesBy(0.5) }),
      '{"run_filter":"{\\"$and\\":[]}","run_metric_filter":{"change_filter":{"name":"loss","agg_op":"MIN","current_window_size":4,"change_amount":0.5,"prior_window_size":4,"change_type":"ABSOLUTE","change_dir":"DECREASE"}},"metric_filter":null}',
    ],
    [
      'avg(5) increases by 25 % (relative)',
      () =>
        OnRunMetric({
          scope: project,
          filter: RunEvent.metric('loss').avg(5).increasesBy(0.25, { relative: true }),
        }),
      '{"run_filter":"{\\"$and\\":[]}","run_metric_filter":{"change_filter":{"name":"loss","agg_op":"AVERAGE","current_window_size":5,"change_amount":0.25,"prior_window_size":5,"change_type":"RELATIVE","change_dir":"INCREASE"}},"metric_filter":null}',
    ],
    [
      'zscore(30) > 3',
      () => OnRunMetric({ scope: project, filter: RunEvent.metric('loss').zscore(30).gt(3) }),
      '{"run_filter":"{\\"$and\\":[]}","run_metric_filter":{"zscore_filter":{"name":"loss","window_size":30,"threshold":3,"change_dir":"INCREASE"}},"metric_filter":null}',
    ],
    [
      'abs(zscore(10)) > 2.5',
      () => OnRunMetric({ scope: project, filter: RunEvent.metric('loss').zscore(10).abs().gt(2.5) }),
      '{"run_filter":"{\\"$and\\":[]}","run_metric_filter":{"zscore_filter":{"name":"loss","window_size":10,"threshold":2.5,"change_dir":"ANY"}},"metric_filter":null}',
    ],
    [
      'zscore(30) < -3',
      () => OnRunMetric({ scope: project, filter: RunEvent.metric('loss').zscore(30).lt(-3) }),
      '{"run_filter":"{\\"$and\\":[]}","run_metric_filter":{"zscore_filter":{"name":"loss","window_size":30,"threshold":3,"change_dir":"DECREASE"}},"metric_filter":null}',
    ],
    [
      'an $or of run filters and a metric (run filter first)',
      () =>
        OnRunMetric({
          scope: project,
          filter: RunEvent.name.contains('a').or(RunEvent.name.eq('b')).and(RunEvent.metric('loss').gt(1)),
        }),
      '{"run_filter":"{\\"$and\\":[{\\"$or\\":[{\\"display_name\\":{\\"$contains\\":\\"a\\"}},{\\"display_name\\":{\\"$eq\\":\\"b\\"}}]}]}","run_metric_filter":{"threshold_filter":{"name":"loss","agg_op":null,"window_size":1,"cmp_op":"$gt","threshold":1}},"metric_filter":null}',
    ],
    [
      'an $and of run filters is flattened',
      () =>
        OnRunMetric({
          scope: project,
          filter: RunEvent.metric('loss')
            .gte(2.5)
            .and(RunEvent.name.contains('a').and(RunEvent.name.ne('b'))),
        }),
      '{"run_filter":"{\\"$and\\":[{\\"display_name\\":{\\"$contains\\":\\"a\\"}},{\\"display_name\\":{\\"$ne\\":\\"b\\"}}]}","run_metric_filter":{"threshold_filter":{"name":"loss","agg_op":null,"window_size":1,"cmp_op":"$gte","threshold":2.5}},"metric_filter":null}',
    ],
    [
      'a negative threshold',
      () => OnRunMetric({ scope: project, filter: RunEvent.metric('loss').lt(-1) }),
      '{"run_filter":"{\\"$and\\":[]}","run_metric_filter":{"threshold_filter":{"name":"loss","agg_op":null,"window_size":1,"cmp_op":"$lt","threshold":-1}},"metric_filter":null}',
    ],
  ];
  it.each(cases)('%s', (_label, make, expected) => {
    expect(filterOf(make())).toBe(expected);
  });

  it('infers the event type from the condition', () => {
    const m = RunEvent.metric('loss');
    expect(OnRunMetric({ scope: project, filter: m.gt(1) }).eventType).toBe('RUN_METRIC');
    expect(OnRunMetric({ scope: project, filter: m.changes({ by: 1 }) }).eventType).toBe('RUN_METRIC_CHANGE');
    expect(OnRunMetric({ scope: project, filter: m.zscore().gt(3) }).eventType).toBe('RUN_METRIC_ZSCORE');
  });

  it('changes({ window, priorWindow }) sets the windows', () => {
    const c = RunEvent.metric('loss').changes({ by: 1, window: 3, priorWindow: 6 });
    expect([c.window, c.priorWindow, c.aggregation]).toEqual([3, 6, undefined]);
    expect(RunEvent.metric('loss').mean(4).changes({ by: 1, window: 4 }).window).toBe(4);
  });
});

describe('run state filters (§7.5)', () => {
  it('states are upper-cased, deduplicated and sorted', () => {
    const event = OnRunState({ scope: project, filter: RunEvent.state.in(['FAILED', 'finished', 'failed']) });
    expect(input(event, webhook)).toMatchObject({
      eventFilter: '{"run_filter":"{\\"$and\\":[]}","run_state_filter":{"states":["FAILED","FINISHED"]}}',
      triggeringEventType: 'RUN_STATE',
      triggeredActionType: 'GENERIC_WEBHOOK',
      triggeredActionConfig: {
        genericWebhookActionInput: {
          integrationID: 'SW50ZWdyYXRpb246Mg==',
          requestPayload: '{"event":"${event_type}","n":1}',
        },
      },
    });
  });

  it('a state and a run name', () => {
    const event = OnRunState({
      scope: project,
      filter: RunEvent.state.eq('running').and(RunEvent.name.eq('x')),
    });
    expect(filterOf(event)).toBe(
      '{"run_filter":"{\\"$and\\":[{\\"display_name\\":{\\"$eq\\":\\"x\\"}}]}","run_state_filter":{"states":["RUNNING"]}}',
    );
    const regex = OnRunState({
      scope: project,
      filter: RunEvent.state.eq('finished').and(RunEvent.name.matchesRegex('^b')),
    });
    expect(filterOf(regex)).toBe(
      '{"run_filter":"{\\"$and\\":[{\\"display_name\\":{\\"$regex\\":\\"^b\\"}}]}","run_state_filter":{"states":["FINISHED"]}}',
    );
  });

  it('crashed is taken as FAILED (the official client refuses it; the wire value is the same)', () => {
    expect(RunEvent.state.in(['crashed', 'FAILED']).states).toEqual(['FAILED']);
  });
});

describe('artifact event filters (§7.5)', () => {
  const cases: [string, () => AutomationEvent, string][] = [
    [
      'alias eq',
      () => OnAddArtifactAlias({ scope: collection, filter: ArtifactEvent.alias.eq('prod') }),
      '{"$or":[{"$and":[{"alias":{"$eq":"prod"}}]}]}',
    ],
    [
      'alias regex',
      () => OnAddArtifactAlias({ scope: collection, filter: ArtifactEvent.alias.matchesRegex('prod-.*') }),
      '{"$or":[{"$and":[{"alias":{"$regex":"prod-.*"}}]}]}',
    ],
    [
      'tag eq (tag event)',
      () => OnAddArtifactTag({ scope: collection, filter: ArtifactEvent.tag.eq('prod') }),
      '{"$or":[{"$and":[{"tag":{"$eq":"prod"}}]}]}',
    ],
    ['no filter', () => OnCreateArtifact({ scope: collection }), '{"$or":[{"$and":[]}]}'],
    [
      'and is flattened into the wrapper',
      () =>
        OnAddArtifactAlias({
          scope: collection,
          filter: ArtifactEvent.alias.eq('a').and(ArtifactEvent.tag.eq('b')),
        }),
      '{"$or":[{"$and":[{"alias":{"$eq":"a"}},{"tag":{"$eq":"b"}}]}]}',
    ],
    [
      'or is kept inside',
      () =>
        OnAddArtifactAlias({
          scope: collection,
          filter: ArtifactEvent.alias.eq('a').or(ArtifactEvent.alias.eq('b')),
        }),
      '{"$or":[{"$and":[{"$or":[{"alias":{"$eq":"a"}},{"alias":{"$eq":"b"}}]}]}]}',
    ],
    [
      'and of an or',
      () =>
        OnAddArtifactAlias({
          scope: collection,
          filter: ArtifactEvent.alias.eq('a').and(ArtifactEvent.tag.eq('b').or(ArtifactEvent.tag.eq('c'))),
        }),
      '{"$or":[{"$and":[{"alias":{"$eq":"a"}},{"$or":[{"tag":{"$eq":"b"}},{"tag":{"$eq":"c"}}]}]}]}',
    ],
    [
      'not',
      () => OnAddArtifactAlias({ scope: collection, filter: ArtifactEvent.alias.eq('a').not() }),
      '{"$or":[{"$and":[{"$not":{"alias":{"$eq":"a"}}}]}]}',
    ],
    [
      'not of an or is a nor',
      () =>
        OnAddArtifactAlias({
          scope: collection,
          filter: ArtifactEvent.alias.eq('a').or(ArtifactEvent.alias.eq('b')).not(),
        }),
      '{"$or":[{"$and":[{"$nor":[{"alias":{"$eq":"a"}},{"alias":{"$eq":"b"}}]}]}]}',
    ],
    [
      'in, and exists',
      () =>
        OnAddArtifactAlias({
          scope: collection,
          filter: ArtifactEvent.alias
            .in(['a', 'b'])
            .and(ArtifactEvent.alias.eq('c'))
            .and(ArtifactEvent.tag.exists()),
        }),
      '{"$or":[{"$and":[{"alias":{"$in":["a","b"]}},{"alias":{"$eq":"c"}},{"tag":{"$exists":true}}]}]}',
    ],
    [
      'a collection tag event on a project',
      () => OnRemoveCollectionTag({ scope: project, filter: ArtifactEvent.tag.eq('x') }),
      '{"$or":[{"$and":[{"tag":{"$eq":"x"}}]}]}',
    ],
  ];
  it.each(cases)('%s', (_label, make, expected) => {
    expect(filterOf(make())).toBe(expected);
  });

  it('a link event on a project scope', () => {
    expect(input(OnLinkArtifact({ scope: project }), DoNothing())).toMatchObject({
      scopeType: 'PROJECT',
      scopeID: 'UHJvamVjdDoxMjM=',
      eventFilter: '{"$or":[{"$and":[]}]}',
    });
  });

  it('a registry-named project is a registry scope (PROJECT)', () => {
    const scope = Scope.project({ id: 'UA==', name: 'wandb-registry-models' });
    expect(scope).toMatchObject({ kind: 'registry', name: 'models', fullName: 'wandb-registry-models' });
    expect(input(OnLinkArtifact({ scope }), DoNothing()).scopeType).toBe('PROJECT');
    const registryObject = {
      id: 'UA==',
      fullName: 'wandb-registry-models',
      name: 'models',
      organization: 'acme-org',
    };
    expect(OnLinkArtifact({ scope: registryObject }).scope).toMatchObject({ kind: 'registry', id: 'UA==' });
  });
});

describe('actions (§7.6)', () => {
  it('notification defaults: empty title and message, INFO', () => {
    expect(
      input(OnCreateArtifact({ scope: collection }), SendNotification.fromIntegration(slack)),
    ).toMatchObject({
      triggeredActionConfig: {
        notificationActionInput: {
          integrationID: 'SW50ZWdyYXRpb246MQ==',
          message: '',
          severity: 'INFO',
          title: '',
        },
      },
    });
  });

  it('a webhook without a payload sends no requestPayload', () => {
    const i = input(OnCreateArtifact({ scope: collection }), SendWebhook.fromIntegration(hook));
    expect(i.triggeredActionConfig).toEqual({
      genericWebhookActionInput: { integrationID: 'SW50ZWdyYXRpb246Mg==' },
    });
  });

  it('level is case-insensitive', () => {
    expect(SendNotification.fromIntegration(slack, { level: 'error' }).severity).toBe('ERROR');
  });
});

describe('what the server would refuse is refused when built', () => {
  const bad: [string, () => unknown][] = [
    // The casts reach past the types to check the run-time checks (JavaScript callers).
    [
      'a run metric event on a collection',
      () => OnRunMetric({ scope: collection as never, filter: RunEvent.metric('loss').gt(1) }),
    ],
    [
      'a run state event on a collection',
      () => OnRunState({ scope: collection as never, filter: RunEvent.state.eq('failed') }),
    ],
    ['CREATE_ARTIFACT on a project', () => OnCreateArtifact({ scope: project as never })],
    ['a window of 0', () => RunEvent.metric('loss').mean(0)],
    ['a fractional window', () => RunEvent.metric('loss').max(1.5)],
    ['a z-score window of 0', () => RunEvent.metric('loss').zscore(0)],
    ['a change window < 1', () => RunEvent.metric('loss').changes({ by: 1, window: 0 })],
    ['a change of 0', () => RunEvent.metric('loss').changes({ by: 0 })],
    ['a negative change', () => RunEvent.metric('loss').increasesBy(-1)],
    [
      'a window differing from the aggregation',
      () => RunEvent.metric('loss').mean(5).changes({ by: 1, window: 3 }),
    ],
    ['a z-score > 0', () => RunEvent.metric('loss').zscore(5).gt(0)],
    ['a z-score < a positive threshold', () => RunEvent.metric('loss').zscore(5).lt(1)],
    ['an absolute z-score with lt', () => RunEvent.metric('loss').zscore(5).abs().lt(-1)],
    ['a boolean threshold', () => RunEvent.metric('loss').gt(true as never)],
    ['an infinite threshold', () => RunEvent.metric('loss').gt(Infinity)],
    ['an unknown state', () => RunEvent.state.eq('PENDING' as never)],
    ['no states', () => RunEvent.state.in([])],
    [
      'a run filter in an artifact event',
      () => OnLinkArtifact({ scope: collection, filter: RunEvent.name.eq('x') as never }),
    ],
    [
      'an artifact filter in a run event',
      () => OnRunMetric({ scope: project, filter: ArtifactEvent.alias.eq('x') as never }),
    ],
    [
      'mixing artifact and run filters',
      () => ArtifactEvent.alias.eq('a').and(RunEvent.name.eq('b') as never),
    ],
    ['a webhook in a notification', () => SendNotification.fromIntegration(hook as never)],
    ['a Slack channel in a webhook', () => SendWebhook.fromIntegration(slack as never)],
    ['a payload that is not an object', () => SendWebhook.fromIntegration(hook, { payload: [1] as never })],
    [
      'a function in a payload',
      () => SendWebhook.fromIntegration(hook, { payload: { f: (() => 1) as never } }),
    ],
    ['an unknown level', () => SendNotification.fromIntegration(slack, { level: 'LOUD' as never })],
    ['a scope that is nothing', () => OnLinkArtifact({ scope: { id: 'x' } as never })],
    ['no name', () => createInput(OnCreateArtifact({ scope: collection }).then(DoNothing()))],
    [
      'a name over 255 characters',
      () => createInput(OnCreateArtifact({ scope: collection }).then(DoNothing()), { name: 'x'.repeat(256) }),
    ],
    [
      'an action that is not one',
      () => OnCreateArtifact({ scope: collection }).then({ actionType: 'QUEUE_JOB' } as never),
    ],
  ];
  it.each(bad)('%s', (_label, make) => {
    expect(make).toThrow(ValidationError);
  });

  it('names the scope rule', () => {
    expect(() => OnRunMetric({ scope: collection as never, filter: RunEvent.metric('loss').gt(1) })).toThrow(
      /not an artifact collection/,
    );
    expect(() => OnCreateArtifact({ scope: project as never })).toThrow(/needs an artifact collection scope/);
  });
});
