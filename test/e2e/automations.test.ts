// Automations over HTTP against the emulator (notes/registries-protocol.md §7): the builder's
// inputs as sent, listings (and their legacy forms), one by name, create/409/fetchExisting,
// update/404/createMissing, delete, the feature gates, and the round trip of a saved automation.
import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { createInput } from '../../src/facade/automations/input.js';
import {
  Api,
  ArtifactEvent,
  Automation,
  ConflictError,
  DoNothing,
  NotFoundError,
  NotificationAction,
  OnAddArtifactAlias,
  OnCreateArtifact,
  OnLinkArtifact,
  OnRunMetric,
  OnRunState,
  RunEvent,
  RunMetricEvent,
  Scope,
  SendNotification,
  SendWebhook,
  UnsupportedError,
  ValidationError,
  type ArtifactCollection,
  type Project,
  type SlackIntegration,
  type WebhookIntegration,
} from '../../src/index.js';
import { print } from 'graphql';
import { EntityAutomationsDocument } from '../../src/generated/graphql-ast.js';
import { data } from '../support/emulator-http.js';
import { graphqlCalls, setup } from '../support/helpers.js';

interface World {
  emu: Emulator;
  api: Api;
  project: Project;
  collection: ArtifactCollection;
  slack: SlackIntegration;
  hook: WebhookIntegration;
  teamId: string;
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A fresh emulator with a team project, a collection and two integrations of the team. */
async function world(features?: Record<string, boolean>): Promise<World> {
  const ctx = await setup(features ? { features } : {});
  close = ctx.close;
  const { emu, api } = ctx;
  emu.seed.project({ entity: 'vision-team', name: 'vision' });
  emu.seed.artifact({ entity: 'vision-team', project: 'vision', type: 'dataset', collection: 'mnist' });
  emu.seed.project({ entity: 'alice', name: 'scratch' });
  emu.seed.integration({ entity: 'vision-team', kind: 'slack', teamName: 'acme', channelName: '#alerts' });
  emu.seed.integration({
    entity: 'vision-team',
    kind: 'webhook',
    name: 'ci',
    urlEndpoint: 'https://ci.example.com',
  });
  const project = await api.project('vision', 'vision-team');
  const collection = await api.artifactCollection('dataset', 'vision-team/vision/mnist');
  const [slack] = await api.slackIntegrations('vision-team').toArray();
  const [hook] = await api.webhookIntegrations('vision-team').toArray();
  const team = await data<{ entity: { id: string } }>(emu, '{ entity(name: "vision-team") { id } }');
  emu.clearRequests();
  return { emu, api, project, collection, slack: slack!, hook: hook!, teamId: team.entity.id };
}

function sentInput(emu: Emulator, operation: string): unknown {
  const requests = emu.requests.filter((r) => r.operationName === operation);
  return (requests[requests.length - 1]?.variables as { input?: unknown } | undefined)?.input;
}

function lossAlert(w: World) {
  const event = OnRunMetric({
    scope: w.project,
    filter: RunEvent.metric('loss').mean(5).gt(0.5).and(RunEvent.name.contains('baseline')),
  });
  const action = SendNotification.fromIntegration(w.slack, {
    title: 'Loss is up',
    text: 'check it',
    level: 'WARN',
  });
  return event.then(action);
}

describe('create, read back, round trip', () => {
  it('sends the builder input and reads the automation back into the builder types', async () => {
    const w = await world();
    const draft = lossAlert(w);
    const created = await w.api.createAutomation(draft, {
      name: 'loss alert',
      description: 'pages the on-call',
    });
    const expected = createInput(draft, { name: 'loss alert', description: 'pages the on-call' });
    expect(sentInput(w.emu, 'CreateAutomation')).toEqual(expected);
    expect(created).toBeInstanceOf(Automation);
    expect(created).toMatchObject({ name: 'loss alert', description: 'pages the on-call', enabled: true });
    expect(created.scope).toMatchObject({ kind: 'project', id: w.project.id, name: 'vision' });
    expect(created.event).toBeInstanceOf(RunMetricEvent);
    const metric = (created.event as RunMetricEvent).filter.metric;
    expect(metric).toMatchObject({
      name: 'loss',
      aggregation: 'AVERAGE',
      window: 5,
      comparison: '$gt',
      threshold: 0.5,
    });
    expect(created.action).toBeInstanceOf(NotificationAction);
    expect((created.action as NotificationAction).integration).toEqual(w.slack);
    expect(created.createdAt).toBeInstanceOf(Date);

    // The round trip: the update input is the create input, plus the id.
    const updated = await w.api.updateAutomation(created);
    expect(sentInput(w.emu, 'UpdateAutomation')).toEqual({ id: created.id, ...expected });
    expect(updated.id).toBe(created.id);
  });

  it('artifact events: the server wraps the filter in {"filter": …}, the update sends it unwrapped', async () => {
    const w = await world();
    const draft = OnAddArtifactAlias({ scope: w.collection, filter: ArtifactEvent.alias.eq('prod') }).then(
      SendWebhook.fromIntegration(w.hook, { payload: { event: '${event_type}', n: 1 } }),
    );
    const created = await w.api.createAutomation(draft, { name: 'prod alias' });
    const wire = await data<{ entity: { triggers: { edges: { node: { event: { filter: string } } }[] } } }>(
      w.emu,
      '{ entity(name: "vision-team") { triggers { edges { node { event: triggeringCondition { ... on FilterEventTriggeringCondition { filter } } } } } } }',
    );
    expect(JSON.parse(wire.entity.triggers.edges[0]!.node.event.filter)).toHaveProperty('filter');
    const [listed] = await w.api.automations({ entity: 'vision-team', name: 'prod alias' }).toArray();
    expect(listed).toBeInstanceOf(Automation);
    await w.api.updateAutomation(listed!);
    expect(sentInput(w.emu, 'UpdateAutomation')).toEqual({
      id: created.id,
      ...createInput(draft, { name: 'prod alias' }),
    });
  });

  it('edits: enabled, name, a new event', async () => {
    const w = await world();
    const created = await w.api.createAutomation(lossAlert(w), { name: 'loss alert' });
    created.enabled = false;
    created.event = OnRunState({ scope: w.project, filter: RunEvent.state.in(['failed']) });
    const updated = await w.api.updateAutomation(created, { name: 'failures' });
    expect(updated).toMatchObject({ name: 'failures', enabled: false });
    expect(updated.event.eventType).toBe('RUN_STATE');
    expect((await w.api.automation('failures', { entity: 'vision-team' })).id).toBe(created.id);
  });

  it('a team (entity) scope', async () => {
    const w = await world();
    const team = Scope.team({ id: w.teamId, name: 'vision-team' });
    const created = await w.api.createAutomation(
      OnRunState({ scope: team, filter: RunEvent.state.eq('failed') }).then(DoNothing()),
      { name: 'team failures' },
    );
    expect(created.scope).toEqual({ kind: 'team', id: w.teamId, name: 'vision-team' });
    expect(sentInput(w.emu, 'CreateAutomation')).toMatchObject({ scopeType: 'ENTITY', scopeID: w.teamId });
  });

  it('a Registry scope (its project, PROJECT), and a collection in it', async () => {
    const w = await world();
    w.emu.seed.organization({ name: 'acme', orgEntity: 'acme-org', members: ['alice'] });
    const { fullName } = w.emu.seed.registry({ organization: 'acme', name: 'models' });
    w.emu.seed.integration({ entity: 'acme-org', kind: 'slack', channelName: '#models' });
    const registry = await w.api.registry('models', { organization: 'acme' });
    const [slack] = await w.api.slackIntegrations('acme-org').toArray();
    const onLink = OnLinkArtifact({ scope: registry, filter: ArtifactEvent.alias.eq('production') });
    const created = await w.api.createAutomation(
      onLink.then(SendNotification.fromIntegration(slack!, { title: 'New production model' })),
      { name: 'promoted' },
    );
    expect(sentInput(w.emu, 'CreateAutomation')).toMatchObject({
      scopeType: 'PROJECT',
      scopeID: registry.id,
    });
    expect(created.scope).toMatchObject({ kind: 'registry', name: 'models', fullName });
    const failures = OnRunState({ scope: registry, filter: RunEvent.state.eq('failed') }).then(DoNothing());
    expect((await w.api.createAutomation(failures, { name: 'registry runs' })).scope.kind).toBe('registry');
    // fetchExisting looks the name up in the registry's org entity.
    const again = await w.api.createAutomation(onLink.then(DoNothing()), {
      name: 'promoted',
      fetchExisting: true,
    });
    expect(again.id).toBe(created.id);
  });

  it('bad input sends nothing', async () => {
    const w = await world();
    await expect(w.api.createAutomation(lossAlert(w))).rejects.toThrow(ValidationError);
    await expect(w.api.createAutomation({} as never, { name: 'x' })).rejects.toThrow(ValidationError);
    await expect(w.api.updateAutomation({ id: 'x' } as never)).rejects.toThrow(ValidationError);
    await expect(w.api.deleteAutomation('')).rejects.toThrow(ValidationError);
    expect(w.emu.requests.filter((r) => r.kind === 'graphql')).toEqual([]);
  });
});

describe('409, 404, delete', () => {
  it('an existing name is a ConflictError, or with fetchExisting the existing automation', async () => {
    const w = await world();
    const first = await w.api.createAutomation(lossAlert(w), { name: 'loss alert' });
    const error = await w.api.createAutomation(lossAlert(w), { name: 'loss alert' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(String((error as Error).message)).toMatch(/"loss alert" exists/);
    const existing = await w.api.createAutomation(lossAlert(w), { name: 'loss alert', fetchExisting: true });
    expect(existing.id).toBe(first.id);
  });

  it('a deleted automation: update is a NotFoundError, or with createMissing created again', async () => {
    const w = await world();
    const created = await w.api.createAutomation(lossAlert(w), { name: 'loss alert' });
    await w.api.deleteAutomation(created);
    expect(sentInput(w.emu, 'DeleteAutomation')).toBeUndefined();
    expect(w.emu.requests.find((r) => r.operationName === 'DeleteAutomation')?.variables).toEqual({
      id: created.id,
    });
    await expect(w.api.updateAutomation(created)).rejects.toThrow(NotFoundError);
    const again = await w.api.updateAutomation(created, { createMissing: true });
    expect(again.id).not.toBe(created.id);
    expect(again.name).toBe('loss alert');
    expect(sentInput(w.emu, 'CreateAutomation')).toEqual(createInput(created));
  });

  it('delete by id; an unknown id is the server answer (404)', async () => {
    const w = await world();
    const created = await w.api.createAutomation(lossAlert(w), { name: 'loss alert' });
    await w.api.deleteAutomation(created.id);
    expect(await w.api.automations({ entity: 'vision-team' }).toArray()).toEqual([]);
    await expect(w.api.deleteAutomation(created.id)).rejects.toThrow(NotFoundError);
  });
});

describe('listings and automation(name)', () => {
  async function seeded(features?: Record<string, boolean>) {
    const w = await world(features);
    await w.api.createAutomation(lossAlert(w), { name: 'loss alert' });
    await w.api.createAutomation(OnCreateArtifact({ scope: w.collection }).then(DoNothing()), {
      name: 'new data',
    });
    const scratch = await w.api.project('scratch', 'alice');
    await w.api.createAutomation(OnLinkArtifact({ scope: scratch }).then(DoNothing()), { name: 'new data' });
    w.emu.clearRequests();
    return w;
  }

  it("an entity's automations in one listing, filtered by name on the server", async () => {
    const w = await seeded();
    const all = await w.api.automations({ entity: 'vision-team' }).toArray();
    expect(all.map((a) => a.name).sort()).toEqual(['loss alert', 'new data']);
    const named = await w.api.automations({ entity: 'vision-team', name: 'new data' }).toArray();
    expect(named.map((a) => a.event.eventType)).toEqual(['CREATE_ARTIFACT']);
    const sent = w.emu.requests.filter((r) => r.operationName === 'EntityAutomations');
    expect(sent[1]?.variables).toMatchObject({ entity: 'vision-team', filters: '{"name":"new data"}' });
    expect(sent[0]?.variables).not.toHaveProperty('filters');
  });

  it('automation(name): exactly one, NotFoundError for none, ConflictError naming several', async () => {
    const w = await seeded();
    expect((await w.api.automation('loss alert', { entity: 'vision-team' })).name).toBe('loss alert');
    await expect(w.api.automation('nothing', { entity: 'vision-team' })).rejects.toThrow(NotFoundError);
    const byEntity = await w.api.automation('new data', { entity: 'alice' });
    expect(byEntity.scope).toMatchObject({ kind: 'project', name: 'scratch' });
    // Without an entity: the viewer's own projects are walked (as the official client does).
    const walked = await w.api.automation('new data');
    expect(walked.scope).toMatchObject({ kind: 'project', name: 'scratch' });
    expect(graphqlCalls(w.emu, 'ViewerAutomationsLegacy')).toBeGreaterThan(0);
  });

  it('several of one name (a server answering two) are a ConflictError naming them', async () => {
    const w = await seeded();
    const real = await data<{ scope: { triggers: { edges: { node: { id: string } }[] } } }>(
      w.emu,
      print(EntityAutomationsDocument),
      { entity: 'vision-team', filters: '{"name":"loss alert"}' },
    );
    const [edge] = real.scope.triggers.edges;
    const twin = { ...edge!, cursor: 'twin', node: { ...edge!.node, id: 'VHJpZ2dlcjo5OQ==' } };
    const body = {
      data: {
        scope: { triggers: { edges: [edge, twin], pageInfo: { endCursor: 'twin', hasNextPage: false } } },
      },
    };
    w.emu.faults.add({ operationName: 'EntityAutomations', status: 200, body: JSON.stringify(body) });
    const error = await w.api.automation('loss alert', { entity: 'vision-team' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain(
      `2 automations are named "loss alert" in entity vision-team: ${edge!.node.id} (project vision), VHJpZ2dlcjo5OQ== (project vision)`,
    );
  });

  it('without QUERY_AUTOMATIONS_ON_ENTITY the entity’s projects are walked, the name compared here', async () => {
    const w = await seeded({ QUERY_AUTOMATIONS_ON_ENTITY: false });
    const all = await w.api.automations({ entity: 'vision-team', perPage: 1 }).toArray();
    expect(all.map((a) => a.name).sort()).toEqual(['loss alert', 'new data']);
    const named = await w.api.automation('new data', { entity: 'vision-team' });
    expect(named.event.eventType).toBe('CREATE_ARTIFACT');
    expect(graphqlCalls(w.emu, 'EntityAutomations')).toBe(0);
    expect(graphqlCalls(w.emu, 'EntityAutomationsLegacy')).toBeGreaterThan(0);
  });

  it('an unknown entity is a NotFoundError', async () => {
    const w = await world();
    await expect(w.api.automations({ entity: 'nobody-here' }).toArray()).rejects.toThrow(NotFoundError);
  });
});

describe('feature gates', () => {
  it('without AUTOMATION_SCOPE_ENTITY: the documents without the entity scope, and no entity scope', async () => {
    const w = await world({ AUTOMATION_SCOPE_ENTITY: false });
    const created = await w.api.createAutomation(lossAlert(w), { name: 'loss alert' });
    expect(graphqlCalls(w.emu, 'CreateAutomationWithoutEntityScope')).toBe(1);
    await w.api.updateAutomation(created);
    expect(graphqlCalls(w.emu, 'UpdateAutomationWithoutEntityScope')).toBe(1);
    expect(await w.api.automations({ entity: 'vision-team' }).toArray()).toHaveLength(1);
    expect(graphqlCalls(w.emu, 'EntityAutomationsWithoutEntityScope')).toBe(1);
    w.emu.clearRequests();
    const team = Scope.team({ id: w.teamId, name: 'vision-team' });
    const error = await w.api
      .createAutomation(OnRunState({ scope: team, filter: RunEvent.state.eq('failed') }).then(DoNothing()), {
        name: 'team',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedError);
    expect((error as Error).message).toMatch(/AUTOMATION_SCOPE_ENTITY/);
    expect(graphqlCalls(w.emu, 'CreateAutomationWithoutEntityScope')).toBe(0);
  });

  it('a newer event without its AUTOMATION_EVENT_ feature', async () => {
    const w = await world({ AUTOMATION_EVENT_RUN_METRIC_ZSCORE: false });
    const zscore = OnRunMetric({ scope: w.project, filter: RunEvent.metric('loss').zscore(30).gt(3) }).then(
      DoNothing(),
    );
    await expect(w.api.createAutomation(zscore, { name: 'z' })).rejects.toThrow(
      /AUTOMATION_EVENT_RUN_METRIC_ZSCORE/,
    );
    expect(graphqlCalls(w.emu, 'CreateAutomation')).toBe(0);
  });

  it('with the features on, a z-score automation is created', async () => {
    const w = await world();
    const zscore = OnRunMetric({ scope: w.project, filter: RunEvent.metric('loss').zscore(30).abs().gt(3) });
    const created = await w.api.createAutomation(zscore.then(DoNothing()), { name: 'z' });
    expect(created.event.eventType).toBe('RUN_METRIC_ZSCORE');
  });
});
