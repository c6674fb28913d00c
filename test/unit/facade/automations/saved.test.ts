// Saved automations read back into the builder's types, and their update inputs: the expected
// inputs were printed by the official client's prepare_to_update on the same saved data
// (/work/notes/registries-protocol.md §7.8).
import { describe, expect, it } from 'vitest';
import { createInput, updateInput } from '../../../../src/facade/automations/input.js';
import { automationFromSaved } from '../../../../src/facade/automations/saved.js';
import type { TriggerFieldsFragment } from '../../../../src/generated/graphql.js';
import {
  ArtifactEvent,
  ArtifactMutationEvent,
  DoNothing,
  NotificationAction,
  OnAddArtifactAlias,
  OnRunMetric,
  RunEvent,
  RunMetricEvent,
  RunStateEvent,
  Scope,
  UnsupportedAction,
  UnsupportedEvent,
  ValidationError,
  WebhookAction,
} from '../../../../src/index.js';

const base: TriggerFieldsFragment = {
  __typename: 'Trigger',
  id: 'VHJpZ2dlcjox',
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: null,
  name: 'a',
  description: null,
  enabled: true,
  scope: { __typename: 'Project', id: 'UHJvamVjdDoxMjM=', name: 'my-project' },
  event: {
    __typename: 'FilterEventTriggeringCondition',
    eventType: 'RUN_METRIC',
    filter: JSON.stringify({
      run_filter: JSON.stringify({ $and: [] }),
      run_metric_filter: {
        threshold_filter: { name: 'loss', agg_op: null, window_size: 1, cmp_op: '$gt', threshold: 1 },
      },
    }),
  },
  action: { __typename: 'NoOpTriggeredAction', noOp: true },
};

describe('reading a saved automation', () => {
  it('a run metric automation (no metric_filter key) resends metric_filter: null', () => {
    const a = automationFromSaved(base);
    expect(a.event).toBeInstanceOf(RunMetricEvent);
    expect(a.scope).toEqual({
      kind: 'project',
      id: 'UHJvamVjdDoxMjM=',
      name: 'my-project',
      entity: undefined,
    });
    expect(a.createdAt?.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(updateInput(a.id, a)).toEqual({
      enabled: true,
      eventFilter:
        '{"run_filter":"{\\"$and\\":[]}","run_metric_filter":{"threshold_filter":{"name":"loss","agg_op":null,"window_size":1,"cmp_op":"$gt","threshold":1}},"metric_filter":null}',
      id: 'VHJpZ2dlcjox',
      name: 'a',
      scopeID: 'UHJvamVjdDoxMjM=',
      scopeType: 'PROJECT',
      triggeredActionConfig: { noOpActionInput: { noOp: true } },
      triggeredActionType: 'NO_OP',
      triggeringEventType: 'RUN_METRIC',
    });
  });

  it('an alias automation: the {"filter": …} level removed, a null title resent as ""', () => {
    const a = automationFromSaved({
      ...base,
      scope: { __typename: 'ArtifactPortfolio', id: 'QQ==', name: 'c' },
      event: {
        __typename: 'FilterEventTriggeringCondition',
        eventType: 'ADD_ARTIFACT_ALIAS',
        filter: JSON.stringify({ filter: { $or: [{ $and: [{ alias: { $eq: 'prod' } }] }] } }),
      },
      action: {
        __typename: 'NotificationTriggeredAction',
        integration: { __typename: 'SlackIntegration', id: 'SQ==', teamName: 't', channelName: 'c' },
        title: null,
        message: 'm',
        severity: 'ERROR',
      },
    });
    expect(a.event).toBeInstanceOf(ArtifactMutationEvent);
    expect((a.event as ArtifactMutationEvent).filter?.toMongo()).toEqual({ alias: { $eq: 'prod' } });
    expect(a.action).toBeInstanceOf(NotificationAction);
    expect((a.action as NotificationAction).integration).toEqual({
      kind: 'slack',
      id: 'SQ==',
      teamName: 't',
      channelName: 'c',
    });
    a.enabled = false;
    expect(updateInput(a.id, a)).toEqual({
      enabled: false,
      eventFilter: '{"$or":[{"$and":[{"alias":{"$eq":"prod"}}]}]}',
      id: 'VHJpZ2dlcjox',
      name: 'a',
      scopeID: 'QQ==',
      scopeType: 'ARTIFACT_COLLECTION',
      triggeredActionConfig: {
        notificationActionInput: { integrationID: 'SQ==', message: 'm', severity: 'ERROR', title: '' },
      },
      triggeredActionType: 'NOTIFICATION',
      triggeringEventType: 'ADD_ARTIFACT_ALIAS',
    });
  });

  it('the inner filter may also be a JSON string', () => {
    const a = automationFromSaved({
      ...base,
      scope: { __typename: 'ArtifactSequence', id: 'QQ==', name: 'c' },
      event: {
        __typename: 'FilterEventTriggeringCondition',
        eventType: 'LINK_MODEL',
        filter: JSON.stringify({ filter: '{"$or":[{"$and":[{"tag":{"$eq":"x"}}]}]}' }),
      },
    });
    expect(a.scope).toMatchObject({ kind: 'collection', isSequence: true });
    expect(updateInput(a.id, a).eventFilter).toBe('{"$or":[{"$and":[{"tag":{"$eq":"x"}}]}]}');
  });

  it('a webhook on a team with a run state event: the payload re-encoded compactly', () => {
    const a = automationFromSaved({
      ...base,
      scope: { __typename: 'Entity', id: 'RQ==', name: 'my-team', entityType: 'team' },
      event: {
        __typename: 'FilterEventTriggeringCondition',
        eventType: 'RUN_STATE',
        filter: JSON.stringify({
          run_filter: JSON.stringify({ $and: [{ display_name: { $eq: 'x' } }] }),
          run_state_filter: { states: ['FAILED'] },
        }),
      },
      action: {
        __typename: 'GenericWebhookTriggeredAction',
        integration: {
          __typename: 'GenericWebhookIntegration',
          id: 'Vw==',
          name: 'n',
          urlEndpoint: 'https://x',
        },
        requestPayload: '{"a": 1}',
      },
    });
    expect(a.scope).toEqual({ kind: 'team', id: 'RQ==', name: 'my-team' });
    expect(a.event).toBeInstanceOf(RunStateEvent);
    expect(a.action).toBeInstanceOf(WebhookAction);
    expect(updateInput(a.id, a)).toEqual({
      enabled: true,
      eventFilter:
        '{"run_filter":"{\\"$and\\":[{\\"display_name\\":{\\"$eq\\":\\"x\\"}}]}","run_state_filter":{"states":["FAILED"]}}',
      id: 'VHJpZ2dlcjox',
      name: 'a',
      scopeID: 'RQ==',
      scopeType: 'ENTITY',
      triggeredActionConfig: {
        genericWebhookActionInput: { integrationID: 'Vw==', requestPayload: '{"a":1}' },
      },
      triggeredActionType: 'GENERIC_WEBHOOK',
      triggeringEventType: 'RUN_STATE',
    });
  });

  it('a registry project scope and an organization scope', () => {
    const reg = automationFromSaved({
      ...base,
      scope: { __typename: 'Project', id: 'UA==', name: 'wandb-registry-models' },
    });
    expect(reg.scope).toMatchObject({ kind: 'registry', name: 'models', fullName: 'wandb-registry-models' });
    const org = automationFromSaved({
      ...base,
      scope: { __typename: 'Entity', id: 'RQ==', name: 'acme-org', entityType: 'organization' },
    });
    expect(org.scope.kind).toBe('organization');
  });

  it('a new event replaces the event and the scope', () => {
    const a = automationFromSaved(base);
    a.event = OnAddArtifactAlias({
      scope: Scope.collection({ id: 'QQ==', name: 'c' }),
      filter: ArtifactEvent.alias.eq('staging'),
    });
    expect(updateInput(a.id, a)).toMatchObject({
      eventFilter: '{"$or":[{"$and":[{"alias":{"$eq":"staging"}}]}]}',
      scopeID: 'QQ==',
      scopeType: 'ARTIFACT_COLLECTION',
      triggeringEventType: 'ADD_ARTIFACT_ALIAS',
    });
  });

  it('every builder encoding reads back to the same input', () => {
    const events = [
      OnRunMetric({
        scope: Scope.project({ id: 'UA==', name: 'p' }),
        filter: RunEvent.metric('loss').mean(5).gt(0.5).and(RunEvent.name.contains('baseline')),
      }),
      OnRunMetric({
        scope: Scope.project({ id: 'UA==', name: 'p' }),
        filter: RunEvent.metric('l').min(4).decreasesBy(0.5),
      }),
      OnRunMetric({
        scope: Scope.project({ id: 'UA==', name: 'p' }),
        filter: RunEvent.metric('l').zscore(10).abs().gt(2),
      }),
      OnAddArtifactAlias({
        scope: Scope.collection({ id: 'QQ==', name: 'c' }),
        filter: ArtifactEvent.alias.eq('a').or(ArtifactEvent.tag.eq('b')).not(),
      }),
    ];
    for (const event of events) {
      const sent = createInput(event.then(DoNothing()), { name: 'n' });
      const wrapped =
        event instanceof ArtifactMutationEvent
          ? JSON.stringify({ filter: JSON.parse(sent.eventFilter) })
          : sent.eventFilter;
      const a = automationFromSaved({
        ...base,
        scope:
          event.scope.kind === 'collection'
            ? { __typename: 'ArtifactPortfolio', id: 'QQ==', name: 'c' }
            : { __typename: 'Project', id: 'UA==', name: 'p' },
        name: 'n',
        event: {
          __typename: 'FilterEventTriggeringCondition',
          eventType: sent.triggeringEventType,
          filter: wrapped,
        },
      });
      expect(updateInput(a.id, a)).toEqual({ id: a.id, ...sent });
    }
  });
});

describe('legacy and unknown parts', () => {
  it('an UPDATE_ARTIFACT_ALIAS event reads back but cannot be resent', () => {
    const a = automationFromSaved({
      ...base,
      event: {
        __typename: 'FilterEventTriggeringCondition',
        eventType: 'UPDATE_ARTIFACT_ALIAS',
        filter: '{"filter":{}}',
      },
    });
    expect(a.event).toBeInstanceOf(UnsupportedEvent);
    expect((a.event as UnsupportedEvent).rawFilter).toBe('{"filter":{}}');
    expect(() => updateInput(a.id, a)).toThrow(ValidationError);
  });

  it('a queue job action reads back by type and cannot be resent', () => {
    const a = automationFromSaved({ ...base, action: { __typename: 'QueueJobTriggeredAction' } as never });
    expect(a.action).toEqual(new UnsupportedAction('QUEUE_JOB'));
    expect(() => updateInput(a.id, a)).toThrow(/QUEUE_JOB actions cannot be assigned/);
  });

  it('an old run metric automation with only metric_filter', () => {
    const a = automationFromSaved({
      ...base,
      event: {
        __typename: 'FilterEventTriggeringCondition',
        eventType: 'RUN_METRIC',
        filter: JSON.stringify({
          run_filter: '{"$and":[]}',
          metric_filter: JSON.stringify({
            name: 'acc',
            agg_op: 'MAX',
            window_size: 3,
            cmp_op: '$lt',
            threshold: 0.2,
          }),
        }),
      },
    });
    expect(a.event).toBeInstanceOf(RunMetricEvent);
    expect((a.event as RunMetricEvent).filter.metric).toMatchObject({
      name: 'acc',
      aggregation: 'MAX',
      window: 3,
    });
  });

  it('an unreadable filter is kept as received', () => {
    const a = automationFromSaved({
      ...base,
      event: { __typename: 'FilterEventTriggeringCondition', eventType: 'RUN_STATE', filter: 'not json' },
    });
    expect(a.event).toBeInstanceOf(UnsupportedEvent);
  });
});
