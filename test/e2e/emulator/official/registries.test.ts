// The official client's registry, integration and automation documents, in their exact text
// (./registry-documents.ts), sent as the official client sends them (`operationName: ""`, the
// fragments its server lacks stripped as `automations/_compat.py` does) and answered as the real
// server would, checked for what the official client reads (notes/registries-protocol.md).
import { parse, print, visit } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../../src/emulator/index.js';
import { gql, KEY, official } from '../../../support/emulator-http.js';
import * as doc from './registry-documents.js';

/** The document without the named fragments and their spreads (`omit_automation_fragments`). */
function withoutFragments(text: string, names: readonly string[]): string {
  const stripped = visit(parse(text), {
    FragmentSpread: (node) => (names.includes(node.name.value) ? null : undefined),
    FragmentDefinition: (node) => (names.includes(node.name.value) ? null : undefined),
  });
  return print(stripped);
}

/** What every official client sends: QueueJobActionFields is never sent (its gate is not a known feature). */
const sent = (text: string): string => withoutFragments(text, ['QueueJobActionFields']);

interface Trigger {
  id: string;
  name: string;
  scope: { __typename: string; name: string };
  event: { eventType: string; filter: string };
  action: { __typename: string; integration?: { id: string } };
}

let emu: Emulator;
let ids: { slack: string; hook: string; registry: string; collection: string };

beforeAll(async () => {
  emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
  emu.seed.organization({ name: 'acme', orgEntity: 'acme-org', members: ['alice'] });
  const registry = emu.seed.registry({ organization: 'acme', name: 'models', artifactTypes: ['model'] });
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
    aliases: ['prod'],
  });
  const slack = emu.seed.integration({
    entity: 'acme-org',
    kind: 'slack',
    teamName: 'acme',
    channelName: '#alerts',
  });
  const hook = emu.seed.integration({
    entity: 'acme-org',
    kind: 'webhook',
    name: 'ci',
    urlEndpoint: 'https://ci.example.com',
  });
  ids = { slack: slack.id, hook: hook.id, registry: registry.id, collection: link.collectionId };
});
afterAll(() => emu.close());

describe('official documents: registries', () => {
  it('FetchOrganization, FetchAdvancedRegistryFeatures', async () => {
    const org = await official<{ organization: { name: string; orgEntity: { name: string } } }>(
      emu,
      doc.FETCH_ORGANIZATION,
      { org: 'acme' },
    );
    expect(org.organization.orgEntity.name).toBe('acme-org');
    const adv = await official<{ organization: { advancedRegistryFeatures: { advancedSearch: boolean } } }>(
      emu,
      doc.FETCH_ADVANCED_REGISTRY_FEATURES,
      { organization: 'acme' },
    );
    expect(adv.organization.advancedRegistryFeatures.advancedSearch).toBe(false);
  });

  it('FetchRegistries with the variables the official paginator sends, FetchRegistry', async () => {
    type Node = {
      name: string;
      entity: { name: string; organization: { name: string } };
      access: string;
      allowAllArtifactTypes: boolean;
      artifactTypes: { edges: { node: { name: string } }[] };
    };
    const d = await official<{
      organization: {
        orgEntity: { projects: { edges: { node: Node }[]; pageInfo: { hasNextPage: boolean } } };
      };
    }>(emu, doc.FETCH_REGISTRIES, {
      organization: 'acme',
      filters: '{"name":{"$regex":"model"}}',
      order: '+name',
      perPage: 100,
    });
    const node = d.organization.orgEntity.projects.edges[0]?.node;
    expect(node).toMatchObject({
      name: 'wandb-registry-models',
      entity: { name: 'acme-org', organization: { name: 'acme' } },
      access: 'PRIVATE',
      allowAllArtifactTypes: false,
    });
    expect(node?.artifactTypes.edges.map((e) => e.node.name)).toEqual(['model']);
    const one = await official<{ entity: { project: Node | null } }>(emu, doc.FETCH_REGISTRY, {
      name: 'wandb-registry-models',
      entity: 'acme-org',
    });
    expect(one.entity.project?.name).toBe('wandb-registry-models');
  });

  it('RegistryCollections and RegistryVersions with combined filters', async () => {
    const collections = await official<{
      organization: {
        orgEntity: {
          artifactCollections: {
            totalCount: number;
            edges: { node: { __typename: string; name: string; project: { name: string } } }[];
          };
        };
      };
    }>(emu, doc.REGISTRY_COLLECTIONS, {
      organization: 'acme',
      registryFilter: '{"name":"wandb-registry-models"}',
      collectionFilter: '{"name":"detector"}',
      perPage: 100,
    });
    expect(
      collections.organization.orgEntity.artifactCollections.edges.map((e) => [
        e.node.__typename,
        e.node.name,
      ]),
    ).toEqual([['ArtifactPortfolio', 'detector']]);
    const versions = await official<{
      organization: {
        orgEntity: {
          artifactMemberships: {
            edges: {
              node: { versionIndex: number; artifactCollection: { name: string; project: { name: string } } };
            }[];
          };
        };
      };
    }>(emu, doc.REGISTRY_VERSIONS, {
      organization: 'acme',
      perPage: 100,
      registryFilter: '{"name":{"$regex":"model"}}',
      collectionFilter: '{"name":{"$regex":"detect"}}',
      artifactFilter: '{"$or":[{"tag":"prod"},{"alias":"prod"}]}',
    });
    expect(versions.organization.orgEntity.artifactMemberships.edges.map((e) => e.node.versionIndex)).toEqual(
      [0],
    );
  });

  it('UpsertRegistry, RenameRegistry, DeleteRegistry with the official inputs', async () => {
    const up = await official<{ upsertModel: { inserted: boolean; project: { id: string; name: string } } }>(
      emu,
      doc.UPSERT_REGISTRY,
      {
        input: {
          description: 'd',
          entityName: 'acme-org',
          name: 'wandb-registry-prompts',
          access: 'RESTRICTED',
          allowAllArtifactTypesInRegistry: false,
          artifactTypes: [{ name: 'prompt' }],
        },
      },
    );
    expect(up.upsertModel.inserted).toBe(true);
    const renamed = await official<{ renameProject: { project: { id: string; name: string } } }>(
      emu,
      doc.RENAME_REGISTRY,
      {
        input: {
          entityName: 'acme-org',
          oldProjectName: 'wandb-registry-prompts',
          newProjectName: 'wandb-registry-templates',
        },
      },
    );
    expect(renamed.renameProject.project.name).toBe('wandb-registry-templates');
    expect(await official(emu, doc.DELETE_REGISTRY, { id: renamed.renameProject.project.id })).toEqual({
      deleteModel: { success: true },
    });
  });
});

describe('official documents: integrations and automations', () => {
  it('IntegrationsByEntity, CreateGenericWebhookIntegration', async () => {
    const list = await official<{
      entity: { integrations: { edges: { node: { __typename: string; id: string } }[] } };
    }>(emu, doc.INTEGRATIONS_BY_ENTITY, { entity: 'acme-org', perPage: 50 });
    expect(list.entity.integrations.edges.map((e) => e.node.__typename)).toEqual([
      'SlackIntegration',
      'GenericWebhookIntegration',
    ]);
    const created = await official<{ createGenericWebhookIntegration: { integration: { name: string } } }>(
      emu,
      doc.CREATE_GENERIC_WEBHOOK_INTEGRATION,
      {
        input: { entityName: 'acme-org', name: 'deploy', urlEndpoint: 'https://deploy.example.com' },
      },
    );
    expect(JSON.stringify(created)).toContain('"name":"deploy"');
  });

  it('CreateAutomation (the run example of the notes), UpdateAutomation, the listings, DeleteAutomation', async () => {
    const input = {
      description: 'd',
      enabled: true,
      eventFilter:
        '{"run_filter":"{\\"$and\\":[{\\"display_name\\":{\\"$contains\\":\\"baseline\\"}}]}","run_metric_filter":{"threshold_filter":{"name":"loss","agg_op":"AVERAGE","window_size":5,"cmp_op":"$gt","threshold":0.5}},"metric_filter":null}',
      name: 'my automation',
      scopeID: ids.registry,
      scopeType: 'PROJECT',
      triggeredActionConfig: {
        notificationActionInput: {
          integrationID: ids.slack,
          message: 'check it',
          severity: 'WARN',
          title: 'Loss is up',
        },
      },
      triggeredActionType: 'NOTIFICATION',
      triggeringEventType: 'RUN_METRIC',
    };
    const created = await official<{ result: { trigger: Trigger } }>(emu, sent(doc.CREATE_AUTOMATION), {
      input,
    });
    expect(created.result.trigger.event.filter).toBe(input.eventFilter);
    const again = await gql(emu, sent(doc.CREATE_AUTOMATION), { input }, { operationName: '' });
    expect(again.status).toBe(409);

    const alias = await official<{ result: { trigger: Trigger } }>(emu, sent(doc.CREATE_AUTOMATION), {
      input: {
        enabled: true,
        eventFilter: '{"$or":[{"$and":[{"alias":{"$eq":"prod"}}]}]}',
        name: 'a',
        scopeID: ids.collection,
        scopeType: 'ARTIFACT_COLLECTION',
        triggeredActionConfig: {
          notificationActionInput: { integrationID: ids.slack, message: 'm', severity: 'ERROR', title: '' },
        },
        triggeredActionType: 'NOTIFICATION',
        triggeringEventType: 'ADD_ARTIFACT_ALIAS',
      },
    });
    // The official client reads the saved filter one level down (`event.filter.filter`).
    expect(JSON.parse(alias.result.trigger.event.filter)).toEqual({
      filter: { $or: [{ $and: [{ alias: { $eq: 'prod' } }] }] },
    });
    const updated = await official<{ result: { trigger: Trigger & { enabled: boolean } } }>(
      emu,
      sent(doc.UPDATE_AUTOMATION),
      {
        input: {
          enabled: false,
          eventFilter: '{"$or":[{"$and":[{"alias":{"$eq":"prod"}}]}]}',
          id: alias.result.trigger.id,
          name: 'a',
          scopeID: ids.collection,
          scopeType: 'ARTIFACT_COLLECTION',
          triggeredActionConfig: {
            notificationActionInput: { integrationID: ids.slack, message: 'm', severity: 'ERROR', title: '' },
          },
          triggeredActionType: 'NOTIFICATION',
          triggeringEventType: 'ADD_ARTIFACT_ALIAS',
        },
      },
    );
    expect(updated.result.trigger.enabled).toBe(false);

    type Listing = { scope: { triggers: { edges: { node: Trigger }[] } } };
    const byName = await official<Listing>(emu, sent(doc.GET_ENTITY_AUTOMATIONS), {
      entity: 'acme-org',
      filters: '{"name":"my automation"}',
      perPage: 50,
    });
    expect(byName.scope.triggers.edges.map((e) => e.node.name)).toEqual(['my automation']);
    const org = await official<Listing>(emu, sent(doc.GET_ORG_AUTOMATIONS), { org: 'acme', perPage: 50 });
    expect(org.scope.triggers.edges).toHaveLength(2);
    type Legacy = { scope: { projects: { edges: { node: { triggers: Trigger[] } }[] } } };
    const legacy = await official<Legacy>(emu, sent(doc.GET_ENTITY_AUTOMATIONS_LEGACY), {
      entity: 'acme-org',
      perPage: 50,
    });
    expect(legacy.scope.projects.edges.flatMap((e) => e.node.triggers.map((t) => t.name))).toEqual([
      'my automation',
      'a',
    ]);
    const viewer = await official<Legacy>(emu, sent(doc.GET_AUTOMATIONS_LEGACY), { perPage: 50 });
    expect(viewer.scope.projects.edges.flatMap((e) => e.node.triggers)).toEqual([]);

    expect(await official(emu, doc.DELETE_AUTOMATION, { id: alias.result.trigger.id })).toEqual({
      result: { success: true },
    });
    const missing = await gql(
      emu,
      sent(doc.UPDATE_AUTOMATION),
      { input: { id: alias.result.trigger.id, name: 'a' } },
      { operationName: '' },
    );
    expect(missing.status).toBe(404);
  });

  it('a server without AUTOMATION_SCOPE_ENTITY refuses the unstripped document, answers the stripped one', async () => {
    const old = await startEmulator({
      apiKey: KEY,
      viewer: { username: 'alice' },
      features: { AUTOMATION_SCOPE_ENTITY: false },
    });
    try {
      old.seed.project({ entity: 'alice', name: 'p' });
      const refused = await gql(
        old,
        sent(doc.GET_ENTITY_AUTOMATIONS),
        { entity: 'alice' },
        { operationName: '' },
      );
      expect(refused.json.errors?.[0]?.message).toBe(
        'Fragment "EntityScopeFields" cannot be spread here as objects of type "TriggerScope" can never be of type "Entity".',
      );
      const ok = await official<{ scope: { triggers: { edges: unknown[] } } }>(
        old,
        withoutFragments(doc.GET_ENTITY_AUTOMATIONS, ['QueueJobActionFields', 'EntityScopeFields']),
        { entity: 'alice' },
      );
      expect(ok.scope.triggers.edges).toEqual([]);
    } finally {
      await old.close();
    }
  });
});
