// run.files({ pattern }) end to end against the emulator over HTTP: SQL LIKE selection of file
// names (wandb-ops.md §7.1), paging over the matches, the run-wide total, and the options it refuses.
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import type { Api, Run } from '../../src/index.js';
import { validationError } from '../support/expect-errors.js';
import { graphqlCalls, useEmulator } from '../support/helpers.js';

const FILES = {
  'a.json': '{}',
  'b.json': '[]',
  'tables/c.json': '{"rows":[]}',
  'notes.jsonl': '{}\n',
  'config.yaml': 'lr: 0.1\n',
  'ckpt1.pt': 'one',
  'ckpt10.pt': 'ten',
  'ckpt.pt': 'none',
  'a+b(1).txt': 'literal',
  'ab1.txt': 'regex bait',
  aab1xtxt: 'regex bait',
};
const FILE_COUNT = Object.keys(FILES).length;

let emu: Emulator;
let api: Api;
useEmulator((ctx) => {
  ({ emu, api } = ctx);
  emu.seed.run({ project: 'pattern', id: 'p1', files: FILES });
});

async function theRun(): Promise<Run> {
  return api.run('alice/pattern/p1');
}

/** The variables of every `RunFiles` request the emulator received since the last clear. */
function runFilesVariables(): Record<string, unknown>[] {
  return emu.requests.filter((r) => r.operationName === 'RunFiles').map((r) => r.variables ?? {});
}

describe('run.files({ pattern })', () => {
  it("'%.json' lists only the JSON files, one page each with perPage: 1, sending the pattern every time", async () => {
    const run = await theRun();
    api.flush(); // pages other tests cached must not hide a request
    emu.clearRequests();
    const files = run.files({ pattern: '%.json', perPage: 1 });
    expect((await files.toArray()).map((f) => f.name)).toEqual(['a.json', 'b.json', 'tables/c.json']);
    const sent = runFilesVariables();
    expect(sent).toHaveLength(3);
    expect(sent.map((v) => v.pattern)).toEqual(['%.json', '%.json', '%.json']);
    expect(sent.map((v) => v.perPage)).toEqual([1, 1, 1]);
    expect(sent[1]!.cursor).toEqual(expect.any(String));
  });

  it('totalCount() stays the number of files of the whole run, not of the matches', async () => {
    const run = await theRun();
    expect(await run.files({ pattern: '%.json' }).totalCount()).toBe(FILE_COUNT);
    const none = run.files({ pattern: '%.csv' });
    expect(await none.toArray()).toEqual([]);
    expect(await none.totalCount()).toBe(FILE_COUNT);
  });

  it('_ matches exactly one character', async () => {
    const run = await theRun();
    expect((await run.files({ pattern: 'ckpt_.pt' }).toArray()).map((f) => f.name)).toEqual(['ckpt1.pt']);
    expect((await run.files({ pattern: 'ckpt__.pt' }).toArray()).map((f) => f.name)).toEqual(['ckpt10.pt']);
  });

  it('regular-expression characters in a pattern match only themselves', async () => {
    const run = await theRun();
    const files = await run.files({ pattern: 'a+b(1).txt' }).toArray();
    expect(files.map((f) => f.name)).toEqual(['a+b(1).txt']);
    expect(await files[0]!.text()).toBe('literal');
  });

  it('resumes a pattern listing from a cursor', async () => {
    const run = await theRun();
    const first = run.files({ pattern: '%.json', perPage: 2 });
    await first.toArray({ limit: 2 });
    const rest = await run.files({ pattern: '%.json', start: first.cursor }).toArray();
    expect(rest.map((f) => f.name)).toEqual(['tables/c.json']);
  });

  it('without a pattern, none is sent and every file is listed', async () => {
    const run = await theRun();
    emu.clearRequests();
    expect(await run.files().toArray()).toHaveLength(FILE_COUNT);
    expect(runFilesVariables().map((v) => 'pattern' in v)).toEqual([false]);
  });

  it('names with pattern, an empty or non-string pattern: ValidationError before any request', async () => {
    const run = await theRun();
    emu.clearRequests();
    const both = validationError(() => run.files({ names: ['a.json'], pattern: '%.json' }));
    expect(both.parameter).toBe('pattern');
    expect(both.message).toMatch(/names/);
    expect(both.message).toMatch(/pattern/);
    expect(validationError(() => run.files({ pattern: '' })).parameter).toBe('pattern');
    expect(validationError(() => run.files({ pattern: 5 as unknown as string })).parameter).toBe('pattern');
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('an empty names list is no selection, so it goes with a pattern', async () => {
    const run = await theRun();
    const files = await run.files({ names: [], pattern: 'ckpt%' }).toArray();
    expect(files.map((f) => f.name)).toEqual(['ckpt.pt', 'ckpt1.pt', 'ckpt10.pt']);
  });
});
