/**
 * Benchmark: `run.scanHistory()` of a finished run of 200,000 history rows (7 keys each), against
 * the emulator in its own process (`latencyMs: 30`).
 *
 * Baseline (same process, same emulator): what the Python client's `scan_history` does — one
 * `historyKeys` query for the last step, then sequential windows of 1,000 steps (`HistoryPage`:
 * `history(minStep, maxStep, samples)`), each sent with bare `fetch`, each row `JSON.parse`d.
 *
 * 1. `scanHistory({ source: 'windows' })`: parallel windows through the Api's limiter [>= 4x].
 * 2. `scanHistory({ source: 'parquet' })`: the run's Parquet history files [>= 10x].
 *
 *   node --expose-gc --import tsx bench/history-scan.ts     (part of npm run bench)
 */
import { HistoryPageDocument, RunHistoryKeysDocument } from '../src/generated/graphql.js';
import { Api, type HistoryRow } from '../src/index.js';
import { startEmulatorProcess } from './emulator.js';
import {
  cpuOf,
  describeTiming,
  entry,
  printSettings,
  printTable,
  queryText,
  rawGraphql,
  saveEntries,
  section,
  timed,
  type ResultEntry,
} from './lib.js';

const WINDOW = 1_000;
const BENCH = 'history-scan';

const emu = await startEmulatorProcess();
try {
  const scenario = await emu.seed('history-200k');
  const ROWS = scenario.rowsPerRun!;
  const [entity, project] = scenario.project.split('/') as [string, string];
  const vars = { entity, project, name: 'long' };
  section(
    `scanHistory of ${ROWS.toLocaleString('en')} rows (emulator pid ${emu.pid}, latency ${emu.latencyMs} ms)`,
  );

  /** A row count and a checksum of the steps: both sides must read exactly the same rows. */
  interface Scan {
    rows: number;
    stepSum: number;
  }
  const expected: Scan = { rows: ROWS, stepSum: (ROWS * (ROWS - 1)) / 2 };
  const check = (what: string) => (s: Scan) => {
    if (s.rows !== expected.rows || s.stepSum !== expected.stepSum) {
      throw new Error(`${what}: read ${s.rows} rows (step sum ${s.stepSum}), expected ${ROWS}`);
    }
  };

  const keysQuery = queryText(RunHistoryKeysDocument);
  const pageQuery = queryText(HistoryPageDocument);
  async function baseline(): Promise<Scan> {
    const keys = await rawGraphql<{ project: { run: { historyKeys: { lastStep: number } } } }>(
      emu.url,
      emu.authorization,
      keysQuery,
      vars,
    );
    const end = keys.project.run.historyKeys.lastStep + 1;
    const scan: Scan = { rows: 0, stepSum: 0 };
    for (let a = 0; a < end; a += WINDOW) {
      const data = await rawGraphql<{ project: { run: { history: string[] } } }>(
        emu.url,
        emu.authorization,
        pageQuery,
        { ...vars, minStep: a, maxStep: Math.min(a + WINDOW, end), pageSize: WINDOW },
      );
      for (const line of data.project.run.history) {
        const row = JSON.parse(line) as HistoryRow;
        scan.rows++;
        scan.stepSum += row._step as number;
      }
    }
    return scan;
  }

  const api = new Api({ baseUrl: emu.url, apiKey: emu.apiKey });
  const run = await api.run(`${scenario.project}/long`);
  async function client(source: 'windows' | 'parquet'): Promise<Scan> {
    const scan: Scan = { rows: 0, stepSum: 0 };
    for await (const row of run.scanHistory({ source })) {
      scan.rows++;
      scan.stepSum += row._step as number;
    }
    return scan;
  }

  const settings = { concurrency: api.concurrency(), pageSize: WINDOW, baselineWindow: WINDOW };
  printSettings(settings);

  await client('windows'); // warm-up (JIT, connections)
  const serverCpuMs = emu.cpuMs;
  const base = await timed(baseline, { rounds: 2, check: check('baseline'), serverCpuMs });
  console.log(`baseline, sequential raw windows: ${describeTiming(base)}`);
  const entries: ResultEntry[] = [];
  const baselineDescription = `historyKeys + sequential HistoryPage windows of ${WINDOW} (raw fetch + JSON.parse per row)`;

  /** Times one source against the baseline; a failure is reported as a failed entry. */
  async function measure(source: 'windows' | 'parquet', target: number): Promise<ResultEntry> {
    const name = `scanHistory ${source}, ${ROWS / 1000}k rows`;
    const common = {
      benchmark: BENCH,
      name,
      unit: 'ms',
      baseline: base.medianMs,
      baselineValues: base.samplesMs,
      baselineDescription,
      goal: { kind: 'speedup', target } as const,
      settings: { ...settings, source },
    };
    try {
      if (source === 'parquet') await client('parquet'); // warm-up: loads the Parquet reader
      const t = await timed(() => client(source), { rounds: 3, check: check(source), serverCpuMs });
      console.log(`scanHistory({ source: '${source}' }): ${describeTiming(t)}`);
      return entry({ ...common, value: t.medianMs, values: t.samplesMs, cpuMs: cpuOf(t, base) });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      console.log(`scanHistory({ source: '${source}' }) failed: ${message}`);
      return entry({ ...common, value: NaN, pass: false, notes: `failed: ${message}` });
    }
  }
  entries.push(await measure('windows', 4), await measure('parquet', 10));
  printTable(entries);
  saveEntries(entries);
} finally {
  await emu.close();
}
