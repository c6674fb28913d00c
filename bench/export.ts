/**
 * Benchmark: `wandb-api export` of 1,000 runs (500 history rows each) with sampled history
 * (500 samples, the default), Parquet, against the emulator in its own process (`latencyMs: 30`).
 *
 * 8. `exportProject()` (what `wandb-api export --out DIR` runs) at `--concurrency 16` vs the same
 *    done one run at a time: list the runs (`lazy: false`), then each run's sampled history one
 *    after another, each written the same way (`history/run=<id>/part-0.parquet`), then
 *    `runs.parquet` [>= 8x]. Both folders must hold the same history and runs files.
 *
 * `BENCH_EXPORT_SWEEP=4,8,32` also times the export at those widths (information, one round each).
 *
 *   node --expose-gc --import tsx bench/export.ts     (npm run bench -- export)
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { exportProject } from '../src/cli/export/export.js';
import { historyPath, runsPath } from '../src/cli/export/layout.js';
import {
  fileSink,
  flattenRun,
  historyColumns,
  runColumns,
  writeRows,
  type Row,
} from '../src/cli/output/index.js';
import { Api } from '../src/node.js';
import { startEmulatorProcess } from './emulator.js';
import {
  cpuOf,
  describeTiming,
  entry,
  printSettings,
  printTable,
  saveEntries,
  section,
  timed,
  type ResultEntry,
} from './lib.js';

const BENCH = 'export';
const CONCURRENCY = 16;

/** Every file under `dir` but the export's state, as relative path -> bytes. */
async function tree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (d: string): Promise<void> => {
    for (const name of (await readdir(d)).sort()) {
      const path = join(d, name);
      if ((await stat(path)).isDirectory()) {
        if (name !== '.wandb-export') await walk(path);
      } else out.set(relative(dir, path), await readFile(path));
    }
  };
  await walk(dir);
  return out;
}

const emu = await startEmulatorProcess();
const dirs: string[] = [];
const newDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'bench-export-'));
  dirs.push(dir);
  return dir;
};
try {
  const scenario = await emu.seed('export-1k');
  const RUNS = scenario.runs!;
  section(
    `export of ${RUNS} runs x ${scenario.rowsPerRun} rows, sampled history, Parquet (emulator pid ${emu.pid}, latency ${emu.latencyMs} ms)`,
  );
  const apiOf = (concurrency: number): Api =>
    new Api({ baseUrl: emu.url, apiKey: emu.apiKey, cache: false, concurrency });

  async function oneAtATime(): Promise<string> {
    const out = await newDir();
    const api = apiOf(CONCURRENCY);
    const rows: Row[] = [];
    for await (const run of api.runs(scenario.project, { lazy: false, perPage: 100 })) {
      const history = await run.history();
      if (history.length) {
        await writeRows('parquet', fileSink(historyPath(out, run.id, 'parquet')), history, {
          columns: historyColumns(history),
          statistics: ['_step'],
        });
      }
      rows.push(flattenRun(run));
    }
    await writeRows('parquet', fileSink(runsPath(out, undefined, 'parquet')), rows, {
      columns: runColumns(rows),
    });
    return out;
  }

  async function exported(concurrency: number): Promise<string> {
    const out = await newDir();
    const done = await exportProject(apiOf(concurrency), {
      project: scenario.project,
      out,
      format: 'parquet',
      history: 'sampled',
      concurrency,
    });
    if (done.exported !== RUNS) throw new Error(`export: ${done.exported} runs exported, expected ${RUNS}`);
    return out;
  }

  const settings = { concurrency: CONCURRENCY, perPage: 100, samples: 500, format: 'parquet', cache: false };
  printSettings(settings);
  const serverCpuMs = emu.cpuMs;
  const base = await timed(oneAtATime, { rounds: 1, serverCpuMs });
  console.log(`one run at a time: ${describeTiming(base)}`);
  await emu.clearRequests();
  const ours = await timed(() => exported(CONCURRENCY), { rounds: 3, serverCpuMs });
  const graphql = (await emu.requestCounts()).graphql / ours.samplesMs.length;
  console.log(
    `export --concurrency ${CONCURRENCY}: ${describeTiming(ours)}; ${graphql} GraphQL requests per round`,
  );

  // The same files either way.
  const a = await tree(base.last);
  const b = await tree(ours.last);
  const differing = [...new Set([...a.keys(), ...b.keys()])].filter(
    (p) => !a.get(p)?.equals(b.get(p) ?? Buffer.alloc(0)),
  );
  if (a.size !== RUNS + 1 || differing.length)
    throw new Error(`export: ${differing.length} files differ from one run at a time (${a.size} files)`);

  const entries: ResultEntry[] = [
    entry({
      benchmark: BENCH,
      name: `wandb-api export, ${RUNS} runs sampled history, Parquet`,
      unit: 'ms',
      value: ours.medianMs,
      values: ours.samplesMs,
      baseline: base.medianMs,
      baselineValues: base.samplesMs,
      baselineDescription:
        "list (lazy: false), then each run's sampled history one after another, written the same way",
      goal: { kind: 'speedup', target: 8 },
      settings,
      cpuMs: cpuOf(ours, base),
      notes: `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(
          ' ',
        )} at the end (2 cores: the export is CPU-bound, the baseline waits on latency); the same ${a.size} files (history partitions and runs.parquet) both ways; ${graphql} GraphQL requests per round`,
    }),
  ];

  const sweep = (process.env.BENCH_EXPORT_SWEEP ?? '').split(',').filter(Boolean).map(Number);
  for (const width of sweep) {
    const t = await timed(() => exported(width), { rounds: 1, serverCpuMs });
    console.log(`export --concurrency ${width}: ${describeTiming(t)}`);
    entries.push(
      entry({
        benchmark: BENCH,
        name: `wandb-api export, ${RUNS} runs, --concurrency ${width}`,
        unit: 'ms',
        value: t.medianMs,
        values: t.samplesMs,
        baseline: base.medianMs,
        goal: { kind: 'info', ratio: 'speedup' },
        settings: { ...settings, concurrency: width },
        cpuMs: cpuOf(t),
      }),
    );
  }
  printTable(entries);
  saveEntries(entries);
} finally {
  await emu.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
}
