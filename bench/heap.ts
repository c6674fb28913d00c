/**
 * Benchmark: the client's heap while it iterates 100,000 runs and while it scans 1,000,000
 * history rows, against the emulator in its own process (`latencyMs: 30`; its memory is not
 * counted: it is another process). Needs `--expose-gc`.
 *
 * 6a. Iterating a listing of 100,000 runs (`lazy: false`) with a new `Api` of default options:
 *     peak `heapUsed` growth over the heap after a full GC before the loop, sampled every 500
 *     runs [<= 50 MiB]. `perPage` 1,000 rather than the default 50, to fit the 5-minute budget
 *     (2,000 pages of 50 would take over a minute of latency alone); the bigger the page, the more
 *     the client may hold at once, so this is the harder case.
 * 6b. Scanning 1,000,000 rows of one finished run with `scanHistory({ source: 'windows' })`: the
 *     growth retained (after a full GC) at 250k / 500k / 750k / 1M rows [flat: the growth at 1M
 *     rows at most 16 MiB above the growth at 250k; keeping the rows would add over 100 MiB].
 *     (`source: 'auto'`, Parquet for a finished run, is left out for the 5-minute budget.)
 *
 *   node --expose-gc --import tsx bench/heap.ts     (part of npm run bench)
 */
import { Api } from '../src/index.js';
import { startEmulatorProcess } from './emulator.js';
import {
  entry,
  HeapProbe,
  mib,
  printSettings,
  printTable,
  saveEntries,
  section,
  type ResultEntry,
} from './lib.js';

const BENCH = 'heap';
const PER_PAGE = 1_000;
const FLAT_MIB = 16;

const emu = await startEmulatorProcess();
try {
  const entries: ResultEntry[] = [];
  const [runs, history] = await Promise.all([emu.seed('runs-100k'), emu.seed('history-1m')]);
  section(`heap growth (emulator pid ${emu.pid}, latency ${emu.latencyMs} ms)`);

  // 6a. 100,000 runs, with a new Api of default options.
  {
    const RUNS = runs.runs!;
    const api = new Api({ baseUrl: emu.url, apiKey: emu.apiKey });
    const settings = {
      concurrency: api.concurrency(),
      perPage: PER_PAGE,
      lazy: false,
      cache: 'default (on)',
    };
    printSettings(settings);
    const probe = new HeapProbe();
    const retained: number[] = [];
    let count = 0;
    const t0 = performance.now();
    for await (const run of api.runs(runs.project, { perPage: PER_PAGE, lazy: false })) {
      if (run.id) count++;
      if (count % 500 === 0) probe.sample();
      if (count % 25_000 === 0) retained.push(mib(probe.retained()));
    }
    const ms = performance.now() - t0;
    if (count !== RUNS) throw new Error(`listed ${count} runs, expected ${RUNS}`);
    console.log(
      `iterating ${RUNS.toLocaleString('en')} runs: ${ms.toFixed(0)} ms; peak heap growth ${mib(probe.peak).toFixed(1)} MiB; retained after GC at 25k/50k/75k/100k: ${retained.map((r) => r.toFixed(1)).join(' / ')} MiB`,
    );
    entries.push(
      entry({
        benchmark: BENCH,
        name: `heap growth iterating ${RUNS / 1000}k runs (peak)`,
        unit: 'MiB',
        value: mib(probe.peak),
        goal: { kind: 'max', target: 50 },
        settings,
        notes: `retained after GC at 25k/50k/75k/100k runs: ${retained.map((r) => r.toFixed(1)).join(' / ')} MiB; ${ms.toFixed(0)} ms`,
      }),
    );
  }

  // 6b. 1,000,000 rows.
  const ROWS = history.rowsPerRun!;
  const api = new Api({ baseUrl: emu.url, apiKey: emu.apiKey });
  const run = await api.run(`${history.project}/long`);
  for (const source of ['windows'] as const) {
    const settings = { concurrency: api.concurrency(), pageSize: 1_000, source };
    printSettings(settings);
    const probe = new HeapProbe();
    const checkpoints: number[] = [];
    let count = 0;
    let failure: string | undefined;
    const t0 = performance.now();
    try {
      for await (const row of run.scanHistory({ source })) {
        if (row._step !== count) throw new Error(`row ${count} has _step ${String(row._step)}`);
        count++;
        if (count % 10_000 === 0) probe.sample();
        if (count % 250_000 === 0) checkpoints.push(mib(probe.retained()));
      }
      if (count !== ROWS) throw new Error(`scanned ${count} rows, expected ${ROWS}`);
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    }
    const ms = performance.now() - t0;
    console.log(
      `scanning ${ROWS.toLocaleString('en')} rows, source ${source}: ${failure ? `FAILED (${failure}) ` : ''}${ms.toFixed(0)} ms; retained growth at 250k/500k/750k/1M rows: ${checkpoints.map((c) => c.toFixed(1)).join(' / ')} MiB; peak (uncollected) ${mib(probe.peak).toFixed(1)} MiB`,
    );
    entries.push(
      entry({
        benchmark: BENCH,
        name: `heap growth scanning ${ROWS / 1e6}M rows, source ${source}`,
        unit: 'MiB',
        value: checkpoints.at(-1) ?? NaN,
        values: checkpoints,
        labels: [250_000, 500_000, 750_000, 1_000_000].slice(0, checkpoints.length),
        goal: { kind: 'flat', target: FLAT_MIB },
        ...(failure ? { pass: false } : {}),
        settings,
        notes: `${failure ? `failed: ${failure}; ` : ''}peak uncollected growth ${mib(probe.peak).toFixed(1)} MiB; ${ms.toFixed(0)} ms`,
      }),
    );
  }
  printTable(entries);
  saveEntries(entries);
} finally {
  await emu.close();
}
