// Run files end to end against the emulator over HTTP: listing, reading, downloading (atomic, inside
// root), uploading, deleting, expired signed URLs, and the rule that no API key goes to storage.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock, startEmulator, type Emulator } from '../../src/emulator/index.js';
import {
  Api as CoreApi,
  ConflictError,
  File,
  NetworkError,
  NotFoundError,
  PermissionError,
  UnsupportedError,
  ValidationError,
  WandbError,
  type ApiOptions,
  type Run,
} from '../../src/index.js';
import { Api } from '../../src/node.js';
import { expectNotShown, failure, validationError, validationRejection } from '../support/expect-errors.js';
import { graphqlCalls } from '../support/helpers.js';

const KEY = 'files-test-key-0123456789abcdef0123456789abcdef';
const RETRY = { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 5_000 };
const BYTES = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);
const CONFIG = 'lr: 0.1\nbatch_size: 32\n';
const md5 = (content: Uint8Array | string): string => createHash('md5').update(content).digest('base64');

/** Every request the client sends, as it leaves the client (before the emulator redacts anything). */
const sent: { url: string; headers: Record<string, string>; body: string }[] = [];
const spyFetch: typeof fetch = async (input, init) => {
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
  const body =
    typeof init?.body === 'string'
      ? init.body
      : init?.body instanceof Uint8Array
        ? Buffer.from(init.body).toString('latin1')
        : '';
  sent.push({ url: String(input), headers, body });
  return fetch(input, init);
};

let emu: Emulator;
let api: Api;
let run: Run;
let dir: string;

function newApi(options: ApiOptions = {}): Api {
  return new Api({ baseUrl: emu.url, apiKey: KEY, retry: RETRY, fetch: spyFetch, ...options });
}

/**
 * A fetch whose storage responses keep their `Content-Length` but end cleanly after `bytes`
 * bytes, as a server or proxy that closes early would.
 */
function closingEarly(bytes: number): typeof fetch {
  return async (input, init) => {
    const res = await spyFetch(input, init);
    if (!String(input).includes('/storage/') || !res.body) return res;
    const content = new Uint8Array(await res.arrayBuffer()).slice(0, bytes);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(content);
        controller.close();
      },
    });
    return new Response(body, { status: res.status, headers: res.headers });
  };
}

function tempDir(name: string): string {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  return path;
}

/** Every file below `root`, relative, sorted (hidden temporary files included). */
function listTree(root: string): string[] {
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath ?? (d as unknown as { path: string }).path, d.name).slice(root.length + 1))
    .sort();
}

beforeAll(async () => {
  emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
  emu.seed.run({
    project: 'files',
    id: 'r1',
    files: {
      'config.yaml': CONFIG,
      'media/images/sample.png': BYTES,
      'logs/output.log': 'epoch 1\nepoch 2\n',
      'b.txt': 'bee',
      'empty.txt': '',
    },
  });
  emu.seed.run({
    project: 'files',
    id: 'hostile',
    files: { '../evil.txt': 'evil', '/abs.txt': 'abs', 'ok.txt': 'ok' },
  });
  emu.seed.run({ project: 'files', id: 'uploads' });
  api = newApi();
  run = await api.run('alice/files/r1');
  dir = mkdtempSync(join(tmpdir(), 'wandb-api-files-'));
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('run.files() and run.file()', () => {
  it('lists every file by name, page by page, with the run fileCount as total', async () => {
    api.flush(); // pages other tests cached must not hide a request
    emu.clearRequests();
    const files = run.files({ perPage: 2 });
    const names = (await files.toArray()).map((f) => f.name);
    expect(names).toEqual([
      'b.txt',
      'config.yaml',
      'empty.txt',
      'logs/output.log',
      'media/images/sample.png',
    ]);
    expect(await files.totalCount()).toBe(5);
    const calls = emu.requests.filter((r) => r.operationName === 'RunFiles');
    expect(calls).toHaveLength(3);
    expect(calls.map((r) => r.variables?.perPage)).toEqual([2, 2, 2]);
    expect(calls[0]!.variables?.cursor).toBeNull();
    expect(calls[1]!.variables?.cursor).toEqual(expect.any(String));
  });

  it('selects names; the total stays the whole run (fileCount)', async () => {
    const files = run.files({ names: ['config.yaml', 'b.txt', 'missing.txt'] });
    expect((await files.toArray()).map((f) => f.name)).toEqual(['b.txt', 'config.yaml']);
    expect(await files.totalCount()).toBe(5);
  });

  it('resumes from a cursor', async () => {
    const files = run.files({ perPage: 2 });
    await files.toArray({ limit: 2 });
    const rest = await run.files({ start: files.cursor }).toArray();
    expect(rest.map((f) => f.name)).toEqual(['empty.txt', 'logs/output.log', 'media/images/sample.png']);
  });

  it('gives the file fields: id, name, size, base64 md5, mimetype, updatedAt, URLs', async () => {
    const file = await run.file('config.yaml');
    expect(file).toBeInstanceOf(File);
    expect(file.constructor.name).toBe('File');
    for (const listed of await run.files().toArray()) expect(listed).toBeInstanceOf(File);
    expect(file.name).toBe('config.yaml');
    expect(file.size).toBe(Buffer.byteLength(CONFIG));
    expect(file.md5).toBe(md5(CONFIG));
    expect(file.mimetype).toBe('application/x-yaml');
    expect(file.updatedAt).toBeInstanceOf(Date);
    expect(Number.isNaN(file.updatedAt!.getTime())).toBe(false);
    expect(file.id).toMatch(/\S/);
    expect(file.directUrl.startsWith(`${emu.url}/storage/`)).toBe(true);
    expect(file.url).toMatch(/^http/);
    const json = JSON.stringify(file);
    expect(JSON.parse(json)).toMatchObject({ name: 'config.yaml', size: file.size, run: 'alice/files/r1' });
    expect(json).not.toContain('signature');
  });

  it('file(name) rejects with NotFoundError naming the file and the run', async () => {
    const err = await failure(run.file('nope.txt'));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toContain('"nope.txt"');
    expect(err.message).toContain('alice/files/r1');
  });

  it('a missing file is not cached: asking again finds it once another client has uploaded it', async () => {
    emu.seed.run({ project: 'files', id: 'polled' });
    const polled = await api.run('alice/files/polled');
    await expect(polled.file('model.ckpt')).rejects.toBeInstanceOf(NotFoundError);
    // Another client (the wandb SDK of the training job) uploads it meanwhile.
    const record = [...emu.store.runs.values()].find((r) => r.name === 'polled')!;
    emu.store.putRunFile(record, 'model.ckpt', 'weights');
    expect(await (await polled.file('model.ckpt')).text()).toBe('weights');
  });

  it('a run that no longer exists: NotFoundError', async () => {
    const { storageId } = emu.seed.run({ project: 'files', id: 'gone' });
    const gone = await api.run('alice/files/gone');
    emu.store.runs.delete(Number(Buffer.from(storageId, 'base64').toString().split(':')[1]));
    await expect(gone.files().toArray()).rejects.toBeInstanceOf(NotFoundError);
    await expect(gone.file('a.txt')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('bad options are ValidationErrors, before any request', async () => {
    emu.clearRequests();
    const bad: Array<[() => unknown, string]> = [
      [() => run.files({ names: 'config.yaml' as unknown as string[] }), 'names'],
      [() => run.files({ names: [''] }), 'names'],
      [() => run.files({ perPage: 0 }), 'perPage'],
      [() => run.files({ start: 5 as unknown as string }), 'start'],
      [() => run.files({ signal: 'x' as unknown as AbortSignal }), 'signal'],
    ];
    for (const [call, parameter] of bad) {
      expect(validationError(call, parameter).parameter).toBe(parameter);
    }
    const err = await failure(run.file(''));
    expect((err as ValidationError).parameter).toBe('name');
    expect(graphqlCalls(emu)).toBe(0);
  });
});

describe('reading contents', () => {
  it('text(), arrayBuffer(), blob() and stream() give the bytes', async () => {
    expect(await (await run.file('config.yaml')).text()).toBe(CONFIG);
    const png = await run.file('media/images/sample.png');
    expect(new Uint8Array(await png.arrayBuffer())).toEqual(BYTES);
    const blob = await png.blob();
    expect(blob.type).toBe('image/png');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(BYTES);
    const chunks: Uint8Array[] = [];
    for await (const chunk of png.stream() as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
    expect(new Uint8Array(Buffer.concat(chunks))).toEqual(BYTES);
    expect(md5(new Uint8Array(await png.arrayBuffer()))).toBe(png.md5);
    expect(await (await run.file('empty.txt')).text()).toBe('');
  });

  it('stream() requests nothing until read, and a cancelled stream stops', async () => {
    const file = await run.file('logs/output.log');
    emu.clearRequests();
    const storageSent = () => sent.filter((r) => r.url.includes('/storage/')).length;
    const before = storageSent();
    const stream = file.stream();
    // Every callback the stream could have started (start(), microtasks) has run by now; `sent`
    // records a request the moment the client calls fetch, before any network.
    await new Promise((resolve) => setImmediate(resolve));
    expect(storageSent()).toBe(before);
    await stream.cancel();
    const reader = file.stream().getReader();
    expect((await reader.read()).done).toBe(false);
    expect(emu.requests.filter((r) => r.kind === 'storage')).toHaveLength(1);
    await reader.cancel();
  });

  it('content shorter than the Content-Length the storage announced is a NetworkError', async () => {
    emu.seed.run({ project: 'files', id: 'shrinking', files: { 'a.txt': 'full content' } });
    const file = await (await newApi({ fetch: closingEarly(4) }).run('alice/files/shrinking')).file('a.txt');
    const err = await failure(file.text());
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toMatch(/incomplete: received 4 bytes, the storage announced 12/);
  });

  it('a file that changed after it was listed is read in full, as it is now', async () => {
    // e.g. output.log of a running run: the listing's size is already out of date.
    emu.seed.run({ project: 'files', id: 'growing', files: { 'output.log': 'line 1\n' } });
    const file = await (await api.run('alice/files/growing')).file('output.log');
    expect(file.size).toBe(7);
    const stored = [...emu.store.runs.values()].find((r) => r.name === 'growing')!;
    emu.store.putRunFile(stored, 'output.log', 'line 1\nline 2\n'); // content and md5, as an upload does
    expect(await file.text()).toBe('line 1\nline 2\n');
    const root = tempDir('dl-growing');
    expect(readFileSync(await file.download({ root }), 'utf8')).toBe('line 1\nline 2\n');
  });

  it('aborting rejects with the signal reason', async () => {
    const reason = new Error('user cancelled');
    await expect((await run.file('config.yaml')).text({ signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
  });

  it('the storage server failing transiently is retried (emu.faults, target storage)', async () => {
    const file = await run.file('b.txt');
    emu.clearRequests();
    emu.faults.add({ target: 'storage', status: 503, times: 2 });
    expect(await file.text()).toBe('bee');
    expect(emu.requests.filter((r) => r.kind === 'storage').map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('works in the core (browser) build too', async () => {
    const core = new CoreApi({ baseUrl: emu.url, apiKey: KEY, retry: RETRY, fetch: spyFetch });
    const file = await (await core.run('alice/files/r1')).file('config.yaml');
    expect(await file.text()).toBe(CONFIG);
  });
});

describe('expired signed URLs', () => {
  it('a URL refused as expired is renewed once and the read succeeds', async () => {
    const clock = createManualClock();
    const short = await startEmulator({
      apiKey: KEY,
      viewer: { username: 'alice' },
      signedUrlLifetimeMs: 1_000,
      clock,
    });
    try {
      short.seed.run({ project: 'p', id: 'r', files: { 'a.txt': 'fresh' } });
      const shortApi = new Api({ baseUrl: short.url, apiKey: KEY, retry: RETRY });
      const file = await (await shortApi.run('alice/p/r')).file('a.txt');
      const firstUrl = file.directUrl;
      clock.advance(1_100); // let the signed URL expire (on the emulator's clock)
      short.clearRequests();
      expect(await file.text()).toBe('fresh');
      expect(short.requests.map((r) => `${r.kind} ${r.operationName ?? r.method} ${r.status}`)).toEqual([
        'storage GET 403',
        'graphql RunFiles 200',
        'storage GET 200',
      ]);
      expect(file.directUrl).not.toBe(firstUrl);
    } finally {
      await short.close();
    }
  });

  it('a 403 that persists is a PermissionError that shows no signature', async () => {
    const file = await run.file('b.txt');
    emu.faults.add({ target: 'storage', status: 403, times: 2 });
    emu.clearRequests();
    const err = await failure(file.text());
    expect(err).toBeInstanceOf(PermissionError);
    expect(emu.requests.filter((r) => r.kind === 'storage')).toHaveLength(2);
    const signature = new URL(file.directUrl).searchParams.get('signature')!;
    expectNotShown(err, signature, '?expires=');
  });
});

describe('file.download()', () => {
  it('writes <root>/<name>, creating folders, and returns the path', async () => {
    const root = tempDir('dl-basic');
    const png = await run.file('media/images/sample.png');
    const path = await png.download({ root });
    expect(path).toBe(join(root, 'media', 'images', 'sample.png'));
    expect(new Uint8Array(readFileSync(path))).toEqual(BYTES);
    expect(listTree(root)).toEqual([join('media', 'images', 'sample.png')]);
  });

  it('refuses an existing file (ConflictError, untouched) unless replace: true', async () => {
    const root = tempDir('dl-existing');
    writeFileSync(join(root, 'config.yaml'), 'mine');
    const file = await run.file('config.yaml');
    emu.clearRequests();
    const err = await failure(file.download({ root }));
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toContain('replace: true');
    expect(readFileSync(join(root, 'config.yaml'), 'utf8')).toBe('mine');
    expect(emu.requests.filter((r) => r.kind === 'storage')).toHaveLength(0);
    await file.download({ root, replace: true });
    expect(readFileSync(join(root, 'config.yaml'), 'utf8')).toBe(CONFIG);
    expect(listTree(root)).toEqual(['config.yaml']);
  });

  it('a download that fails midway leaves no partial file and keeps the existing one', async () => {
    emu.seed.run({ project: 'files', id: 'truncated', files: { 'data.bin': BYTES } });
    const file = await (
      await newApi({ fetch: closingEarly(100) }).run('alice/files/truncated')
    ).file('data.bin');

    const fresh = tempDir('dl-fail-new');
    expect(await failure(file.download({ root: fresh }))).toBeInstanceOf(NetworkError);
    expect(listTree(fresh)).toEqual([]);

    const existing = tempDir('dl-fail-existing');
    writeFileSync(join(existing, 'data.bin'), 'previous version');
    expect(await failure(file.download({ root: existing, replace: true }))).toBeInstanceOf(NetworkError);
    expect(listTree(existing)).toEqual(['data.bin']);
    expect(readFileSync(join(existing, 'data.bin'), 'utf8')).toBe('previous version');
  });

  it('a connection cut in the middle of the body leaves nothing either', async () => {
    // A fetch that lets the first chunk through, then fails as a reset connection would.
    const cutting: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes('/storage/') || !res.body) return res;
      const reader = res.body.getReader();
      let sentOne = false;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (sentOne) throw new TypeError('terminated');
          const { value } = await reader.read();
          controller.enqueue(value!.slice(0, 10));
          sentOne = true;
        },
      });
      return new Response(body, { status: res.status, headers: res.headers });
    };
    const file = await (
      await newApi({ fetch: cutting }).run('alice/files/r1')
    ).file('media/images/sample.png');
    const root = tempDir('dl-cut');
    const err = await failure(file.download({ root }));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toMatch(/interrupted after 10 of 300 bytes/);
    expect(listTree(root)).toEqual([]);
  });

  it('an aborted download rejects with the reason and leaves nothing', async () => {
    const root = tempDir('dl-abort');
    const reason = new Error('stop');
    await expect(
      (await run.file('config.yaml')).download({ root, signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(listTree(root)).toEqual([]);
  });

  it('never writes outside root: hostile names from the server are refused', async () => {
    const hostile = await api.run('alice/files/hostile');
    const root = tempDir('dl-hostile/inner');
    emu.clearRequests();
    for (const name of ['../evil.txt', '/abs.txt']) {
      const file = await hostile.file(name);
      const err = await validationRejection(file.download({ root, replace: true }), name);
      expect(err.parameter).toBe('name');
      expect(err.message).toContain(JSON.stringify(name));
    }
    expect(emu.requests.filter((r) => r.kind === 'storage')).toHaveLength(0);
    expect(listTree(dirname(root))).toEqual([]);
    expect(existsSync('/abs.txt')).toBe(false);
    // The same run's ordinary files download fine.
    expect(readFileSync(await (await hostile.file('ok.txt')).download({ root }), 'utf8')).toBe('ok');
  });

  it('never writes through a symbolic link that leads outside root', async () => {
    const base = tempDir('dl-symlink');
    const outside = tempDir('dl-symlink/outside');
    const root = tempDir('dl-symlink/root');
    symlinkSync(outside, join(root, 'media'), 'dir');
    const png = await run.file('media/images/sample.png');
    emu.clearRequests();
    const err = await validationRejection(png.download({ root }));
    expect(err.parameter).toBe('name');
    expect(err.message).toContain('"media/images/sample.png"');
    expect(err.message).toMatch(/symbolic link/);
    expect(readdirSync(outside)).toEqual([]); // no file, nor folder, made there
    expect(emu.requests.filter((r) => r.kind === 'storage')).toHaveLength(0);

    // A link to a folder inside root is only another way in: allowed.
    mkdirSync(join(root, 'real'));
    symlinkSync(join(root, 'real'), join(root, 'logs'), 'dir');
    const log = await (await run.file('logs/output.log')).download({ root });
    expect(log).toBe(join(root, 'logs', 'output.log'));
    expect(readFileSync(join(root, 'real', 'output.log'), 'utf8')).toBe('epoch 1\nepoch 2\n');
    // A link in the place of the file itself is replaced (with replace: true), not written through.
    writeFileSync(join(outside, 'victim.txt'), 'keep');
    symlinkSync(join(outside, 'victim.txt'), join(root, 'b.txt'));
    await (await run.file('b.txt')).download({ root, replace: true });
    expect(readFileSync(join(outside, 'victim.txt'), 'utf8')).toBe('keep');
    expect(readFileSync(join(root, 'b.txt'), 'utf8')).toBe('bee');
    // root itself may be a link (as /tmp is on macOS).
    symlinkSync(root, join(base, 'root-link'), 'dir');
    const viaLink = await (await run.file('config.yaml')).download({ root: join(base, 'root-link') });
    expect(readFileSync(viaLink, 'utf8')).toBe(CONFIG);
  });

  it('a file where a folder of the name should be is a ConflictError, and is left alone', async () => {
    const root = tempDir('dl-file-in-the-way');
    writeFileSync(join(root, 'media'), 'not a folder');
    const err = await failure((await run.file('media/images/sample.png')).download({ root }));
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toContain(join(root, 'media'));
    expect(readFileSync(join(root, 'media'), 'utf8')).toBe('not a folder');
  });

  it('downloads a file whose name is as long as the file system allows', async () => {
    const name = `${'n'.repeat(251)}.txt`; // 255 bytes, the usual limit of one file name
    emu.seed.run({ project: 'files', id: 'longname', files: { [name]: 'long' } });
    const file = await (await api.run('alice/files/longname')).file(name);
    const root = tempDir('dl-long');
    expect(readFileSync(await file.download({ root }), 'utf8')).toBe('long');
    expect(listTree(root)).toEqual([name]);
  });

  it('concurrent downloads to the same place: one wins, the others are ConflictErrors, nothing is left over', async () => {
    const root = tempDir('dl-concurrent');
    const file = await run.file('media/images/sample.png');
    const results = await Promise.allSettled([1, 2, 3].map(() => file.download({ root })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
    }
    expect(listTree(root)).toEqual([join('media', 'images', 'sample.png')]);
    expect(new Uint8Array(readFileSync(join(root, 'media', 'images', 'sample.png')))).toEqual(BYTES);
  });

  it('bad options are ValidationErrors', async () => {
    const file = await run.file('b.txt');
    for (const [options, parameter] of [
      [{ root: '' }, 'root'],
      [{ root: 5 }, 'root'],
      [{ replace: 'yes' }, 'replace'],
    ] as const) {
      const err = await failure(file.download(options as never));
      expect((err as ValidationError).parameter).toBe(parameter);
    }
  });

  it('the core (browser) build has no download(): UnsupportedError pointing to blob()/stream()', async () => {
    const core = new CoreApi({ baseUrl: emu.url, apiKey: KEY, retry: RETRY });
    const file = await (await core.run('alice/files/r1')).file('b.txt');
    const err = await failure(file.download({ root: tempDir('dl-core') }));
    expect(err).toBeInstanceOf(UnsupportedError);
    expect(err.message).toMatch(/blob\(\).*stream\(\)/);
  });
});

describe('run.uploadFile()', () => {
  let uploads: Run;
  beforeAll(async () => {
    uploads = await api.run('alice/files/uploads');
  });

  it('uploads text, bytes and a Blob, and returns the stored file', async () => {
    emu.clearRequests();
    const text = await uploads.uploadFile('notes/hello.txt', 'hello, world');
    expect(text).toBeInstanceOf(File);
    expect(text).toMatchObject({
      name: 'notes/hello.txt',
      size: 12,
      md5: md5('hello, world'),
      mimetype: 'text/plain',
    });
    expect(await text.text()).toBe('hello, world');

    const bytes = await uploads.uploadFile('data/bytes.bin', BYTES);
    expect(bytes.md5).toBe(md5(BYTES));
    expect(new Uint8Array(await bytes.arrayBuffer())).toEqual(BYTES);

    const blob = await uploads.uploadFile(
      'data/blob.json',
      new Blob(['{"a":1}'], { type: 'application/json' }),
    );
    expect(await blob.text()).toBe('{"a":1}');

    const puts = emu.requests.filter((r) => r.kind === 'storage' && r.method === 'PUT');
    expect(puts.map((r) => r.status)).toEqual([200, 200, 200]);
    // The Content-Type the server listed in uploadHeaders, not the one fetch would pick for the body.
    for (const put of puts) expect(put.headers['content-type']).toBe('application/octet-stream');
    // ServerFeatures (asked once, after the first PUT) says MARK_RUN_FILES_UPLOADED is off: no marking.
    const ops = emu.requests
      .filter((r) => r.kind === 'graphql' && r.operationName !== 'ServerFeatures')
      .map((r) => r.operationName);
    expect(ops.slice(0, 2)).toEqual(['CreateRunFiles', 'RunFiles']);
    expect(ops).not.toContain('MarkRunFilesUploaded');
  });

  it('makes names upload-safe: "..", backslashes and leading "/"', async () => {
    expect((await uploads.uploadFile('../up.txt', 'x')).name).toBe('__/up.txt');
    expect((await uploads.uploadFile('/abs/a\\b.txt', 'x')).name).toBe('abs/a/b.txt');
  });

  it('replaces a file of the same name', async () => {
    await uploads.uploadFile('replace.txt', 'one');
    const before = await uploads.files().totalCount();
    const second = await uploads.uploadFile('replace.txt', 'two');
    expect(await second.text()).toBe('two');
    expect(await uploads.files().totalCount()).toBe(before);
  });

  it('uploads a file from disk, named by its path relative to root', async () => {
    const root = tempDir('up/out');
    mkdirSync(join(root, 'ckpt'), { recursive: true });
    writeFileSync(join(root, 'ckpt', 'model.bin'), BYTES);
    writeFileSync(join(dir, 'up', 'outside.txt'), 'outside root');
    const model = await uploads.uploadFile(join(root, 'ckpt', 'model.bin'), { root });
    expect(model.name).toBe('ckpt/model.bin');
    expect(model.md5).toBe(md5(BYTES));
    const outside = await uploads.uploadFile(join(dir, 'up', 'outside.txt'), { root });
    expect(outside.name).toBe('__/outside.txt');
    expect(await outside.text()).toBe('outside root');
  });

  it('names with spaces, unicode, #, ?, % and other URL characters round-trip', async () => {
    const names = [
      'a b#c?d%20e&f=g+h.txt',
      'ünï/日本語 🚀.txt',
      "it's (1)*!~.txt",
      'x%2Fy.txt',
      'semi;@$[].txt',
    ];
    const root = tempDir('roundtrip-names');
    for (const name of names) {
      const uploaded = await uploads.uploadFile(name, `content of ${name}`);
      expect(uploaded.name).toBe(name);
      expect(uploaded.md5).toBe(md5(`content of ${name}`));
      expect((await uploads.files({ names: [name] }).toArray()).map((f) => f.name)).toEqual([name]);
      const path = await (await uploads.file(name)).download({ root });
      expect(path).toBe(join(root, ...name.split('/')));
      expect(readFileSync(path, 'utf8')).toBe(`content of ${name}`);
    }
  });

  it('a listing made while the upload was in flight is not served after it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let putStarted!: () => void;
    const started = new Promise<void>((resolve) => (putStarted = resolve));
    const gated: typeof fetch = async (input, init) => {
      if (init?.method === 'PUT') {
        putStarted();
        await gate;
      }
      return fetch(input, init);
    };
    const gatedRun = await newApi({ fetch: gated }).run('alice/files/uploads');
    const upload = gatedRun.uploadFile('in-flight.txt', 'landed');
    await started;
    expect((await gatedRun.files().toArray()).map((f) => f.name)).not.toContain('in-flight.txt');
    release();
    await upload;
    expect((await gatedRun.files().toArray()).map((f) => f.name)).toContain('in-flight.txt');
  });

  it('content over the emulator body limit (16 MiB) is refused with HTTP 413, not retried', async () => {
    emu.clearRequests();
    const err = await failure(uploads.uploadFile('too-big.bin', new Uint8Array(16 * 1024 * 1024 + 1)));
    expect(err).toBeInstanceOf(WandbError);
    expect((err as WandbError).status).toBe(413);
    expect(err.message).toContain('"too-big.bin"');
    expect(err.message).toContain('16777216 bytes');
    expect(emu.requests.filter((r) => r.kind === 'storage').map((r) => r.status)).toEqual([413]);
    await expect(uploads.file('too-big.bin')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('an uploaded file can be downloaded', async () => {
    const file = await uploads.uploadFile('round/trip.bin', BYTES);
    const root = tempDir('roundtrip');
    const again = await uploads.file('round/trip.bin');
    expect(new Uint8Array(readFileSync(await again.download({ root })))).toEqual(BYTES);
    expect(again.id).toBe(file.id);
  });

  it('a URL relative to the server goes through the authenticated fetch', async () => {
    // A server behind an on-prem proxy answers `/...` upload URLs: rewrite the emulator's to that form.
    const relative: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(init?.body ?? '').includes('CreateRunFiles')) return res;
      const json = (await res.json()) as { data: { createRunFiles: { files: { uploadUrl: string }[] } } };
      for (const f of json.data.createRunFiles.files) {
        const u = new URL(f.uploadUrl);
        f.uploadUrl = u.pathname + u.search;
      }
      return new Response(JSON.stringify(json), {
        status: res.status,
        headers: { 'content-type': 'application/json' },
      });
    };
    emu.clearRequests();
    const file = await (
      await newApi({ fetch: relative }).run('alice/files/uploads')
    ).uploadFile('proxied.txt', 'via proxy');
    expect(await file.text()).toBe('via proxy');
    const put = emu.requests.find((r) => r.kind === 'storage' && r.method === 'PUT');
    expect(put?.headers.authorization).toBe('[REDACTED]'); // credentials were sent, to the W&B server itself
  });

  it('bad arguments are ValidationErrors, before any request', async () => {
    emu.clearRequests();
    const cases: Array<[() => Promise<unknown>, string]> = [
      [() => uploads.uploadFile('', 'x'), 'name'],
      [() => uploads.uploadFile('./', 'x'), 'name'],
      [() => uploads.uploadFile('a.txt', 42 as never), 'data'],
      [() => uploads.uploadFile('a.txt', 'x', { signal: 'no' as never }), 'signal'],
      [() => uploads.uploadFile(join(dir, 'does-not-exist.txt')), 'path'],
      [() => uploads.uploadFile(dir, { root: dir }), 'path'],
      [() => uploads.uploadFile(join(dir, 'x'), { root: '' }), 'root'],
    ];
    for (const [call, parameter] of cases) {
      expect((await validationRejection(call(), parameter)).parameter).toBe(parameter);
    }
    expect(emu.requests).toHaveLength(0);
  });

  it('a run that does not exist (empty runID): NotFoundError', async () => {
    emu.seed.run({ project: 'files', id: 'vanishing' });
    const vanishing = await api.run('alice/files/vanishing');
    const record = [...emu.store.runs.values()].find((r) => r.name === 'vanishing')!;
    emu.store.runs.delete(record.id);
    const err = await failure(vanishing.uploadFile('a.txt', 'x'));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toContain('alice/files/vanishing');
  });

  it('the core (browser) build uploads data but not paths (UnsupportedError)', async () => {
    const core = new CoreApi({ baseUrl: emu.url, apiKey: KEY, retry: RETRY });
    const coreRun = await core.run('alice/files/uploads');
    expect(await (await coreRun.uploadFile('core.txt', 'from core')).text()).toBe('from core');
    const err = await failure(coreRun.uploadFile(join(dir, 'up', 'outside.txt')));
    expect(err).toBeInstanceOf(UnsupportedError);
    expect(err.message).toContain('uploadFile(name, data)');
  });
});

describe('file.delete()', () => {
  it('deletes the file with its id and the run integer projectId', async () => {
    const uploads = await api.run('alice/files/uploads');
    const file = await uploads.uploadFile('to-delete.txt', 'bye');
    const before = await uploads.files().totalCount();
    emu.clearRequests();
    await file.delete();
    const call = emu.requests.find((r) => r.operationName === 'DeleteFiles');
    const { internalId } = emu.seed.project({ name: 'files' });
    expect(call?.variables).toEqual({ files: [file.id], projectId: internalId });
    await expect(uploads.file('to-delete.txt')).rejects.toBeInstanceOf(NotFoundError);
    expect(await uploads.files().totalCount()).toBe(before - 1);
    expect(await failure(file.text())).toBeInstanceOf(NotFoundError);
  });
});

describe('no API key to storage', () => {
  it('storage requests carried no Authorization header and the key went only to the W&B GraphQL endpoint', async () => {
    // Storage traffic of its own (reads, a download, an upload, a retried read), so the check
    // does not depend on the tests that ran before it; then every request this file sent.
    const own = newApi({ cache: false });
    const r1 = await own.run('alice/files/r1');
    await (await r1.file('config.yaml')).text();
    await (await r1.file('media/images/sample.png')).arrayBuffer();
    await (await r1.file('b.txt')).download({ root: tempDir('no-key') });
    await (await own.run('alice/files/uploads')).uploadFile('no-key/check.txt', 'checked');
    emu.faults.add({ target: 'storage', status: 503, times: 1 });
    await (await r1.file('logs/output.log')).text();

    const storage = emu.requests.filter((r) => r.kind === 'storage');
    expect(storage.length).toBeGreaterThanOrEqual(6);
    for (const r of storage) expect(Object.keys(r.headers)).not.toContain('authorization');

    const basic = Buffer.from(`api:${KEY}`).toString('base64');
    const storageSent = sent.filter((s) => s.url.includes('/storage/'));
    expect(storageSent.length).toBeGreaterThanOrEqual(6);
    for (const s of sent) {
      const text = JSON.stringify(s);
      if (s.url === `${emu.url}/graphql`) continue;
      // The relative-URL test sends credentials to the W&B server itself on purpose: that one PUT aside,
      // no request outside /graphql carries the key in any form.
      if (s.url.includes('proxied.txt')) continue;
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(basic);
      expect(Object.keys(s.headers)).not.toContain('authorization');
    }
  });
});
