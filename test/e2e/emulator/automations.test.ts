// Automations over HTTP with raw GraphQL (notes/registries-protocol.md §7, §8.8): the documents of
// operations/automations.graphql against seeded registries, integrations and automations.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { data, errorMessages, gql, KEY } from '../../support/emulator-http.js';
import { repositoryOperation as op } from './repository-operations.js';

interface TriggerNode {
  __typename: string;
  id: string;
  name: string;
  description: string | null;
  enabled: boolean;
  updatedAt: string | null;
  scope: { __typename: string; id?: string; name?: string; entityType?: string };
  event: { __typename: string; eventType: string; filter: string };
  action: Record<string, unknown> & { __typename: string };
}
type Listing = {
  scope: {
    triggers: {
      edges: { node: TriggerNode }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
};
type Legacy = { scope: { projects: { edges: { node: { triggers: TriggerNode[] } }[] } } };

const ALIAS_FILTER = JSON.stringify({ $or: [{ $and: [{ alias: { $eq: 'prod' } }] }] });
const RUN_METRIC_FILTER =
  '{"run_filter":"{\\"$and\\":[{\\"display_name\\":{\\"$contains\\":\\"baseline\\"}}]}","run_metric_filter":{"threshold_filter":{"name":"loss","agg_op":"AVERAGE","window_size":5,"cmp_op":"$gt","threshold":0.5}},"metric_filter":null}';

let emu: Emulator;
let ids: {
  slack: string;
  hook: string;
  registry: string;
  collection: string;
  project: string;
  orgEntity: string;
  seeded: string;
};

async function start(features?: Record<string, boolean>): Promise<void> {
  emu = await startEmulator({
    apiKey: KEY,
    viewer: { username: 'alice' },
    ...(features ? { features } : {}),
  });
  emu.seed.organization({ name: 'acme', orgEntity: 'acme-org', members: ['alice'] });
  const registry = emu.seed.registry({ organization: 'acme', name: 'models' });
  const model = emu.seed.artifact({
    entity: 'alice',
    project: 'vision',
    type: 'model',
    collection: 'resnet',
  });
  const link = emu.seed.link({
    artifact: model.id,
    entity: 'acme-org',
    project: registry.fullName,
    collection: 'detector',
  });
  const project = emu.seed.project({ entity: 'acme-org', name: 'wandb-registry-evals' });
  const slack = emu.seed.integration({
    entity: 'acme-org',
    kind: 'slack',
    teamName: 'acme',
    channelName: '#models',
  });
  const hook = emu.seed.integration({
    entity: 'acme-org',
    kind: 'webhook',
    name: 'ci',
    urlEndpoint: 'https://ci.example.com',
  });
  const seeded = emu.seed.automation({
    name: 'seeded',
    scope: { entity: 'acme-org', project: registry.fullName, collection: 'detector' },
    event: 'ADD_ARTIFACT_ALIAS',
    filter: { $or: [{ $and: [{ alias: { $eq: 'production' } }] }] },
    action: { type: 'NOTIFICATION', integration: slack.id, title: 'New production model', severity: 'INFO' },
  });
  const entity = await data<{ entity: { id: string } }>(emu, '{ entity(name: "acme-org") { id } }');
  ids = {
    slack: slack.id,
    hook: hook.id,
    registry: registry.id,
    collection: link.collectionId,
    project: project.id,
    orgEntity: entity.entity.id,
    seeded: seeded.id,
  };
}

function createInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'my automation',
    description: 'd',
    enabled: true,
    scopeType: 'PROJECT',
    scopeID: ids.registry,
    triggeringEventType: 'RUN_METRIC',
    eventFilter: RUN_METRIC_FILTER,
    triggeredActionType: 'NOTIFICATION',
    triggeredActionConfig: {
      notificationActionInput: {
        integrationID: ids.slack,
        message: 'check it',
        severity: 'WARN',
        title: 'Loss is up',
      },
    },
    ...overrides,
  };
}

afterEach(() => emu.close());

describe('emulator: automations, writes', () => {
  beforeEach(() => start());

  it('CreateAutomation stores and answers the automation; run filters come back as sent', async () => {
    const res = await data<{ result: { trigger: TriggerNode } }>(emu, op('CreateAutomation'), {
      input: createInput(),
    });
    const trigger = res.result.trigger;
    expect(trigger).toMatchObject({
      __typename: 'Trigger',
      name: 'my automation',
      description: 'd',
      enabled: true,
      updatedAt: null,
      scope: { __typename: 'Project', id: ids.registry, name: 'wandb-registry-models' },
      event: {
        __typename: 'FilterEventTriggeringCondition',
        eventType: 'RUN_METRIC',
        filter: RUN_METRIC_FILTER,
      },
      action: {
        __typename: 'NotificationTriggeredAction',
        integration: {
          __typename: 'SlackIntegration',
          id: ids.slack,
          teamName: 'acme',
          channelName: '#models',
        },
        title: 'Loss is up',
        message: 'check it',
        severity: 'WARN',
      },
    });
    expect(Buffer.from(trigger.id, 'base64').toString()).toMatch(/^Trigger:\d+$/);
  });

  it('artifact-event filters come back wrapped in {"filter": ...}; webhook and no-op actions', async () => {
    const hook = await data<{ result: { trigger: TriggerNode } }>(emu, op('CreateAutomation'), {
      input: createInput({
        name: 'hook',
        scopeType: 'ARTIFACT_COLLECTION',
        scopeID: ids.collection,
        triggeringEventType: 'LINK_MODEL',
        eventFilter: ALIAS_FILTER,
        triggeredActionType: 'GENERIC_WEBHOOK',
        triggeredActionConfig: {
          genericWebhookActionInput: { integrationID: ids.hook, requestPayload: '{"event":"${event_type}"}' },
        },
      }),
    });
    expect(JSON.parse(hook.result.trigger.event.filter)).toEqual({ filter: JSON.parse(ALIAS_FILTER) });
    expect(hook.result.trigger.scope).toEqual({
      __typename: 'ArtifactPortfolio',
      id: ids.collection,
      name: 'detector',
    });
    expect(hook.result.trigger.action).toEqual({
      __typename: 'GenericWebhookTriggeredAction',
      integration: {
        __typename: 'GenericWebhookIntegration',
        id: ids.hook,
        name: 'ci',
        urlEndpoint: 'https://ci.example.com',
      },
      requestPayload: '{"event":"${event_type}"}',
    });
    const noop = await data<{ result: { trigger: TriggerNode } }>(emu, op('CreateAutomation'), {
      input: createInput({
        name: 'team',
        scopeType: 'ENTITY',
        scopeID: ids.orgEntity,
        triggeringEventType: 'RUN_STATE',
        eventFilter: '{"run_filter":"{\\"$and\\":[]}","run_state_filter":{"states":["FAILED","FINISHED"]}}',
        triggeredActionType: 'NO_OP',
        triggeredActionConfig: { noOpActionInput: { noOp: true } },
      }),
    });
    expect(noop.result.trigger.scope).toEqual({
      __typename: 'Entity',
      id: ids.orgEntity,
      name: 'acme-org',
      entityType: 'organization',
    });
    expect(noop.result.trigger.action).toEqual({ __typename: 'NoOpTriggeredAction', noOp: true });
  });

  it('a duplicate name in the entity is HTTP 409 with a GraphQL error', async () => {
    await data(emu, op('CreateAutomation'), { input: createInput() });
    const res = await gql(emu, op('CreateAutomation'), { input: createInput({ scopeID: ids.project }) });
    expect(res.status).toBe(409);
    expect(res.json.errors?.[0]).toMatchObject({
      message: 'createFilterTrigger: an automation named "my automation" already exists in entity acme-org',
      extensions: { code: 'ALREADY_EXISTS' },
    });
    expect(res.json.data).toEqual({ result: null });
  });

  it('refuses what the server would refuse', async () => {
    const refused = (overrides: Record<string, unknown>) =>
      errorMessages(emu, op('CreateAutomation'), { input: createInput(overrides) });
    expect(await refused({ scopeType: 'ARTIFACT_COLLECTION', scopeID: ids.collection })).toMatch(
      /RUN_METRIC events apply to project or entity scopes/,
    );
    expect(await refused({ triggeringEventType: 'CREATE_ARTIFACT', eventFilter: ALIAS_FILTER })).toMatch(
      /CREATE_ARTIFACT events apply to artifact collection scopes only/,
    );
    expect(
      await refused({ triggeringEventType: 'UPDATE_ARTIFACT_ALIAS', eventFilter: ALIAS_FILTER }),
    ).toMatch(/cannot be created/);
    expect(
      await refused({ eventFilter: RUN_METRIC_FILTER.replace('"window_size":5', '"window_size":0') }),
    ).toMatch(/window_size must be an integer >= 1/);
    expect(await refused({ eventFilter: 'nope' })).toMatch(/eventFilter is not valid JSON/);
    expect(await refused({ scopeID: 'UHJvamVjdDo5OTk=' })).toMatch(/project "UHJvamVjdDo5OTk=" not found/);
    expect(
      await refused({ triggeredActionConfig: { notificationActionInput: { integrationID: ids.hook } } }),
    ).toMatch(/needs a Slack integration/);
    expect(await refused({ triggeredActionType: 'GENERIC_WEBHOOK' })).toMatch(
      /must give exactly genericWebhookActionInput/,
    );
    expect(await refused({ triggeredActionType: 'QUEUE_JOB' })).toMatch(/cannot be assigned/);
    expect(await refused({ name: 'x'.repeat(256) })).toMatch(/1 to 255 characters/);
  });

  it('UpdateAutomation applies the given fields; an unknown id is HTTP 404', async () => {
    const updated = await data<{ result: { trigger: TriggerNode } }>(emu, op('UpdateAutomation'), {
      input: {
        id: ids.seeded,
        name: 'renamed',
        enabled: false,
        scopeType: 'ARTIFACT_COLLECTION',
        scopeID: ids.collection,
        triggeringEventType: 'ADD_ARTIFACT_ALIAS',
        eventFilter: ALIAS_FILTER,
        triggeredActionType: 'NOTIFICATION',
        triggeredActionConfig: {
          notificationActionInput: { integrationID: ids.slack, message: 'm', severity: 'ERROR', title: '' },
        },
      },
    });
    expect(updated.result.trigger).toMatchObject({
      id: ids.seeded,
      name: 'renamed',
      enabled: false,
      description: null,
      action: { title: '', message: 'm', severity: 'ERROR' },
    });
    expect(updated.result.trigger.updatedAt).not.toBeNull();
    expect(JSON.parse(updated.result.trigger.event.filter)).toEqual({ filter: JSON.parse(ALIAS_FILTER) });
    const missing = await gql(emu, op('UpdateAutomation'), { input: { id: 'VHJpZ2dlcjo5OTk=', name: 'x' } });
    expect(missing.status).toBe(404);
    expect(missing.json.errors?.[0]).toMatchObject({
      message: 'updateFilterTrigger: automation "VHJpZ2dlcjo5OTk=" not found',
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('DeleteAutomation deletes; an unknown id is HTTP 404', async () => {
    expect(await data(emu, op('DeleteAutomation'), { id: ids.seeded })).toEqual({
      result: { success: true },
    });
    const again = await gql(emu, op('DeleteAutomation'), { id: ids.seeded });
    expect(again.status).toBe(404);
    expect(again.json.errors?.[0]?.message).toBe(`deleteTrigger: automation "${ids.seeded}" not found`);
  });
});

describe('emulator: automations, listings', () => {
  beforeEach(async () => {
    await start();
    await data(emu, op('CreateAutomation'), { input: createInput() });
    await data(emu, op('CreateAutomation'), {
      input: createInput({
        name: 'team',
        scopeType: 'ENTITY',
        scopeID: ids.orgEntity,
        triggeredActionType: 'NO_OP',
        triggeredActionConfig: { noOpActionInput: { noOp: true } },
      }),
    });
  });

  it('EntityAutomations lists every automation of the entity, by exact name with filters', async () => {
    const all = await data<Listing>(emu, op('EntityAutomations'), { entity: 'acme-org' });
    expect(all.scope.triggers.edges.map((e) => e.node.name)).toEqual(['seeded', 'my automation', 'team']);
    const named = await data<Listing>(emu, op('EntityAutomations'), {
      entity: 'acme-org',
      filters: JSON.stringify({ name: 'team' }),
    });
    expect(named.scope.triggers.edges.map((e) => e.node.scope.__typename)).toEqual(['Entity']);
    const paged = await data<Listing>(emu, op('EntityAutomations'), { entity: 'acme-org', perPage: 2 });
    expect(paged.scope.triggers.pageInfo.hasNextPage).toBe(true);
    expect(
      (await data<Listing>(emu, op('EntityAutomations'), { entity: 'alice' })).scope.triggers.edges,
    ).toEqual([]);
  });

  it('OrganizationAutomations, ProjectAutomations and the legacy project walks', async () => {
    const org = await data<Listing>(emu, op('OrganizationAutomations'), { org: 'acme' });
    expect(org.scope.triggers.edges).toHaveLength(3);
    const project = await data<{ project: { triggers: TriggerNode[] } }>(emu, op('ProjectAutomations'), {
      entity: 'acme-org',
      project: 'wandb-registry-models',
    });
    // Scoped to the registry, or to one of its collections.
    expect(project.project.triggers.map((t) => t.name)).toEqual(['seeded', 'my automation']);
    const legacy = await data<Legacy>(emu, op('EntityAutomationsLegacy'), { entity: 'acme-org' });
    expect(legacy.scope.projects.edges.flatMap((e) => e.node.triggers.map((t) => t.name))).toEqual([
      'seeded',
      'my automation',
    ]);
    const viewer = await data<Legacy>(emu, op('ViewerAutomationsLegacy'), {});
    expect(viewer.scope.projects.edges.flatMap((e) => e.node.triggers)).toEqual([]);
  });
});

describe('emulator: automations, server features', () => {
  it('QUERY_AUTOMATIONS_ON_ENTITY off: Entity.triggers is unknown, the legacy walk works', async () => {
    await start({ QUERY_AUTOMATIONS_ON_ENTITY: false });
    const res = await gql(emu, op('EntityAutomations'), { entity: 'acme-org' });
    expect(res.json.errors?.[0]?.message).toBe('Cannot query field "triggers" on type "Entity".');
    const legacy = await data<Legacy>(emu, op('EntityAutomationsLegacy'), { entity: 'acme-org' });
    expect(legacy.scope.projects.edges.flatMap((e) => e.node.triggers.map((t) => t.name))).toEqual([
      'seeded',
    ]);
  });

  it('AUTOMATIONS_ON_ORGANIZATION off: Organization.triggers is unknown', async () => {
    await start({ AUTOMATIONS_ON_ORGANIZATION: false });
    const res = await gql(emu, op('OrganizationAutomations'), { org: 'acme' });
    expect(res.json.errors?.[0]?.message).toBe('Cannot query field "triggers" on type "Organization".');
  });

  it('AUTOMATION_SCOPE_ENTITY off: EntityScopeFields cannot be spread; entity scopes are refused; WithoutEntityScope works', async () => {
    await start({ AUTOMATION_SCOPE_ENTITY: false });
    const res = await gql(emu, op('EntityAutomations'), { entity: 'acme-org' });
    expect(res.json.errors?.map((e) => e.message)).toEqual([
      'Fragment "EntityScopeFields" cannot be spread here as objects of type "TriggerScope" can never be of type "Entity".',
    ]);
    expect(
      (await data<Listing>(emu, op('EntityAutomationsWithoutEntityScope'), { entity: 'acme-org' })).scope
        .triggers.edges,
    ).toHaveLength(1);
    const refused = await errorMessages(emu, op('CreateAutomationWithoutEntityScope'), {
      input: createInput({ scopeType: 'ENTITY', scopeID: ids.orgEntity }),
    });
    expect(refused).toMatch(/AUTOMATION_SCOPE_ENTITY is off/);
  });

  it('an AUTOMATION_EVENT_<type> off refuses that event type; AUTOMATION_ACTION_NO_OP off refuses NO_OP', async () => {
    await start({ AUTOMATION_EVENT_UNLINK_ARTIFACT: false, AUTOMATION_ACTION_NO_OP: false });
    expect(
      await errorMessages(emu, op('CreateAutomation'), {
        input: createInput({ triggeringEventType: 'UNLINK_ARTIFACT', eventFilter: ALIAS_FILTER }),
      }),
    ).toMatch(/does not support UNLINK_ARTIFACT events \(AUTOMATION_EVENT_UNLINK_ARTIFACT is off\)/);
    expect(
      await errorMessages(emu, op('CreateAutomation'), {
        input: createInput({
          triggeredActionType: 'NO_OP',
          triggeredActionConfig: { noOpActionInput: { noOp: true } },
        }),
      }),
    ).toMatch(/AUTOMATION_ACTION_NO_OP is off/);
  });
});
