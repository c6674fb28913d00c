// Registries over HTTP with raw GraphQL (notes/registries-protocol.md R1–R6, W1–W3, §8): the
// documents of operations/registries.graphql against seeded organizations and registries.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { data, errorMessages, gql, KEY } from '../../support/emulator-http.js';
import { repositoryOperation } from './repository-operations.js';
import { seedAcmeRegistries } from '../../support/registry-seed.js';

const operation = repositoryOperation;

interface RegistryNode {
  __typename: string;
  id: string;
  internalId: string;
  name: string;
  entity: { name: string; organization: { name: string } | null };
  description: string | null;
  access: string | null;
  allowAllArtifactTypes: boolean;
  artifactTypes: { edges: { node: { name: string } }[] };
}

interface RegistriesAnswer {
  organization: {
    orgEntity: {
      name: string;
      projects: {
        edges: { cursor: string; node: RegistryNode }[];
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
      };
    };
  } | null;
}

let emu: Emulator;

async function seeded(features?: Record<string, boolean>): Promise<Emulator> {
  const e = await startEmulator({
    apiKey: KEY,
    viewer: { username: 'alice' },
    ...(features ? { features } : {}),
  });
  e.seed.organization({ name: 'acme', orgEntity: 'acme-org', members: ['alice'] });
  seedAcmeRegistries(e);
  return e;
}

describe('emulator: registries, reads', () => {
  beforeEach(async () => {
    emu = await seeded();
  });
  afterEach(() => emu.close());

  it('FetchOrganization answers the organization and its org entity', async () => {
    const d = await data<{
      organization: { name: string; orgEntity: { __typename: string; name: string; entityType: string } };
    }>(emu, operation('FetchOrganization'), { org: 'acme' });
    expect(d.organization.name).toBe('acme');
    expect(d.organization.orgEntity).toMatchObject({
      __typename: 'Entity',
      name: 'acme-org',
      entityType: 'organization',
    });
    expect((await data(emu, operation('FetchOrganization'), { org: 'nope' })).organization).toBeNull();
  });

  it('FetchRegistries lists the registries with their fields, filtered and ordered', async () => {
    const all = await data<RegistriesAnswer>(emu, operation('FetchRegistries'), { organization: 'acme' });
    const nodes = all.organization?.orgEntity.projects.edges.map((e) => e.node) ?? [];
    expect(nodes.map((n) => n.name)).toEqual([
      'wandb-registry-models',
      'wandb-registry-datasets',
      'wandb-registry-evals',
    ]);
    expect(nodes[0]).toMatchObject({
      __typename: 'Project',
      entity: { name: 'acme-org', organization: { name: 'acme' } },
      description: 'Production models',
      access: 'PRIVATE',
      allowAllArtifactTypes: false,
      artifactTypes: { edges: [{ node: { name: 'model' } }] },
    });
    expect(nodes[1]).toMatchObject({
      access: 'RESTRICTED',
      allowAllArtifactTypes: true,
      artifactTypes: { edges: [{ node: { name: 'dataset' } }] },
    });

    const names = async (variables: Record<string, unknown>) =>
      (
        await data<RegistriesAnswer>(emu, operation('FetchRegistries'), {
          organization: 'acme',
          ...variables,
        })
      ).organization?.orgEntity.projects.edges.map((e) => e.node.name);
    expect(await names({ filters: JSON.stringify({ name: { $regex: 'model' } }) })).toEqual([
      'wandb-registry-models',
    ]);
    expect(
      await names({ filters: JSON.stringify({ description: { $contains: 'model' } }), order: '-created_at' }),
    ).toEqual(['wandb-registry-evals', 'wandb-registry-models']);
    expect(
      await names({
        filters: JSON.stringify({
          $or: [{ name: 'wandb-registry-evals' }, { name: { $ne: 'wandb-registry-models' } }],
        }),
        order: '+name',
      }),
    ).toEqual(['wandb-registry-datasets', 'wandb-registry-evals']);
    expect(
      await names({ filters: JSON.stringify({ name: { $not: { $eq: 'wandb-registry-models' } } }) }),
    ).toEqual(['wandb-registry-datasets', 'wandb-registry-evals']);
    const internal = Number(
      Buffer.from(nodes[2]?.internalId ?? '', 'base64')
        .toString()
        .split(':')[1],
    );
    expect(await names({ filters: JSON.stringify({ id: internal }) })).toEqual(['wandb-registry-evals']);
    expect(await names({ filters: JSON.stringify({ created_at: { $gte: '2024-01-02' } }) })).toEqual([
      'wandb-registry-datasets',
      'wandb-registry-evals',
    ]);
    // Pages.
    const first = await data<RegistriesAnswer>(emu, operation('FetchRegistries'), {
      organization: 'acme',
      perPage: 2,
    });
    expect(first.organization?.orgEntity.projects.pageInfo.hasNextPage).toBe(true);
    const rest = await names({
      perPage: 2,
      cursor: first.organization?.orgEntity.projects.pageInfo.endCursor,
    });
    expect(rest).toEqual(['wandb-registry-evals']);
    // An unknown organization.
    expect(
      (await data<RegistriesAnswer>(emu, operation('FetchRegistries'), { organization: 'nope' }))
        .organization,
    ).toBeNull();
    // A field outside the allowed lists, an unknown operator.
    expect(
      await errorMessages(emu, operation('FetchRegistries'), {
        organization: 'acme',
        filters: '{"tag":"x"}',
      }),
    ).toMatch(/Invalid filter fields: "tag"/);
    expect(
      await errorMessages(emu, operation('FetchRegistries'), { organization: 'acme', order: 'size' }),
    ).toMatch(/Invalid order/);
  });

  it('FetchRegistry answers one registry by its full name, null when missing', async () => {
    const d = await data<{ entity: { project: RegistryNode | null } }>(emu, operation('FetchRegistry'), {
      entity: 'acme-org',
      name: 'wandb-registry-models',
    });
    expect(d.entity.project?.name).toBe('wandb-registry-models');
    const missing = await data<{ entity: { project: RegistryNode | null } }>(
      emu,
      operation('FetchRegistry'),
      { entity: 'acme-org', name: 'wandb-registry-nope' },
    );
    expect(missing.entity.project).toBeNull();
  });

  it('RegistryCollections combines the registry and collection filters in one query', async () => {
    type Answer = {
      organization: {
        orgEntity: {
          artifactCollections: {
            totalCount: number;
            edges: {
              node: { __typename: string; name: string; project: { name: string }; type: { name: string } };
            }[];
          };
        };
      };
    };
    const run = (variables: Record<string, unknown>) =>
      data<Answer>(emu, operation('RegistryCollections'), { organization: 'acme', ...variables });
    const all = await run({});
    expect(
      all.organization.orgEntity.artifactCollections.edges.map((e) => [
        e.node.__typename,
        e.node.project.name,
        e.node.name,
        e.node.type.name,
      ]),
    ).toEqual([
      ['ArtifactPortfolio', 'wandb-registry-datasets', 'digits', 'dataset'],
      ['ArtifactPortfolio', 'wandb-registry-models', 'detector', 'model'],
    ]);
    const filtered = await run({
      registryFilter: JSON.stringify({ name: 'wandb-registry-models' }),
      collectionFilter: JSON.stringify({ name: 'detector' }),
    });
    expect(filtered.organization.orgEntity.artifactCollections.totalCount).toBe(1);
    const none = await run({
      registryFilter: JSON.stringify({ name: 'wandb-registry-models' }),
      collectionFilter: JSON.stringify({ tag: 'x' }),
    });
    expect(none.organization.orgEntity.artifactCollections.totalCount).toBe(0);
    const ordered = await run({ order: '+name' });
    expect(ordered.organization.orgEntity.artifactCollections.edges.map((e) => e.node.name)).toEqual([
      'detector',
      'digits',
    ]);
  });

  it('RegistryVersions combines the three filters (aliases, tags, metadata, version as vN or N)', async () => {
    type Answer = {
      organization: {
        orgEntity: {
          artifactMemberships: {
            edges: { node: { versionIndex: number; artifactCollection: { name: string } } }[];
          };
        };
      };
    };
    const run = async (variables: Record<string, unknown>) =>
      (
        await data<Answer>(emu, operation('RegistryVersions'), { organization: 'acme', ...variables })
      ).organization.orgEntity.artifactMemberships.edges.map(
        (e) => `${e.node.artifactCollection.name}:v${e.node.versionIndex}`,
      );
    expect((await run({})).sort()).toEqual(['detector:v0', 'detector:v1', 'digits:v0']);
    const models = {
      registryFilter: JSON.stringify({ name: { $regex: 'model' } }),
      collectionFilter: JSON.stringify({ name: { $regex: 'detect' } }),
    };
    expect(
      await run({
        ...models,
        artifactFilter: JSON.stringify({ $or: [{ tag: 'candidate' }, { alias: 'best' }] }),
      }),
    ).toHaveLength(2);
    expect(await run({ ...models, artifactFilter: JSON.stringify({ alias: 'production' }) })).toEqual([
      'detector:v0',
    ]);
    expect(await run({ ...models, artifactFilter: JSON.stringify({ 'metadata.lr': { $gt: 0.2 } }) })).toEqual(
      ['detector:v1'],
    );
    expect(await run({ ...models, artifactFilter: JSON.stringify({ version: 'v1' }) })).toEqual([
      'detector:v1',
    ]);
    expect(await run({ ...models, artifactFilter: JSON.stringify({ version: 0 }) })).toEqual(['detector:v0']);
    expect(
      await run({ ...models, artifactFilter: JSON.stringify({ artifact_size: { $gte: 0 } }) }),
    ).toHaveLength(2);
  });

  it('FetchAdvancedRegistryFeatures answers the seeded setting', async () => {
    const d = await data<{ organization: { advancedRegistryFeatures: { advancedSearch: boolean } } }>(
      emu,
      operation('FetchAdvancedRegistryFeatures'),
      { organization: 'acme' },
    );
    expect(d.organization.advancedRegistryFeatures.advancedSearch).toBe(false);
    emu.seed.organization({ name: 'big', advancedRegistrySearch: true });
    const big = await data<{ organization: { advancedRegistryFeatures: { advancedSearch: boolean } } }>(
      emu,
      operation('FetchAdvancedRegistryFeatures'),
      { organization: 'big' },
    );
    expect(big.organization.advancedRegistryFeatures.advancedSearch).toBe(true);
  });

  it('refuses linking an artifact of a type the registry does not allow', async () => {
    const dataset = emu.seed.artifact({
      entity: 'alice',
      project: 'vision',
      type: 'dataset',
      collection: 'cifar',
    });
    const message = await errorMessages(
      emu,
      'mutation ($id: ID!) { linkArtifact(input: { artifactID: $id, artifactPortfolioName: "data", entityName: "acme-org", projectName: "wandb-registry-models" }) { versionIndex } }',
      { id: dataset.id },
    );
    expect(message).toBe(
      'linkArtifact: registry wandb-registry-models does not allow artifacts of type "dataset" (allowed: model)',
    );
    expect(() =>
      emu.seed.link({
        artifact: dataset.id,
        entity: 'acme-org',
        project: 'wandb-registry-models',
        collection: 'data',
      }),
    ).toThrow(/does not allow/);
  });
});

describe('emulator: registries, writes', () => {
  beforeEach(async () => {
    emu = await seeded();
  });
  afterEach(() => emu.close());

  it('UpsertRegistry creates a registry (inserted) and updates it, adding types', async () => {
    type Answer = { upsertModel: { inserted: boolean; project: RegistryNode } };
    const created = await data<Answer>(emu, operation('UpsertRegistry'), {
      input: {
        entityName: 'acme-org',
        name: 'wandb-registry-prompts',
        description: 'd',
        access: 'RESTRICTED',
        allowAllArtifactTypesInRegistry: false,
        artifactTypes: [{ name: 'prompt' }],
      },
    });
    expect(created.upsertModel.inserted).toBe(true);
    expect(created.upsertModel.project).toMatchObject({
      name: 'wandb-registry-prompts',
      access: 'RESTRICTED',
      allowAllArtifactTypes: false,
      artifactTypes: { edges: [{ node: { name: 'prompt' } }] },
    });
    const updated = await data<Answer>(emu, operation('UpsertRegistry'), {
      input: {
        entityName: 'acme-org',
        name: 'wandb-registry-prompts',
        access: 'PRIVATE',
        allowAllArtifactTypesInRegistry: false,
        artifactTypes: [{ name: 'template' }],
      },
    });
    expect(updated.upsertModel.inserted).toBe(false);
    expect(updated.upsertModel.project.description).toBe('d');
    expect(updated.upsertModel.project.access).toBe('PRIVATE');
    expect(updated.upsertModel.project.artifactTypes.edges.map((e) => e.node.name)).toEqual([
      'prompt',
      'template',
    ]);
    expect(
      await errorMessages(emu, operation('UpsertRegistry'), {
        input: { entityName: 'acme-org', name: 'wandb-registry-x', artifactTypes: [{ name: 'a:b' }] },
      }),
    ).toMatch(/invalid artifact type name "a:b"/);
  });

  it('RenameRegistry renames, DeleteRegistry removes', async () => {
    type Answer = { renameProject: { inserted: boolean; project: RegistryNode } };
    const renamed = await data<Answer>(emu, operation('RenameRegistry'), {
      input: {
        entityName: 'acme-org',
        oldProjectName: 'wandb-registry-evals',
        newProjectName: 'wandb-registry-evaluations',
      },
    });
    expect(renamed.renameProject).toMatchObject({
      inserted: false,
      project: { name: 'wandb-registry-evaluations' },
    });
    expect(
      await errorMessages(emu, operation('RenameRegistry'), {
        input: {
          entityName: 'acme-org',
          oldProjectName: 'wandb-registry-evaluations',
          newProjectName: 'wandb-registry-models',
        },
      }),
    ).toMatch(/already exists/);
    const id = renamed.renameProject.project.id;
    expect(await data(emu, operation('DeleteRegistry'), { id })).toEqual({ deleteModel: { success: true } });
    const after = await data<{ entity: { project: RegistryNode | null } }>(emu, operation('FetchRegistry'), {
      entity: 'acme-org',
      name: 'wandb-registry-evaluations',
    });
    expect(after.entity.project).toBeNull();
    expect(await errorMessages(emu, operation('DeleteRegistry'), { id })).toMatch(/not found/);
    // Deleting a registry removes its collections and their links.
    const models = await data<{ entity: { project: RegistryNode } }>(emu, operation('FetchRegistry'), {
      entity: 'acme-org',
      name: 'wandb-registry-models',
    });
    await data(emu, operation('DeleteRegistry'), { id: models.entity.project.id });
    type Versions = { organization: { orgEntity: { artifactMemberships: { edges: unknown[] } } } };
    const versions = await data<Versions>(emu, operation('RegistryVersions'), { organization: 'acme' });
    expect(versions.organization.orgEntity.artifactMemberships.edges).toHaveLength(1);
  });
});

describe('emulator: registries, server features', () => {
  afterEach(() => emu.close());

  it('INCLUDE_ARTIFACT_TYPES_IN_REGISTRY_CREATION off: the type fields of UpsertModelInput are unknown', async () => {
    emu = await seeded({ INCLUDE_ARTIFACT_TYPES_IN_REGISTRY_CREATION: false });
    const res = await gql(emu, operation('UpsertRegistry'), {
      input: { entityName: 'acme-org', name: 'wandb-registry-x', allowAllArtifactTypesInRegistry: true },
    });
    expect(res.json.errors?.[0]?.message).toMatch(
      /Field "allowAllArtifactTypesInRegistry" is not defined by type "UpsertModelInput"/,
    );
  });

  it('ARTIFACT_COLLECTIONS_FILTERING_SORTING off: no advancedRegistryFeatures', async () => {
    emu = await seeded({ ARTIFACT_COLLECTIONS_FILTERING_SORTING: false });
    const res = await gql(emu, operation('FetchAdvancedRegistryFeatures'), { organization: 'acme' });
    expect(res.json.errors?.[0]?.message).toBe(
      'Cannot query field "advancedRegistryFeatures" on type "Organization".',
    );
  });
});

describe('emulator: the demo seed', () => {
  afterEach(() => emu.close());

  it('has an organization with a registry holding the linked model, two integrations and an automation', async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' }, seed: 'demo' });
    type Versions = {
      organization: {
        orgEntity: {
          artifactMemberships: {
            edges: {
              node: {
                versionIndex: number;
                artifactCollection: { name: string };
                aliases: { alias: string }[];
              };
            }[];
          };
        };
      };
    };
    const versions = await data<Versions>(emu, operation('RegistryVersions'), {
      organization: 'demo',
      registryFilter: JSON.stringify({ name: 'wandb-registry-models' }),
      includeAliases: true,
    });
    const nodes = versions.organization.orgEntity.artifactMemberships.edges.map((e) => e.node);
    expect(nodes.map((n) => `${n.artifactCollection.name}:v${n.versionIndex}`).sort()).toEqual([
      'cifar10-classifier:v0',
      'cifar10-classifier:v1',
    ]);
    expect(nodes.find((n) => n.versionIndex === 1)?.aliases.map((a) => a.alias)).toContain('production');
    const integrations = await data<{
      entity: { integrations: { edges: { node: { __typename: string } }[] } };
    }>(emu, operation('IntegrationsByEntity'), { entity: 'demo-org' });
    expect(integrations.entity.integrations.edges.map((e) => e.node.__typename)).toEqual([
      'SlackIntegration',
      'GenericWebhookIntegration',
    ]);
    const automations = await data<{
      scope: { triggers: { edges: { node: { name: string; event: { eventType: string } } }[] } };
    }>(emu, operation('EntityAutomations'), { entity: 'demo-org' });
    expect(automations.scope.triggers.edges.map((e) => [e.node.name, e.node.event.eventType])).toEqual([
      ['notify on production model', 'ADD_ARTIFACT_ALIAS'],
    ]);
    const viewer = await data<{ viewer: { organizations: { name: string }[] } }>(
      emu,
      '{ viewer { organizations { name } } }',
    );
    expect(viewer.viewer.organizations.map((o) => o.name)).toEqual(['demo']);
  });
});
