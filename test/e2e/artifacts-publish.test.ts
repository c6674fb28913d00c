// Publishing new artifact versions through `api.newArtifact()` / `draft.publish()` against the
// emulator over HTTP: content, files on disk and references; read back with api.artifact, its
// manifest and its files; aliases, tags, versions; the run-less `auto` run; deduplication of a
// whole version and of content; failed and retried uploads; multipart; progress; abort; bad input.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { Api as NodeApi } from '../../src/node.js';
import {
  Api,
  ArtifactDraft,
  manifestDigest,
  ServerError,
  UnsupportedError,
  ValidationError,
  type PublishProgress,
} from '../../src/index.js';
import { failure, validationError, validationRejection } from '../support/expect-errors.js';
import { graphqlCalls, useEmulator } from '../support/helpers.js';

let emu: Emulator;
let api: NodeApi;
let dir: string;
const b64md5 = (data: string | Uint8Array): string => createHash('md5').update(data).digest('base64');

useEmulator(
  (ctx) => {
    emu = ctx.emu;
    api = new NodeApi({
      baseUrl: emu.url,
      apiKey: emu.apiKey,
      retry: { maxAttempts: 4, initialDelayMs: 1, maxDelayMs: 5, maxElapsedMs: 5_000 },
    });
    emu.seed.run({ project: 'vision', id: 'trainer' });
  },
  { resetEach: true },
);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wandb-publish-'));
  await mkdir(join(dir, 'data', 'sub'), { recursive: true });
  await writeFile(join(dir, 'data', 'train.csv'), 'label,pixels\n1,0 0 1\n');
  await writeFile(join(dir, 'data', 'sub', 'test.csv'), 'label,pixels\n7,1 1 0\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Storage PUTs the emulator received (file parts and manifests included). */
function storagePuts(): { path: string; status: number }[] {
  return emu.requests.filter((r) => r.kind === 'storage' && r.method === 'PUT');
}

function api2(): NodeApi {
  api.flush();
  return api;
}

describe('draft.publish()', () => {
  it('publishes content, files, text and a reference, and reads back what it published', async () => {
    const bin = new Uint8Array([0, 1, 2, 250, 251, 252]);
    const draft = api
      .newArtifact({ name: 'mnist', type: 'dataset', description: 'first cut', metadata: { rows: 2 } })
      .addFile(join(dir, 'data', 'train.csv'), { root: join(dir, 'data') })
      .addFile(join(dir, 'data', 'sub', 'test.csv'), { root: join(dir, 'data') })
      .add('bin/data.bin', bin)
      .add('README.md', '# MNIST\n')
      .add('blob.txt', new Blob(['from a blob']))
      .addReference('https://example.com/big.bin', { digest: 'etag-1', size: 1 << 20 });
    const art = await draft.publish({
      project: 'vision',
      aliases: ['staging'],
      tags: ['raw', 'two words'],
      run: 'trainer',
    });
    expect(art.name).toBe('mnist:v0');
    expect(art.version).toBe('v0');
    expect(art.type).toBe('dataset');
    expect(art.state).toBe('COMMITTED');
    expect([...art.aliases].sort()).toEqual(['latest', 'staging']);
    expect([...art.tags].sort()).toEqual(['raw', 'two words']);
    expect(art.description).toBe('first cut');
    expect(art.metadata).toEqual({ rows: 2 });
    expect(art.fileCount).toBeGreaterThanOrEqual(5);

    const read = await api2().artifact('alice/vision/mnist:staging', { type: 'dataset' });
    expect(read.id).toBe(art.id);
    const manifest = await read.manifest();
    expect(manifest.entries.map((e) => e.path)).toEqual([
      'README.md',
      'big.bin',
      'bin/data.bin',
      'blob.txt',
      'sub/test.csv',
      'train.csv',
    ]);
    expect(manifest.entry('train.csv')?.digest).toBe(b64md5('label,pixels\n1,0 0 1\n'));
    expect(manifest.entry('train.csv')?.birthArtifactId).toBe(art.id);
    expect(manifest.entry('big.bin')).toMatchObject({
      ref: 'https://example.com/big.bin',
      digest: 'etag-1',
      size: 1 << 20,
    });
    expect(manifestDigest(manifest.entries)).toBe(read.digest);

    const files = new Map((await read.files().toArray()).map((f) => [f.name, f]));
    expect(await files.get('train.csv')?.text()).toBe('label,pixels\n1,0 0 1\n');
    expect(await files.get('sub/test.csv')?.text()).toBe('label,pixels\n7,1 1 0\n');
    expect(await files.get('README.md')?.text()).toBe('# MNIST\n');
    expect(await files.get('blob.txt')?.text()).toBe('from a blob');
    expect(new Uint8Array((await files.get('bin/data.bin')?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(
      bin,
    );
    expect((await read.loggedBy())?.id).toBe('trainer');
  });

  it('counts versions up, moves latest, and keeps aliases of older versions', async () => {
    const publish = (text: string, aliases: string[]) =>
      api
        .newArtifact({ name: 'counting', type: 'dataset' })
        .add('a.txt', text)
        .publish({ project: 'vision', aliases });
    const v0 = await publish('count 0', ['first']);
    const v1 = await publish('count 1', []);
    const v2 = await publish('count 2', ['best']);
    expect([v0.version, v1.version, v2.version]).toEqual(['v0', 'v1', 'v2']);
    expect((await api2().artifact('vision/counting:latest')).id).toBe(v2.id);
    expect((await api2().artifact('vision/counting:first')).id).toBe(v0.id);
    expect(await api2().artifacts('dataset', 'vision/counting').totalCount()).toBe(3);
  });

  it('without a run, logs the version by a run of its own, job type auto, finished', async () => {
    const art = await api
      .newArtifact({ name: 'runless', type: 'model' })
      .add('w.bin', 'weights')
      .publish({ project: 'vision' });
    const run = await art.loggedBy();
    expect(run).not.toBeNull();
    const loaded = await api2().run(`alice/vision/${run?.id ?? ''}`);
    expect(loaded.jobType).toBe('auto');
    expect(loaded.state).toBe('finished');
  });

  it('takes a Run: its project is the default', async () => {
    const trainer = await api.run('alice/vision/trainer');
    const art = await api
      .newArtifact({ name: 'by-run', type: 'model' })
      .add('m.bin', 'model by run')
      .publish({ run: trainer });
    expect(art.project).toBe('vision');
    expect((await art.loggedBy())?.id).toBe('trainer');
  });

  it('publishing the same content twice returns the same version and uploads nothing the second time', async () => {
    const make = () =>
      api.newArtifact({ name: 'twice', type: 'dataset' }).add('a.txt', 'twice a').add('b.txt', 'twice b');
    const first = await make().publish({ project: 'vision', run: 'trainer' });
    emu.clearRequests();
    const second = await make().publish({
      project: 'vision',
      run: 'trainer',
      aliases: ['again'],
      tags: ['dup'],
    });
    expect(storagePuts()).toEqual([]);
    expect(graphqlCalls(emu, 'CreateArtifactFiles')).toBe(0);
    expect(graphqlCalls(emu, 'CommitArtifact')).toBe(0);
    expect(second.id).toBe(first.id);
    expect(second.version).toBe('v0');
    expect([...second.aliases].sort()).toEqual(['again', 'latest']);
    expect(second.tags).toEqual(['dup']);
    expect(await api2().artifacts('dataset', 'vision/twice').totalCount()).toBe(1);
  });

  it('does not upload content the entity already stores (in another version)', async () => {
    await api
      .newArtifact({ name: 'shared-a', type: 'dataset' })
      .add('x.txt', 'shared content x')
      .publish({ project: 'vision' });
    emu.clearRequests();
    const b = await api
      .newArtifact({ name: 'shared-b', type: 'dataset' })
      .add('copy/x.txt', 'shared content x')
      .add('new.txt', 'new content y')
      .publish({ project: 'vision' });
    // One file and the manifest: the shared content is not sent again.
    expect(storagePuts()).toHaveLength(2);
    const files = new Map((await b.files().toArray()).map((f) => [f.name, f]));
    expect(await files.get('copy/x.txt')?.text()).toBe('shared content x');
    const manifest = await b.manifest();
    expect(manifest.entry('copy/x.txt')?.birthArtifactId).not.toBe(b.id);
    expect(manifest.entry('new.txt')?.birthArtifactId).toBe(b.id);
  });

  it('a failed upload rejects with a typed error and commits no version', async () => {
    const before = await api
      .newArtifact({ name: 'failing', type: 'dataset' })
      .add('a.txt', 'fail v0')
      .publish({ project: 'vision' });
    emu.clearRequests();
    emu.faults.add({ target: 'storage', method: 'PUT', status: 503, times: 50 });
    const error = await failure(
      api
        .newArtifact({ name: 'failing', type: 'dataset' })
        .add('a.txt', 'fail v1')
        .publish({ project: 'vision' }),
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toContain('a.txt');
    expect(graphqlCalls(emu, 'CommitArtifact')).toBe(0);
    // The run the publish opened is marked failed.
    const finish = emu.requests.find((r) => r.operationName === 'FinishArtifactRun');
    expect(finish?.variables).toMatchObject({ state: 'failed' });
    emu.faults.clear();
    const versions = await api2().artifacts('dataset', 'vision/failing').toArray();
    expect(versions.map((v) => v.id)).toEqual([before.id]);
    expect((await api2().artifact('vision/failing:latest')).id).toBe(before.id);
  });

  it('retries a transient storage failure and succeeds', async () => {
    emu.faults.add({ target: 'storage', method: 'PUT', status: 500, times: 2 });
    const art = await api
      .newArtifact({ name: 'retried', type: 'dataset' })
      .add('a.txt', 'retried content')
      .publish({ project: 'vision' });
    expect(storagePuts().filter((r) => r.status === 500)).toHaveLength(2);
    const [file] = await art.files().toArray();
    expect(await file?.text()).toBe('retried content');
  });

  it('uploads large files in parts (multipart) with a lowered threshold', async () => {
    const big = new Uint8Array(10_000).map((_, i) => (i * 7) % 251);
    const progress: PublishProgress[] = [];
    const art = await api
      .newArtifact({ name: 'multipart', type: 'dataset' })
      .add('big.bin', big)
      .add('small.txt', 'small multipart companion')
      .publish({
        project: 'vision',
        multipartThreshold: 4096,
        partSize: 4096,
        onProgress: (p) => progress.push(p),
      });
    const partPuts = storagePuts().filter((r) => r.path.includes('/parts/'));
    expect(partPuts).toHaveLength(3);
    expect(graphqlCalls(emu, 'CompleteMultipartUploadArtifact')).toBe(1);
    const files = new Map((await art.files().toArray()).map((f) => [f.name, f]));
    expect(new Uint8Array((await files.get('big.bin')?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(big);
    expect(progress.at(-1)).toEqual({ files: 2, filesDone: 2, bytes: 10_000 + 25, bytesDone: 10_000 + 25 });
  });

  it('multipart from a file on disk', async () => {
    const path = join(dir, 'disk-big.bin');
    const content = new Uint8Array(9_000).map((_, i) => (i * 13) % 256);
    await writeFile(path, content);
    const art = await api
      .newArtifact({ name: 'multipart-disk', type: 'dataset' })
      .addFile(path, { root: dir })
      .publish({ project: 'vision', multipartThreshold: 1, partSize: 4096 });
    expect(storagePuts().filter((r) => r.path.includes('/parts/'))).toHaveLength(3);
    const [file] = await art.files().toArray();
    expect(new Uint8Array((await file?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(content);
  });

  it('reports progress, ending with everything done', async () => {
    const progress: PublishProgress[] = [];
    await api
      .newArtifact({ name: 'progress', type: 'dataset' })
      .add('a.txt', 'progress aaaa')
      .add('b.txt', 'progress bb')
      .addReference('https://example.com/ref.bin', { digest: 'r' })
      .publish({ project: 'vision', onProgress: (p) => progress.push(p) });
    expect(progress[0]).toEqual({ files: 2, filesDone: 0, bytes: 24, bytesDone: 0 });
    expect(progress.at(-1)).toEqual({ files: 2, filesDone: 2, bytes: 24, bytesDone: 24 });
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]?.bytesDone).toBeGreaterThanOrEqual(progress[i - 1]?.bytesDone ?? 0);
    }
  });

  it('aborts: rejects with the reason and commits nothing', async () => {
    const controller = new AbortController();
    const reason = new Error('stop now');
    const draft = api.newArtifact({ name: 'aborted', type: 'dataset' }).add('a.txt', 'aborted content');
    const promise = draft.publish({
      project: 'vision',
      signal: controller.signal,
      onProgress: (p) => {
        if (p.filesDone === 0) controller.abort(reason);
      },
    });
    expect(await failure(promise)).toBe(reason);
    expect(graphqlCalls(emu, 'CommitArtifact')).toBe(0);
    expect(await api2().artifactCollectionExists('vision/aborted', 'dataset')).toBe(true);
    expect(await api2().artifacts('dataset', 'vision/aborted').totalCount()).toBe(0);
    // The run the publish opened is closed.
    expect(graphqlCalls(emu, 'FinishArtifactRun')).toBe(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const error = await failure(
      api
        .newArtifact({ name: 'pre-aborted', type: 'dataset' })
        .add('a.txt', 'x')
        .publish({ project: 'vision', signal: AbortSignal.abort() }),
    );
    expect(error.name).toBe('AbortError');
    expect(emu.requests).toEqual([]);
  });

  it('takes the digest of an http reference from its ETag when none is given', async () => {
    const server: Server = createServer((req, res) => {
      res.writeHead(200, { ETag: '"abc-123"', 'Content-Length': '11' });
      res.end(req.method === 'HEAD' ? undefined : 'hello world');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/files/remote.txt`;
    try {
      const art = await api
        .newArtifact({ name: 'etag-ref', type: 'dataset' })
        .addReference(url)
        .addReference(url, { name: 'unchecked.txt', checksum: false })
        .publish({ project: 'vision' });
      const manifest = await art.manifest();
      expect(manifest.entry('remote.txt')).toMatchObject({
        ref: url,
        digest: 'abc-123',
        size: 11,
        extra: { etag: '"abc-123"' },
      });
      expect(manifest.entry('unchecked.txt')).toMatchObject({ ref: url, digest: url, size: 0 });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('bad input is refused before any request', () => {
  it('newArtifact checks name, type, metadata and ttl', () => {
    expect(validationError(() => api.newArtifact({ name: 'a/b', type: 'dataset' })).parameter).toBe('name');
    expect(validationError(() => api.newArtifact({ name: 'a:b', type: 'dataset' })).parameter).toBe('name');
    expect(validationError(() => api.newArtifact({ name: 'x', type: 'wandb-history' })).parameter).toBe(
      'type',
    );
    expect(validationError(() => api.newArtifact({ name: 'x', type: 'a:b' })).parameter).toBe('type');
    expect(
      validationError(() => api.newArtifact({ name: 'x', type: 'dataset', metadata: { best: Infinity } }))
        .parameter,
    ).toBe('metadata.best');
    expect(validationError(() => api.newArtifact({ name: 'x', type: 'dataset', ttl: 0 })).parameter).toBe(
      'ttl',
    );
    expect(emu.requests).toEqual([]);
  });

  it('add*, addFile and addReference check names and content', () => {
    const draft = api.newArtifact({ name: 'checked', type: 'dataset' }).add('a.txt', 'a');
    expect(validationError(() => draft.add('a.txt', 'again')).message).toContain('overwrite');
    draft.add('a.txt', 'again', { overwrite: true });
    expect(validationError(() => draft.add('../up.txt', 'x')).parameter).toBe('name');
    expect(validationError(() => draft.add('/abs.txt', 'x')).parameter).toBe('name');
    expect(validationError(() => draft.add('dir/', 'x')).parameter).toBe('name');
    expect(validationError(() => draft.add('x', 42 as unknown as string)).parameter).toBe('data');
    expect(validationError(() => draft.addFile(join(dir, 'missing.csv'))).parameter).toBe('path');
    expect(
      validationError(() => draft.addFile(join(dir, 'data', 'train.csv'), { root: join(dir, 'data', 'sub') }))
        .parameter,
    ).toBe('path');
    expect(validationError(() => draft.addReference('example.com/x')).parameter).toBe('uri');
    expect(validationError(() => draft.addReference('https://example.com/')).parameter).toBe('name');
    draft.add('./x//y.txt', 'normalized');
    expect(draft.entries.map((e) => e.name)).toEqual(['a.txt', 'x/y.txt']);
    expect(draft.remove('x/y.txt')).toBe(true);
    expect(emu.requests).toEqual([]);
  });

  it('publish checks aliases, tags, project, run and thresholds', async () => {
    const draft = api.newArtifact({ name: 'checked', type: 'dataset' }).add('a.txt', 'a');
    const cases: [Parameters<ArtifactDraft['publish']>[0], string][] = [
      [{ project: 'vision', aliases: ['v3'] }, 'aliases[0]'],
      [{ project: 'vision', aliases: ['a/b'] }, 'aliases[0]'],
      [{ project: 'vision', tags: ['a,b'] }, 'tags[0]'],
      [{}, 'project'],
      [{ project: 'a/b' }, 'project'],
      [{ project: 'vision', run: '' }, 'run'],
      [{ project: 'vision', multipartThreshold: 0 }, 'multipartThreshold'],
      [{ project: 'vision', partSize: 1.5 }, 'partSize'],
    ];
    for (const [options, parameter] of cases) {
      expect((await validationRejection(draft.publish(options), parameter)).parameter).toBe(parameter);
    }
    expect(emu.requests).toEqual([]);
  });

  it('a file that disappeared before publish is refused before any request', async () => {
    const path = join(dir, 'vanishing.txt');
    await writeFile(path, 'here now');
    const draft = api.newArtifact({ name: 'vanishing', type: 'dataset' }).addFile(path, { root: dir });
    await rm(path);
    const error = await failure(draft.publish({ project: 'vision' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(emu.requests).toEqual([]);
  });

  it('addFile needs Node: the core build refuses it', () => {
    const core = new Api({ baseUrl: emu.url, apiKey: emu.apiKey });
    expect(() => core.newArtifact({ name: 'x', type: 'dataset' }).addFile('a.txt')).toThrow(UnsupportedError);
    expect(emu.requests).toEqual([]);
  });
});
