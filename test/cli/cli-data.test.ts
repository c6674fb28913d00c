// The `wandb-api` data commands as subprocesses against the demo emulator: runs, run, history,
// files, artifact get/put/ls and sync-tensorboard. Every machine-readable format is parsed back
// (CSV with csv-parse, JSON, JSON Lines, Parquet with hyparquet) and compared with what the
// library reads from the same emulator.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parquetReadObjects } from 'hyparquet';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import type { Api, Run } from '../../src/index.js';
import { ANSI, emulatorEnv, runCli, useCliBundle, type CliResult } from '../support/cli.js';
import { useEmulator } from '../support/helpers.js';
import { event, fileVersion, floatTensor, tensorValue, tfevents } from '../support/tfevents.js';

let emu: Emulator;
let api: Api;
useEmulator((ctx) => ({ emu, api } = ctx), { seed: 'demo' });

const PROJECT = 'alice/image-classification';
let first: Run;
useCliBundle();
beforeAll(async () => {
  first = (await api.runs(PROJECT).first()) as Run;
}, 30_000);

const cli = (...args: string[]): Promise<CliResult> => runCli(args, { env: emulatorEnv(emu) });
const ok = async (...args: string[]): Promise<string> => {
  const result = await cli(...args);
  expect(result.stderr).not.toMatch(ANSI);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
};
const lines = (text: string): unknown[] =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
const tmp = (): string => mkdtempSync(join(tmpdir(), 'cli-data-'));

describe('wandb-api runs', () => {
  it('--format csv with --columns, --order and --limit parses back to what the library lists', async () => {
    const order = '-summary_metrics.accuracy';
    const csv = await ok(
      'runs',
      PROJECT,
      '--columns',
      'name,state,config.lr,summary.loss',
      '--order',
      order,
      '--limit',
      '5',
      '--format',
      'csv',
    );
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    const expected = await api.runs(PROJECT, { order }).toArray({ limit: 5 });
    expect(Object.keys(rows[0] ?? {})).toEqual(['name', 'state', 'config.lr', 'summary.loss']);
    expect(rows).toEqual(
      expected.map((r) => ({
        name: r.name,
        state: r.state,
        'config.lr': String(r.config.lr),
        'summary.loss': r.summary.loss === undefined ? '' : String(r.summary.loss),
      })),
    );
  });

  it('--format json and jsonl hold every column (id, name, state, created, config.*, summary.*)', async () => {
    const json = JSON.parse(await ok('runs', PROJECT, '--limit', '3', '--format', 'json')) as Record<
      string,
      unknown
    >[];
    const jsonl = lines(await ok('runs', PROJECT, '--limit', '3', '--format', 'jsonl')) as Record<
      string,
      unknown
    >[];
    const expected = await api.runs(PROJECT).toArray({ limit: 3 });
    for (const rows of [json, jsonl]) {
      expect(rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
      expect(rows[0]?.['config.lr']).toBe(expected[0]?.config.lr);
      expect(rows[0]?.created).toBe(expected[0]?.createdAt?.toISOString());
    }
  });

  it('--filter is applied by the server; the table shows id, name, state, created without colour', async () => {
    const filter = '{"state":"failed"}';
    const json = JSON.parse(await ok('runs', PROJECT, '--filter', filter, '--format', 'json')) as {
      state: string;
    }[];
    expect(json.length).toBe(await api.runs(PROJECT, { filters: { state: 'failed' } }).totalCount());
    expect(json.length).toBeGreaterThan(0);
    expect(new Set(json.map((r) => r.state))).toEqual(new Set(['failed']));
    const table = await ok('runs', PROJECT, '--filter', filter, '--limit', '2');
    expect(table).toMatch(/│ id +│ name +│ state +│ created +│/);
    expect(table).toContain('failed');
    expect(table).not.toMatch(ANSI);
  });

  it('a filter that is not JSON and a bad order exit 2 with the ValidationError message', async () => {
    const badJson = await cli('runs', PROJECT, '--filter', '{state:');
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toContain('Invalid --filter: is not JSON');
    const badOrder = await cli('runs', PROJECT, '--order', 'accuracy desc');
    expect(badOrder.code).toBe(2);
    expect(badOrder.stderr).toContain('Invalid order');
    const badColumn = await cli('runs', PROJECT, '--columns', 'name,colour');
    expect(badColumn.code).toBe(2);
    expect(badColumn.stderr).toContain('Invalid --columns');
  });

  it('a project that does not exist exits 1 with the path hint', async () => {
    const result = await cli('runs', 'alice/no-such-project');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('hint: check the path');
  });
});

describe('wandb-api run', () => {
  it('--format json holds the details, config, summary and files; the table shows them too', async () => {
    const path = first.path.join('/');
    const json = JSON.parse(await ok('run', path, '--format', 'json')) as Record<string, unknown>;
    const files = await first.files().toArray();
    expect(json).toMatchObject({ path, id: first.id, name: first.name, state: first.state });
    expect(json.config).toEqual(first.config);
    expect((json.files as { name: string }[]).map((f) => f.name)).toEqual(files.map((f) => f.name));
    const table = await ok('run', path);
    for (const text of [first.name, 'config', 'summary', 'lr', ...files.map((f) => f.name)])
      expect(table).toContain(text);
  });
});

describe('wandb-api history', () => {
  it('sampled rows as CSV with --keys equal run.history()', async () => {
    const path = first.path.join('/');
    const csv = await ok('history', path, '--keys', 'loss,accuracy');
    const rows = parse(csv, { columns: true, cast: true }) as Record<string, number>[];
    const expected = await first.history({ keys: ['loss', 'accuracy'] });
    expect(rows.length).toBeGreaterThan(1);
    expect(rows).toEqual(expected.map((r) => ({ _step: r._step, loss: r.loss, accuracy: r.accuracy })));
  });

  it('--all as JSON Lines and as Parquet (read back with hyparquet) equal scanHistory()', async () => {
    const path = first.path.join('/');
    const expected: Record<string, unknown>[] = [];
    for await (const row of first.scanHistory()) expected.push(row);
    expect(lines(await ok('history', path, '--all', '--format', 'jsonl'))).toEqual(expected);
    const out = join(tmp(), 'history.parquet');
    await ok('history', path, '--all', '--format', 'parquet', '--out', out);
    const bytes = readFileSync(out);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
    expect(rows.length).toBe(expected.length);
    expect(rows.map((r) => Number(r._step))).toEqual(expected.map((r) => r._step));
    expect(rows.map((r) => r.loss)).toEqual(expected.map((r) => r.loss));
  });

  it('--format parquet without --out is a usage error', async () => {
    const result = await cli('history', first.path.join('/'), '--format', 'parquet');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--out');
  });
});

describe('wandb-api files', () => {
  it('lists the files, --pattern narrows them, --download writes each with its content', async () => {
    const path = first.path.join('/');
    const all = JSON.parse(await ok('files', path, '--format', 'json')) as { name: string; size: number }[];
    const expected = await first.files().toArray();
    expect(all.map((f) => f.name)).toEqual(expected.map((f) => f.name));
    const json = lines(await ok('files', path, '--pattern', '%.json', '--format', 'jsonl')) as {
      name: string;
    }[];
    expect(json.length).toBeGreaterThan(0);
    expect(json.every((f) => f.name.endsWith('.json'))).toBe(true);
    expect(json.length).toBeLessThan(all.length);
    const dir = tmp();
    const written = (await ok('files', path, '--download', dir)).trim().split('\n');
    expect(written).toHaveLength(expected.length);
    for (const file of expected) expect(readFileSync(join(dir, file.name), 'utf8')).toBe(await file.text());
    const again = await cli('files', path, '--download', dir);
    expect(again.code).toBe(1); // the files exist: ConflictError, unless --replace
    expect((await cli('files', path, '--download', dir, '--replace')).code).toBe(0);
  });
});

describe('wandb-api artifact', () => {
  it('put then get gives back identical files; ls lists the collection', async () => {
    const src = tmp();
    mkdirSync(join(src, 'nested', 'deeper'), { recursive: true });
    writeFileSync(join(src, 'a.txt'), 'alpha\n');
    writeFileSync(join(src, 'nested', 'b.json'), '{"b":1}');
    writeFileSync(join(src, 'nested', 'deeper', 'c.bin'), Buffer.from([0, 255, 1, 254, 2]));
    const name = (
      await ok(
        'artifact',
        'put',
        src,
        '--name',
        'cli-roundtrip',
        '--type',
        'dataset',
        '--project',
        PROJECT,
        '--alias',
        'first',
      )
    ).trim();
    expect(name).toBe(`${PROJECT}/cli-roundtrip:v0`);
    const root = join(tmp(), 'back');
    expect((await ok('artifact', 'get', `${PROJECT}/cli-roundtrip:first`, '--root', root)).trim()).toBe(root);
    const files = (dir: string): [string, string][] =>
      (
        readdirSync(dir, { recursive: true, withFileTypes: true }) as {
          isFile(): boolean;
          parentPath: string;
          name: string;
        }[]
      )
        .filter((e) => e.isFile())
        .map((e): [string, string] => [
          relative(dir, join(e.parentPath, e.name)),
          readFileSync(join(e.parentPath, e.name)).toString('hex'),
        ])
        .sort();
    expect(files(root)).toEqual(files(src));
    expect(files(root)).toHaveLength(3);

    const ls = JSON.parse(await ok('artifact', 'ls', PROJECT, '--type', 'dataset', '--format', 'json')) as {
      name: string;
      type: string;
    }[];
    expect(ls).toContainEqual(expect.objectContaining({ name: 'cli-roundtrip', type: 'dataset' }));
    const table = await ok('artifact', 'ls', PROJECT);
    expect(table).toContain('cli-roundtrip');
    expect(table).toContain('model'); // every type without --type
  });

  it('get of a version that does not exist exits 1 with the path hint', async () => {
    const result = await cli('artifact', 'get', `${PROJECT}/no-such-artifact:v0`, '--root', tmp());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('hint: check the path');
  });
});

describe('wandb-api sync-tensorboard', () => {
  it('writes the event files into a new run and prints its path', async () => {
    const dir = tmp();
    const t0 = 1_700_000_000;
    writeFileSync(
      join(dir, 'events.out.tfevents.1.host'),
      tfevents([
        fileVersion(t0),
        event(0, t0 + 1, [tensorValue('loss', floatTensor(0.5), 'scalars')]),
        event(1, t0 + 2, [tensorValue('loss', floatTensor(0.25), 'scalars')]),
      ]),
    );
    const path = (await ok('sync-tensorboard', dir, '--project', 'tb-cli')).trim();
    expect(path).toMatch(/^alice\/tb-cli\/\w+$/);
    const rows = await (await api.run(path)).history({ keys: ['loss'] });
    expect(rows.map((r) => r.loss)).toEqual([0.5, 0.25]);
  });
});
