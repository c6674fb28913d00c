// Uploads on a server with the feature MARK_RUN_FILES_UPLOADED (self-hosted; wandb-ops.md §3, §7.1
// step 3): run.uploadFile() registers the upload with MarkRunFilesUploaded before it reads the file
// back, and sends no such request where the feature is off. Also the emulator's side: an upload is
// held back (not listed, not downloadable) until markRunFilesUploaded names it.
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, UPLOAD_CONTENT_TYPE, type Emulator } from '../../src/emulator/index.js';
import {
  CreateRunFilesDocument,
  MarkRunFilesUploadedDocument,
  RunFilesDocument,
  type CreateRunFilesMutation,
  type MarkRunFilesUploadedMutation,
  type RunFilesQuery,
} from '../../src/graphql.js';
import { NotFoundError, ServerError, WandbError, type Run } from '../../src/index.js';
import { Api } from '../../src/node.js';
import { data, gql } from '../support/emulator-http.js';
import { failure } from '../support/expect-errors.js';

const KEY = 'mark-test-key-0123456789abcdef0123456789abcdef';
const RETRY = { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 5_000 };
const CREATE = print(CreateRunFilesDocument);
const MARK = print(MarkRunFilesUploadedDocument);
const LIST = print(RunFilesDocument);

let on: Emulator; // MARK_RUN_FILES_UPLOADED enabled
let off: Emulator; // the default features
let runOn: Run;
let runOff: Run;

function apiFor(emu: Emulator): Api {
  return new Api({ baseUrl: emu.url, apiKey: KEY, retry: RETRY });
}

/** The requests received, in order (operation names, storage methods), feature lookups left out. */
function trail(emu: Emulator): string[] {
  return emu.requests
    .filter((r) => r.operationName !== 'ServerFeatures')
    .map((r) => (r.kind === 'graphql' ? (r.operationName ?? '?') : `${r.kind} ${r.method}`));
}

/** Uploads `content` as `name` of run `run` in project `marked` over raw HTTP, without registering it. */
async function rawUpload(emu: Emulator, run: string, name: string, content: string): Promise<void> {
  const created = await data<CreateRunFilesMutation>(emu, CREATE, {
    entity: 'alice',
    project: 'marked',
    run,
    files: [name],
  });
  const url = created.createRunFiles?.files[0]?.uploadUrl;
  expect(url).toBeTruthy();
  const res = await fetch(url!, {
    method: 'PUT',
    headers: { 'Content-Type': UPLOAD_CONTENT_TYPE },
    body: content,
  });
  expect(res.status).toBe(200);
}

/** Sends markRunFilesUploaded for run `run` of alice/marked; resolves with its `success`. */
async function mark(emu: Emulator, run: string, files: string[]): Promise<boolean | undefined> {
  const answer = await data<MarkRunFilesUploadedMutation>(emu, MARK, {
    entity: 'alice',
    project: 'marked',
    run,
    files,
  });
  return answer.markRunFilesUploaded?.success;
}

/** What the server lists for a run of project `marked` right now (no client cache in the way). */
async function listed(emu: Emulator, run: string): Promise<{ names: string[]; fileCount: number }> {
  const answer = await data<RunFilesQuery>(emu, LIST, { entity: 'alice', project: 'marked', name: run });
  const r = answer.project?.run;
  if (!r?.files) throw new Error(`run ${run} or its files missing from the answer`);
  return { names: r.files.edges.map((e) => e.node?.name ?? '?'), fileCount: r.fileCount ?? -1 };
}

/** The content of a file of run `run` in project `marked`, read through a new client (nothing cached). */
async function readFresh(emu: Emulator, run: string, name: string): Promise<string> {
  return (await (await apiFor(emu).run(`alice/marked/${run}`)).file(name)).text();
}

beforeAll(async () => {
  const viewer = { username: 'alice' };
  on = await startEmulator({ apiKey: KEY, viewer, features: { MARK_RUN_FILES_UPLOADED: true } });
  off = await startEmulator({ apiKey: KEY, viewer });
  for (const emu of [on, off]) {
    emu.seed.run({ project: 'marked', id: 'r1', files: { 'keep.txt': 'old' } });
    emu.seed.run({ project: 'marked', id: 'raw' });
    emu.seed.run({ entity: 'someone-else', project: 'marked', id: 'theirs' });
  }
  runOn = await apiFor(on).run('alice/marked/r1');
  runOff = await apiFor(off).run('alice/marked/r1');
});
afterAll(async () => {
  await on?.close();
  await off?.close();
});

describe('run.uploadFile() with MARK_RUN_FILES_UPLOADED on', () => {
  it('sends CreateRunFiles, the PUT, then MarkRunFilesUploaded for the name, and the file is listed and downloadable', async () => {
    const before = (await listed(on, 'r1')).fileCount;
    on.clearRequests();
    const file = await runOn.uploadFile('notes/summary.md', '# Results');

    expect(trail(on)).toEqual(['CreateRunFiles', 'storage PUT', 'MarkRunFilesUploaded', 'RunFiles']);
    const markCall = on.requests.find((r) => r.operationName === 'MarkRunFilesUploaded');
    expect(markCall?.variables).toEqual({
      entity: 'alice',
      project: 'marked',
      run: 'r1',
      files: ['notes/summary.md'],
    });
    expect(markCall?.status).toBe(200);

    expect(file.name).toBe('notes/summary.md');
    expect(await file.text()).toBe('# Results');
    expect((await runOn.files().toArray()).map((f) => f.name)).toContain('notes/summary.md');
    expect(await runOn.files().totalCount()).toBe(before + 1);
    expect(await (await runOn.file('notes/summary.md')).text()).toBe('# Results');
  });

  it('a replaced file has the new content once the upload resolves', async () => {
    const file = await runOn.uploadFile('keep.txt', 'new');
    expect(await file.text()).toBe('new');
  });

  it('MarkRunFilesUploaded answering success: false is a ServerError saying the file was stored but not registered', async () => {
    on.faults.add({
      operationName: 'MarkRunFilesUploaded',
      status: 200,
      body: JSON.stringify({ data: { markRunFilesUploaded: { success: false } } }),
    });
    on.clearRequests();
    const err = await failure(runOn.uploadFile('refused.txt', 'x'));
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toBeInstanceOf(WandbError);
    expect(err.message).toContain('"refused.txt"');
    expect(err.message).toContain('alice/marked/r1');
    expect(err.message).toMatch(/stored but the server did not register/);
    // It stops there: the file is not read back (and, unregistered, it is not listed).
    expect(trail(on)).toEqual(['CreateRunFiles', 'storage PUT', 'MarkRunFilesUploaded']);
    expect((await listed(on, 'r1')).names).not.toContain('refused.txt');
  });

  it('a transient failure of MarkRunFilesUploaded is retried (it is safe to repeat)', async () => {
    on.faults.add({ operationName: 'MarkRunFilesUploaded', status: 503 });
    on.clearRequests();
    const file = await runOn.uploadFile('retried.txt', 'again');
    expect(await file.text()).toBe('again');
    const marks = on.requests.filter((r) => r.operationName === 'MarkRunFilesUploaded');
    expect(marks.map((r) => r.status)).toEqual([503, 200]);
  });

  it('asks for the server features once per Api', async () => {
    const api = apiFor(on);
    const run = await api.run('alice/marked/r1');
    on.clearRequests();
    await run.uploadFile('one.txt', '1');
    await run.uploadFile('two.txt', '2');
    expect(on.requests.filter((r) => r.operationName === 'ServerFeatures')).toHaveLength(1);
    expect(on.requests.filter((r) => r.operationName === 'MarkRunFilesUploaded')).toHaveLength(2);
  });
});

describe('run.uploadFile() with MARK_RUN_FILES_UPLOADED off (the default)', () => {
  it('sends no MarkRunFilesUploaded; the file is listed right after the PUT', async () => {
    off.clearRequests();
    const file = await runOff.uploadFile('notes/summary.md', '# Results');
    expect(trail(off)).toEqual(['CreateRunFiles', 'storage PUT', 'RunFiles']);
    expect(await file.text()).toBe('# Results');
    expect((await listed(off, 'r1')).names).toContain('notes/summary.md');
  });

  it('a server that cannot report its features counts as having none: no MarkRunFilesUploaded', async () => {
    off.faults.add({ operationName: 'ServerFeatures', status: 400 });
    off.clearRequests();
    const file = await (await apiFor(off).run('alice/marked/r1')).uploadFile('plain.txt', 'plain');
    expect(await file.text()).toBe('plain');
    expect(off.requests.some((r) => r.operationName === 'ServerFeatures' && r.status === 400)).toBe(true);
    expect(off.requests.some((r) => r.operationName === 'MarkRunFilesUploaded')).toBe(false);
  });
});

describe('emulator: markRunFilesUploaded', () => {
  it('with the feature on, an upload is neither listed nor downloadable until it is marked', async () => {
    on.seed.run({ project: 'marked', id: 'pending' }); // a run of its own: no other test adds files to it
    const pending = await apiFor(on).run('alice/marked/pending');
    await rawUpload(on, 'pending', 'pending.txt', 'pending');
    expect(await listed(on, 'pending')).toEqual({ names: [], fileCount: 0 });
    expect(await failure(pending.file('pending.txt'))).toBeInstanceOf(NotFoundError);

    expect(await mark(on, 'pending', ['pending.txt'])).toBe(true);
    expect(await listed(on, 'pending')).toEqual({ names: ['pending.txt'], fileCount: 1 });
    expect(await readFresh(on, 'pending', 'pending.txt')).toBe('pending');

    // Marking again (a retried request) still succeeds and changes nothing.
    expect(await mark(on, 'pending', ['pending.txt'])).toBe(true);
    expect(await listed(on, 'pending')).toEqual({ names: ['pending.txt'], fileCount: 1 });
  });

  it('a file being replaced keeps its old content until the new upload is marked', async () => {
    await rawUpload(on, 'r1', 'swap.txt', 'first');
    await mark(on, 'r1', ['swap.txt']);
    await rawUpload(on, 'r1', 'swap.txt', 'second');
    expect(await readFresh(on, 'r1', 'swap.txt')).toBe('first');
    expect(await mark(on, 'r1', ['swap.txt'])).toBe(true);
    expect(await readFresh(on, 'r1', 'swap.txt')).toBe('second');
  });

  it('answers success: false, registering none, when a name was never uploaded', async () => {
    await rawUpload(on, 'raw', 'half.txt', 'half');
    expect(await mark(on, 'raw', ['half.txt', 'never-uploaded.txt'])).toBe(false);
    expect((await listed(on, 'raw')).names).not.toContain('half.txt');
    expect(await mark(on, 'raw', ['half.txt'])).toBe(true);
    expect((await listed(on, 'raw')).names).toContain('half.txt');
  });

  it('a run that does not exist, or another entity, is a GraphQL error', async () => {
    const missing = await gql(on, MARK, {
      entity: 'alice',
      project: 'marked',
      run: 'nope',
      files: ['a.txt'],
    });
    expect(missing.json.errors?.[0]?.message).toBe('markRunFilesUploaded: run alice/marked/nope not found');
    const theirs = await gql(on, MARK, {
      entity: 'someone-else',
      project: 'marked',
      run: 'theirs',
      files: ['a.txt'],
    });
    expect(theirs.json.errors?.[0]?.message).toMatch(/^markRunFilesUploaded: permission denied/);
    const badName = await gql(on, MARK, { entity: 'alice', project: 'marked', run: 'raw', files: ['..'] });
    expect(badName.json.errors?.[0]?.message).toMatch(
      /^markRunFilesUploaded: files must be a list of file names/,
    );
  });

  it('with the feature off it answers success: true and changes nothing', async () => {
    const before = await listed(off, 'raw');
    expect(await mark(off, 'raw', ['never-uploaded.txt'])).toBe(true);
    expect(await listed(off, 'raw')).toEqual(before);
    const missing = await gql(off, MARK, {
      entity: 'alice',
      project: 'marked',
      run: 'nope',
      files: ['a.txt'],
    });
    expect(missing.json.errors?.[0]?.message).toBe('markRunFilesUploaded: run alice/marked/nope not found');
  });
});
