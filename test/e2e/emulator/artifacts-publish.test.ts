// Publishing artifact versions over real HTTP, step by step as the official client does (the
// protocol notes §6 P1–P8): createArtifact, the placeholder manifest, createArtifactFiles, the PUTs
// to signed URLs, the final manifest, commitArtifact; deduplication, failed uploads, multipart,
// signed URL expiry on the emulator clock, faults, and the fallback download endpoints.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock, startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { basic, data, errorMessages, gql, KEY } from '../../support/emulator-http.js';

const md5b64 = (content: string | Uint8Array): string => createHash('md5').update(content).digest('base64');
const md5hex = (content: string | Uint8Array): string => createHash('md5').update(content).digest('hex');
const bytesOf = (content: string | Uint8Array): Uint8Array<ArrayBuffer> =>
  typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);

/** W&B's manifest digest, computed here independently of the emulator. */
function manifestDigest(entries: Record<string, string>): string {
  const paths = Object.keys(entries).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const hash = createHash('md5').update('wandb-artifact-manifest-v1\n');
  for (const path of paths) hash.update(`${path}:${entries[path]}\n`);
  return hash.digest('hex');
}

const CREATE = `mutation CreateArtifact($input: CreateArtifactInput!) {
  createArtifact(input: $input) { artifact { id state versionIndex digest artifactSequence { id latestArtifact { id versionIndex } } } }
}`;
const CREATE_MANIFEST = `mutation CreateArtifactManifest($artifactID: ID!, $baseArtifactID: ID, $name: String!, $digest: String!, $entityName: String!, $projectName: String!, $runName: String!, $includeUpload: Boolean!) {
  createArtifactManifest(input: { artifactID: $artifactID, baseArtifactID: $baseArtifactID, name: $name, digest: $digest, entityName: $entityName, projectName: $projectName, runName: $runName, type: FULL }) {
    artifactManifest { id file { id uploadUrl @include(if: $includeUpload) uploadHeaders @include(if: $includeUpload) } }
  }
}`;
const CREATE_FILES = `mutation CreateArtifactFiles($artifactFiles: [CreateArtifactFileSpecInput!]!, $storageLayout: ArtifactStorageLayout!) {
  createArtifactFiles(input: { artifactFiles: $artifactFiles, storageLayout: $storageLayout }) {
    files { edges { node { storagePath uploadUrl uploadHeaders uploadMultipartUrls { uploadID uploadUrlParts { partNumber uploadUrl } } artifact { id } } } }
  }
}`;
const COMPLETE_MULTIPART = `mutation CompleteMultipartUploadArtifact($completeMultipartAction: CompleteMultipartAction!, $completedParts: [UploadPartsInput!]!, $artifactID: ID!, $storagePath: String!, $uploadID: String!) {
  completeMultipartUploadArtifact(input: { completeMultipartAction: $completeMultipartAction, completedParts: $completedParts, artifactID: $artifactID, storagePath: $storagePath, uploadID: $uploadID }) { digest }
}`;
const COMMIT = `mutation CommitArtifact($artifactID: ID!) { commitArtifact(input: { artifactID: $artifactID }) { artifact { id digest state versionIndex } } }`;
const BY_NAME = `query M($project: String!, $name: String!) {
  project(name: $project, entityName: "alice") { artifactCollectionMembership(name: $name) {
    versionIndex aliases { alias }
    artifact { id state digest size fileCount tags { name } description metadata
      createdBy { __typename ... on Run { name } ... on User { username } }
      currentManifest { file { directUrl } }
      files { edges { node { name md5 sizeBytes directUrl } } } }
  } }
}`;
const VERSIONS = `query V($project: String!, $collection: String!) {
  project(name: $project, entityName: "alice") { artifactType(name: "dataset") { artifactCollection(name: $collection) {
    artifacts(filters: "{\\"state\\":\\"COMMITTED\\"}") { totalCount edges { version node { id } } }
  } } }
}`;

interface FileNode {
  storagePath: string;
  uploadUrl: string | null;
  uploadHeaders: string[];
  uploadMultipartUrls: {
    uploadID: string;
    uploadUrlParts: { partNumber: number; uploadUrl: string }[];
  } | null;
  artifact: { id: string };
}
interface Membership {
  versionIndex: number;
  aliases: { alias: string }[];
  artifact: {
    id: string;
    state: string;
    digest: string;
    size: number;
    fileCount: number;
    tags: { name: string }[];
    description: string | null;
    metadata: string | null;
    createdBy: { __typename: string; name?: string; username?: string };
    currentManifest: { file: { directUrl: string } };
    files: { edges: { node: { name: string; md5: string; sizeBytes: number; directUrl: string } }[] };
  };
}

/** The headers of an `uploadHeaders` list (`Key:Value`, split at the first colon). */
function headersOf(list: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    list.map((h) => [h.slice(0, h.indexOf(':')), h.slice(h.indexOf(':') + 1).trim()] as const),
  );
}

async function put(url: string, headers: readonly string[], body: string | Uint8Array): Promise<Response> {
  return fetch(url, { method: 'PUT', headers: headersOf(headers), body: bytesOf(body) });
}

describe('emulator: publishing artifacts', () => {
  let emu: Emulator;
  const clock = createManualClock('2024-06-01T00:00:00Z');

  beforeAll(async () => {
    emu = await startEmulator({
      apiKey: KEY,
      viewer: { username: 'alice' },
      clock,
      signedUrlLifetimeMs: 60_000,
    });
    emu.seed.run({ project: 'pub', id: 'writer' });
  });
  afterAll(() => emu.close());
  beforeEach(() => {
    emu.faults.clear();
    clock.advance(1000);
  });

  const membership = async (name: string, project = 'pub'): Promise<Membership | null> =>
    (
      await data<{ project: { artifactCollectionMembership: Membership | null } }>(emu, BY_NAME, {
        project,
        name,
      })
    ).project.artifactCollectionMembership;

  const versions = async (collection: string): Promise<string[]> =>
    (
      await data<{
        project: {
          artifactType: { artifactCollection: { artifacts: { edges: { version: string }[] } } | null };
        };
      }>(emu, VERSIONS, { project: 'pub', collection })
    ).project.artifactType.artifactCollection?.artifacts.edges.map((e) => e.version) ?? [];

  async function create(
    collection: string,
    files: Record<string, string | Uint8Array>,
    extra: Record<string, unknown> = {},
  ): Promise<{ id: string; state: string; digest: string; latest: string | null }> {
    const digest = manifestDigest(Object.fromEntries(Object.entries(files).map(([p, c]) => [p, md5b64(c)])));
    const res = await data<{
      createArtifact: {
        artifact: { id: string; state: string; artifactSequence: { latestArtifact: { id: string } | null } };
      };
    }>(emu, CREATE, {
      input: {
        entityName: 'alice',
        projectName: 'pub',
        artifactTypeName: 'dataset',
        artifactCollectionName: collection,
        runName: 'writer',
        digest,
        digestAlgorithm: 'MANIFEST_MD5',
        aliases: [
          { artifactCollectionName: collection, alias: 'latest' },
          { artifactCollectionName: collection, alias: 'candidate' },
        ],
        tags: [{ tagName: 'fresh' }],
        metadata: JSON.stringify({ rows: Object.keys(files).length }),
        description: 'published',
        enableDigestDeduplication: true,
        clientID: 'c'.repeat(128),
        sequenceClientID: 's'.repeat(128),
        ...extra,
      },
    });
    const { artifact } = res.createArtifact;
    return {
      id: artifact.id,
      state: artifact.state,
      digest,
      latest: artifact.artifactSequence.latestArtifact?.id ?? null,
    };
  }

  async function createManifest(artifactID: string, digest: string, includeUpload: boolean) {
    return (
      await data<{
        createArtifactManifest: {
          artifactManifest: {
            id: string;
            file: { id: string; uploadUrl?: string; uploadHeaders?: string[] };
          };
        };
      }>(emu, CREATE_MANIFEST, {
        artifactID,
        baseArtifactID: null,
        name: 'wandb_manifest.json',
        digest,
        entityName: 'alice',
        projectName: 'pub',
        runName: 'writer',
        includeUpload,
      })
    ).createArtifactManifest.artifactManifest;
  }

  async function createFiles(
    artifactID: string,
    manifestID: string,
    files: Record<string, string | Uint8Array>,
    parts?: Record<string, { partNumber: number; hexMD5: string }[]>,
  ): Promise<FileNode[]> {
    const res = await data<{ createArtifactFiles: { files: { edges: { node: FileNode }[] } } }>(
      emu,
      CREATE_FILES,
      {
        storageLayout: 'V2',
        artifactFiles: Object.entries(files).map(([name, content]) => ({
          artifactID,
          name,
          md5: md5b64(content),
          artifactManifestID: manifestID,
          uploadPartsInput: parts?.[name] ?? null,
          mimetype: null,
        })),
      },
    );
    return res.createArtifactFiles.files.edges.map((e) => e.node);
  }

  /** The manifest the official client writes after the uploads (Go saver style, compact). */
  function manifestText(files: Record<string, string | Uint8Array>, births: Record<string, string>): string {
    const contents: Record<string, unknown> = {};
    for (const [path, content] of Object.entries(files)) {
      contents[path] = {
        digest: md5b64(content),
        size: bytesOf(content).byteLength,
        local_path: `/tmp/staging/${path}`,
        birthArtifactID: births[path],
        skip_cache: false,
      };
    }
    return JSON.stringify({
      version: 1,
      storagePolicy: 'wandb-storage-policy-v1',
      storagePolicyConfig: { storageLayout: 'V2' },
      contents,
    });
  }

  /** P1–P8 with every file uploaded; returns the new artifact's id and the nodes of P3. */
  async function publish(
    collection: string,
    files: Record<string, string | Uint8Array>,
    extra: Record<string, unknown> = {},
  ) {
    const created = await create(collection, files, extra);
    if (created.state === 'COMMITTED') return { ...created, nodes: [] as FileNode[], committed: undefined };
    const placeholder = await createManifest(created.id, '', false);
    const nodes = await createFiles(created.id, placeholder.id, files);
    const births: Record<string, string> = {};
    for (const [i, [path, content]] of Object.entries(files).entries()) {
      const node = nodes[i];
      if (!node) throw new Error('missing node');
      births[path] = node.artifact.id;
      if (node.uploadUrl) expect((await put(node.uploadUrl, node.uploadHeaders, content)).status).toBe(200);
    }
    const text = manifestText(files, births);
    const final = await createManifest(created.id, md5b64(text), true);
    expect((await put(final.file.uploadUrl ?? '', final.file.uploadHeaders ?? [], text)).status).toBe(200);
    const committed = await data<{
      commitArtifact: { artifact: { id: string; state: string; versionIndex: number } };
    }>(emu, COMMIT, { artifactID: created.id });
    return { ...created, nodes, committed: committed.commitArtifact.artifact };
  }

  it('publishes a version end to end: invisible while pending, then committed, listed and downloadable', async () => {
    const files = { 'train.csv': 'a,b\n1,2\n', 'img/0.bin': new Uint8Array([1, 2, 3, 4, 5]) };
    const created = await create('fresh', files);
    expect(created.state).toBe('PENDING');
    expect(created.latest).toBeNull();
    expect(await membership('fresh:latest')).toBeNull();
    expect(await membership(`fresh:${created.digest}`)).toBeNull();

    const placeholder = await createManifest(created.id, '', false);
    expect(placeholder.file).toEqual({ id: expect.any(String) });
    const nodes = await createFiles(created.id, placeholder.id, files);
    expect(nodes).toHaveLength(2);
    for (const node of nodes) {
      expect(node.uploadUrl).toMatch(
        /^http:\/\/127\.0\.0\.1:\d+\/storage\/artifacts\/uploads\/\d+\?expires=\d+&signature=/,
      );
      expect(node.uploadHeaders).toContain('Content-Type:application/octet-stream');
      expect(node.uploadMultipartUrls).toBeNull();
      expect(node.artifact.id).toBe(created.id);
    }
    expect(nodes[0]?.uploadHeaders).toContain(`Content-MD5:${md5b64(files['train.csv'])}`);
    expect(nodes[0]?.storagePath).toBe(`wandb_artifacts/alice/${md5hex(files['train.csv'])}`);
    // The official client sends the listed headers; Content-MD5 may also be left out.
    expect(
      (await put(nodes[0]?.uploadUrl ?? '', nodes[0]?.uploadHeaders ?? [], files['train.csv'])).status,
    ).toBe(200);
    const noMd5 = await fetch(nodes[1]?.uploadUrl ?? '', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: files['img/0.bin'],
    });
    expect(noMd5.status).toBe(200);
    expect(noMd5.headers.get('etag')).toBe(`"${md5hex(files['img/0.bin'])}"`);

    const text = manifestText(files, { 'train.csv': created.id, 'img/0.bin': created.id });
    const final = await createManifest(created.id, md5b64(text), true);
    expect(final.file.uploadUrl).toMatch(/\/storage\/artifacts\/manifests\/\d+\?/);
    expect(final.file.uploadHeaders).toEqual([
      'Content-Type:application/octet-stream',
      `Content-MD5:${md5b64(text)}`,
    ]);
    expect(await membership('fresh:latest')).toBeNull(); // still pending
    expect((await put(final.file.uploadUrl ?? '', final.file.uploadHeaders ?? [], text)).status).toBe(200);

    const committed = await data<{
      commitArtifact: { artifact: { id: string; digest: string; state: string; versionIndex: number } };
    }>(emu, COMMIT, { artifactID: created.id });
    expect(committed.commitArtifact.artifact).toEqual({
      id: created.id,
      digest: created.digest,
      state: 'COMMITTED',
      versionIndex: 0,
    });
    const v0 = await membership('fresh:v0');
    expect(v0?.versionIndex).toBe(0);
    expect(v0?.aliases.map((a) => a.alias).sort()).toEqual(['candidate', 'latest', 'v0']);
    expect(v0?.artifact).toMatchObject({
      id: created.id,
      state: 'COMMITTED',
      digest: created.digest,
      size: 13,
      fileCount: 2,
      tags: [{ name: 'fresh' }],
      description: 'published',
      metadata: JSON.stringify({ rows: 2 }),
      createdBy: { __typename: 'Run', name: 'writer' },
    });
    expect(await versions('fresh')).toEqual(['v0']);
    const listed = v0?.artifact.files.edges.map((e) => e.node) ?? [];
    expect(listed.map((f) => [f.name, f.md5, f.sizeBytes])).toEqual([
      ['img/0.bin', md5b64(files['img/0.bin']), 5],
      ['train.csv', md5b64(files['train.csv']), 8],
    ]);
    for (const file of listed) {
      const res = await fetch(file.directUrl);
      expect(res.status).toBe(200);
      expect(md5b64(new Uint8Array(await res.arrayBuffer()))).toBe(file.md5);
    }
    const manifest = await fetch(v0?.artifact.currentManifest.file.directUrl ?? '');
    expect(await manifest.text()).toBe(text);

    // The run that published it lists it as an output.
    const outputs = await data<{
      project: { run: { outputArtifacts: { edges: { node: { id: string } }[] } } };
    }>(
      emu,
      `{ project(name: "pub", entityName: "alice") { run(name: "writer") { outputArtifacts { edges { node { id } } } } } }`,
    );
    expect(outputs.project.run.outputArtifacts.edges.map((e) => e.node.id)).toContain(created.id);
  });

  it('deduplicates: the same content again returns the committed version (aliases and tags applied), nothing new', async () => {
    const files = { 'a.txt': 'same content' };
    const first = await publish('dedup', files);
    expect(first.committed?.versionIndex).toBe(0);
    const again = await create('dedup', files, {
      aliases: [
        { artifactCollectionName: 'dedup', alias: 'latest' },
        { artifactCollectionName: 'dedup', alias: 'again' },
      ],
      tags: [{ tagName: 'second' }],
    });
    expect(again).toMatchObject({ id: first.id, state: 'COMMITTED', latest: first.id });
    expect(await versions('dedup')).toEqual(['v0']);
    const v0 = await membership('dedup:v0');
    expect(v0?.aliases.map((a) => a.alias).sort()).toEqual(['again', 'candidate', 'latest', 'v0']);
    expect(v0?.artifact.tags.map((t) => t.name)).toEqual(['fresh', 'second']);
    // Without enableDigestDeduplication a new version is made.
    const forced = await publish('dedup', files, { enableDigestDeduplication: false });
    expect(forced.committed?.versionIndex).toBe(1);
    // Only the latest version counts: content equal to an older version (v0 after v2) is a new version.
    await publish('dedup', { 'b.txt': 'other content' });
    const older = await publish('dedup', files);
    expect(older.committed?.versionIndex).toBe(3);
    expect(await versions('dedup')).toEqual(['v3', 'v2', 'v1', 'v0']);
  });

  it('asks for no upload of content the entity already stores, naming the version that stored it', async () => {
    const shared = 'shared bytes';
    const first = await publish('reuse', { 'shared.txt': shared });
    const second = await publish('reuse', { 'shared.txt': shared, 'new.txt': 'new bytes' });
    expect(second.nodes.map((n) => [n.uploadUrl === null, n.artifact.id])).toEqual([
      [true, first.id],
      [false, second.id],
    ]);
    expect(second.nodes[0]?.uploadHeaders).toEqual([]);
    expect(second.committed?.versionIndex).toBe(1);
    const v1 = await membership('reuse:latest');
    expect(v1?.artifact.files.edges.map((e) => e.node.name)).toEqual(['new.txt', 'shared.txt']);
  });

  it('leaves no committed version when a file was not uploaded or its bytes were wrong', async () => {
    const files = { 'ok.txt': 'fine', 'missing.txt': 'never uploaded' };
    const created = await create('broken', files);
    const placeholder = await createManifest(created.id, '', false);
    const nodes = await createFiles(created.id, placeholder.id, files);
    expect((await put(nodes[0]?.uploadUrl ?? '', nodes[0]?.uploadHeaders ?? [], 'fine')).status).toBe(200);
    // Wrong bytes: refused (the Content-MD5 sent, then the registered MD5), nothing stored.
    const wrongMd5 = await put(nodes[1]?.uploadUrl ?? '', nodes[1]?.uploadHeaders ?? [], 'other bytes');
    expect(wrongMd5.status).toBe(400);
    expect(await wrongMd5.text()).toContain('BadDigest');
    const wrongBody = await fetch(nodes[1]?.uploadUrl ?? '', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: 'other bytes',
    });
    expect(wrongBody.status).toBe(400);
    const text = manifestText(files, { 'ok.txt': created.id, 'missing.txt': created.id });
    const final = await createManifest(created.id, md5b64(text), true);
    // A manifest whose bytes are not the declared digest is refused too.
    expect(
      (
        await fetch(final.file.uploadUrl ?? '', {
          method: 'PUT',
          headers: { 'Content-Type': 'application/octet-stream' },
          body: `${text} `,
        })
      ).status,
    ).toBe(400);
    expect((await put(final.file.uploadUrl ?? '', final.file.uploadHeaders ?? [], text)).status).toBe(200);
    expect(await errorMessages(emu, COMMIT, { artifactID: created.id })).toContain('"missing.txt"');
    expect(await membership('broken:latest')).toBeNull();
    expect(await versions('broken')).toEqual([]);
    const state = await data<{ artifact: { state: string; versionIndex: number | null } }>(
      emu,
      `query A($id: ID!) { artifact(id: $id) { state versionIndex } }`,
      { id: created.id },
    );
    expect(state.artifact).toEqual({ state: 'PENDING', versionIndex: null });

    // A commit without an uploaded manifest fails as well.
    const other = await create('broken2', { 'x.txt': 'x' });
    await createManifest(other.id, '', false);
    expect(await errorMessages(emu, COMMIT, { artifactID: other.id })).toContain('has not been uploaded');

    // Uploading the missing file afterwards lets the commit through, as a retry would.
    expect(
      (await put(nodes[1]?.uploadUrl ?? '', nodes[1]?.uploadHeaders ?? [], 'never uploaded')).status,
    ).toBe(200);
    const committed = await data<{ commitArtifact: { artifact: { versionIndex: number } } }>(emu, COMMIT, {
      artifactID: created.id,
    });
    expect(committed.commitArtifact.artifact.versionIndex).toBe(0);
  });

  it('offers multipart upload URLs only for specs with uploadPartsInput, and joins the parts on completion', async () => {
    const big = Uint8Array.from({ length: 2500 }, (_, i) => (i * 31) % 251);
    const partsBytes = [big.subarray(0, 1000), big.subarray(1000, 2000), big.subarray(2000)];
    const files = { 'big.bin': big, 'small.txt': 'small' };
    const created = await create('multi', files);
    const placeholder = await createManifest(created.id, '', false);
    const nodes = await createFiles(created.id, placeholder.id, files, {
      'big.bin': partsBytes.map((p, i) => ({ partNumber: i + 1, hexMD5: md5hex(p) })),
    });
    const [bigNode, smallNode] = nodes;
    expect(smallNode?.uploadMultipartUrls).toBeNull();
    expect(bigNode?.uploadMultipartUrls?.uploadUrlParts.map((p) => p.partNumber)).toEqual([1, 2, 3]);
    const etags: string[] = [];
    for (const [i, part] of (bigNode?.uploadMultipartUrls?.uploadUrlParts ?? []).entries()) {
      const bytes = partsBytes[i] ?? new Uint8Array();
      const res = await fetch(part.uploadUrl, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/octet-stream', 'Content-MD5': md5b64(bytes) },
        body: bytes,
      });
      expect(res.status).toBe(200);
      etags.push(res.headers.get('etag') ?? '');
    }
    expect(etags[0]).toBe(`"${md5hex(partsBytes[0] ?? new Uint8Array())}"`);
    const completeVars = {
      completeMultipartAction: 'Complete',
      artifactID: bigNode?.artifact.id,
      storagePath: bigNode?.storagePath,
      uploadID: bigNode?.uploadMultipartUrls?.uploadID,
    };
    // Listing a part's ETag wrongly is refused.
    expect(
      await errorMessages(emu, COMPLETE_MULTIPART, {
        ...completeVars,
        completedParts: etags.map((_, i) => ({
          partNumber: i + 1,
          hexMD5: '"0123456789abcdef0123456789abcdef"',
        })),
      }),
    ).toContain('ETag');
    const done = await data<{ completeMultipartUploadArtifact: { digest: string } }>(
      emu,
      COMPLETE_MULTIPART,
      {
        ...completeVars,
        completedParts: etags.map((etag, i) => ({ partNumber: i + 1, hexMD5: etag })),
      },
    );
    expect(done.completeMultipartUploadArtifact.digest).toBe(md5b64(big));
    expect((await put(smallNode?.uploadUrl ?? '', smallNode?.uploadHeaders ?? [], 'small')).status).toBe(200);
    const text = manifestText(files, { 'big.bin': created.id, 'small.txt': created.id });
    const final = await createManifest(created.id, md5b64(text), true);
    expect((await put(final.file.uploadUrl ?? '', final.file.uploadHeaders ?? [], text)).status).toBe(200);
    await data(emu, COMMIT, { artifactID: created.id });
    const v0 = await membership('multi:v0');
    const bigFile = v0?.artifact.files.edges.find((e) => e.node.name === 'big.bin')?.node;
    const res = await fetch(bigFile?.directUrl ?? '');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(big);
  });

  it('expires upload and download URLs on the emulator clock; asking again hands out fresh ones', async () => {
    const files = { 'late.txt': 'late upload' };
    const created = await create('late', files);
    const placeholder = await createManifest(created.id, '', false);
    const [node] = await createFiles(created.id, placeholder.id, files);
    clock.advance(60_001);
    const expired = await put(node?.uploadUrl ?? '', node?.uploadHeaders ?? [], 'late upload');
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
    const [fresh] = await createFiles(created.id, placeholder.id, files);
    expect(fresh?.uploadUrl).not.toBe(node?.uploadUrl);
    expect((await put(fresh?.uploadUrl ?? '', fresh?.uploadHeaders ?? [], 'late upload')).status).toBe(200);
  });

  it('applies storage faults to artifact uploads and downloads', async () => {
    const files = { 'flaky.txt': 'flaky' };
    const created = await create('flaky', files);
    const placeholder = await createManifest(created.id, '', false);
    const [node] = await createFiles(created.id, placeholder.id, files);
    emu.faults.add({ target: 'storage', method: 'PUT', status: 503 });
    expect((await put(node?.uploadUrl ?? '', node?.uploadHeaders ?? [], 'flaky')).status).toBe(503);
    expect(
      await errorMessages(
        emu,
        `mutation { commitArtifact(input: { artifactID: "${created.id}" }) { artifact { id } } }`,
        {},
      ),
    ).toContain('manifest');
    expect((await put(node?.uploadUrl ?? '', node?.uploadHeaders ?? [], 'flaky')).status).toBe(200);
    const seeded = emu.seed.artifact({
      project: 'pub',
      type: 'dataset',
      collection: 'faulty',
      files: { 'f.txt': 'f' },
    });
    emu.faults.add({ target: 'storage', method: 'GET', status: 500 });
    const fallback = await fetch(`${emu.url}/artifacts/alice/${md5hex('f')}`, {
      headers: { authorization: basic(KEY) },
    });
    expect(fallback.status).toBe(500);
    expect(seeded.version).toBe('v0');
    expect(
      (await fetch(`${emu.url}/artifacts/alice/${md5hex('f')}`, { headers: { authorization: basic(KEY) } }))
        .status,
    ).toBe(200);
  });

  it('serves published content on the fallback endpoints only with W&B credentials', async () => {
    const content = 'fallback bytes';
    const published = await publish('fallback', { 'dir/fb.txt': content });
    const v1 = `${emu.url}/artifacts/alice/${md5hex(content)}`;
    const unauthorized = await fetch(v1);
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('www-authenticate')).toContain('Basic');
    expect(
      (await fetch(v1, { headers: { authorization: basic('wrong-key-0123456789abcdef0123456789ab') } }))
        .status,
    ).toBe(401);
    const ok = await fetch(v1, { headers: { authorization: basic(KEY) } });
    expect(await ok.text()).toBe(content);
    const birth = encodeURIComponent(published.id);
    const id = encodeURIComponent(published.id);
    const v2 = `${emu.url}/artifactsV2/default/alice/pub/fallback/${id}/${birth}/${md5hex(content)}/fb.txt`;
    expect((await fetch(v2)).status).toBe(401);
    const v2ok = await fetch(v2, { headers: { authorization: basic(KEY) } });
    expect(v2ok.status).toBe(200);
    expect(await v2ok.text()).toBe(content);
    expect(
      (
        await fetch(`${emu.url}/artifacts/alice/${md5hex('nothing')}`, {
          headers: { authorization: basic(KEY) },
        })
      ).status,
    ).toBe(404);
  });

  it('publishes without a run: the viewer logged it', async () => {
    const published = await publish('runless', { 'r.txt': 'runless' }, { runName: null });
    expect(published.committed?.versionIndex).toBe(0);
    const v0 = await membership('runless:v0');
    expect(v0?.artifact.createdBy).toEqual({ __typename: 'User', username: 'alice' });
  });

  it('refuses what the server would refuse, changing nothing', async () => {
    const base = {
      entityName: 'alice',
      projectName: 'pub',
      artifactTypeName: 'dataset',
      artifactCollectionName: 'refused',
      digest: manifestDigest({}),
      digestAlgorithm: 'MANIFEST_MD5',
    };
    const tryCreate = (input: Record<string, unknown>) =>
      errorMessages(emu, CREATE, { input: { ...base, ...input } });
    expect(await tryCreate({ runName: 'no-such-run' })).toContain('not found');
    expect(await tryCreate({ artifactCollectionName: 'a/b' })).toContain('a/b');
    expect(await tryCreate({ aliases: [{ artifactCollectionName: 'refused', alias: 'v3' }] })).toContain(
      'version alias',
    );
    expect(await tryCreate({ tags: [{ tagName: 'bad/tag' }] })).toContain('bad/tag');
    expect(await tryCreate({ entityName: 'someone-else' })).toContain('permission denied');
    expect(await tryCreate({ artifactCollectionName: 'fresh', artifactTypeName: 'model' })).toContain(
      'has type dataset',
    );
    expect(await versions('refused')).toEqual([]);
    const res = await gql(
      emu,
      `{ project(name: "pub", entityName: "alice") { artifactCollection(name: "refused") { id } } }`,
    );
    expect(res.json.data).toEqual({ project: { artifactCollection: null } });
  });
});
