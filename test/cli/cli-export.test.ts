// `wandb-api export` as a subprocess against the emulator: each format read back, Ctrl-C then a
// rerun giving the same files as an uninterrupted export, two shards whose union is the
// unsharded export, a rerun that asks nothing of finished runs, and the exit codes of bad input.
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
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import type { Api } from '../../src/index.js';
import { createCliEnv } from '../../src/cli/env.js';
import { run as runInProcess } from '../../src/cli/program.js';
import { ANSI, emulatorEnv, finished, memoryStream, runCli, spawnCli, useCliBundle } from '../support/cli.js';
import { graphqlCalls, useEmulator } from '../support/helpers.js';

const PROJECT = 'alice/exp';
const RUNS = 24;
const ROWS = 40;

let emu: Emulator;
let api: Api;
useEmulator(
  (ctx) => {
    ({ emu, api } = ctx);
    for (let i = 0; i < RUNS; i++) {
      emu.seed.run({
        project: 'exp',
        id: `r${String(i).padStart(2, '0')}`,
        displayName: `run-${i}`,
        state: i % 5 === 4 ? 'crashed' : 'finished',
        createdAt: new Date(Date.UTC(2024, 0, 1, 0, i)),
        config: {
          lr: 0.001 * (i + 1),
          opt: { name: i % 2 ? 'adam' : 'sgd' },
          ...(i % 3 ? { layers: i } : {}),
        },
        summary: { loss: 1 / (i + 1), best: i === 7 ? Number.NaN : i, ...(i % 4 ? {} : { note: `n${i}` }) },
        history: Array.from({ length: ROWS }, (_, step) => ({
          _step: step,
          loss: 1 / (step + 1 + i),
          ...(step % 2 ? { acc: step / ROWS } : {}),
        })),
        files: { 'meta.json': JSON.stringify({ i }), 'notes.txt': `run ${i}` },
      });
    }
  },
  { seed: 'empty' },
);
useCliBundle();

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cli-export-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Every file under `dir` (relative path -> MD5 of its bytes), optionally without the state folder. */
function tree(dir: string, options: { state?: boolean } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        if (options.state === false && name === '.wandb-export') continue;
        walk(path);
      } else out[relative(dir, path)] = createHash('md5').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

async function readParquet(path: string): Promise<Record<string, unknown>[]> {
  const buf = readFileSync(path);
  return parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) });
}

const exportArgs = (out: string, ...more: string[]): string[] => ['export', PROJECT, '--out', out, ...more];

async function exportOk(out: string, ...more: string[]): Promise<string> {
  const result = await runCli(exportArgs(out, ...more), { env: emulatorEnv(emu) });
  expect(result.stderr).toMatch(/exported \d+ runs/);
  expect(result.code).toBe(0);
  expect(result.stdout).toBe('');
  // Not a terminal: no progress bar, no colour.
  expect(result.stderr).not.toMatch(ANSI);
  expect(result.stderr).not.toContain('runs listed');
  return result.stderr;
}

describe('wandb-api export: formats', () => {
  it('Parquet: runs.parquet has one typed row per run, history/run=<id>/ the rows of run.history(), files/run=<id>/ the matching files', async () => {
    const out = tempDir();
    const message = await exportOk(out, '--files', '%.json', '--concurrency', '4');
    expect(message).toContain(
      `exported ${RUNS} runs (0 done before), ${RUNS * ROWS} history rows, ${RUNS} files`,
    );
    const runs = await readParquet(join(out, 'runs.parquet'));
    expect(runs.map((r) => r.id)).toEqual(
      Array.from({ length: RUNS }, (_, i) => `r${String(i).padStart(2, '0')}`),
    );
    expect(Object.keys(runs[0]!)).toEqual([
      'id',
      'name',
      'state',
      'created',
      'config.layers',
      'config.lr',
      'config.opt',
      'summary.best',
      'summary.loss',
      'summary.note',
    ]);
    expect(runs[7]).toMatchObject({
      id: 'r07',
      name: 'run-7',
      state: 'finished',
      created: new Date(Date.UTC(2024, 0, 1, 0, 7)),
      'config.lr': 0.008,
      'config.opt': { name: 'adam' },
      'config.layers': 7,
      'summary.best': Number.NaN,
    });
    expect(runs[0]!['config.layers']).toBeNull();

    const run = await api.run(`${PROJECT}/r03`);
    const history = await readParquet(join(out, 'history', 'run=r03', 'part-0.parquet'));
    const expected = (await run.history()).map((row) => ({ acc: null, ...row }));
    expect(history).toEqual(expected);
    expect(readdirSync(join(out, 'history'))).toHaveLength(RUNS);
    expect(readdirSync(join(out, 'files', 'run=r03'))).toEqual(['meta.json']);
    expect(readFileSync(join(out, 'files', 'run=r03', 'meta.json'), 'utf8')).toBe('{"i":3}');
  });

  it('CSV and JSON Lines, with --keys and --samples', async () => {
    const csv = tempDir();
    await exportOk(csv, '--format', 'csv', '--keys', 'acc', '--samples', '5');
    const lines = readFileSync(join(csv, 'runs.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(
      'id,name,state,created,config.layers,config.lr,config.opt,summary.best,summary.loss,summary.note',
    );
    expect(lines).toHaveLength(RUNS + 1);
    expect(lines[8]).toBe(
      'r07,run-7,finished,2024-01-01T00:07:00.000Z,7,0.008,"{""name"":""adam""}",NaN,0.125,',
    );
    const history = readFileSync(join(csv, 'history', 'run=r00', 'part-0.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(history[0]).toBe('_step,acc');
    expect(history.length - 1).toBeLessThanOrEqual(5);
    expect(history.length - 1).toBeGreaterThan(0);

    const jsonl = tempDir();
    await exportOk(jsonl, '--format', 'jsonl', '--history', 'all');
    const rows = readFileSync(join(jsonl, 'runs.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(RUNS);
    expect(rows[7]).toMatchObject({ id: 'r07', 'config.opt': { name: 'adam' }, 'summary.best': 'NaN' });
    const all = readFileSync(join(jsonl, 'history', 'run=r01', 'part-0.jsonl'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(all).toHaveLength(ROWS);
    expect(JSON.parse(all[1]!)).toEqual({ _step: 1, loss: 1 / 3, acc: 1 / ROWS });
  });

  it('--history none with --filter writes only the runs file, of the matching runs', async () => {
    const out = tempDir();
    await exportOk(out, '--history', 'none', '--format', 'jsonl', '--filter', '{"state":"crashed"}');
    expect(readdirSync(out).sort()).toEqual(['.wandb-export', 'runs.jsonl']);
    const ids = readFileSync(join(out, 'runs.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids).toEqual(['r04', 'r09', 'r14', 'r19']);
  });
});

describe('wandb-api export: resume and shards', () => {
  it('Ctrl-C exits 130 leaving resumable state; the rerun skips finished runs and ends with the same files as an uninterrupted export', async () => {
    const whole = tempDir();
    await exportOk(whole, '--files', '%', '--concurrency', '3');

    const out = tempDir();
    // The first 4 history reads go through; the others hang until the client gives up on them.
    emu.faults.add({ operationName: 'RunHistory', skip: 4, delayMs: 60_000, times: Infinity });
    try {
      const child = await spawnCli(exportArgs(out, '--files', '%', '--concurrency', '3'), {
        env: emulatorEnv(emu),
      });
      const done = finished(child);
      const records = join(out, '.wandb-export', 'all', 'runs');
      await vi.waitFor(
        () =>
          expect(
            existsSync(records) ? readdirSync(records).filter((n) => n.endsWith('.json')).length : 0,
          ).toBe(4),
        { timeout: 15_000, interval: 20 },
      );
      child.kill('SIGINT');
      const result = await done;
      expect(result.code).toBe(130);
      expect(result.stderr).toContain('interrupted');
    } finally {
      emu.faults.clear();
    }
    const partial = tree(out);
    expect(Object.keys(partial).filter((p) => p.startsWith('history/'))).toHaveLength(4);
    expect(Object.keys(partial).some((p) => p.startsWith('runs.') || /\.tmp$/.test(p))).toBe(false);

    // What a killed process (SIGKILL: no cleanup) would leave: temporaries, removed by the rerun.
    mkdirSync(join(out, 'history', 'run=r10'), { recursive: true });
    writeFileSync(join(out, 'history', 'run=r10', '.part-0.parquet.99999-deadbeef.tmp'), 'partial');
    writeFileSync(join(out, '.runs.parquet.99999-deadbeef.tmp'), 'partial');

    emu.clearRequests();
    const message = await exportOk(out, '--files', '%', '--concurrency', '3');
    expect(message).toContain(`exported ${RUNS - 4} runs (4 done before)`);
    expect(graphqlCalls(emu, 'RunHistory')).toBe(RUNS - 4);
    expect(tree(out)).toEqual(tree(whole));

    // A rerun of a complete export asks no history again and changes nothing.
    emu.clearRequests();
    await exportOk(out, '--files', '%', '--concurrency', '3');
    expect(graphqlCalls(emu, 'RunHistory')).toBe(0);
    expect(tree(out)).toEqual(tree(whole));
  });

  it('a failing run exits 1 naming it; the finished runs stay recorded and the rerun completes the same export', async () => {
    const whole = tempDir();
    await exportOk(whole, '--format', 'csv');
    const out = tempDir();
    emu.faults.add({ operationName: 'RunHistory', skip: 6, status: 400, times: 1 });
    try {
      const failed = await runCli(exportArgs(out, '--format', 'csv', '--concurrency', '1'), {
        env: emulatorEnv(emu),
      });
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/^wandb-api: /m);
      expect(failed.stderr).toContain(
        `export stopped at run ${PROJECT}/r06; the runs finished so far are recorded`,
      );
    } finally {
      emu.faults.clear();
    }
    expect(existsSync(join(out, 'runs.csv'))).toBe(false);
    const message = await exportOk(out, '--format', 'csv');
    expect(message).toContain(`exported ${RUNS - 6} runs (6 done before)`);
    expect(tree(out, { state: false })).toEqual(tree(whole, { state: false }));
  });

  it('a run file whose name would leave its folder fails the export with exit 1, naming the run', async () => {
    emu.seed.run({ project: 'hostile', id: 'h1', files: { '../evil.txt': 'x' } });
    const out = tempDir();
    const result = await runCli(['export', 'alice/hostile', '--out', out, '--files', '%'], {
      env: emulatorEnv(emu),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('run alice/hostile/h1: Invalid');
    expect(existsSync(join(out, '..', 'evil.txt'))).toBe(false);
  });

  it('shards 1/2 and 2/2 are disjoint and their union is the unsharded export', async () => {
    const whole = tempDir();
    await exportOk(whole, '--files', '%.json');
    const out = tempDir();
    emu.clearRequests();
    const first = await exportOk(out, '--files', '%.json', '--shard', '1/2');
    const second = await exportOk(out, '--files', '%.json', '--shard', '2/2');
    // Every history read once in all: a shard asks nothing of the other shard's runs.
    expect(graphqlCalls(emu, 'RunHistory')).toBe(RUNS);
    const count = (text: string): number => Number(/exported (\d+) runs/.exec(text)![1]);
    expect(count(first) + count(second)).toBe(RUNS);
    expect(count(first)).toBeGreaterThan(0);
    expect(count(second)).toBeGreaterThan(0);

    const strip = (t: Record<string, string>): Record<string, string> =>
      Object.fromEntries(
        Object.entries(t).filter(([p]) => p.startsWith('history/') || p.startsWith('files/')),
      );
    expect(strip(tree(out))).toEqual(strip(tree(whole)));
    const parts = [
      ...(await readParquet(join(out, 'runs', 'shard=1-of-2.parquet'))),
      ...(await readParquet(join(out, 'runs', 'shard=2-of-2.parquet'))),
    ];
    const all = await readParquet(join(whole, 'runs.parquet'));
    const byId = (rows: Record<string, unknown>[]) =>
      [...rows]
        .sort((a, b) => String(a.id).localeCompare(String(b.id)))
        .map((r) => JSON.stringify(r, (_k, v: unknown) => (Number.isNaN(v) ? 'NaN' : v)));
    expect(new Set(parts.map((r) => r.id)).size).toBe(RUNS);
    // The union has the same rows; the columns of a part are those its runs have.
    const columns = Object.keys(all[0]!);
    const widened = parts.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null])));
    expect(byId(widened)).toEqual(byId(all));
  });
});

describe('wandb-api export: bad input', () => {
  it.each([
    [['--shard', '3/2'], /Invalid --shard: "3\/2" is not i\/n with whole numbers 1 <= i <= n/],
    [['--format', 'xlsx'], /Allowed choices are parquet, csv, jsonl/],
    [['--history', 'some'], /Allowed choices are none, sampled, all/],
    [['--filter', '{bad'], /Invalid --filter: is not JSON/],
    [['--history', 'none', '--keys', 'loss'], /--keys/],
  ])('%j exits 2 saying what is allowed', async (more, message) => {
    const out = tempDir();
    const result = await runCli(exportArgs(out, ...more), { env: emulatorEnv(emu) });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(readdirSync(out)).toEqual([]);
  });

  it('a rerun with other parameters exits 2 unless --force, which starts the part over', async () => {
    const out = tempDir();
    await exportOk(out, '--history', 'none');
    const other = await runCli(exportArgs(out, '--history', 'none', '--format', 'csv'), {
      env: emulatorEnv(emu),
    });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('holds an export with other parameters (format differ)');
    expect(other.stderr).toContain('--force');
    await exportOk(out, '--history', 'none', '--format', 'csv', '--force');
    expect(readdirSync(out).sort()).toEqual(['.wandb-export', 'runs.csv']);
    const shard = await runCli(exportArgs(out, '--history', 'none', '--format', 'csv', '--shard', '1/2'), {
      env: emulatorEnv(emu),
    });
    expect(shard.code).toBe(2);
    expect(shard.stderr).toContain('holds another export');
  });

  it('a wrong key exits 1 with the hint, never printing the key', async () => {
    const key = 'wrong-key-0123456789abcdef0123456789abcdef0123';
    const out = tempDir();
    const result = await runCli(exportArgs(out, '--api-key', key), { env: { WANDB_BASE_URL: emu.url } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('hint: check --api-key');
    expect(result.stdout + result.stderr).not.toContain(key);
  });
});

describe('wandb-api export: progress', () => {
  it('draws a runs bar on a terminal (in-process), never with --quiet', async () => {
    for (const quiet of [false, true]) {
      const stdout = memoryStream(true, 160);
      const stderr = memoryStream(true, 160);
      const env = createCliEnv({ stdout, stderr, vars: {} });
      const args = ['--base-url', emu.url, '--api-key', emu.apiKey, ...(quiet ? ['--quiet'] : [])];
      const code = await runInProcess([...args, ...exportArgs(tempDir(), '--history', 'none')], env);
      expect(code).toBe(0);
      if (quiet) expect(stderr.text()).toBe('');
      else
        expect(stderr.text()).toMatch(
          new RegExp(`export \\[.*\\] ${RUNS}/${RUNS} runs listed \\| ${RUNS} exported`),
        );
      expect(stdout.text()).toBe('');
    }
  });
});
