// artifact.download(), file(), verify() and get() over HTTP against the emulator.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createManualClock,
  startEmulator,
  type Emulator,
  type ManualClock,
} from '../../src/emulator/index.js';
import {
  Api as CoreApi,
  IntegrityError,
  NetworkError,
  NotFoundError,
  PermissionError,
  UnsupportedError,
  ValidationError,
  VerificationError,
  type ArtifactDownloadProgress,
  type ArtifactTable,
} from '../../src/index.js';
import { Api } from '../../src/node.js';
import { failure } from '../support/expect-errors.js';
import { graphqlCalls } from '../support/helpers.js';

const KEY = 'test-key-0123456789abcdef0123456789abcdef01234567';
const RETRY = { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 5, maxElapsedMs: 2_000 };

let dir: string;
let emu: Emulator;
let counter = 0;

/** A fresh, empty folder for one test. */
function tempDir(name: string): string {
  const path = join(dir, `${name}-${++counter}`);
  mkdirSync(path, { recursive: true });
  return path;
}

/** Every file below `root`, relative, `/`-separated, sorted (hidden temporary files included). */
function listTree(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (folder: string, prefix: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(folder, entry.name), rel);
      else out.push(rel);
    }
  };
  walk(root, '');
  return out.sort();
}

function api(e: Emulator = emu, options: ConstructorParameters<typeof Api>[0] = {}): Api {
  return new Api({ baseUrl: e.url, apiKey: KEY, retry: RETRY, ...options });
}

/** The storage GETs of artifact files (not manifests) the emulator received. */
function fileGets(e: Emulator = emu): { path: string; status: number }[] {
  return e.requests.filter((r) => r.kind === 'storage' && r.path.startsWith('/storage/artifacts/files/'));
}

const FILES: Record<string, string> = {
  'README.md': '# mnist\n',
  'data/train/0.csv': 'a,b\n1,2\n',
  'data/train/1.csv': 'a,b\n3,4\n',
  'data/test/0.csv': 'a,b\n5,6\n',
  'labels.json': '{"0":"zero"}',
};

function seedFiles(
  collection: string,
  files: Record<string, string | Uint8Array> = FILES,
  extra = {},
): string {
  return emu.seed.artifact({ project: 'vision', type: 'dataset', collection, files, ...extra }).name;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wandb-api-artifacts-download-'));
  process.env.WANDB_CACHE_DIR = join(dir, 'cache');
  emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
});

afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
  delete process.env.WANDB_CACHE_DIR;
});

beforeEach(() => {
  emu.faults.clear();
  emu.clearRequests();
});

describe('artifact.download()', () => {
  it('writes every file (nested paths) to root and resolves with the absolute root', async () => {
    seedFiles('dl-basic');
    const artifact = await api().artifact('alice/vision/dl-basic:v0');
    const root = tempDir('basic');
    expect(await artifact.download({ root, skipCache: true })).toBe(root);
    expect(listTree(root)).toEqual(Object.keys(FILES).sort());
    for (const [path, content] of Object.entries(FILES))
      expect(readFileSync(join(root, path), 'utf8')).toBe(content);
    // One URL listing for every file, then one GET per file; no credentials to storage.
    expect(graphqlCalls(emu, 'GetArtifactMembershipFileUrls')).toBe(1);
    expect(fileGets()).toHaveLength(5);
    for (const r of emu.requests.filter((x) => x.kind === 'storage'))
      expect(r.headers.authorization).toBeUndefined();
  });

  it('pathPrefix downloads only the entries under it', async () => {
    seedFiles('dl-prefix');
    const artifact = await api().artifact('alice/vision/dl-prefix:latest');
    const root = tempDir('prefix');
    await artifact.download({ root, pathPrefix: 'data/train/', skipCache: true });
    expect(listTree(root)).toEqual(['data/train/0.csv', 'data/train/1.csv']);
    expect(fileGets()).toHaveLength(2);
  });

  it('defaults to ./artifacts/<collection:vN>, under WANDB_ARTIFACT_DIR when set', async () => {
    seedFiles('dl-default');
    const base = tempDir('artifact-dir');
    process.env.WANDB_ARTIFACT_DIR = base;
    try {
      const root = await (
        await api().artifact('alice/vision/dl-default:latest')
      ).download({ skipCache: true });
      expect(root).toBe(join(base, process.platform === 'win32' ? 'dl-default-v0' : 'dl-default:v0'));
      expect(listTree(root)).toHaveLength(5);
    } finally {
      delete process.env.WANDB_ARTIFACT_DIR;
    }
  });

  it('a link downloads, verifies and finds its one file in its own ./artifacts/<collection:vN>', async () => {
    const { id } = emu.seed.artifact({
      project: 'vision',
      type: 'model',
      collection: 'dl-linked',
      files: { 'w.bin': 'w' },
    });
    emu.seed.link({ artifact: id, project: 'showcase', collection: 'dl-gallery' });
    const base = tempDir('artifact-dir-link');
    process.env.WANDB_ARTIFACT_DIR = base;
    try {
      const link = await api().artifact('alice/showcase/dl-gallery:v0');
      const folder = join(base, process.platform === 'win32' ? 'dl-gallery-v0' : 'dl-gallery:v0');
      expect(await link.download({ skipCache: true })).toBe(folder);
      await expect(link.verify()).resolves.toBeUndefined();
      expect(await link.file({ skipCache: true })).toBe(join(folder, 'w.bin'));
    } finally {
      delete process.env.WANDB_ARTIFACT_DIR;
    }
  });

  it('reports progress, with a final call of the totals', async () => {
    seedFiles('dl-progress');
    const calls: ArtifactDownloadProgress[] = [];
    const root = tempDir('progress');
    await (
      await api().artifact('alice/vision/dl-progress:v0')
    ).download({
      root,
      skipCache: true,
      onProgress: (p) => calls.push(p),
    });
    const bytes = Object.values(FILES).reduce((n, c) => n + Buffer.byteLength(c), 0);
    expect(calls.at(-1)).toEqual({ files: 5, filesDone: 5, bytes, bytesDone: bytes, skipped: [] });
    for (const p of calls) expect(p.bytesDone).toBeLessThanOrEqual(bytes);
  });

  it('rejects bad options with ValidationError before any request', async () => {
    seedFiles('dl-options');
    const artifact = await api().artifact('alice/vision/dl-options:v0');
    emu.clearRequests();
    for (const bad of [
      { concurrency: 0 },
      { concurrency: 1.5 },
      { root: '' },
      { pathPrefix: 3 },
      { skipCache: 'yes' },
      { onProgress: 'log' },
    ]) {
      const err = await failure(artifact.download(bad as never));
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).parameter).toBe(Object.keys(bad)[0]);
    }
    expect(emu.requests).toHaveLength(0);
  });

  it('is UnsupportedError in the core (browser) build, before any request', async () => {
    seedFiles('dl-core');
    const core = new CoreApi({ baseUrl: emu.url, apiKey: KEY, retry: RETRY });
    const artifact = await core.artifact('alice/vision/dl-core:v0');
    emu.clearRequests();
    const err = await failure(artifact.download({ root: tempDir('core') }));
    expect(err).toBeInstanceOf(UnsupportedError);
    expect((err as Error).message).toMatch(/Node/);
    await expect(artifact.verify({ root: 'x' })).rejects.toBeInstanceOf(UnsupportedError);
    expect(emu.requests).toHaveLength(0);
  });
});

describe('bounded concurrency', () => {
  let clocked: Emulator;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = createManualClock();
    clocked = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' }, clock, latencyMs: 10 });
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`f/${i}.txt`] = `file ${i}\n`;
    clocked.seed.artifact({ project: 'p', type: 'dataset', collection: 'many', files });
  });
  afterAll(() => clocked.close());

  /** Drives the manual clock until `work` settles; resolves with its result and the most storage requests in flight at once. */
  async function onClock<T>(work: Promise<T>): Promise<{ value: T; max: number }> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    let max = 0;
    while (!settled) {
      await vi.waitFor(() => expect(settled || clock.pendingTimers > 0).toBe(true), { interval: 1 });
      // Let every request the client would start now arrive before sampling.
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      const inFlight = clocked.requests.filter((r) => r.kind === 'storage' && r.status === 0).length;
      max = Math.max(max, inFlight);
      clock.advance(10);
    }
    return { value: await work, max };
  }

  it('fetches at most `concurrency` files at once', async () => {
    const { value: artifact } = await onClock(api(clocked).artifact('alice/p/many:v0'));
    clocked.clearRequests();
    const { max } = await onClock(
      artifact.download({ root: tempDir('conc'), concurrency: 3, skipCache: true }),
    );
    expect(max).toBeLessThanOrEqual(3);
    expect(max).toBeGreaterThan(1);
    expect(fileGets(clocked)).toHaveLength(12);
  });

  it('and never more than the Api pool (storageConcurrency)', async () => {
    const pooled = api(clocked, { storageConcurrency: 2 });
    const { value: artifact } = await onClock(pooled.artifact('alice/p/many:v0'));
    clocked.clearRequests();
    const { max } = await onClock(
      artifact.download({ root: tempDir('pool'), concurrency: 16, skipCache: true }),
    );
    expect(max).toBeLessThanOrEqual(2);
    expect(max).toBeGreaterThan(0);
    expect(fileGets(clocked)).toHaveLength(12);
  });
});

describe('resume, integrity and paths', () => {
  it('a download interrupted midway resumes: the second call fetches only the missing files', async () => {
    seedFiles('dl-resume');
    const artifact = await api().artifact('alice/vision/dl-resume:v0');
    const root = tempDir('resume');
    // The manifest and two files arrive; the third file is cut after 2 bytes.
    emu.faults.add({ target: 'storage', method: 'GET', skip: 3, truncateBody: 2 });
    const err = await failure(artifact.download({ root, concurrency: 1, skipCache: true }));
    expect(err).toBeInstanceOf(NetworkError);
    const written = listTree(root);
    expect(written).toHaveLength(2); // no partial file, no temporary file
    emu.clearRequests();
    await artifact.download({ root, concurrency: 1, skipCache: true });
    expect(listTree(root)).toEqual(Object.keys(FILES).sort());
    expect(fileGets()).toHaveLength(3);
  });

  it('a file whose bytes do not match the manifest is an IntegrityError naming it; nothing of it is written', async () => {
    const files = { 'good.txt': 'good\n', 'bad.bin': 'original content' };
    seedFiles('dl-corrupt', files);
    // Corrupt the stored bytes (same length) after seeding.
    const md5 = createHash('md5').update('original content').digest('base64');
    const stored = emu.store.artifacts.contents.get('alice')?.get(md5);
    stored!.bytes = new TextEncoder().encode('0riginal content');
    const root = tempDir('corrupt');
    const err = await failure(
      (await api().artifact('alice/vision/dl-corrupt:v0')).download({ root, skipCache: true }),
    );
    expect(err).toBeInstanceOf(IntegrityError);
    expect((err as IntegrityError).message).toContain('"bad.bin"');
    expect((err as IntegrityError).expected).toBe(md5);
    expect(listTree(root).filter((p) => p !== 'good.txt')).toEqual([]);
  });

  it.each([
    ['../escape.txt', /"\.\."/],
    ['/etc/passwd-copy', /absolute/],
    ['a\\b.txt', /backslash/],
    ['C:/x.txt', /drive letter/],
  ])('an entry %s that would leave root is a ValidationError; nothing is written', async (bad, why) => {
    const name = seedFiles(`dl-escape-${counter}`, { 'ok.txt': 'fine', [bad]: 'evil' });
    const root = join(tempDir('escape'), 'root');
    const artifact = await api().artifact(`alice/vision/${name}`);
    emu.clearRequests();
    const err = await failure(artifact.download({ root, skipCache: true }));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(why);
    expect((err as Error).message).toContain(JSON.stringify(bad));
    expect(existsSync(root)).toBe(false);
    expect(fileGets()).toHaveLength(0);
  });

  it('an entry the URL listing leaves out comes from the fallback path, with credentials; its 403 is not renewed', async () => {
    seedFiles('dl-fallback', { 'a.txt': 'from the fallback path' });
    // A server whose listing gives no URL for the file (as for content stored by another version).
    const listingWithout: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (typeof init?.body !== 'string' || !init.body.includes('GetArtifactMembershipFileUrls')) return res;
      const json = (await res.json()) as {
        data: { project: { artifactCollection: { artifactMembership: { files: { edges: unknown[] } } } } };
      };
      json.data.project.artifactCollection.artifactMembership.files.edges = [];
      return new Response(JSON.stringify(json), { status: res.status, headers: res.headers });
    };
    const artifact = await api(emu, { fetch: listingWithout }).artifact('alice/vision/dl-fallback:v0');
    const root = tempDir('fallback');
    emu.clearRequests();
    await artifact.download({ root, skipCache: true });
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('from the fallback path');
    const fallbackGets = emu.requests.filter(
      (r) => r.kind === 'storage' && /^\/artifacts(V2)?\//.test(r.path),
    );
    expect(fallbackGets.map((r) => r.status)).toEqual([200]);

    emu.faults.add({ target: 'storage', method: 'GET', status: 403, times: 1 });
    emu.clearRequests();
    const err = await failure(artifact.download({ root: tempDir('fallback-403'), skipCache: true }));
    expect(err).toBeInstanceOf(PermissionError);
    expect(graphqlCalls(emu, 'ArtifactMembershipFiles')).toBe(0); // no renewal of a URL that is not signed
  });

  it('renews an expired signed URL once (manual emulator clock)', async () => {
    const clock = createManualClock();
    const short = await startEmulator({
      apiKey: KEY,
      viewer: { username: 'alice' },
      clock,
      signedUrlLifetimeMs: 1_000,
    });
    try {
      short.seed.artifact({ project: 'p', type: 'dataset', collection: 'exp', files: { 'a.txt': 'fresh' } });
      let expired = false;
      const expiring: typeof fetch = (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if (!expired && url.includes('/storage/artifacts/files/')) {
          expired = true;
          clock.advance(1_100); // the URL listed a moment ago has now expired
        }
        return fetch(input, init);
      };
      const artifact = await api(short, { fetch: expiring }).artifact('alice/p/exp:v0');
      const root = tempDir('expired');
      short.clearRequests();
      await artifact.download({ root, skipCache: true });
      expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('fresh');
      expect(short.requests.map((r) => `${r.kind} ${r.operationName ?? r.method} ${r.status}`)).toEqual([
        'graphql FetchArtifactManifest 200',
        'storage GET 200', // the manifest
        'graphql GetArtifactMembershipFileUrls 200',
        'storage GET 403',
        'graphql ArtifactMembershipFilesUncounted 200',
        'storage GET 200',
      ]);
    } finally {
      await short.close();
    }
  });

  it('abort stops every transfer and leaves no partial file', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 8; i++) files[`x/${i}.txt`] = `content ${i}`.repeat(100);
    seedFiles('dl-abort', files);
    const controller = new AbortController();
    let gets = 0;
    const aborting: typeof fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('/storage/artifacts/files/') && ++gets === 3) controller.abort(new Error('stop now'));
      return fetch(input, init);
    };
    const artifact = await api(emu, { fetch: aborting }).artifact('alice/vision/dl-abort:v0');
    const root = tempDir('abort');
    const err = await failure(
      artifact.download({ root, concurrency: 2, skipCache: true, signal: controller.signal }),
    );
    expect((err as Error).message).toBe('stop now');
    const written = listTree(root);
    expect(
      written.every((p) => !p.includes('.partial') && files[p] === readFileSync(join(root, p), 'utf8')),
    ).toBe(true);
    expect(written.length).toBeLessThan(8);
  });
});

describe('the content cache', () => {
  it('a second download of the same content (another root) sends no storage request; skipCache does', async () => {
    const unique = `cached ${Date.now()} ${Math.random()}`;
    seedFiles('dl-cache', { 'a.txt': unique, 'b/c.txt': `${unique} c` });
    const first = tempDir('cache-1');
    await (await api().artifact('alice/vision/dl-cache:v0')).download({ root: first });
    expect(fileGets()).toHaveLength(2);
    emu.clearRequests();
    const second = tempDir('cache-2');
    await (await api().artifact('alice/vision/dl-cache:v0')).download({ root: second });
    expect(fileGets()).toHaveLength(0);
    expect(readFileSync(join(second, 'b/c.txt'), 'utf8')).toBe(`${unique} c`);
    // Layout: obj/md5/<hex[0:2]>/<hex[2:]>
    const hex = createHash('md5').update(unique).digest('hex');
    expect(statSync(join(dir, 'cache', 'artifacts', 'obj', 'md5', hex.slice(0, 2), hex.slice(2))).size).toBe(
      Buffer.byteLength(unique),
    );
    emu.clearRequests();
    await (
      await api().artifact('alice/vision/dl-cache:v0')
    ).download({ root: tempDir('cache-3'), skipCache: true });
    expect(fileGets()).toHaveLength(2);
  });

  it('a cache entry that changed is dropped and the file fetched again', async () => {
    const unique = `cache-corrupt ${Math.random()}`;
    seedFiles('dl-cache-bad', { 'a.txt': unique });
    await (await api().artifact('alice/vision/dl-cache-bad:v0')).download({ root: tempDir('cache-bad-1') });
    const hex = createHash('md5').update(unique).digest('hex');
    const entry = join(dir, 'cache', 'artifacts', 'obj', 'md5', hex.slice(0, 2), hex.slice(2));
    rmSync(entry);
    writeFileSync(entry, unique.replace('c', 'C'));
    emu.clearRequests();
    const root = tempDir('cache-bad-2');
    await (await api().artifact('alice/vision/dl-cache-bad:v0')).download({ root });
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe(unique);
    expect(fileGets()).toHaveLength(1);
  });

  it('editing a downloaded file leaves the cache entry alone', async () => {
    const unique = `cache-edit ${Math.random()}`;
    seedFiles('dl-cache-edit', { 'a.txt': unique });
    const first = tempDir('cache-edit-1');
    await (await api().artifact('alice/vision/dl-cache-edit:v0')).download({ root: first });
    writeFileSync(join(first, 'a.txt'), 'edited in place'); // same inode: a hard link would change the cache
    emu.clearRequests();
    const second = tempDir('cache-edit-2');
    await (await api().artifact('alice/vision/dl-cache-edit:v0')).download({ root: second });
    expect(readFileSync(join(second, 'a.txt'), 'utf8')).toBe(unique);
    expect(fileGets()).toHaveLength(0);
  });
});

describe('references', () => {
  let server: Server;
  let origin: string;
  const seen: IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      if (req.url?.startsWith('/missing')) return void res.writeHead(404).end('no such object');
      if (req.url?.startsWith('/no-etag')) return void res.writeHead(200).end('changed content');
      res.writeHead(200, { 'Content-Type': 'text/plain', ETag: '"etag-1"' });
      res.end(`reference body of ${req.url}`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('fetches http(s) references from their URL without W&B credentials, and checks the ETag', async () => {
    seedFiles(
      'dl-ref',
      { 'local.txt': 'local' },
      {
        references: {
          'remote/big.txt': { url: `${origin}/big.txt`, digest: 'etag-1', extra: { etag: '"etag-1"' } },
          'remote/raw.txt': `${origin}/raw.txt`,
        },
      },
    );
    seen.length = 0;
    const root = tempDir('ref');
    await (await api().artifact('alice/vision/dl-ref:v0')).download({ root, skipCache: true });
    expect(readFileSync(join(root, 'remote/big.txt'), 'utf8')).toBe('reference body of /big.txt');
    expect(readFileSync(join(root, 'remote/raw.txt'), 'utf8')).toBe('reference body of /raw.txt');
    expect(seen).toHaveLength(2);
    for (const headers of seen) expect(headers.authorization).toBeUndefined();
  });

  it('a reference whose ETag changed is an IntegrityError', async () => {
    seedFiles(
      'dl-ref-changed',
      {},
      { references: { 'r.txt': { url: `${origin}/r.txt`, digest: 'etag-0' } } },
    );
    const root = tempDir('ref-changed');
    const err = await failure((await api().artifact('alice/vision/dl-ref-changed:v0')).download({ root }));
    expect(err).toBeInstanceOf(IntegrityError);
    expect(listTree(root)).toEqual([]);
  });

  it('a reference logged with an ETag that now answers none is an IntegrityError', async () => {
    seedFiles(
      'dl-ref-no-etag',
      {},
      { references: { 'r.txt': { url: `${origin}/no-etag/r.txt`, digest: 'etag-1' } } },
    );
    const root = tempDir('ref-no-etag');
    const err = await failure((await api().artifact('alice/vision/dl-ref-no-etag:v0')).download({ root }));
    expect(err).toBeInstanceOf(IntegrityError);
    expect(err.message).toMatch(/answers no ETag/);
    expect(listTree(root)).toEqual([]);
  });

  it('a reference that cannot be read is a NotFoundError that does not show its query string', async () => {
    const url = `${origin}/missing/r.bin?X-Amz-Signature=SUPERSECRETSIG123`;
    seedFiles('dl-ref-missing', {}, { references: { 'r.bin': { url, digest: 'etag-1' } } });
    const err = await failure(
      (await api().artifact('alice/vision/dl-ref-missing:v0')).download({ root: tempDir('ref-missing') }),
    );
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toContain(`${origin}/missing/r.bin`);
    expect(JSON.stringify({ message: err.message, json: err })).not.toContain('SUPERSECRETSIG123');
  });

  it('other schemes are an UnsupportedError naming them, or skipped and reported with allowMissingReferences', async () => {
    seedFiles(
      'dl-ref-s3',
      { 'local.txt': 'local' },
      {
        references: { 'bucket/x.bin': 's3://my-bucket/x.bin', 'gcs/y.bin': 'gs://b/y.bin' },
      },
    );
    const artifact = await api().artifact('alice/vision/dl-ref-s3:v0');
    const root = tempDir('ref-s3');
    emu.clearRequests();
    const err = await failure(artifact.download({ root }));
    expect(err).toBeInstanceOf(UnsupportedError);
    expect((err as Error).message).toContain('"bucket/x.bin (s3://my-bucket/x.bin)"');
    expect((err as Error).message).toContain('gs://b/y.bin');
    expect(fileGets()).toHaveLength(0);
    expect(listTree(root)).toEqual([]);

    let last: ArtifactDownloadProgress | undefined;
    await artifact.download({ root, allowMissingReferences: true, onProgress: (p) => (last = p) });
    expect(listTree(root)).toEqual(['local.txt']);
    expect(last).toMatchObject({ files: 1, filesDone: 1, skipped: ['bucket/x.bin', 'gcs/y.bin'] });
  });
});

describe('artifact.file()', () => {
  it('downloads the one file of a single-file artifact and resolves with its path', async () => {
    seedFiles('dl-single', { 'models/model.pt': 'weights' });
    const root = tempDir('single');
    const path = await (await api().artifact('alice/vision/dl-single:v0')).file({ root });
    expect(path).toBe(join(root, 'models', 'model.pt'));
    expect(readFileSync(path, 'utf8')).toBe('weights');
  });

  it('is a ValidationError saying how many files there are otherwise', async () => {
    seedFiles('dl-not-single');
    const err = await failure(
      (await api().artifact('alice/vision/dl-not-single:v0')).file({ root: tempDir('ns') }),
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toContain('has 5 files');
  });
});

describe('artifact.verify()', () => {
  it('resolves for a complete download, and lists missing, changed and extra files otherwise', async () => {
    seedFiles('dl-verify', FILES, { references: { 'ref.bin': 's3://b/ref.bin' } });
    const artifact = await api().artifact('alice/vision/dl-verify:v0');
    const root = tempDir('verify');
    await artifact.download({ root, allowMissingReferences: true });
    await expect(artifact.verify({ root })).resolves.toBeUndefined();

    rmSync(join(root, 'data/test/0.csv'));
    writeFileSync(join(root, 'labels.json'), '{"0":"one"}');
    writeFileSync(join(root, 'notes.txt'), 'mine');
    const err = await failure(artifact.verify({ root }));
    expect(err).toBeInstanceOf(VerificationError);
    const v = err as VerificationError;
    expect(v.missing).toEqual(['data/test/0.csv']);
    expect(v.changed).toEqual(['labels.json']);
    expect(v.extra).toEqual(['notes.txt']);
    expect(v.message).toMatch(/1 missing .*1 changed .*1 extra/);
  });

  it('ignores the temporary file a download killed mid-write left behind', async () => {
    seedFiles('dl-verify-crash', { 'a/b.txt': 'b' });
    const artifact = await api().artifact('alice/vision/dl-verify-crash:v0');
    const root = tempDir('verify-crash');
    await artifact.download({ root });
    writeFileSync(join(root, 'a', '.wandb-download-0123456789ab.partial'), 'half of b');
    await expect(artifact.verify({ root })).resolves.toBeUndefined();
    writeFileSync(join(root, 'a', '.wandb-download-mine.partial'), 'not ours');
    expect(((await failure(artifact.verify({ root }))) as VerificationError).extra).toEqual([
      'a/.wandb-download-mine.partial',
    ]);
  });

  it('does not check references, and a file at a reference path is not extra', async () => {
    seedFiles('dl-verify-ref', { 'a.txt': 'a' }, { references: { 'r.bin': 'https://example.com/r.bin' } });
    const artifact = await api().artifact('alice/vision/dl-verify-ref:v0');
    const root = tempDir('verify-ref');
    writeFileSync(join(root, 'a.txt'), 'a');
    await expect(artifact.verify({ root })).resolves.toBeUndefined();
    writeFileSync(join(root, 'r.bin'), 'anything');
    await expect(artifact.verify({ root })).resolves.toBeUndefined();
  });
});

describe('artifact.get()', () => {
  const table = {
    _type: 'table',
    columns: ['id', 'label'],
    data: [
      [0, 'cat'],
      [1, 'dog'],
    ],
    ncols: 2,
    nrows: 2,
  };

  it('reads a W&B Table as { columns, rows }, by name or by its file name, in the core build too', async () => {
    seedFiles('dl-media', {
      'samples.table.json': JSON.stringify(table),
      'chart.plotly.json': '{"_type":"plotly","data":[]}',
    });
    const artifact = await api().artifact('alice/vision/dl-media:v0');
    const got = (await artifact.get('samples')) as ArtifactTable;
    expect(got).toEqual({ columns: ['id', 'label'], rows: table.data });
    expect(await artifact.get('samples.table.json')).toEqual(got);
    expect(await artifact.get('chart')).toEqual({ _type: 'plotly', data: [] });
    const core = new CoreApi({ baseUrl: emu.url, apiKey: KEY, retry: RETRY });
    expect(await (await core.artifact('alice/vision/dl-media:v0')).get('samples')).toEqual(got);
  });

  it('a missing object is a NotFoundError; a bad name a ValidationError', async () => {
    seedFiles('dl-media-missing', { 'a.txt': 'a' });
    const artifact = await api().artifact('alice/vision/dl-media-missing:v0');
    await expect(artifact.get('samples')).rejects.toBeInstanceOf(NotFoundError);
    await expect(artifact.get('' as string)).rejects.toBeInstanceOf(ValidationError);
  });
});
