/**
 * Benchmark: `run.scanHistory()` over a run with 50 000 history rows against the emulator, as a
 * ratio to sending the same window queries with bare `fetch` and `JSON.parse` (plus parsing each
 * row, which the client must do too). Also the heap growth while scanning, which should stay near
 * one window's worth of rows however long the history is, and the time of a `File.arrayBuffer()`
 * download of 16 MiB next to a bare `fetch` of the same signed URL.
 *
 *   npm run bench
 */
import { print } from 'graphql';
import { startEmulator } from '../src/emulator/index.js';
import { HistoryPageDocument, RunHistoryKeysDocument } from '../src/generated/graphql-ast.js';
import { Api } from '../src/index.js';

const ROWS = 50_000;
const PAGE = 1_000;
const ROUNDS = 3;
const FILE_BYTES = 16 * 1024 * 1024 - 1024;

const emu = await startEmulator({ seed: 'empty', viewer: { username: 'bench' } });
const history = Array.from({ length: ROWS }, (_, step) => ({
  _step: step,
  loss: 1 / (step + 1),
  accuracy: step / ROWS,
  lr: 0.001,
  _runtime: step * 0.1,
}));
const blob = new Uint8Array(FILE_BYTES).map((_, i) => i % 251);
emu.seed.run({ entity: 'bench', project: 'p', id: 'long', history, files: { 'model.bin': blob } });

const auth = `Basic ${btoa(`api:${emu.apiKey}`)}`;
async function post<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${emu.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: auth },
    body: JSON.stringify({ query, variables }),
  });
  return ((await res.json()) as { data: T }).data;
}

const keysQuery = print(RunHistoryKeysDocument);
const pageQuery = print(HistoryPageDocument);
const vars = { entity: 'bench', project: 'p', name: 'long' };

async function baseline(): Promise<number> {
  const keys = await post<{ project: { run: { historyKeys: { lastStep: number } } } }>(keysQuery, vars);
  const end = keys.project.run.historyKeys.lastStep + 1;
  let count = 0;
  for (let a = 0; a < end; a += PAGE) {
    const data = await post<{ project: { run: { history: string[] } } }>(pageQuery, {
      ...vars,
      minStep: a,
      maxStep: Math.min(a + PAGE, end),
      pageSize: PAGE,
    });
    for (const row of data.project.run.history) if (JSON.parse(row) as unknown) count++;
  }
  return count;
}

const api = new Api({ baseUrl: emu.url, apiKey: emu.apiKey });
const run = await api.run('bench/p/long');

async function client(): Promise<number> {
  let count = 0;
  for await (const row of run.scanHistory({ pageSize: PAGE })) if (row._step !== undefined) count++;
  return count;
}

async function median(fn: () => Promise<unknown>, check?: (n: unknown) => void): Promise<number> {
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    const n = await fn();
    samples.push(performance.now() - t0);
    check?.(n);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const expectRows = (n: unknown): void => {
  if (n !== ROWS) throw new Error(`expected ${ROWS} rows, got ${String(n)}`);
};

try {
  await client(); // warm-up
  const base = await median(baseline, expectRows);
  const ours = await median(client, expectRows);
  console.log(
    `scanHistory ${ROWS} rows / ${PAGE} per window: baseline ${base.toFixed(1)} ms, wandb-api ${ours.toFixed(1)} ms, ratio ${(ours / base).toFixed(2)}`,
  );

  // Retained heap: garbage-collected at the start and every 10 000 rows, so it counts only what
  // the scan keeps alive (it should not grow with the number of rows already yielded).
  const gc = global.gc ?? ((): void => undefined);
  gc();
  const before = process.memoryUsage().heapUsed;
  const retained: number[] = [];
  for await (const row of run.scanHistory({ pageSize: PAGE })) {
    if ((row._step as number) % 10_000 === 9_999) {
      gc();
      retained.push(process.memoryUsage().heapUsed - before);
    }
  }
  const mib = (n: number): string => (n / 1024 / 1024).toFixed(1);
  console.log(
    `retained heap while scanning, after GC every 10 000 rows: ${retained.map(mib).join(', ')} MiB${global.gc ? '' : ' (run with --expose-gc)'}`,
  );

  const file = await run.file('model.bin');
  await (await fetch(file.directUrl)).arrayBuffer(); // warm-up
  await file.arrayBuffer();
  const bare = await median(async () => (await fetch(file.directUrl)).arrayBuffer());
  const mine = await median(
    async () => (await run.file('model.bin')).arrayBuffer(),
    (b) => {
      if ((b as ArrayBuffer).byteLength !== FILE_BYTES) throw new Error('short download');
    },
  );
  console.log(
    `download ${(FILE_BYTES / 1024 / 1024).toFixed(0)} MiB: bare fetch ${bare.toFixed(1)} ms, wandb-api ${mine.toFixed(1)} ms, ratio ${(mine / bare).toFixed(2)}`,
  );
} finally {
  await emu.close();
}
