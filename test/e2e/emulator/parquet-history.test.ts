// Run.parquetHistory over HTTP: the exported Parquet files on signed URLs (read back with
// hyparquet, by byte ranges as a browser reader would), the live rows beside them, the split
// between the two, the switches, and the URLs' signature, expiry and ranges.
import { asyncBufferFromUrl, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock, startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { parseJsonString } from '../../../src/emulator/graphql/json-string.js';
import { basic, data, gql, KEY } from '../../support/emulator-http.js';

const PARQUET = `query RunParquetHistory($entity: String!, $project: String!, $runName: String!, $liveKeys: [String!]!) {
  project(name: $project, entityName: $entity) {
    run(name: $runName) { parquetHistory(liveKeys: $liveKeys) { parquetUrls liveData } }
  }
}`;
const WINDOW = `query Window($entity: String!, $project: String!, $run: String!, $minStep: Int64!, $maxStep: Int64!) {
  project(name: $project, entityName: $entity) { run(name: $run) { history(minStep: $minStep, maxStep: $maxStep, samples: 1000000) } }
}`;

type Row = Record<string, unknown>;
interface ParquetAnswer {
  parquetUrls: string[];
  liveData: Row[];
}

async function parquetHistory(emu: Emulator, run: string, liveKeys = ['_step']): Promise<ParquetAnswer> {
  const d = await data<{ project: { run: { parquetHistory: ParquetAnswer } } }>(emu, PARQUET, {
    entity: 'alice',
    project: 'p',
    runName: run,
    liveKeys,
  });
  return d.project.run.parquetHistory;
}

/** The rows of `history(minStep, maxStep)`, their JSON strings parsed (NaN tokens included). */
async function historyWindow(emu: Emulator, run: string, minStep: number, maxStep: number): Promise<Row[]> {
  const d = await data<{ project: { run: { history: string[] } } }>(emu, WINDOW, {
    entity: 'alice',
    project: 'p',
    run,
    minStep,
    maxStep,
  });
  return d.project.run.history.map((text) => parseJsonString(text) as Row);
}

/** Reads a file by its URL with hyparquet (HEAD refused → ranged GETs), nulls dropped, `_step` a number. */
async function readFile(url: string): Promise<Row[]> {
  const file = await asyncBufferFromUrl({ url });
  const rows = (await parquetReadObjects({ file })) as Row[];
  return rows.map((row) => {
    const out: Row = {};
    for (const [key, value] of Object.entries(row)) {
      if (value === null || value === undefined) continue;
      out[key] = typeof value === 'bigint' ? Number(value) : value;
    }
    return out;
  });
}

/** Rows of every kind the files map: numbers, NaN / ±Infinity, booleans, strings, objects, arrays, mixed, gaps. */
function mixedRows(n: number): Row[] {
  return Array.from({ length: n }, (_, i) => {
    const row: Row = { _step: i * 3, loss: 1 / (i + 1), _runtime: i * 0.5 };
    if (i % 4 === 0) row.acc = i / n;
    if (i % 5 === 1) row.nan = i % 2 ? Number.NaN : Number.POSITIVE_INFINITY;
    if (i % 3 === 0) row.ok = i % 2 === 0;
    if (i % 2 === 0) row.tag = `t${i}`;
    if (i % 7 === 0) row.image = { _type: 'image-file', path: `media/${i}.png`, size: [4, 4] };
    if (i % 6 === 0) row.list = [i, 'x', { deep: true }];
    if (i % 8 === 0) row.mixed = i % 16 === 0 ? 'text' : i;
    return row;
  });
}

describe('emulator: Run.parquetHistory', () => {
  let emu: Emulator;
  const finished = mixedRows(45);
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' }, parquetHistoryRowsPerFile: 10 });
    emu.seed.run({ project: 'p', id: 'done', history: finished });
    emu.seed.run({ project: 'p', id: 'live', state: 'running', history: mixedRows(5) });
    emu.seed.run({
      project: 'p',
      id: 'split',
      state: 'running',
      history: mixedRows(20),
      historyExportedThrough: 30,
    });
  });
  afterAll(() => emu.close());
  afterEach(() => emu.history.setParquetHistory(true));

  it('exports every row of a finished run in files of contiguous steps, each row as history answers it', async () => {
    const answer = await parquetHistory(emu, 'done');
    expect(answer.liveData).toEqual([]);
    expect(answer.parquetUrls).toHaveLength(5); // 45 rows, 10 per file
    const files = await Promise.all(answer.parquetUrls.map(readFile));
    files.sort((a, b) => Number(a[0]?._step) - Number(b[0]?._step));
    expect(files.map((rows) => rows.length)).toEqual([10, 10, 10, 10, 5]);
    for (const rows of files) {
      const first = Number(rows[0]?._step);
      const last = Number(rows.at(-1)?._step);
      // every row of the file equals what history(minStep, maxStep) answers for its steps
      expect(rows).toEqual(await historyWindow(emu, 'done', first, last + 1));
    }
    expect(files.flat()).toEqual(await historyWindow(emu, 'done', 0, 1_000));
    expect(files.flat().find((r) => r._step === 3)).toMatchObject({ nan: Number.NaN });
    // _step has min / max per row group, so a reader can skip groups outside a step range
    const metadata = await parquetMetadataAsync(
      await asyncBufferFromUrl({ url: answer.parquetUrls[0] as string }),
    );
    const step = metadata.row_groups[0]?.columns.find((c) => c.meta_data?.path_in_schema[0] === '_step');
    expect(step?.meta_data?.statistics).toMatchObject({ min_value: 120n, max_value: 132n }); // the newest file: rows 40..44;
  });

  it('exports nothing of a running run: liveData lists every step, with the live keys asked for', async () => {
    const answer = await parquetHistory(emu, 'live', ['_step', 'ok']);
    expect(answer.parquetUrls).toEqual([]);
    expect(answer.liveData).toEqual([
      { _step: 0, ok: true },
      { _step: 3 },
      { _step: 6 },
      { _step: 9, ok: false },
      { _step: 12 },
    ]);
  });

  it('splits a partly exported run exactly: steps up to the boundary in files, the rest live', async () => {
    const answer = await parquetHistory(emu, 'split');
    const exported = (await Promise.all(answer.parquetUrls.map(readFile))).flat();
    expect(exported.map((r) => r._step).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 11 }, (_, i) => i * 3), // steps 0..30
    );
    expect(answer.liveData).toEqual(Array.from({ length: 9 }, (_, i) => ({ _step: 33 + i * 3 })));

    emu.history.export('alice/p/split', { throughStep: 5 });
    expect(emu.history.exportedThrough('alice/p/split')).toBe(5);
    const moved = await parquetHistory(emu, 'split');
    expect((await Promise.all(moved.parquetUrls.map(readFile))).flat().map((r) => r._step)).toEqual([0, 3]);
    expect(moved.liveData[0]).toEqual({ _step: 6 });

    emu.history.export('alice/p/split'); // everything it has now
    expect(await parquetHistory(emu, 'split')).toMatchObject({ liveData: [] });
    expect(() => emu.history.export('alice/p/nope')).toThrow(/no run alice\/p\/nope/);
    expect(() => emu.history.export('alice/p/split', { throughStep: -2 })).toThrow(/throughStep/);
  });

  it('keeps rows written later through file_stream live until they are exported', async () => {
    emu.seed.run({
      project: 'p',
      id: 'stream',
      state: 'running',
      history: mixedRows(2),
      historyExportedThrough: 3,
    });
    const res = await fetch(`${emu.url}/files/alice/p/stream/file_stream`, {
      method: 'POST',
      headers: { authorization: basic(KEY), 'content-type': 'application/json' },
      body: JSON.stringify({
        files: {
          'wandb-history.jsonl': { offset: 2, content: ['{"_step":7,"loss":0.1}', '{"_step":8,"loss":NaN}'] },
        },
      }),
    });
    expect(res.status).toBe(200);
    const answer = await parquetHistory(emu, 'stream', ['loss']);
    expect(answer.liveData).toEqual([
      { _step: 7, loss: 0.1 },
      { _step: 8, loss: null }, // liveData is plain JSON: no NaN
    ]);
    expect((await Promise.all(answer.parquetUrls.map(readFile))).flat().map((r) => r._step)).toEqual([0, 3]);
  });

  it('keeps what a finished run exported when it gets more rows or runs again', async () => {
    emu.seed.run({ project: 'p', id: 'resumed', history: mixedRows(2) }); // finished: steps 0, 3 exported
    const res = await fetch(`${emu.url}/files/alice/p/resumed/file_stream`, {
      method: 'POST',
      headers: { authorization: basic(KEY), 'content-type': 'application/json' },
      body: JSON.stringify({ files: { 'wandb-history.jsonl': { offset: 2, content: ['{"_step":9}'] } } }),
    });
    expect(res.status).toBe(200);
    const answer = await parquetHistory(emu, 'resumed');
    expect(answer.liveData).toEqual([{ _step: 9 }]);
    expect((await Promise.all(answer.parquetUrls.map(readFile))).flat().map((r) => r._step)).toEqual([0, 3]);

    emu.seed.run({ project: 'p', id: 'rerun', history: mixedRows(2) });
    const upsert = await gql(
      emu,
      'mutation { upsertBucket(input: { name: "rerun", modelName: "p", entityName: "alice", state: "running" }) { bucket { id } } }',
    );
    expect(upsert.json.errors).toBeUndefined();
    expect(await parquetHistory(emu, 'rerun')).toMatchObject({ liveData: [] }); // still exported
    expect(emu.history.exportedThrough('alice/p/rerun')).toBe(3);
  });

  it('serves a file by byte ranges, with Content-Length, and refuses HEAD as a signed GET URL does', async () => {
    const [url] = (await parquetHistory(emu, 'done')).parquetUrls;
    const whole = await fetch(url as string);
    expect(whole.status).toBe(200);
    const bytes = new Uint8Array(await whole.arrayBuffer());
    expect(whole.headers.get('content-length')).toBe(String(bytes.byteLength));
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('PAR1');

    const head = await fetch(url as string, { headers: { range: 'bytes=0-3' } });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe(`bytes 0-3/${bytes.byteLength}`);
    expect(new TextDecoder().decode(await head.arrayBuffer())).toBe('PAR1');
    const tail = await fetch(url as string, { headers: { range: 'bytes=-4' } });
    expect(tail.status).toBe(206);
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(bytes.subarray(-4));
    const past = await fetch(url as string, { headers: { range: `bytes=${bytes.byteLength}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${bytes.byteLength}`);

    expect((await fetch(url as string, { method: 'HEAD' })).status).toBe(403);
    // served again from the cache: the same bytes
    expect(new Uint8Array(await (await fetch(url as string)).arrayBuffer())).toEqual(bytes);
  });

  it('needs no API key but a valid signature; a file whose run is gone is 404', async () => {
    const [url] = (await parquetHistory(emu, 'done')).parquetUrls;
    const tampered = (url as string).replace(
      /signature=([0-9a-f])/,
      (_, c: string) => `signature=${c === '0' ? '1' : '0'}`,
    );
    const refused = await fetch(tampered);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/signature/);
    const other = (url as string).replace(/\/(\d+)-(\d+)\.parquet/, '/0-1.parquet');
    expect((await fetch(other)).status).toBe(403);

    emu.seed.run({ project: 'p', id: 'gone', history: mixedRows(3) });
    const [goneUrl] = (await parquetHistory(emu, 'gone')).parquetUrls;
    const goneRun = [...emu.store.runs.values()].find((r) => r.name === 'gone');
    emu.store.runs.delete(goneRun?.id ?? -1);
    expect((await fetch(goneUrl as string)).status).toBe(404);
  });

  it('answers no files and no live data with the export off (everything read live)', async () => {
    emu.history.setParquetHistory(false);
    expect(emu.history.parquetHistory).toBe(false);
    expect(await parquetHistory(emu, 'done')).toEqual({ parquetUrls: [], liveData: [] });
    expect(await parquetHistory(emu, 'live')).toEqual({ parquetUrls: [], liveData: [] });
  });

  it("refuses the field like an older server in 'unsupported' mode", async () => {
    emu.history.setParquetHistory('unsupported');
    const res = await gql(emu, PARQUET, {
      entity: 'alice',
      project: 'p',
      runName: 'done',
      liveKeys: ['_step'],
    });
    expect(res.json.data).toBeUndefined();
    expect(res.json.errors?.map((e) => e.message)).toEqual([
      'Cannot query field "parquetHistory" on type "Run".',
    ]);
    emu.history.setParquetHistory(true);
    expect((await parquetHistory(emu, 'done')).parquetUrls).toHaveLength(5);
  });
});

describe('emulator: Parquet history options', () => {
  it('takes the mode at start-up and checks its options', async () => {
    const off = await startEmulator({
      apiKey: KEY,
      viewer: { username: 'alice' },
      parquetHistory: 'unsupported',
    });
    try {
      off.seed.run({ project: 'p', id: 'r', history: [{ loss: 1 }] });
      const res = await gql(off, PARQUET, {
        entity: 'alice',
        project: 'p',
        runName: 'r',
        liveKeys: ['_step'],
      });
      expect(res.json.errors?.[0]?.message).toBe('Cannot query field "parquetHistory" on type "Run".');
      expect(off.history.parquetHistory).toBe('unsupported');
      // the emulator's own switches are not W&B server features
      const info = await data<{ serverInfo: { features: { name: string }[] } }>(
        off,
        '{ serverInfo { features { name } } }',
      );
      expect(info.serverInfo.features.map((f) => f.name)).not.toContain('RUN_PARQUET_HISTORY');
    } finally {
      await off.close();
    }
    await expect(startEmulator({ parquetHistoryRowsPerFile: 0 })).rejects.toThrow(
      /parquetHistoryRowsPerFile/,
    );
    await expect(startEmulator({ parquetHistory: 'yes' as never })).rejects.toThrow(/parquetHistory must be/);
  });

  it('refuses an expired URL', async () => {
    const clock = createManualClock('2024-06-01T00:00:00Z');
    const emu = await startEmulator({
      apiKey: KEY,
      viewer: { username: 'alice' },
      clock,
      signedUrlLifetimeMs: 1_000,
    });
    try {
      emu.seed.run({ project: 'p', id: 'r', history: [{ loss: 1 }, { loss: 2 }] });
      await emu.history.prepareParquet('alice/p/r');
      const [url] = (await parquetHistory(emu, 'r')).parquetUrls;
      expect((await fetch(url as string)).status).toBe(200);
      clock.advance(1_001);
      const expired = await fetch(url as string);
      expect(expired.status).toBe(403);
      expect(await expired.text()).toMatch(/Request has expired/);
    } finally {
      await emu.close();
    }
  });
});
