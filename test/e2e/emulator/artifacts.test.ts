// Artifacts over real HTTP, the seed API and the reads: names and aliases, listings with filters,
// order and cursors, files and manifests behind signed URLs, runs that logged and used versions.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock, startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { basic, data, errorMessages, KEY } from '../../support/emulator-http.js';

const md5b64 = (content: string | Uint8Array): string => createHash('md5').update(content).digest('base64');
const md5hex = (content: string | Uint8Array): string => createHash('md5').update(content).digest('hex');

/** W&B's manifest digest, computed here independently of the emulator. */
function manifestDigest(entries: Record<string, string>): string {
  const paths = Object.keys(entries).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const hash = createHash('md5').update('wandb-artifact-manifest-v1\n');
  for (const path of paths) hash.update(`${path}:${entries[path]}\n`);
  return hash.digest('hex');
}

const BIN = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);

const MEMBERSHIP = `query M($entity: String!, $project: String!, $name: String!) {
  project(name: $project, entityName: $entity) {
    artifactCollectionMembership(name: $name) {
      id versionIndex aliases { alias }
      artifactCollection { __typename name project { name entity { name } } }
      artifact { id versionIndex state digest commitHash size fileCount description metadata
        ttlDurationSeconds ttlIsInherited historyStep createdAt updatedAt tags { name }
        artifactType { name } artifactSequence { __typename name } }
    }
  }
}`;

interface MembershipData {
  project: {
    artifactCollectionMembership: {
      id: string;
      versionIndex: number;
      aliases: { alias: string }[];
      artifactCollection: {
        __typename: string;
        name: string;
        project: { name: string; entity: { name: string } };
      };
      artifact: {
        id: string;
        versionIndex: number | null;
        state: string;
        digest: string;
        commitHash: string;
        size: number;
        fileCount: number;
        description: string | null;
        metadata: string | null;
        ttlDurationSeconds: number;
        ttlIsInherited: boolean;
        historyStep: number | null;
        createdAt: string;
        updatedAt: string;
        tags: { name: string }[];
        artifactType: { name: string };
        artifactSequence: { __typename: string; name: string };
      };
    } | null;
  } | null;
}

describe('emulator: artifacts (seed API and reads)', () => {
  let emu: Emulator;
  const clock = createManualClock('2024-06-01T00:00:00Z');
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    emu = await startEmulator({
      apiKey: KEY,
      viewer: { username: 'alice' },
      clock,
      signedUrlLifetimeMs: 60_000,
    });
    emu.seed.run({ project: 'p', id: 'maker' });
    emu.seed.run({ project: 'p', id: 'user1' });
    emu.seed.run({ project: 'p', id: 'user2' });
    ids.v0 = emu.seed.artifact({
      project: 'p',
      type: 'dataset',
      collection: 'mnist',
      files: { 'train.csv': 'a,b\n1,2\n', 'bin/data.bin': BIN },
      references: { 'remote/big.bin': 'https://example.com/big.bin' },
      aliases: ['baseline', 'eu/prod'],
      tags: ['curated', 'two words'],
      metadata: { rows: 2, source: 'unit' },
      description: 'first',
      createdBy: 'maker',
      usedBy: ['user1', 'user2'],
      historyStep: 5,
      ttl: 3600,
    }).id;
    clock.advance(1000);
    ids.v1 = emu.seed.artifact({
      project: 'p',
      type: 'dataset',
      collection: 'mnist',
      files: { 'train.csv': 'a,b\n1,2\n3,4\n', 'bin/data.bin': BIN },
      aliases: ['baseline'],
      tags: ['curated'],
      metadata: { rows: 3 },
      usedBy: ['user1'],
    }).id;
    clock.advance(1000);
    ids.pending = emu.seed.artifact({
      project: 'p',
      type: 'dataset',
      collection: 'mnist',
      state: 'PENDING',
    }).id;
    clock.advance(1000);
    ids.model = emu.seed.artifact({
      project: 'p',
      type: 'model',
      collection: 'resnet',
      files: { 'm.pt': BIN },
    }).id;
    clock.advance(1000);
    emu.seed.artifact({
      project: 'p',
      type: 'dataset',
      collection: 'cifar',
      tags: ['raw'],
      files: { 'x.txt': 'x' },
    });
    emu.seed.link({ artifact: ids.v0, project: 'registry', collection: 'gold', aliases: ['production'] });
  });
  afterAll(() => emu.close());

  async function membership(name: string, project = 'p'): Promise<MembershipData> {
    return data<MembershipData>(emu, MEMBERSHIP, { entity: 'alice', project, name });
  }

  describe('seed API', () => {
    it('counts versions up per collection and computes the W&B manifest digest', () => {
      const seeded = emu.seed.artifact({
        project: 'seedp',
        type: 'dataset',
        collection: 'c',
        files: { 'a.txt': 'a' },
      });
      expect(seeded).toEqual({
        id: expect.any(String),
        name: 'c:v0',
        version: 'v0',
        digest: manifestDigest({ 'a.txt': md5b64('a') }),
      });
      expect(Buffer.from(seeded.id, 'base64').toString()).toMatch(/^Artifact:\d+$/);
      const next = emu.seed.artifact({
        project: 'seedp',
        type: 'dataset',
        collection: 'c',
        files: { 'b.txt': 'b' },
        references: { 'r.bin': { url: 'https://example.com/r.bin', digest: 'etag123', size: 9 } },
      });
      expect(next).toMatchObject({ name: 'c:v1', version: 'v1' });
      expect(next.digest).toBe(manifestDigest({ 'b.txt': md5b64('b'), 'r.bin': 'etag123' }));
      // The empty artifact's digest is the MD5 of the header alone.
      expect(emu.seed.artifact({ project: 'seedp', type: 'dataset', collection: 'empty' }).digest).toBe(
        md5hex('wandb-artifact-manifest-v1\n'),
      );
      expect(
        emu.seed.artifact({ project: 'seedp', type: 'dataset', collection: 'c', state: 'PENDING' }),
      ).toMatchObject({
        name: 'c',
        version: null,
      });
    });

    it('links a version into a portfolio with the next index there', () => {
      const { id } = emu.seed.artifact({ project: 'seedp', type: 'model', collection: 'm' });
      const first = emu.seed.link({ artifact: id, project: 'reg', collection: 'best', aliases: ['prod'] });
      expect(first).toMatchObject({ name: 'best:v0', version: 'v0' });
      expect(Buffer.from(first.collectionId, 'base64').toString()).toMatch(/^ArtifactCollection:\d+$/);
      // Linking the same version again keeps its membership.
      expect(emu.seed.link({ artifact: id, project: 'reg', collection: 'best' })).toEqual(first);
    });

    it('refuses what W&B would refuse, naming it', () => {
      const base = { project: 'seedp', type: 'dataset', collection: 'c' };
      expect(() => emu.seed.artifact({ ...base, aliases: ['v7'] })).toThrow(/alias "v7" is a version alias/);
      expect(() => emu.seed.artifact({ ...base, tags: ['bad!'] })).toThrow(/tag "bad!"/);
      expect(() => emu.seed.artifact({ ...base, type: 'model' })).toThrow(/has type dataset, not model/);
      expect(() => emu.seed.artifact({ ...base, collection: 'a:b' })).toThrow(/must not contain/);
      expect(() => emu.seed.artifact({ ...base, createdBy: 'nope' })).toThrow(/run "nope" not found/);
      expect(() => emu.seed.artifact({ ...base, ttl: 0 })).toThrow(/ttl/);
      expect(() => emu.seed.link({ artifact: ids.pending ?? '', collection: 'x' })).toThrow(/committed/);
      expect(() => emu.seed.link({ artifact: ids.v0 ?? '', project: 'p', collection: 'mnist' })).toThrow(
        /sequence/,
      );
    });
  });

  describe('names and aliases (Project.artifactCollectionMembership)', () => {
    it('resolves vN, latest, a bare name, custom aliases (with "/"), the commit hash and the digest', async () => {
      const v0 = (await membership('mnist:v0')).project?.artifactCollectionMembership;
      expect(v0).toMatchObject({
        versionIndex: 0,
        aliases: [{ alias: 'eu/prod' }, { alias: 'v0' }],
        artifactCollection: {
          __typename: 'ArtifactSequence',
          name: 'mnist',
          project: { name: 'p', entity: { name: 'alice' } },
        },
        artifact: {
          id: ids.v0,
          versionIndex: 0,
          state: 'COMMITTED',
          digest: manifestDigest({
            'train.csv': md5b64('a,b\n1,2\n'),
            'bin/data.bin': md5b64(BIN),
            'remote/big.bin': 'https://example.com/big.bin',
          }),
          size: 8 + 300,
          fileCount: 3,
          description: 'first',
          ttlDurationSeconds: 3600,
          ttlIsInherited: false,
          historyStep: 5,
          createdAt: '2024-06-01T00:00:00Z',
          tags: [{ name: 'curated' }, { name: 'two words' }],
          artifactType: { name: 'dataset' },
          artifactSequence: { __typename: 'ArtifactSequence', name: 'mnist' },
        },
      });
      expect(JSON.parse(v0?.artifact.metadata ?? 'null')).toEqual({ rows: 2, source: 'unit' });
      expect(v0?.artifact.commitHash).toMatch(/^[0-9a-f]{12}$/);
      const v1 = (await membership('mnist:v1')).project?.artifactCollectionMembership;
      // `baseline` moved to v1; `latest` is on the newest committed version; the pending one is not reachable.
      expect(v1?.aliases.map((a) => a.alias)).toEqual(['latest', 'baseline', 'v1']);
      expect(v1?.artifact).toMatchObject({ ttlDurationSeconds: -2, ttlIsInherited: true, historyStep: null });
      for (const name of ['mnist', 'mnist:latest', 'mnist:baseline', `mnist:${v1?.artifact.digest}`]) {
        expect((await membership(name)).project?.artifactCollectionMembership?.versionIndex, name).toBe(1);
      }
      for (const name of ['mnist:eu/prod', `mnist:${v0?.artifact.commitHash}`]) {
        expect((await membership(name)).project?.artifactCollectionMembership?.versionIndex, name).toBe(0);
      }
    });

    it('answers null for what does not exist: collection, alias, version, a pending version, project', async () => {
      for (const name of ['nope', 'mnist:v2', 'mnist:nope', 'mnist:', ':latest']) {
        expect((await membership(name)).project?.artifactCollectionMembership, name).toBeNull();
      }
      expect((await membership('mnist:v0', 'nope')).project).toBeNull();
    });

    it("answers a link in its portfolio with the link's own index and aliases", async () => {
      const link = (await membership('gold:v0', 'registry')).project?.artifactCollectionMembership;
      expect(link).toMatchObject({
        versionIndex: 0,
        aliases: [{ alias: 'latest' }, { alias: 'production' }, { alias: 'v0' }],
        artifactCollection: { __typename: 'ArtifactPortfolio', name: 'gold', project: { name: 'registry' } },
        artifact: { id: ids.v0, versionIndex: 0, artifactSequence: { name: 'mnist' } },
      });
    });
  });

  it("answers artifact(id) with every collection's aliases, the version index per collection, null for an unknown id", async () => {
    const query = `query A($id: ID!) { artifact(id: $id) {
      id state versionIndex gold: versionIndex(artifactCollectionName: "gold")
      aliases { alias artifactCollection { __typename name } }
      goldAliases: aliases(artifactCollectionName: "gold") { alias }
    } }`;
    const got = await data<{
      artifact: {
        state: string;
        versionIndex: number;
        gold: number;
        aliases: { alias: string; artifactCollection: { __typename: string; name: string } }[];
        goldAliases: { alias: string }[];
      };
    }>(emu, query, { id: ids.v0 });
    expect(got.artifact).toMatchObject({ state: 'COMMITTED', versionIndex: 0, gold: 0 });
    expect(got.artifact.aliases.map((a) => `${a.artifactCollection.name}:${a.alias}`)).toEqual([
      'mnist:eu/prod',
      'mnist:v0',
      'gold:latest',
      'gold:production',
      'gold:v0',
    ]);
    expect(got.artifact.goldAliases.map((a) => a.alias)).toEqual(['latest', 'production', 'v0']);
    const pending = await data<{ artifact: { state: string; versionIndex: number | null } }>(
      emu,
      'query A($id: ID!) { artifact(id: $id) { state versionIndex } }',
      { id: ids.pending },
    );
    expect(pending.artifact).toEqual({ state: 'PENDING', versionIndex: null });
    for (const id of [
      'nope',
      Buffer.from('Artifact:999').toString('base64'),
      Buffer.from('Run:1').toString('base64'),
    ]) {
      expect(
        (await data<{ artifact: unknown }>(emu, 'query A($id: ID!) { artifact(id: $id) { id } }', { id }))
          .artifact,
      ).toBeNull();
    }
  });

  it('lists artifact types in creation order with cursors, and finds one by name', async () => {
    const query = `query T($cursor: String, $perPage: Int) { project(name: "p", entityName: "alice") {
      artifactTypes(after: $cursor, first: $perPage) { edges { node { id name description createdAt } } pageInfo { endCursor hasNextPage } }
      dataset: artifactType(name: "dataset") { name project { name } }
      none: artifactType(name: "nope") { name }
    } }`;
    type T = {
      project: {
        artifactTypes: {
          edges: { node: { name: string; createdAt: string } }[];
          pageInfo: { endCursor: string; hasNextPage: boolean };
        };
        dataset: { name: string; project: { name: string } };
        none: null;
      };
    };
    const first = await data<T>(emu, query, { perPage: 1 });
    expect(first.project.artifactTypes.edges.map((e) => e.node.name)).toEqual(['dataset']);
    expect(first.project.artifactTypes.pageInfo.hasNextPage).toBe(true);
    expect(first.project.dataset).toEqual({ name: 'dataset', project: { name: 'p' } });
    expect(first.project.none).toBeNull();
    const rest = await data<T>(emu, query, { cursor: first.project.artifactTypes.pageInfo.endCursor });
    expect(rest.project.artifactTypes.edges.map((e) => e.node.name)).toEqual(['model']);
    expect(rest.project.artifactTypes.pageInfo.hasNextPage).toBe(false);
  });

  describe('collection listings', () => {
    const TYPE_COLLECTIONS = `query C($type: String!, $filters: JSONString, $order: String, $cursor: String, $perPage: Int) {
      project(name: "p", entityName: "alice") { artifactType(name: $type) {
        artifactCollections(filters: $filters, order: $order, after: $cursor, first: $perPage) {
          totalCount pageInfo { endCursor hasNextPage }
          edges { node { __typename id name type: defaultArtifactType { name } tags { edges { node { name } } } } }
        }
      } }
    }`;
    type C = {
      project: {
        artifactType: {
          artifactCollections: {
            totalCount: number;
            pageInfo: { endCursor: string; hasNextPage: boolean };
            edges: {
              node: {
                __typename: string;
                name: string;
                type: { name: string };
                tags: { edges: { node: { name: string } }[] };
              };
            }[];
          };
        };
      };
    };
    const names = (c: C) => c.project.artifactType.artifactCollections.edges.map((e) => e.node.name);

    it('lists the collections of a type, newest first by default, paged, with totalCount', async () => {
      const first = await data<C>(emu, TYPE_COLLECTIONS, { type: 'dataset', perPage: 1 });
      expect(first.project.artifactType.artifactCollections.totalCount).toBe(2);
      expect(names(first)).toEqual(['cifar']);
      const rest = await data<C>(emu, TYPE_COLLECTIONS, {
        type: 'dataset',
        cursor: first.project.artifactType.artifactCollections.pageInfo.endCursor,
      });
      expect(names(rest)).toEqual(['mnist']);
      expect(rest.project.artifactType.artifactCollections.edges[0]?.node).toMatchObject({
        __typename: 'ArtifactSequence',
        type: { name: 'dataset' },
      });
    });

    it('filters (name, tag, dates) and orders (name, createdAt) them', async () => {
      const byName = await data<C>(emu, TYPE_COLLECTIONS, {
        type: 'dataset',
        filters: '{"name": {"$regex": "^mn"}}',
      });
      expect(names(byName)).toEqual(['mnist']);
      expect(byName.project.artifactType.artifactCollections.totalCount).toBe(1);
      expect(
        names(await data<C>(emu, TYPE_COLLECTIONS, { type: 'dataset', filters: '{"tag": "raw"}' })),
      ).toEqual([]);
      expect(
        names(
          await data<C>(emu, TYPE_COLLECTIONS, {
            type: 'dataset',
            filters: '{"created_at": {"$gt": "2024-06-01T00:00:01Z"}}',
          }),
        ),
      ).toEqual(['cifar']);
      expect(names(await data<C>(emu, TYPE_COLLECTIONS, { type: 'dataset', order: '+name' }))).toEqual([
        'cifar',
        'mnist',
      ]);
      expect(names(await data<C>(emu, TYPE_COLLECTIONS, { type: 'dataset', order: 'createdAt' }))).toEqual(
        ['cifar', 'mnist'].reverse(),
      );
    });

    it('refuses unknown filter fields, operators and orders', async () => {
      expect(
        await errorMessages(emu, TYPE_COLLECTIONS, { type: 'dataset', filters: '{"colour": 1}' }),
      ).toMatch(/Unknown artifact collection field "colour"/);
      expect(
        await errorMessages(emu, TYPE_COLLECTIONS, { type: 'dataset', filters: '{"name": {"$where": 1}}' }),
      ).toMatch(/Unsupported/);
      expect(await errorMessages(emu, TYPE_COLLECTIONS, { type: 'dataset', order: '-colour' })).toMatch(
        /Invalid order/,
      );
    });

    it('lists every collection of a project, links included, and finds one by type and name', async () => {
      const query = `{ p: project(name: "p", entityName: "alice") {
          artifactCollections { totalCount edges { node { __typename name } } }
          sequences: artifactCollections(collectionTypes: [SEQUENCE]) { totalCount }
          mnist: artifactType(name: "dataset") { artifactCollection(name: "mnist") { __typename name description state project { name } } }
          wrongType: artifactType(name: "model") { artifactCollection(name: "mnist") { name } }
          byName: artifactCollection(name: "resnet") { name }
        }
        r: project(name: "registry", entityName: "alice") { artifactCollections { edges { node { __typename name } } } } }`;
      const got = await data<{
        p: {
          artifactCollections: {
            totalCount: number;
            edges: { node: { __typename: string; name: string } }[];
          };
          sequences: { totalCount: number };
          mnist: { artifactCollection: Record<string, unknown> };
          wrongType: { artifactCollection: null };
          byName: { name: string };
        };
        r: { artifactCollections: { edges: { node: { __typename: string; name: string } }[] } };
      }>(emu, query);
      expect(got.p.artifactCollections.edges.map((e) => e.node.name)).toEqual(['cifar', 'resnet', 'mnist']);
      expect(got.p.artifactCollections.totalCount).toBe(3);
      expect(got.p.sequences.totalCount).toBe(3);
      expect(got.p.mnist.artifactCollection).toEqual({
        __typename: 'ArtifactSequence',
        name: 'mnist',
        description: null,
        state: 'READY',
        project: { name: 'p' },
      });
      expect(got.p.wrongType.artifactCollection).toBeNull();
      expect(got.p.byName.name).toBe('resnet');
      expect(got.r.artifactCollections.edges).toEqual([
        { node: { __typename: 'ArtifactPortfolio', name: 'gold' } },
      ]);
    });
  });

  describe('version listings (ArtifactCollection.artifacts)', () => {
    const VERSIONS = `query V($collection: String!, $filters: JSONString, $order: String, $cursor: String, $perPage: Int) {
      project(name: "p", entityName: "alice") { artifactType(name: "dataset") { artifactCollection(name: $collection) {
        artifacts(filters: $filters, order: $order, after: $cursor, first: $perPage) {
          totalCount pageInfo { endCursor hasNextPage } edges { version node { id state } }
        }
      } } }
    }`;
    type V = {
      project: {
        artifactType: {
          artifactCollection: {
            artifacts: {
              totalCount: number;
              pageInfo: { endCursor: string; hasNextPage: boolean };
              edges: { version: string; node: { id: string; state: string } }[];
            };
          };
        };
      };
    };
    const versions = (v: V) =>
      v.project.artifactType.artifactCollection.artifacts.edges.map((e) => e.version);

    it('lists committed versions, newest first, each edge with its vN, paged with totalCount', async () => {
      const first = await data<V>(emu, VERSIONS, {
        collection: 'mnist',
        filters: '{"state": "COMMITTED"}',
        perPage: 1,
      });
      expect(first.project.artifactType.artifactCollection.artifacts.totalCount).toBe(2);
      expect(versions(first)).toEqual(['v1']);
      const rest = await data<V>(emu, VERSIONS, {
        collection: 'mnist',
        filters: '{"state": "COMMITTED"}',
        cursor: first.project.artifactType.artifactCollection.artifacts.pageInfo.endCursor,
      });
      expect(versions(rest)).toEqual(['v0']);
      expect(rest.project.artifactType.artifactCollection.artifacts.pageInfo.hasNextPage).toBe(false);
      // The pending version is in no listing, whatever the filter.
      expect(
        versions(await data<V>(emu, VERSIONS, { collection: 'mnist', filters: '{"state": "PENDING"}' })),
      ).toEqual([]);
    });

    it('filters by alias, tag, metadata, version and orders by versionIndex or createdAt', async () => {
      const by = async (filters: unknown, order?: string) =>
        versions(
          await data<V>(emu, VERSIONS, { collection: 'mnist', filters: JSON.stringify(filters), order }),
        );
      expect(await by({ alias: 'eu/prod' })).toEqual(['v0']);
      expect(await by({ aliases: { $in: ['latest'] } })).toEqual(['v1']);
      expect(await by({ tag: 'two words' })).toEqual(['v0']);
      expect(await by({ 'metadata.rows': { $gte: 3 } })).toEqual(['v1']);
      expect(await by({ version: 'v0' })).toEqual(['v0']);
      expect(await by({ $or: [{ versionIndex: 0 }, { versionIndex: 1 }] }, '+versionIndex')).toEqual([
        'v0',
        'v1',
      ]);
      expect(await by({}, 'created_at')).toEqual(['v0', 'v1']);
    });
  });

  it("lists a collection's aliases (custom ones and latest) and its memberships", async () => {
    const query = `query Q($id: ID!) { artifactCollection(id: $id) { __typename name
      aliases { edges { node { alias artifactCollectionName artifact { id } } } }
      artifactMemberships { edges { node { versionIndex } } }
    } }`;
    const collection = await data<{ project: { artifactCollection: { id: string } } }>(
      emu,
      '{ project(name: "p", entityName: "alice") { artifactCollection(name: "mnist") { id } } }',
    );
    const got = await data<{
      artifactCollection: {
        aliases: {
          edges: { node: { alias: string; artifactCollectionName: string; artifact: { id: string } } }[];
        };
        artifactMemberships: { edges: { node: { versionIndex: number } }[] };
      };
    }>(emu, query, { id: collection.project.artifactCollection.id });
    expect(got.artifactCollection.aliases.edges.map((e) => [e.node.alias, e.node.artifact.id])).toEqual([
      ['latest', ids.v1],
      ['baseline', ids.v1],
      ['eu/prod', ids.v0],
    ]);
    expect(got.artifactCollection.aliases.edges[0]?.node.artifactCollectionName).toBe('mnist');
    expect(got.artifactCollection.artifactMemberships.edges.map((e) => e.node.versionIndex)).toEqual([1, 0]);
  });

  describe('files, manifests and storage', () => {
    const FILES = `query F($collection: String!, $alias: String!, $names: [String!], $cursor: String, $perPage: Int) {
      project(name: "p", entityName: "alice") { artifactCollection(name: $collection) { artifactMembership(aliasName: $alias) {
        files(names: $names, after: $cursor, first: $perPage) {
          totalCount pageInfo { endCursor hasNextPage }
          edges { node { id name displayName sizeBytes md5 digest mimetype directUrl url storagePath } }
        }
      } } }
    }`;
    type FileNode = {
      name: string;
      displayName: string;
      sizeBytes: number;
      md5: string;
      digest: string;
      mimetype: string;
      directUrl: string;
      url: string;
    };
    type F = {
      project: {
        artifactCollection: {
          artifactMembership: {
            files: {
              totalCount: number;
              pageInfo: { endCursor: string; hasNextPage: boolean };
              edges: { node: FileNode }[];
            };
          };
        };
      };
    };
    const files = async (variables: Record<string, unknown>) =>
      (await data<F>(emu, FILES, { collection: 'mnist', alias: 'v0', ...variables })).project
        .artifactCollection.artifactMembership.files;

    it('lists the stored files (not references) by path, by names, paged, with totalCount', async () => {
      const all = await files({});
      expect(all.totalCount).toBe(2);
      expect(all.edges.map((e) => e.node.name)).toEqual(['bin/data.bin', 'train.csv']);
      expect(all.edges[1]?.node).toMatchObject({
        name: 'train.csv',
        displayName: 'train.csv',
        sizeBytes: 8,
        md5: md5b64('a,b\n1,2\n'),
        digest: md5b64('a,b\n1,2\n'),
        mimetype: 'text/csv',
      });
      const one = await files({ names: ['train.csv'], perPage: 1 });
      expect(one.edges.map((e) => e.node.name)).toEqual(['train.csv']);
      const paged = await files({ perPage: 1 });
      expect(paged.pageInfo.hasNextPage).toBe(true);
      expect((await files({ cursor: paged.pageInfo.endCursor })).edges.map((e) => e.node.name)).toEqual([
        'train.csv',
      ]);
    });

    it('serves each file by its signed URL with no API key (bytes, ETag, ranges) until it expires', async () => {
      const all = await files({});
      const bin = all.edges[0]?.node;
      const res = await fetch(bin?.directUrl ?? '');
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe(`"${md5hex(BIN)}"`);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(BIN);
      const ranged = await fetch(bin?.directUrl ?? '', { headers: { range: 'bytes=10-19' } });
      expect(ranged.status).toBe(206);
      expect(ranged.headers.get('content-range')).toBe('bytes 10-19/300');
      expect(new Uint8Array(await ranged.arrayBuffer())).toEqual(BIN.subarray(10, 20));
      const tampered = new URL(bin?.directUrl ?? '');
      tampered.pathname = tampered.pathname.replace(/\d+$/, '1');
      expect((await fetch(tampered)).status).toBe(403);
      clock.advance(60_001);
      const expired = await fetch(bin?.directUrl ?? '');
      expect(expired.status).toBe(403);
      expect(await expired.text()).toContain('Request has expired');
      // A fresh listing hands out fresh URLs.
      expect((await fetch((await files({})).edges[0]?.node.directUrl ?? '')).status).toBe(200);
    });

    it('serves the manifest, whose entries carry digests, sizes, references and birth artifact ids', async () => {
      const got = await data<{
        artifact: {
          currentManifest: {
            id: string;
            type: string;
            digest: string;
            file: { directUrl: string; name: string };
          };
        };
      }>(
        emu,
        'query M($id: ID!) { artifact(id: $id) { currentManifest { id type digest file { name directUrl } } } }',
        { id: ids.v0 },
      );
      const manifest = got.artifact.currentManifest;
      expect(manifest).toMatchObject({ type: 'FULL', file: { name: 'wandb_manifest.json' } });
      const res = await fetch(manifest.file.directUrl);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(md5b64(text)).toBe(manifest.digest);
      expect(JSON.parse(text)).toEqual({
        version: 1,
        storagePolicy: 'wandb-storage-policy-v1',
        storagePolicyConfig: { storageLayout: 'V2' },
        contents: {
          'bin/data.bin': { digest: md5b64(BIN), size: 300, birthArtifactID: ids.v0 },
          'train.csv': { digest: md5b64('a,b\n1,2\n'), size: 8, birthArtifactID: ids.v0 },
          'remote/big.bin': { digest: 'https://example.com/big.bin', ref: 'https://example.com/big.bin' },
        },
      });
      // v1 reuses bin/data.bin: its entry's birth artifact is v0, which first stored it.
      const v1 = await data<{ artifact: { currentManifest: { file: { directUrl: string } } } }>(
        emu,
        'query M($id: ID!) { artifact(id: $id) { currentManifest { file { directUrl } } } }',
        { id: ids.v1 },
      );
      const v1Manifest = (await (await fetch(v1.artifact.currentManifest.file.directUrl)).json()) as {
        contents: Record<string, { birthArtifactID: string }>;
      };
      expect(v1Manifest.contents['bin/data.bin']?.birthArtifactID).toBe(ids.v0);
      expect(v1Manifest.contents['train.csv']?.birthArtifactID).toBe(ids.v1);
    });

    it('serves the fallback download endpoints only with W&B credentials', async () => {
      const hex = md5hex(BIN);
      const v1Path = `${emu.url}/artifacts/alice/${hex}`;
      const v2Base = `${emu.url}/artifactsV2/default/alice/p/mnist`;
      const v2Path = `${v2Base}/${encodeURIComponent(ids.v0 ?? '')}/${hex}/data.bin`;
      const v2WithId = `${v2Base}/${encodeURIComponent(ids.v1 ?? '')}/${encodeURIComponent(ids.v0 ?? '')}/${hex}/data.bin`;
      for (const url of [v1Path, v2Path, v2WithId]) {
        expect((await fetch(url)).status, url).toBe(401);
        const basicRes = await fetch(url, { headers: { authorization: basic(KEY) } });
        expect(basicRes.status, url).toBe(200);
        expect(new Uint8Array(await basicRes.arrayBuffer())).toEqual(BIN);
        expect((await fetch(url, { headers: { authorization: `Bearer ${KEY}` } })).status, url).toBe(200);
        expect((await fetch(url, { headers: { authorization: basic('wrong') } })).status, url).toBe(401);
      }
      // A link's content is reachable through the portfolio's entity and collection too.
      const viaLink = `${emu.url}/artifactsV2/default/alice/registry/gold/${encodeURIComponent(ids.v0 ?? '')}/${hex}/data.bin`;
      expect((await fetch(viaLink, { headers: { authorization: basic(KEY) } })).status).toBe(200);
      const auth = { headers: { authorization: basic(KEY) } };
      expect((await fetch(`${emu.url}/artifacts/alice/${'0'.repeat(32)}`, auth)).status).toBe(404);
      expect(
        (await fetch(`${v2Base}/${encodeURIComponent(ids.model ?? '')}/${hex}/data.bin`, auth)).status,
      ).toBe(404);
      // resnet's m.pt has the same content, first stored by mnist:v0: its entry names that birth artifact.
      expect((await fetch(`${emu.url}/artifactsV2/default/alice/p/resnet/x/${hex}/m.pt`, auth)).status).toBe(
        404,
      );
      expect((await fetch(`${emu.url}/artifactsV2/default/alice/p/resnet//${hex}/m.pt`, auth)).status).toBe(
        200,
      );
      expect(
        emu.requests.filter((r) => r.path.startsWith('/artifacts')).every((r) => r.kind === 'storage'),
      ).toBe(true);
    });
  });

  it('answers who logged and who used a version, both ways', async () => {
    const query = `query U($id: ID!, $model: ID!) {
      a: artifact(id: $id) { usedCount createdBy { __typename ... on Run { name project { name } } }
        usedBy { totalCount edges { node { name } } } }
      m: artifact(id: $model) { createdBy { __typename ... on User { username } } }
      project(name: "p", entityName: "alice") {
        maker: run(name: "maker") { outputArtifacts { totalCount edges { node { id } } } }
        user1: run(name: "user1") { inputArtifacts { totalCount edges { usedAs node { id } } } }
      }
    }`;
    const got = await data<{
      a: {
        usedCount: number;
        createdBy: { __typename: string; name: string };
        usedBy: { totalCount: number; edges: { node: { name: string } }[] };
      };
      m: { createdBy: { __typename: string; username: string } };
      project: {
        maker: { outputArtifacts: { totalCount: number; edges: { node: { id: string } }[] } };
        user1: {
          inputArtifacts: { totalCount: number; edges: { usedAs: string[]; node: { id: string } }[] };
        };
      };
    }>(emu, query, { id: ids.v0, model: ids.model });
    expect(got.a.createdBy).toEqual({ __typename: 'Run', name: 'maker', project: { name: 'p' } });
    expect(got.a.usedCount).toBe(2);
    expect(got.a.usedBy.edges.map((e) => e.node.name)).toEqual(['user1', 'user2']);
    expect(got.m.createdBy).toEqual({ __typename: 'User', username: 'alice' });
    expect(got.project.maker.outputArtifacts.edges.map((e) => e.node.id)).toEqual([ids.v0]);
    expect(got.project.user1.inputArtifacts.edges).toEqual([
      { usedAs: ['mnist:v0'], node: { id: ids.v0 } },
      { usedAs: ['mnist:v1'], node: { id: ids.v1 } },
    ]);
  });

  it('answers the memberships of a version (its sequence first, then its links) and project.artifact(name)', async () => {
    const got = await data<{
      artifact: {
        artifactMemberships: {
          edges: {
            node: { versionIndex: number; artifactCollection: { __typename: string; name: string } };
          }[];
        };
      };
      project: { artifact: { artifactType: { name: string } }; none: null };
    }>(
      emu,
      `query L($id: ID!) { artifact(id: $id) { artifactMemberships { edges { node { versionIndex artifactCollection { __typename name } } } } }
        project(name: "p", entityName: "alice") { artifact(name: "resnet:latest") { artifactType { name } } none: artifact(name: "resnet:v9") { id } } }`,
      { id: ids.v0 },
    );
    expect(
      got.artifact.artifactMemberships.edges.map((e) => [
        e.node.artifactCollection.__typename,
        e.node.artifactCollection.name,
      ]),
    ).toEqual([
      ['ArtifactSequence', 'mnist'],
      ['ArtifactPortfolio', 'gold'],
    ]);
    expect(got.project.artifact.artifactType.name).toBe('model');
    expect(got.project.none).toBeNull();
  });
});
