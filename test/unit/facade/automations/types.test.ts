// Wrong combinations that the builder's types refuse (tsc checks this file: `npm run typecheck`
// fails if a `@ts-expect-error` below stops being an error), and that the run-time checks refuse
// too, for JavaScript callers.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ArtifactEvent,
  DoNothing,
  OnAddArtifactAlias,
  OnCreateArtifact,
  OnLinkArtifact,
  OnRunMetric,
  OnRunState,
  RunEvent,
  Scope,
  SendNotification,
  SendWebhook,
  ValidationError,
  type ArtifactMutationEvent,
  type RunMetricEvent,
} from '../../../../src/index.js';
import { collection, hook, project, slack } from './fixtures.js';

describe('types refuse wrong combinations', () => {
  it('a run event on a collection scope', () => {
    expect(() =>
      OnRunMetric({
        // @ts-expect-error a collection is not a run event scope
        scope: collection,
        filter: RunEvent.metric('loss').gt(1),
      }),
    ).toThrow(ValidationError);
    expect(() =>
      OnRunState({
        // @ts-expect-error a collection scope made from ids neither
        scope: Scope.collection({ id: 'QQ==', name: 'c' }),
        filter: RunEvent.state.eq('failed'),
      }),
    ).toThrow(ValidationError);
  });

  it('CREATE_ARTIFACT on a project or a team', () => {
    // @ts-expect-error OnCreateArtifact needs a collection
    expect(() => OnCreateArtifact({ scope: project })).toThrow(ValidationError);
    // @ts-expect-error nor a team
    expect(() => OnCreateArtifact({ scope: Scope.team({ id: 'RQ==', name: 't' }) })).toThrow(ValidationError);
  });

  it('filters of the wrong kind', () => {
    // @ts-expect-error a run filter in an artifact event
    expect(() => OnLinkArtifact({ scope: collection, filter: RunEvent.name.eq('x') })).toThrow(
      ValidationError,
    );
    // @ts-expect-error an artifact filter as a run metric condition
    expect(() => OnRunMetric({ scope: project, filter: ArtifactEvent.alias.eq('prod') })).toThrow(
      ValidationError,
    );
    // @ts-expect-error a state condition in a metric event
    expect(() => OnRunMetric({ scope: project, filter: RunEvent.state.eq('failed') })).toThrow(
      ValidationError,
    );
    // @ts-expect-error a metric condition in a state event
    expect(() => OnRunState({ scope: project, filter: RunEvent.metric('loss').gt(1) })).toThrow(
      ValidationError,
    );
    // @ts-expect-error artifact and run filters do not combine
    expect(() => ArtifactEvent.alias.eq('a').and(RunEvent.name.eq('b'))).toThrow(ValidationError);
    // @ts-expect-error a metric condition only combines with a run filter
    expect(() => RunEvent.metric('loss').gt(1).and(ArtifactEvent.tag.eq('x'))).toThrow(ValidationError);
  });

  it('states and levels outside their sets', () => {
    // @ts-expect-error PENDING is not a state automations watch
    expect(() => RunEvent.state.eq('PENDING')).toThrow(ValidationError);
    // @ts-expect-error LOUD is not a level
    expect(() => SendNotification.fromIntegration(slack, { level: 'LOUD' })).toThrow(ValidationError);
  });

  it('integrations of the wrong kind', () => {
    // @ts-expect-error a webhook cannot receive a Slack notification
    expect(() => SendNotification.fromIntegration(hook)).toThrow(ValidationError);
    // @ts-expect-error a Slack channel is not a webhook
    expect(() => SendWebhook.fromIntegration(slack)).toThrow(ValidationError);
    // @ts-expect-error a payload is a JSON object
    expect(() => SendWebhook.fromIntegration(hook, { payload: 'text' })).toThrow(ValidationError);
  });

  it('then() takes an action', () => {
    // @ts-expect-error an integration is not an action
    expect(() => OnCreateArtifact({ scope: collection }).then(slack)).toThrow(ValidationError);
  });
});

describe('types follow the builder', () => {
  it('events carry their wire type', () => {
    expectTypeOf(OnLinkArtifact({ scope: project })).toEqualTypeOf<ArtifactMutationEvent<'LINK_MODEL'>>();
    expectTypeOf(OnAddArtifactAlias({ scope: collection }).eventType).toEqualTypeOf<'ADD_ARTIFACT_ALIAS'>();
    expectTypeOf(
      OnRunMetric({ scope: project, filter: RunEvent.metric('x').gt(1) }),
    ).toEqualTypeOf<RunMetricEvent>();
    expectTypeOf(OnCreateArtifact({ scope: collection }).then(DoNothing()).action.actionType).toEqualTypeOf<
      'NOTIFICATION' | 'GENERIC_WEBHOOK' | 'NO_OP'
    >();
  });

  it('a registry-like object is a run event scope', () => {
    const registry = { id: 'UA==', fullName: 'wandb-registry-models' };
    expect(OnRunState({ scope: registry, filter: RunEvent.state.eq('failed') }).scope.kind).toBe('registry');
  });
});
