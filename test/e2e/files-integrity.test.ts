// file.download() checks the bytes against the md5 the server gave, hashing them as they are
// written: a mismatch is an IntegrityError with nothing written (no target, no temporary file).
// Corrupt content is made through the emulator's store (a stored file whose bytes no longer match
// its md5), without changing the emulator.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { IntegrityError, WandbError } from '../../src/index.js';
import { Api } from '../../src/node.js';
import { failure } from '../support/expect-errors.js';

const KEY = 'integrity-key-0123456789abcdef0123456789abcdef';
const md5 = (content: Uint8Array | string): string => createHash('md5').update(content).digest('base64');

let emu: Emulator;
let api: Api;
let dir: string;
let root: string;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, apiKey: KEY, viewer: { username: 'alice' }, seed: 'empty' });
  api = new Api({
    baseUrl: emu.url,
    apiKey: KEY,
    retry: { maxAttempts: 2, initialDelayMs: 1 },
    cache: false,
  });
  dir = mkdtempSync(join(tmpdir(), 'wandb-api-integrity-'));
});

afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
beforeEach(() => {
  root = join(dir, `case-${++n}`);
});

/** A fresh run holding `name` with `content`; gives the emulator's record of that file. */
function seedFile(name: string, content: string) {
  const { id } = emu.seed.run({ entity: 'alice', project: 'integrity', files: { [name]: content } });
  const project = emu.store.findProject('alice', 'integrity')!;
  const run = emu.store.findRun(project.id, id)!;
  return { path: `alice/integrity/${id}`, run, record: run.files.get(name)! };
}

/** Every entry under `root` (the temporary download files included), `[]` when it does not exist. */
function entries(at: string): string[] {
  return existsSync(at) ? (readdirSync(at, { recursive: true }) as string[]) : [];
}

describe('file.download() and the md5 the server gave', () => {
  it('writes a file whose bytes match its md5', async () => {
    const { path } = seedFile('model.bin', 'weights v1');
    const file = await (await api.run(path)).file('model.bin');
    expect(file.md5).toBe(md5('weights v1'));
    const written = await file.download({ root });
    expect(readFileSync(written, 'utf8')).toBe('weights v1');
    expect(entries(root)).toEqual(['model.bin']);
  });

  it('rejects bytes that do not match with IntegrityError, leaving neither the file nor a temporary one', async () => {
    const { path, record } = seedFile('model.bin', 'weights v1');
    record.content = new TextEncoder().encode('weights v2'); // stored bytes no longer match the md5
    const file = await (await api.run(path)).file('model.bin');
    const err = await failure(file.download({ root }));
    expect(err).toBeInstanceOf(IntegrityError);
    expect(err).toBeInstanceOf(WandbError);
    expect((err as IntegrityError).code).toBe('INTEGRITY');
    expect((err as IntegrityError).expected).toBe(md5('weights v1'));
    expect((err as IntegrityError).actual).toBe(md5('weights v2'));
    expect(err.message).toContain('"model.bin"');
    expect(err.message).not.toContain('X-Amz');
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({ code: 'INTEGRITY', actual: md5('weights v2') });
    expect(entries(root)).toEqual([]); // the folder is made first; nothing is left in it
  });

  it('leaves an existing file untouched when a replacing download is corrupt', async () => {
    const { path, record } = seedFile('notes.txt', 'new notes');
    record.content = new TextEncoder().encode('new notez');
    const file = await (await api.run(path)).file('notes.txt');
    mkdirSync(root, { recursive: true });
    const existing = join(root, 'notes.txt');
    writeFileSync(existing, 'old notes');
    expect(await failure(file.download({ root, replace: true }))).toBeInstanceOf(IntegrityError);
    expect(readFileSync(existing, 'utf8')).toBe('old notes');
    expect(entries(root)).toEqual(['notes.txt']);
  });

  it('accepts a file that changed after it was listed when the bytes match its md5 now', async () => {
    const { path, run } = seedFile('output.log', 'line 1\n');
    const file = await (await api.run(path)).file('output.log');
    emu.store.putRunFile(run, 'output.log', 'line 1\nline 2\n'); // the run logged more
    const written = await file.download({ root });
    expect(readFileSync(written, 'utf8')).toBe('line 1\nline 2\n');
    expect(file.md5).toBe(md5('line 1\nline 2\n')); // the File shows its current entry
  });

  it('also reads an md5 given as 32 hex digits', async () => {
    const { path, record } = seedFile('hex.txt', 'hex content');
    record.md5 = createHash('md5').update('hex content').digest('hex');
    expect(readFileSync(await (await (await api.run(path)).file('hex.txt')).download({ root }), 'utf8')).toBe(
      'hex content',
    );
    record.md5 = createHash('md5').update('other content').digest('hex');
    const file = await (await api.run(path)).file('hex.txt');
    expect(await failure(file.download({ root: join(root, 'again') }))).toBeInstanceOf(IntegrityError);
  });

  it('does not check when the server gives no md5', async () => {
    const { path, record } = seedFile('plain.txt', 'as stored');
    (record as { md5: string | null }).md5 = null;
    record.content = new TextEncoder().encode('as served');
    const file = await (await api.run(path)).file('plain.txt');
    expect(file.md5).toBeUndefined();
    expect(readFileSync(await file.download({ root }), 'utf8')).toBe('as served');
  });
});
