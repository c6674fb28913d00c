// The artifact reads through `new Api({ baseUrl, apiKey })` against the emulator over HTTP:
// api.artifact / artifactExists / artifactTypes / artifactType / artifactCollections /
// artifactCollection / artifactCollectionExists / artifacts, and what the objects read.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { Api as NodeApi } from '../../src/node.js';
import {
  Api,
  Artifact,
  ArtifactCollection,
  ArtifactFile,
  ArtifactType,
  AuthenticationError,
  manifestDigest,
  NotFoundError,
  Run,
  ServerError,
  UnsupportedError,
} from '../../src/index.js';
import { failure, validationError, validationRejection } from '../support/expect-errors.js';
import { graphqlCalls, setup, useEmulator } from '../support/helpers.js';

let emu: Emulator;
let api: Api;
const ids: Record<string, string> = {};
const BIN = new Uint8Array([0, 1, 2, 250, 251, 252]);
const b64md5 = (data: string | Uint8Array): string => createHash('md5').update(data).digest('base64');

useEmulator(
  (ctx) => {
    ({ emu, api } = ctx);
    emu.seed.run({ project: 'vision', id: 'maker' });
    emu.seed.run({ project: 'vision', id: 'trainer' });
    emu.seed.run({ project: 'vision', id: 'evaluator' });
    ids.v0 = emu.seed.artifact({
      project: 'vision',
      type: 'dataset',
      collection: 'mnist',
      files: { 'train.csv': 'a,b\n1,2\n', 'bin/data.bin': BIN },
      references: { 'remote/big.bin': 'https://example.com/big.bin' },
      aliases: ['baseline', 'eu/prod'],
      tags: ['curated', 'two words'],
      metadata: { rows: 2, source: 'unit' },
      description: 'first cut',
      createdBy: 'maker',
      usedBy: ['trainer', 'evaluator'],
      historyStep: 5,
      ttl: 3600,
    }).id;
    ids.v1 = emu.seed.artifact({
      project: 'vision',
      type: 'dataset',
      collection: 'mnist',
      files: { 'train.csv': 'a,b\n1,2\n3,4\n', 'bin/data.bin': BIN },
      aliases: ['candidate'],
      tags: ['curated'],
      metadata: { rows: 3 },
      usedBy: ['trainer'],
    }).id;
    emu.seed.artifact({ project: 'vision', type: 'dataset', collection: 'mnist', state: 'PENDING' });
    ids.model = emu.seed.artifact({
      project: 'vision',
      type: 'model',
      collection: 'resnet',
      files: { 'model.pt': BIN },
      createdBy: 'trainer',
    }).id;
    emu.seed.artifact({
      project: 'vision',
      type: 'dataset',
      collection: 'cifar',
      tags: ['raw'],
      files: { 'x.txt': 'x' },
    });
    emu.seed.link({ artifact: ids.v0, project: 'showcase', collection: 'gold', aliases: ['production'] });
    emu.seed.project({ entity: 'alice', name: 'empty' });
  },
  { resetEach: true },
);

describe('api.artifact', () => {
  it('reads a version by vN, latest (the default), a custom alias and an alias with "/"', async () => {
    const v0 = await api.artifact('alice/vision/mnist:v0');
    expect(v0).toBeInstanceOf(Artifact);
    expect(v0.constructor.name).toBe('Artifact');
    expect(v0.id).toBe(ids.v0);
    const latest = await api.artifact('alice/vision/mnist');
    expect(latest.id).toBe(ids.v1);
    expect(latest.name).toBe('mnist:v1'); // always collection:vN, even when asked for latest
    expect(latest.version).toBe('v1');
    expect((await api.artifact('alice/vision/mnist:baseline')).id).toBe(ids.v0);
    expect((await api.artifact('alice/vision/mnist:eu/prod')).id).toBe(ids.v0);
  });

  it('shows every property a user reads', async () => {
    const a = await api.artifact('alice/vision/mnist:v0', { type: 'dataset' });
    expect(a.name).toBe('mnist:v0');
    expect(a.qualifiedName).toBe('alice/vision/mnist:v0');
    expect(a.collectionName).toBe('mnist');
    expect([a.entity, a.project, a.type]).toEqual(['alice', 'vision', 'dataset']);
    expect([...a.aliases].sort()).toEqual(['baseline', 'eu/prod']); // no v0
    expect(a.tags).toEqual(['curated', 'two words']);
    expect(a.metadata).toEqual({ rows: 2, source: 'unit' });
    expect(a.description).toBe('first cut');
    expect(a.state).toBe('COMMITTED');
    expect(a.ttl).toBe(3600);
    expect(a.ttlIsInherited).toBe(false);
    expect(a.historyStep).toBe(4); // as the Python client shows it: the server's step − 1
    expect(a.fileCount).toBe(3); // references count
    expect(a.size).toBeGreaterThanOrEqual(8 + BIN.length);
    expect(a.createdAt).toBeInstanceOf(Date);
    expect(a.isLink).toBe(false);
    expect(a.source).toEqual({
      entity: 'alice',
      project: 'vision',
      collection: 'mnist',
      name: 'mnist:v0',
      version: 'v0',
    });
    expect(a.url).toBe(`${api.appUrl}/alice/vision/artifacts/dataset/mnist/v0`);
    const json = JSON.parse(JSON.stringify(a)) as Record<string, unknown>;
    expect(json).toMatchObject({ name: 'mnist:v0', type: 'dataset', aliases: expect.any(Array) });
  });

  it('takes the entity and project from the options', async () => {
    const scoped = new Api({ baseUrl: emu.url, apiKey: emu.apiKey, entity: 'alice', project: 'vision' });
    expect((await scoped.artifact('mnist:v1')).id).toBe(ids.v1);
    expect((await scoped.artifact('vision/resnet')).type).toBe('model');
  });

  it('reads a link in its portfolio: its own version and aliases, its original in source', async () => {
    const link = await api.artifact('alice/showcase/gold:production');
    expect(link.id).toBe(ids.v0);
    expect(link.isLink).toBe(true);
    expect(link.name).toBe('gold:v0');
    expect(link.project).toBe('showcase');
    expect(link.aliases).toEqual(expect.arrayContaining(['production']));
    expect(link.aliases).not.toContain('baseline');
    expect(link.source).toMatchObject({ project: 'vision', collection: 'mnist', name: 'mnist:v0' });
  });

  it('refuses a type that is not the artifact’s', async () => {
    const e = await validationRejection(api.artifact('alice/vision/mnist:v0', { type: 'model' }));
    expect(e.parameter).toBe('type');
    expect(e.message).toMatch(/"dataset"/);
  });

  it('says whether the project or the version is missing', async () => {
    const noVersion = await failure(api.artifact('alice/vision/mnist:v7'));
    expect(noVersion).toBeInstanceOf(NotFoundError);
    expect(noVersion.message).toMatch(/mnist:v7 not found in project alice\/vision/);
    const noProject = await failure(api.artifact('alice/nowhere/mnist:v0'));
    expect(noProject).toBeInstanceOf(NotFoundError);
    expect(noProject.message).toMatch(/project alice\/nowhere not found/i);
    // a pending version has no name yet
    expect(await failure(api.artifact('alice/vision/mnist:v2'))).toBeInstanceOf(NotFoundError);
  });

  it('refuses bad input before any request', async () => {
    const noProject = new Api({ baseUrl: emu.url, apiKey: emu.apiKey });
    expect((await validationRejection(noProject.artifact('mnist:v0'))).parameter).toBe('name');
    await validationRejection(api.artifact('a/b/c/d:v0'));
    await validationRejection(api.artifact('alice/vision/mnist', { type: 'a/b' }));
    // @ts-expect-error -- not a string
    await validationRejection(api.artifact(42));
    expect(graphqlCalls(emu)).toBe(0);
  });
});

describe('api.artifactExists', () => {
  it('is true for a version, false when the version or its project is missing', async () => {
    expect(await api.artifactExists('alice/vision/mnist:v1')).toBe(true);
    expect(await api.artifactExists('alice/vision/mnist:v9')).toBe(false);
    expect(await api.artifactExists('alice/vision/nothing')).toBe(false);
    expect(await api.artifactExists('alice/nowhere/mnist')).toBe(false);
  });

  it('throws what is not "not found": a server error, a rejected key, a wrong type', async () => {
    emu.faults.add({ operationName: 'ArtifactMembershipByName', status: 500, times: 10 });
    expect(await failure(api.artifactExists('alice/vision/mnist:v1'))).toBeInstanceOf(ServerError);
    emu.faults.clear();
    const stranger = new Api({ baseUrl: emu.url, apiKey: 'x'.repeat(40) });
    expect(await failure(stranger.artifactExists('alice/vision/mnist:v1'))).toBeInstanceOf(
      AuthenticationError,
    );
    await validationRejection(api.artifactExists('alice/vision/mnist:v1', { type: 'model' }));
  });
});

describe('artifact.manifest() and files()', () => {
  it('reads the manifest once; its digest is the artifact’s', async () => {
    const a = await api.artifact('alice/vision/mnist:v0');
    const manifest = await a.manifest();
    expect(manifest.entries.map((e) => e.path)).toEqual(['bin/data.bin', 'remote/big.bin', 'train.csv']);
    expect(manifest.entry('train.csv')).toMatchObject({ digest: b64md5('a,b\n1,2\n'), size: 8 });
    expect(manifest.entry('remote/big.bin')?.ref).toBe('https://example.com/big.bin');
    expect(manifestDigest(manifest.entries)).toBe(a.digest);
    const storageBefore = emu.requests.filter((r) => r.kind === 'storage').length;
    const graphqlBefore = graphqlCalls(emu);
    expect(await a.manifest()).toBe(manifest);
    expect(emu.requests.filter((r) => r.kind === 'storage').length).toBe(storageBefore);
    expect(graphqlCalls(emu)).toBe(graphqlBefore);
  });

  it('one caller aborting does not fail another caller sharing the same manifest read', async () => {
    const a = await api.artifact('alice/vision/mnist:v1', { cache: false });
    const controller = new AbortController();
    const first = a.manifest({ signal: controller.signal });
    const second = a.manifest();
    controller.abort(new Error('user cancelled'));
    await expect(first).rejects.toThrow('user cancelled');
    expect((await second).entries.length).toBeGreaterThan(0);
    await expect(a.manifest({ signal: controller.signal })).rejects.toThrow('user cancelled');
  });

  it('lists files with sizes, MD5s and signed URLs; names select, perPage pages, totalCount counts', async () => {
    const a = await api.artifact('alice/vision/mnist:v0');
    const files = await a.files({ perPage: 1 }).toArray();
    expect(files.every((f) => f instanceof ArtifactFile)).toBe(true);
    expect(files[0]?.constructor.name).toBe('ArtifactFile');
    expect(files.map((f) => f.name).sort()).toEqual(['bin/data.bin', 'train.csv']);
    expect(graphqlCalls(emu, 'ArtifactMembershipFiles')).toBeGreaterThanOrEqual(2);
    const [csv] = await a.files({ names: ['train.csv'] }).toArray();
    expect(csv).toBeDefined();
    expect(csv!.size).toBe(8);
    expect(csv!.md5).toBe(b64md5('a,b\n1,2\n'));
    expect(csv!.digest).toBe(b64md5('a,b\n1,2\n'));
    expect(csv!.directUrl).toMatch(/^http/);
    expect(await a.files().totalCount()).toBe(2);
    expect(JSON.stringify(csv)).not.toContain(csv!.directUrl);
  });

  it('reads content as text, bytes, a Blob and a stream, without the API key', async () => {
    const a = await api.artifact('alice/vision/mnist:v0');
    const [bin] = await a.files({ names: ['bin/data.bin'] }).toArray();
    const [csv] = await a.files({ names: ['train.csv'] }).toArray();
    emu.clearRequests();
    expect(await csv!.text()).toBe('a,b\n1,2\n');
    expect(new Uint8Array(await bin!.arrayBuffer())).toEqual(BIN);
    const blob = await bin!.blob();
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(BIN);
    const chunks: Uint8Array[] = [];
    for await (const chunk of csv!.stream() as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe('a,b\n1,2\n');
    const storage = emu.requests.filter((r) => r.kind === 'storage');
    expect(storage.length).toBe(4);
    expect(JSON.stringify(storage)).not.toContain(emu.apiKey);
  });

  it('downloads one file to disk, checked against its MD5 (Node)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'artifact-file-'));
    try {
      const nodeApi = new NodeApi({ baseUrl: emu.url, apiKey: emu.apiKey });
      const artifact = await nodeApi.artifact('alice/vision/mnist:v0');
      const [bin] = await artifact.files({ names: ['bin/data.bin'] }).toArray();
      const path = await bin!.download({ root });
      expect(path).toBe(join(root, 'bin', 'data.bin'));
      expect(new Uint8Array(await readFile(path))).toEqual(BIN);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('refuses bad names before any request', () => {
    return (async () => {
      const a = await api.artifact('alice/vision/mnist:v0');
      emu.clearRequests();
      expect(validationError(() => a.files({ names: [''] })).parameter).toBe('names');
      expect(graphqlCalls(emu)).toBe(0);
    })();
  });
});

describe('lineage', () => {
  it('usedBy() lists the runs that used a version, loggedBy() the run that logged it', async () => {
    const a = await api.artifact('alice/vision/mnist:v0');
    const users = await a.usedBy();
    expect(users.every((r) => r instanceof Run)).toBe(true);
    expect(users.map((r) => r.id)).toEqual(['trainer', 'evaluator']);
    expect((await a.loggedBy())?.id).toBe('maker');
    expect(await (await api.artifact('alice/vision/mnist:v1')).loggedBy()).toBeNull();
  });

  it('run.loggedArtifacts() and run.usedArtifacts() list a run’s outputs and inputs', async () => {
    const trainer = await api.run('alice/vision/trainer');
    const outputs = trainer.loggedArtifacts();
    expect((await outputs.toArray()).map((a) => a.qualifiedName)).toEqual(['alice/vision/resnet:v0']);
    expect(await outputs.totalCount()).toBe(1);
    const inputs = await trainer.usedArtifacts({ perPage: 1 }).toArray();
    expect(inputs.map((a) => a.name).sort()).toEqual(['mnist:v0', 'mnist:v1']);
    expect(inputs.find((a) => a.name === 'mnist:v0')?.aliases).toEqual(expect.arrayContaining(['baseline']));
  });

  it('artifact.collection() is the collection it was reached through', async () => {
    const c = await (await api.artifact('alice/showcase/gold:v0')).collection();
    expect(c.name).toBe('gold');
    expect(c.isSequence).toBe(false);
    const s = await (await api.artifact('alice/vision/mnist:v0')).collection();
    expect([s.name, s.isSequence, s.type]).toEqual(['mnist', true, 'dataset']);
  });
});

describe('artifact types', () => {
  it('lists a project’s types (no total) and finds one', async () => {
    const types = await api.artifactTypes('alice/vision').toArray();
    expect(types.every((t) => t instanceof ArtifactType)).toBe(true);
    expect(types[0]?.constructor.name).toBe('ArtifactType');
    expect(types.map((t) => t.name).sort()).toEqual(['dataset', 'model']);
    await expect(api.artifactTypes('alice/vision').totalCount()).rejects.toBeInstanceOf(UnsupportedError);
    const project = await api.project('vision', 'alice');
    expect((await project.artifactTypes().toArray()).map((t) => t.name).sort()).toEqual(['dataset', 'model']);
    expect((await project.artifactsTypes().toArray()).map((t) => t.name).sort()).toEqual([
      'dataset',
      'model',
    ]);
    const dataset = await api.artifactType('dataset', 'alice/vision');
    expect([dataset.name, dataset.entity, dataset.project]).toEqual(['dataset', 'alice', 'vision']);
    expect(dataset.createdAt).toBeInstanceOf(Date);
    expect((await dataset.collection('mnist')).name).toBe('mnist');
    expect((await dataset.collections().toArray()).map((c) => c.name).sort()).toEqual(['cifar', 'mnist']);
  });

  it('says whether the project or the type is missing', async () => {
    const noType = await failure(api.artifactType('code', 'alice/vision'));
    expect(noType).toBeInstanceOf(NotFoundError);
    expect(noType.message).toMatch(/"code" not found in project alice\/vision/);
    expect((await failure(api.artifactType('dataset', 'alice/nowhere'))).message).toMatch(/not found/);
    expect(await failure(api.artifactTypes('alice/nowhere').toArray())).toBeInstanceOf(NotFoundError);
  });
});

describe('artifact collections', () => {
  it('lists the collections of a type with a total, filtered and ordered on the server', async () => {
    const all = api.artifactCollections('alice/vision', 'dataset', { perPage: 1 });
    const collections = await all.toArray();
    expect(collections.every((c) => c instanceof ArtifactCollection)).toBe(true);
    expect(collections[0]?.constructor.name).toBe('ArtifactCollection');
    expect(collections.map((c) => c.name).sort()).toEqual(['cifar', 'mnist']);
    expect(await all.totalCount()).toBe(2);
    const ordered = await api.artifactCollections('alice/vision', 'dataset', { order: 'name' }).toArray();
    expect(ordered.map((c) => c.name)).toEqual(['cifar', 'mnist']);
    const descending = await api.artifactCollections('alice/vision', 'dataset', { order: '-name' }).toArray();
    expect(descending.map((c) => c.name)).toEqual(['mnist', 'cifar']);
    const filtered = await api
      .artifactCollections('alice/vision', 'dataset', { filters: { name: 'cifar' } })
      .toArray();
    expect(filtered.map((c) => c.name)).toEqual(['cifar']);
  });

  it('reads one collection: type, tags, dates, kind, aliases and versions', async () => {
    const mnist = await api.artifactCollection('dataset', 'alice/vision/mnist');
    expect([mnist.name, mnist.type, mnist.entity, mnist.project]).toEqual([
      'mnist',
      'dataset',
      'alice',
      'vision',
    ]);
    expect(mnist.isSequence).toBe(true);
    expect(mnist.createdAt).toBeInstanceOf(Date);
    expect(Array.isArray(mnist.tags)).toBe(true);
    const aliases = await mnist.aliases().toArray();
    expect(aliases).toEqual(expect.arrayContaining(['latest', 'baseline', 'candidate']));
    expect(aliases.some((a) => /^v\d+$/.test(a))).toBe(false);
    const versions = await mnist.artifacts().toArray();
    expect((await mnist.versions().toArray()).map((v) => v.name)).toEqual(versions.map((v) => v.name));
    expect(versions.map((v) => v.name)).toEqual(expect.arrayContaining(['mnist:v0', 'mnist:v1']));
    expect(versions).toHaveLength(2); // the pending version is not listed
  });

  it('project.collections() lists every type’s collections, links’ portfolios included', async () => {
    const project = await api.project('vision', 'alice');
    const names = (await project.collections().toArray()).map((c) => `${c.type}/${c.name}`).sort();
    expect(names).toEqual(['dataset/cifar', 'dataset/mnist', 'model/resnet']);
    expect(await project.collections().totalCount()).toBe(3);
    const showcase = await api.project('showcase', 'alice');
    const [gold] = await showcase.collections().toArray();
    expect([gold?.name, gold?.isSequence]).toEqual(['gold', false]);
  });

  it('artifactCollectionExists() is false only for what is not there', async () => {
    expect(await api.artifactCollectionExists('alice/vision/mnist', 'dataset')).toBe(true);
    expect(await api.artifactCollectionExists('alice/vision/mnist', 'model')).toBe(false);
    expect(await api.artifactCollectionExists('alice/vision/nothing', 'dataset')).toBe(false);
    expect(await api.artifactCollectionExists('alice/nowhere/mnist', 'dataset')).toBe(false);
    emu.faults.add({ operationName: 'ProjectArtifactCollection', status: 500, times: 10 });
    expect(
      await failure(api.artifactCollectionExists('alice/vision/mnist', 'dataset', { cache: false })),
    ).toBeInstanceOf(ServerError);
  });

  it('says which of the project, the type or the collection is missing', async () => {
    expect((await failure(api.artifactCollection('dataset', 'alice/vision/nothing'))).message).toMatch(
      /"nothing" of type "dataset" not found in project alice\/vision/,
    );
    expect((await failure(api.artifactCollection('code', 'alice/vision/mnist'))).message).toMatch(
      /has no artifact type "code"/,
    );
    expect((await failure(api.artifactCollection('dataset', 'alice/nowhere/mnist'))).message).toMatch(
      /project alice\/nowhere not found/,
    );
  });

  it('refuses bad options before any request', async () => {
    validationError(() => api.artifactCollections('alice/vision', 'dataset', { order: 'name desc' }));
    validationError(() => api.artifactCollections('alice/vision', 'dataset', { filters: 'x' as never }));
    validationError(() => api.artifactCollections('alice/vision', 'a:b'));
    await validationRejection(api.artifactCollection('dataset', 'a/b/c/d'));
    expect(graphqlCalls(emu)).toBe(0);
  });
});

describe('api.artifacts', () => {
  it('lists committed versions with a total; tags filter here; order and filters on the server', async () => {
    const versions = api.artifacts('dataset', 'alice/vision/mnist', { perPage: 1 });
    expect((await versions.toArray()).map((v) => v.name).sort()).toEqual(['mnist:v0', 'mnist:v1']);
    expect(await versions.totalCount()).toBe(2);
    const tagged = await api.artifacts('dataset', 'alice/vision/mnist', { tags: ['two words'] }).toArray();
    expect(tagged.map((v) => v.name)).toEqual(['mnist:v0']);
    const oldestFirst = await api
      .artifacts('dataset', 'alice/vision/mnist', { order: '+versionIndex' })
      .toArray();
    expect(oldestFirst.map((v) => v.version)).toEqual(['v0', 'v1']);
    const newestFirst = await api
      .artifacts('dataset', 'alice/vision/mnist', { order: '-versionIndex' })
      .toArray();
    expect(newestFirst.map((v) => v.version)).toEqual(['v1', 'v0']);
    const rows3 = await api
      .artifacts('dataset', 'alice/vision/mnist', { filters: { 'metadata.rows': 3 } })
      .toArray();
    expect(rows3.map((v) => v.name)).toEqual(['mnist:v1']);
    expect(newestFirst[1]?.aliases).toEqual(expect.arrayContaining(['baseline', 'eu/prod']));
  });

  it('artifactVersions() is the same listing', async () => {
    const versions = await api.artifactVersions('dataset', 'alice/vision/mnist').toArray();
    expect(versions.map((v) => v.name).sort()).toEqual(['mnist:v0', 'mnist:v1']);
  });

  it('names links by their version in the portfolio', async () => {
    const links = await api.artifacts('dataset', 'alice/showcase/gold').toArray();
    expect(links.map((l) => [l.name, l.isLink])).toEqual([['gold:v0', true]]);
  });

  it('refuses bad options before any request; a missing collection is a NotFoundError', async () => {
    validationError(() => api.artifacts('dataset', 'alice/vision/mnist', { tags: 'x' as never }));
    validationError(() => api.artifacts('dataset', 'alice/vision/mnist', { order: '-' }));
    validationError(() => api.artifacts('dataset', 'alice/vision/mnist:v0'));
    expect(graphqlCalls(emu)).toBe(0);
    expect(await failure(api.artifacts('dataset', 'alice/vision/nothing').toArray())).toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe('servers without the artifact features', () => {
  let off: Awaited<ReturnType<typeof setup>>;
  afterAll(() => off?.close());

  it('refuses collection filters and order, and file and collection totals, naming the feature', async () => {
    off = await setup({
      features: { ARTIFACT_COLLECTIONS_FILTERING_SORTING: false, TOTAL_COUNT_IN_FILE_CONNECTION: false },
    });
    off.emu.seed.artifact({
      project: 'vision',
      type: 'dataset',
      collection: 'mnist',
      files: { 'a.txt': 'a' },
    });
    const listing = off.api.artifactCollections('alice/vision', 'dataset', { order: '-name' });
    const e = await failure(listing.toArray());
    expect(e).toBeInstanceOf(UnsupportedError);
    expect(e.message).toMatch(/ARTIFACT_COLLECTIONS_FILTERING_SORTING/);
    expect(graphqlCalls(off.emu, 'ArtifactTypeArtifactCollections')).toBe(0);
    const project = await off.api.project('vision', 'alice');
    expect((await project.collections().toArray()).map((c) => c.name)).toEqual(['mnist']);
    await expect(project.collections().totalCount()).rejects.toBeInstanceOf(UnsupportedError);
    await expect(project.collections({ filters: { name: 'mnist' } }).toArray()).rejects.toBeInstanceOf(
      UnsupportedError,
    );
    const a = await off.api.artifact('alice/vision/mnist');
    expect((await a.files().toArray()).map((f) => f.name)).toEqual(['a.txt']);
    const totals = await failure(a.files().totalCount());
    expect(totals).toBeInstanceOf(UnsupportedError);
    expect(totals.message).toMatch(/TOTAL_COUNT_IN_FILE_CONNECTION/);
  });
});
