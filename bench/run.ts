/**
 * `npm run bench`: runs every benchmark one after another, each in a Node process of its own
 * (`node --expose-gc --import tsx bench/<name>.ts`, which forks its own emulator process), then
 * prints every measure of `bench/results.json` in one table with the total time (the goal: all of
 * it within 5 minutes). `npm run bench -- history-scan heap` runs only those; `export` (about
 * 90 s) runs only when named. Exits non-zero when
 * a benchmark crashed; a goal that is not met is reported (FAIL), not an error.
 *
 *   npm run bench
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { printTable, readResults, writeResults, type ResultsFile } from './lib.js';

const ALL = ['bundle-size', 'history-scan', 'runs-histories', 'runs-listing', 'heap', 'artifact-download'];
/** Run only when named (`npm run bench -- export`): with them the whole run would pass its 5 minutes. */
const OPTIONAL = ['export'];
const BUDGET_MS = 5 * 60_000;

const only = process.argv.slice(2);
const unknown = only.filter((name) => !ALL.includes(name) && !OPTIONAL.includes(name));
if (unknown.length)
  throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${[...ALL, ...OPTIONAL].join(', ')}`);
const scripts = only.length ? [...ALL, ...OPTIONAL].filter((name) => only.includes(name)) : ALL;

const started = new Date();
const file: ResultsFile = {
  startedAt: started.toISOString(),
  environment: {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: `${cpus().length} x ${cpus()[0]?.model ?? '?'}`,
    emulatorLatencyMs: Number(process.env.BENCH_LATENCY_MS ?? 30),
    loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))),
    ...(process.env.BENCH_ROUNDS ? { rounds: Number(process.env.BENCH_ROUNDS) } : {}),
  },
  durationsMs: {},
  entries: only.length ? readResults().entries : [],
};
writeResults(file);

const root = fileURLToPath(new URL('..', import.meta.url));
const failed: string[] = [];
for (const name of scripts) {
  const t0 = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', `bench/${name}.ts`], {
      cwd: root,
      stdio: 'inherit',
    });
    child.once('exit', (c, signal) => resolve(signal ? 1 : c));
  });
  const ms = performance.now() - t0;
  console.log(`-- ${name}: ${(ms / 1000).toFixed(1)} s${code ? ` (FAILED, exit ${code})` : ''}`);
  if (code) failed.push(name);
  const current = readResults();
  current.durationsMs = { ...current.durationsMs, [name]: Math.round(ms) };
  writeResults(current);
}

const results = readResults();
results.finishedAt = new Date().toISOString();
results.totalMs = Date.now() - started.getTime();
results.environment = {
  ...results.environment,
  loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))),
};
writeResults(results);

console.log('\n== all measures');
printTable(results.entries);
const total = results.totalMs / 1000;
const load = (l: unknown): string => (Array.isArray(l) ? l.join(' ') : '?');
console.log(
  `machine: ${String(results.environment?.cpus)}, load average ${load(results.environment?.loadAverageAtStart)} at the start, ${load(results.environment?.loadAverageAtEnd)} at the end`,
);
console.log(
  `\ntotal: ${total.toFixed(1)} s for ${scripts.length} benchmarks (${Object.entries(
    results.durationsMs ?? {},
  )
    .map(([n, ms]) => `${n} ${(ms / 1000).toFixed(1)} s`)
    .join(', ')}); budget ${BUDGET_MS / 60_000} min: ${results.totalMs <= BUDGET_MS ? 'within' : 'OVER'}`,
);
const fails = results.entries.filter((e) => e.pass === false).map((e) => e.name);
console.log(
  `goals: ${results.entries.filter((e) => e.pass === true).length} met, ${fails.length} not met${fails.length ? ` (${fails.join('; ')})` : ''}`,
);
if (failed.length) {
  console.error(`benchmarks that crashed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
