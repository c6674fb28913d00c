// Registries through the Api, over HTTP against the emulator (notes/registries-protocol.md §1,
// §4 R1–R6, §5 W1–W3): organization resolution, listings with filters, orders and pages, the
// chained collections/versions sending one query with the filters combined (one per parent when
// the parent was ordered), the encodings compared with the protocol's examples, the feature
// gates, reads, creates, saves, deletes and links.
import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import {
  Api,
  Artifact,
  ArtifactCollection,
  Collections,
  ConflictError,
  NotFoundError,
  Organization,
  Registries,
  Registry,
  RegistryListing,
  UnsupportedError,
  ValidationError,
  type RegistryFilter,
} from '../../src/index.js';
import { validationError, validationRejection } from '../support/expect-errors.js';
import { graphqlCalls, setup, useEmulator } from '../support/helpers.js';
import { seedAcmeRegistries } from '../support/registry-seed.js';

let emu: Emulator;
let api: Api;

/** Seeds the organization acme (alice a member, vision-team one of its teams), three registries and links. */
function seedAcme(e: Emulator, options: { advancedRegistrySearch?: boolean } = {}): void {
  e.seed.organization({
    name: 'acme',
    orgEntity: 'acme-org',
    members: ['alice'],
    teams: ['vision-team'],
    ...options,
  });
  seedAcmeRegistries(e);
}

function calls(operationName: string): Record<string, unknown>[] {
  return emu.requests
    .filter((r) => r.kind === 'graphql' && r.operationName === operationName)
    .map((r) => r.variables ?? {});
}

function registryCalls(): number {
  return [
    'FetchRegistries',
    'FetchRegistry',
    'RegistryCollections',
    'RegistryVersions',
    'FetchOrgInfoFromEntity',
    'FetchOrganization',
    'UpsertRegistry',
  ]
    .map((name) => graphqlCalls(emu, name))
    .reduce((a, b) => a + b, 0);
}

describe('registries: reads', () => {
  useEmulator(
    (ctx) => {
      ({ emu, api } = ctx);
      seedAcme(emu);
    },
    { resetEach: true },
  );

  describe('organization resolution', () => {
    it('derives the organization from a personal entity that has exactly one', async () => {
      const names = (await api.registries().toArray()).map((r) => r.name);
      expect(names).toEqual(['models', 'datasets', 'evals']);
      expect(calls('FetchOrgInfoFromEntity')).toEqual([{ entity: 'alice' }]);
      expect(calls('FetchRegistries')[0]).toMatchObject({ organization: 'acme' });
    });

    it('takes the organization option of the call, without a lookup', async () => {
      await api.registries({ organization: 'acme' }).toArray();
      expect(graphqlCalls(emu, 'FetchOrgInfoFromEntity')).toBe(0);
      expect(calls('FetchRegistries')[0]).toMatchObject({ organization: 'acme' });
    });

    it('takes the Api option, and WANDB_ORGANIZATION', async () => {
      const withOption = new Api({ baseUrl: emu.url, apiKey: emu.apiKey, organization: 'acme' });
      expect((await withOption.registry('models')).name).toBe('models');
      const before = process.env.WANDB_ORGANIZATION;
      process.env.WANDB_ORGANIZATION = 'acme';
      try {
        const fromEnv = new Api({ baseUrl: emu.url, apiKey: emu.apiKey });
        expect((await fromEnv.registries().toArray()).length).toBe(3);
      } finally {
        if (before === undefined) delete process.env.WANDB_ORGANIZATION;
        else process.env.WANDB_ORGANIZATION = before;
      }
      expect(graphqlCalls(emu, 'FetchOrgInfoFromEntity')).toBe(0);
    });

    it("derives it from a team entity's organization", async () => {
      const team = new Api({ baseUrl: emu.url, apiKey: emu.apiKey, entity: 'vision-team' });
      const registry = await team.registry('models');
      expect(registry.organization).toBe('acme');
      expect(calls('FetchOrgInfoFromEntity')).toEqual([{ entity: 'vision-team' }]);
    });

    it('api.organization() answers the organization and its org entity', async () => {
      const org = await api.organization();
      expect(org).toBeInstanceOf(Organization);
      expect(org.name).toBe('acme');
      expect(org.orgEntity).toMatchObject({ name: 'acme-org', entityType: 'organization' });
      expect((await api.organization('acme')).id).toBe(org.id);
      await expect(api.organization('nope')).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('api.registries', () => {
    it('gives the exported classes, light listings included', async () => {
      const registries = api.registries();
      expect(registries).toBeInstanceOf(Registries);
      expect(registries).toBeInstanceOf(RegistryListing);
      expect(registries.collections()).toBeInstanceOf(Collections);
      expect(registries.versions()).toBeInstanceOf(RegistryListing);
      const ordered = api.registries({ order: '+name' });
      expect(ordered.collections()).toBeInstanceOf(Collections);
      expect(ordered.collections().chained).toBe(true);
      expect((ordered.versions() as RegistryListing<Artifact>).chained).toBe(true);
      const [registry] = await registries.toArray();
      expect(registry).toBeInstanceOf(Registry);
      expect(registry.constructor.name).toBe('Registry');
      expect(registry?.collections()).toBeInstanceOf(Collections);
      expect(registry?.versions()).toBeInstanceOf(RegistryListing);
      const [collection] = await registries.collections().toArray();
      expect(collection).toBeInstanceOf(ArtifactCollection);
      expect(await api.registry('models')).toBeInstanceOf(Registry);
    });

    it('builds each registry from its fields', async () => {
      const [models, datasets] = await api.registries().toArray();
      expect(models).toBeInstanceOf(Registry);
      expect(models).toMatchObject({
        name: 'models',
        fullName: 'wandb-registry-models',
        organization: 'acme',
        entity: 'acme-org',
        description: 'Production models',
        visibility: 'organization',
        artifactTypes: ['model'],
        allowAllArtifactTypes: false,
      });
      expect(models?.createdAt).toEqual(new Date('2024-01-01T00:00:00Z'));
      expect(models?.url).toBe(`${api.appUrl}/orgs/acme/registry/models`);
      expect(datasets).toMatchObject({
        visibility: 'restricted',
        allowAllArtifactTypes: true,
        description: undefined,
      });
    });

    it('filters and orders on the server, sending the encodings of §4', async () => {
      const filter: RegistryFilter = { name: { $in: ['models', 'wandb-registry-evals'] } };
      const names = (await api.registries({ filter, order: '-created_at' }).toArray()).map((r) => r.name);
      expect(names).toEqual(['evals', 'models']);
      expect(calls('FetchRegistries')[0]).toMatchObject({
        organization: 'acme',
        filters: '{"name":{"$in":["wandb-registry-models","wandb-registry-evals"]}}',
        order: '-created_at',
        perPage: 100,
      });
      emu.clearRequests();
      expect(
        (await api.registries({ filter: { name: 'models' }, order: 'name' }).toArray()).map((r) => r.name),
      ).toEqual(['models']);
      expect(calls('FetchRegistries')[0]).toMatchObject({
        filters: '{"name":"wandb-registry-models"}',
        order: '+name',
      });
      emu.clearRequests();
      const regex = await api.registries({ filter: { name: { $regex: 'model' } } }).toArray();
      expect(regex.map((r) => r.name)).toEqual(['models']);
      expect(calls('FetchRegistries')[0]?.filters).toBe('{"name":{"$regex":"model"}}');
      const described = await api
        .registries({ filter: { description: { $contains: 'model' } }, order: '+name' })
        .toArray();
      expect(described.map((r) => r.name)).toEqual(['evals', 'models']);
    });

    it('prefixes names inside a top-level $not', async () => {
      const names = (await api.registries({ filter: { $not: { name: 'models' } } }).toArray()).map(
        (r) => r.name,
      );
      expect(names).toEqual(['datasets', 'evals']);
      expect(calls('FetchRegistries')[0]?.filters).toBe('{"$not":{"name":"wandb-registry-models"}}');
    });

    it('an unknown organization is a NotFoundError naming it', async () => {
      // All three at once, each awaited as it is made (awaiting one after another would leave the
      // others' rejections unhandled while the first is awaited).
      await Promise.all(
        [
          api.registries({ organization: 'nope' }).toArray(),
          api.registries({ organization: 'nope' }).collections().toArray(),
          api.registries({ organization: 'nope' }).versions().toArray(),
        ].map((listing) => expect(listing).rejects.toThrow(/Organization "nope" not found/)),
      );
      await expect(api.registries({ organization: 'nope' }).toArray()).rejects.toBeInstanceOf(NotFoundError);
    });

    it('reads perPage-sized pages until the last', async () => {
      const registries = api.registries({ perPage: 2, order: '+name' });
      const pages: string[][] = [];
      for await (const page of registries.pages()) pages.push(page.map((r) => r.name));
      expect(pages).toEqual([['datasets', 'evals'], ['models']]);
      expect(calls('FetchRegistries').map((v) => v.perPage)).toEqual([2, 2]);
      expect(registries.cursor).not.toBeNull();
      await expect(registries.totalCount()).rejects.toBeInstanceOf(UnsupportedError);
    });

    it('refuses a field outside the allowed list, naming them, before any request', async () => {
      // The filters are checked on the first call (the search code loads then); the cheap
      // options at once.
      const bad = api.registries({ filter: { tag: 'x' } as RegistryFilter });
      const e = await validationRejection(bad.toArray());
      expect(e.parameter).toBe('filter');
      expect(e.message).toContain(
        '"tag"; must be one of: "created_at", "description", "entity_id", "id", "name", "updated_at"',
      );
      await validationRejection(bad.collections().toArray());
      await validationRejection(bad.versions().first());
      validationError(() => api.registries({ order: 'size' }));
      validationError(() => api.registries({ perPage: 0 }));
      validationError(() => api.registries({ signal: 'x' as never }));
      const registries = api.registries();
      validationError(() => registries.collections({ order: 'size' }));
      validationError(() => registries.collections({ perPage: -1 }));
      validationError(() => registries.versions({ start: 3 as never }));
      await validationRejection(registries.collections({ filter: { alias: 'x' } as never }).toArray());
      await validationRejection(registries.versions({ filter: { owner: 'x' } as never }).toArray());
      await validationRejection(
        registries
          .collections()
          .versions({ filter: { owner: 'x' } as never })
          .toArray(),
      );
      await validationRejection(api.registry('a/b'));
      await validationRejection(api.createRegistry({ name: 'x', visibility: 'public' as never }));
      expect(graphqlCalls(emu)).toBe(0);
      // a registry's own listings, made by loaded code, check their filter at once
      const registry = await api.registry('models');
      const before = graphqlCalls(emu);
      validationError(() => registry.collections({ filter: { alias: 'x' } as never }));
      validationError(() => registry.versions({ filter: { owner: 'x' } as never }));
      expect(graphqlCalls(emu)).toBe(before);
    });
  });

  describe('chained collections and versions', () => {
    it('registries(F).collections(G) sends one query with both filters', async () => {
      const collections = api
        .registries({ filter: { name: 'models' } })
        .collections({ filter: { name: 'detector' } });
      const found = await collections.toArray();
      expect(found.map((c) => c.name)).toEqual(['detector']);
      expect(found[0]).toBeInstanceOf(ArtifactCollection);
      expect(found[0]).toMatchObject({
        entity: 'acme-org',
        project: 'wandb-registry-models',
        type: 'model',
        isSequence: false,
      });
      expect(calls('RegistryCollections')).toEqual([
        {
          organization: 'acme',
          registryFilter: '{"name":"wandb-registry-models"}',
          collectionFilter: '{"name":"detector"}',
          cursor: null,
          perPage: 100,
          withTotal: true, // the first page brings the total: totalCount() needs no request
        },
      ]);
      expect(graphqlCalls(emu, 'FetchRegistries')).toBe(0);
      expect(await collections.totalCount()).toBe(1);
      expect(graphqlCalls(emu, 'RegistryCollections')).toBe(1);
    });

    it('registries(F).collections(G).versions(H) sends one query with the three filters', async () => {
      const versions = api
        .registries({ filter: { name: { $regex: 'model' } } })
        .collections({ filter: { name: { $regex: 'detector' } } })
        .versions({ filter: { $or: [{ tag: 'candidate' }, { alias: 'best' }] } });
      const found = await versions.toArray();
      expect(found.every((a) => a instanceof Artifact)).toBe(true);
      expect(found.map((a) => a.qualifiedName).sort()).toEqual([
        'acme-org/wandb-registry-models/detector:v0',
        'acme-org/wandb-registry-models/detector:v1',
      ]);
      expect(found.every((a) => a.isLink)).toBe(true);
      const sent = calls('RegistryVersions');
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({
        organization: 'acme',
        perPage: 100,
        registryFilter: '{"name":{"$regex":"model"}}',
        collectionFilter: '{"name":{"$regex":"detector"}}',
        artifactFilter: '{"$or":[{"tag":"candidate"},{"alias":"best"}]}',
      });
      expect(sent[0]).not.toHaveProperty('order');
      expect(graphqlCalls(emu, 'RegistryCollections') + graphqlCalls(emu, 'FetchRegistries')).toBe(0);
      // the organization's search mode is asked once (the server has ARTIFACT_COLLECTIONS_FILTERING_SORTING)
      expect(graphqlCalls(emu, 'FetchAdvancedRegistryFeatures')).toBe(1);
    });

    it('registries(F).versions(H) sends one query without a collection filter', async () => {
      const found = await api
        .registries({ filter: { name: 'datasets' } })
        .versions()
        .toArray();
      expect(found.map((a) => a.qualifiedName)).toEqual(['acme-org/wandb-registry-datasets/digits:v0']);
      const [sent] = calls('RegistryVersions');
      expect(sent).toMatchObject({ registryFilter: '{"name":"wandb-registry-datasets"}' });
      expect(sent).not.toHaveProperty('collectionFilter');
      expect(sent).not.toHaveProperty('artifactFilter');
    });

    it('an ordered parent gives one query per registry, in its order, each by registry id', async () => {
      const collections = api.registries({ order: '+name' }).collections();
      expect((await collections.toArray()).map((c) => `${c.project}/${c.name}`)).toEqual([
        'wandb-registry-datasets/digits',
        'wandb-registry-models/detector',
      ]);
      expect(graphqlCalls(emu, 'FetchRegistries')).toBe(1);
      const sent = calls('RegistryCollections');
      expect(sent).toHaveLength(3); // datasets, evals, models
      expect(sent.map((v) => Object.keys(JSON.parse(String(v.registryFilter)) as object))).toEqual([
        ['id'],
        ['id'],
        ['id'],
      ]);
      expect(() => collections.cursor).toThrow(UnsupportedError);
      await expect(collections.totalCount()).rejects.toBeInstanceOf(UnsupportedError);
      expect(() => api.registries({ order: '+name' }).collections({ start: 'abc' })).toThrow(ValidationError);

      emu.clearRequests();
      const versions = await api
        .registries({ order: '-name' })
        .versions({ filter: { alias: 'production' } })
        .toArray();
      expect(versions.map((a) => a.qualifiedName)).toEqual(['acme-org/wandb-registry-models/detector:v0']);
      expect(calls('RegistryVersions')).toHaveLength(3);
      expect(calls('RegistryVersions').every((v) => v.artifactFilter === '{"alias":"production"}')).toBe(
        true,
      );
    });

    it('ordered collections give one version query per collection, by registry id and collection name', async () => {
      const versions = api.registries().collections({ order: '+name' }).versions();
      const found = await versions.toArray();
      // collections by name: detector (models), then digits (datasets); versions in the server's order
      expect(found.map((a) => a.collectionName)).toEqual(['detector', 'detector', 'digits']);
      expect(found.map((a) => a.qualifiedName).sort()).toEqual([
        'acme-org/wandb-registry-datasets/digits:v0',
        'acme-org/wandb-registry-models/detector:v0',
        'acme-org/wandb-registry-models/detector:v1',
      ]);
      const sent = calls('RegistryVersions');
      expect(sent.map((v) => v.collectionFilter)).toEqual(['{"name":"detector"}', '{"name":"digits"}']);
      expect(sent.every((v) => /^\{"id":\d+\}$/.test(String(v.registryFilter)))).toBe(true);
    });
  });

  describe('api.registry', () => {
    it('reads one registry by name, with or without its prefix', async () => {
      const registry = await api.registry('models');
      expect(registry).toMatchObject({ name: 'models', organization: 'acme', artifactTypes: ['model'] });
      expect((await api.registry('wandb-registry-models', { organization: 'acme' })).id).toBe(registry.id);
      expect(calls('FetchRegistry')[0]).toEqual({ entity: 'acme-org', name: 'wandb-registry-models' });
    });

    it('is a NotFoundError when missing, naming the registry and the organization', async () => {
      const e = await api.registry('nope').then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(NotFoundError);
      expect((e as Error).message).toContain('"nope" not found in organization "acme"');
      await expect(api.registry('models', { organization: 'globex' })).rejects.toBeInstanceOf(NotFoundError);
    });

    it("lists a registry's collections and versions with its id filter", async () => {
      const registry = await api.registry('models');
      emu.clearRequests();
      const collections = await registry
        .collections({ filter: { collection_id: { $exists: true } } })
        .toArray();
      expect(collections.map((c) => c.name)).toEqual(['detector']);
      const [sent] = calls('RegistryCollections');
      expect(sent?.registryFilter).toMatch(/^\{"id":\d+\}$/);
      expect(sent?.collectionFilter).toBe('{"artifact_collection_id":{"$exists":true}}');
      const versions = await registry.versions({ filter: { 'metadata.lr': { $gt: 0.2 } } }).toArray();
      expect(versions.map((a) => a.name)).toEqual(['detector:v1']);
      expect(calls('RegistryVersions')[0]).toMatchObject({
        registryFilter: sent?.registryFilter,
        artifactFilter: '{"metadata.lr":{"$gt":0.2}}',
      });
    });
  });
});

describe('registries: personal entity with several organizations', () => {
  useEmulator((ctx) => {
    ({ emu, api } = ctx);
    seedAcme(emu);
    emu.seed.organization({ name: 'globex', orgEntity: 'globex-org', members: ['alice'] });
  });

  it('is a ValidationError listing them, before any registry query', async () => {
    const e = await validationRejection(api.registries().toArray());
    expect(e.parameter).toBe('organization');
    expect(e.message).toContain('"acme", "globex"');
    expect(graphqlCalls(emu, 'FetchRegistries')).toBe(0);
    expect((await api.registries({ organization: 'globex' }).toArray()).length).toBe(0);
  });
});

describe('registries: feature gates', () => {
  let close: () => Promise<void>;
  afterEach(() => close());

  it('without ARTIFACT_REGISTRY_SEARCH: UnsupportedError naming it, before any registry query', async () => {
    ({ emu, api, close } = await setup({ features: { ARTIFACT_REGISTRY_SEARCH: false } }));
    seedAcme(emu);
    for (const call of [
      api.registries().toArray(),
      api.registries({ organization: 'acme' }).collections().toArray(),
      api.registries().versions().toArray(),
      api.registry('models'),
    ]) {
      const e = await call.then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(UnsupportedError);
      expect((e as Error).message).toContain('ARTIFACT_REGISTRY_SEARCH');
    }
    expect(registryCalls()).toBe(0);
  });

  it('without INCLUDE_ARTIFACT_TYPES_IN_REGISTRY_CREATION: no create, no save', async () => {
    ({ emu, api, close } = await setup({ features: { INCLUDE_ARTIFACT_TYPES_IN_REGISTRY_CREATION: false } }));
    seedAcme(emu);
    await expect(api.createRegistry({ name: 'x', visibility: 'organization' })).rejects.toThrow(
      /INCLUDE_ARTIFACT_TYPES_IN_REGISTRY_CREATION/,
    );
    const registry = await api.registry('models');
    registry.description = 'new';
    await expect(registry.save()).rejects.toBeInstanceOf(UnsupportedError);
    expect(graphqlCalls(emu, 'UpsertRegistry')).toBe(0);
  });

  it('with advanced search: the three filters renamed to the advanced canonical names', async () => {
    ({ emu, api, close } = await setup());
    seedAcme(emu, { advancedRegistrySearch: true });
    const versions = await api
      .registries({ filter: { id: { $exists: true }, name: 'models' } })
      .collections({ filter: { name: 'detector' } })
      .versions({ filter: { aliases: 'best', artifact_size: { $gte: 0 } } })
      .toArray();
    expect(versions.map((a) => a.name)).toEqual(['detector:v1']);
    expect(calls('RegistryVersions')[0]).toMatchObject({
      registryFilter: '{"project_id":{"$exists":true},"name":"wandb-registry-models"}',
      collectionFilter: '{"name":"detector"}',
      artifactFilter: '{"alias":"best","artifact_size":{"$gte":0}}',
    });
    // a registry field of basic search only is refused once the mode is known, before the listing
    await validationRejection(
      api
        .registries({ filter: { description: 'x' } })
        .versions()
        .toArray(),
    );
  });

  it('basic search refuses artifact_size before the listing query', async () => {
    ({ emu, api, close } = await setup());
    seedAcme(emu);
    const e = await validationRejection(
      api
        .registries()
        .versions({ filter: { artifact_size: { $lt: 5 } } })
        .toArray(),
    );
    expect(e.message).toContain('"artifact_size"');
    expect(graphqlCalls(emu, 'RegistryVersions')).toBe(0);
  });
});

describe('registries: writes', () => {
  useEmulator(
    (ctx) => {
      ({ emu, api } = ctx);
      seedAcme(emu);
    },
    { freshEach: true },
  );

  it('createRegistry creates it, with what was asked', async () => {
    const registry = await api.createRegistry({
      name: 'vision',
      visibility: 'restricted',
      description: 'Vision models',
      artifactTypes: ['model', 'dataset'],
    });
    expect(registry).toMatchObject({
      name: 'vision',
      fullName: 'wandb-registry-vision',
      organization: 'acme',
      visibility: 'restricted',
      description: 'Vision models',
      allowAllArtifactTypes: false,
    });
    expect([...registry.artifactTypes].sort()).toEqual(['dataset', 'model']);
    expect(calls('UpsertRegistry')).toEqual([
      {
        input: {
          entityName: 'acme-org',
          name: 'wandb-registry-vision',
          description: 'Vision models',
          access: 'RESTRICTED',
          allowAllArtifactTypesInRegistry: false,
          artifactTypes: [{ name: 'model' }, { name: 'dataset' }],
        },
      },
    ]);
    const open = await api.createRegistry({ name: 'misc', visibility: 'organization' });
    expect(open.allowAllArtifactTypes).toBe(true);
    expect(calls('UpsertRegistry')[1]).toEqual({
      input: {
        entityName: 'acme-org',
        name: 'wandb-registry-misc',
        access: 'PRIVATE',
        allowAllArtifactTypesInRegistry: true,
      },
    });
    expect((await api.registry('vision')).id).toBe(registry.id);
  });

  it('an existing name is a ConflictError, and the rules are checked first', async () => {
    await expect(api.createRegistry({ name: 'models', visibility: 'organization' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(graphqlCalls(emu, 'UpsertRegistry')).toBe(0);
    emu.clearRequests();
    await validationRejection(api.createRegistry({ name: 'a:b', visibility: 'organization' }));
    await validationRejection(api.createRegistry({ name: 'x'.repeat(114), visibility: 'organization' }));
    await validationRejection(
      api.createRegistry({ name: 'ok', visibility: 'organization', artifactTypes: ['a/b'] }),
    );
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('save() sends only what changed, and nothing when nothing did', async () => {
    const registry = await api.registry('models');
    emu.clearRequests();
    await registry.save();
    expect(graphqlCalls(emu)).toBe(0);
    registry.description = 'Reviewed models';
    await registry.save();
    expect(calls('UpsertRegistry')).toEqual([
      { input: { entityName: 'acme-org', name: 'wandb-registry-models', description: 'Reviewed models' } },
    ]);
    registry.visibility = 'restricted';
    registry.artifactTypes = [...registry.artifactTypes, 'dataset'];
    await registry.save();
    expect(calls('UpsertRegistry')[1]).toEqual({
      input: {
        entityName: 'acme-org',
        name: 'wandb-registry-models',
        access: 'RESTRICTED',
        artifactTypes: [{ name: 'dataset' }],
      },
    });
    api.flush();
    const again = await api.registry('models');
    expect(again).toMatchObject({ description: 'Reviewed models', visibility: 'restricted' });
    expect([...again.artifactTypes].sort()).toEqual(['dataset', 'model']);
  });

  it('refuses removing saved types, and adding types while every type is allowed', async () => {
    const registry = await api.registry('models');
    expect(() => (registry.artifactTypes = [])).toThrow(ValidationError);
    const open = await api.registry('evals');
    open.artifactTypes = ['model'];
    emu.clearRequests();
    await validationRejection(open.save());
    open.allowAllArtifactTypes = false;
    await open.save();
    expect(calls('UpsertRegistry')[0]).toEqual({
      input: {
        entityName: 'acme-org',
        name: 'wandb-registry-evals',
        allowAllArtifactTypesInRegistry: false,
        artifactTypes: [{ name: 'model' }],
      },
    });
    expect(open.allowAllArtifactTypes).toBe(false);
  });

  it('renames with RenameRegistry', async () => {
    const registry = await api.registry('evals');
    registry.name = 'evaluations';
    emu.clearRequests();
    await registry.save();
    expect(graphqlCalls(emu, 'UpsertRegistry')).toBe(0);
    expect(calls('RenameRegistry')).toEqual([
      {
        input: {
          entityName: 'acme-org',
          oldProjectName: 'wandb-registry-evals',
          newProjectName: 'wandb-registry-evaluations',
        },
      },
    ]);
    expect(registry.fullName).toBe('wandb-registry-evaluations');
    api.flush();
    expect((await api.registry('evaluations')).description).toBe('model evaluations');
    await expect(api.registry('evals')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('delete() removes it', async () => {
    const registry = await api.registry('evals');
    await registry.delete();
    expect(calls('DeleteRegistry')).toEqual([{ id: registry.id }]);
    api.flush();
    await expect(api.registry('evals')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('links an artifact into a registry by its bare project, with the organization option', async () => {
    const withOrg = new Api({ baseUrl: emu.url, apiKey: emu.apiKey, organization: 'acme' });
    const model = await withOrg.artifact('alice/vision/resnet:v0');
    const link = await model.link('wandb-registry-models/detector-v2', { aliases: ['staging'] });
    expect(link.qualifiedName).toBe('acme-org/wandb-registry-models/detector-v2:v0');
    expect(link.url).toContain('/orgs/acme/registry/models?');
    const linked = await (
      await withOrg.registry('models')
    )
      .versions({ filter: { alias: 'staging' } })
      .toArray();
    expect(linked.map((a) => a.qualifiedName)).toEqual(['acme-org/wandb-registry-models/detector-v2:v0']);
    // a type the registry does not allow is refused by the server
    const data = await withOrg.artifact('alice/vision/mnist:v0');
    await expect(data.link('wandb-registry-models/digits')).rejects.toThrow();
  });
});
