/**
 * Benchmark: the sampled history of 500 runs (1,000 rows each, 500 samples asked) against the
 * emulator in its own process (`latencyMs: 30`).
 *
 * 3. `api.runs(project).histories({ samples: 500 })` vs one run after another
 *    (`for await (const run of api.runs(project)) await run.history({ samples: 500 })`) [>= 6x].
 * 7. 429 storm: the emulator answers 30 % of the GraphQL requests 429 (a seeded rate fault)
 *    during the same `histories()`: it must complete, every run's rows equal to the clean run's,
 *    with fewer than 2x the GraphQL requests of the clean run.
 *
 *   node --expose-gc --import tsx bench/runs-histories.ts     (part of npm run bench)
 */
import { Api, type HistoryRow, type RetryEvent, type RetryOptions } from '../src/index.js';
import { DEFAULT_RETRY } from '../src/transport/index.js';
import { startEmulatorProcess } from './emulator.js';
import {
  entry,
  cpuOf,
  describeTiming,
  printSettings,
  printTable,
  saveEntries,
  section,
  timed,
  type ResultEntry,
} from './lib.js';

const SAMPLES = 500;
const BENCH = 'runs-histories';
/** Short delays, so that the storm takes seconds, not minutes; attempts as by default. */
const STORM_RETRY: RetryOptions = { initialDelayMs: 50, maxDelayMs: 1_000 };
const STORM_RATE = 0.3;
const DEFAULT_MAX_ATTEMPTS = DEFAULT_RETRY.maxAttempts;

const emu = await startEmulatorProcess();
try {
  const scenario = await emu.seed('histories-500');
  const RUNS = scenario.runs!;
  section(
    `sampled history of ${RUNS} runs x ${scenario.rowsPerRun} rows, samples ${SAMPLES} (emulator pid ${emu.pid}, latency ${emu.latencyMs} ms)`,
  );

  type Histories = Map<string, string>;
  const check = (what: string) => (h: Histories) => {
    if (h.size !== RUNS) throw new Error(`${what}: ${h.size} runs read, expected ${RUNS}`);
  };

  const api = new Api({ baseUrl: emu.url, apiKey: emu.apiKey, cache: false });
  const rowsKey = (rows: HistoryRow[]): string => JSON.stringify(rows);

  async function oneAfterAnother(): Promise<Histories> {
    const out: Histories = new Map();
    for await (const run of api.runs(scenario.project))
      out.set(run.id, rowsKey(await run.history({ samples: SAMPLES })));
    return out;
  }

  async function histories(client: Api): Promise<Histories> {
    const out: Histories = new Map();
    for await (const { run, rows } of client.runs(scenario.project).histories({ samples: SAMPLES })) {
      if (out.has(run.id)) throw new Error(`run ${run.id} came twice`);
      out.set(run.id, rowsKey(rows));
    }
    return out;
  }

  const settings = { concurrency: api.concurrency(), perPage: 50, samples: SAMPLES, cache: false };
  printSettings(settings);

  // No separate warm-up: the baseline runs first and warms up what both sides share.
  const serverCpuMs = emu.cpuMs;
  const base = await timed(oneAfterAnother, { rounds: 1, check: check('one after another'), serverCpuMs });
  console.log(`one run after another: ${describeTiming(base)}`);
  await emu.clearRequests();
  const ours = await timed(() => histories(api), { rounds: 3, check: check('histories'), serverCpuMs });
  const rounds = ours.samplesMs.length;
  const cleanGraphql = (await emu.requestCounts()).graphql / rounds;
  console.log(`runs.histories(): ${describeTiming(ours)}; ${cleanGraphql} GraphQL requests per round`);

  // Every run's rows, in listing order, as read one after another.
  const clean = ours.last;
  const baseOrder = [...base.last.keys()];
  if ([...clean.keys()].join() !== baseOrder.join()) throw new Error('histories(): not in listing order');
  const differing = baseOrder.filter((id) => base.last.get(id) !== clean.get(id));
  if (differing.length)
    throw new Error(`histories(): rows differ from run.history() for ${differing.length} runs`);

  const entries: ResultEntry[] = [
    entry({
      benchmark: BENCH,
      name: `runs.histories(), ${RUNS} runs sampled`,
      unit: 'ms',
      value: ours.medianMs,
      values: ours.samplesMs,
      baseline: base.medianMs,
      baselineValues: base.samplesMs,
      baselineDescription: 'for await (run of api.runs()) await run.history(): one run after another',
      goal: { kind: 'speedup', target: 6 },
      settings,
      cpuMs: cpuOf(ours, base),
      notes: `same rows as one after another for all ${RUNS} runs, in listing order; clean run: ${cleanGraphql} GraphQL requests`,
    }),
  ];

  // 7. The 429 storm.
  const retries: RetryEvent[] = [];
  const stormApi = new Api({
    baseUrl: emu.url,
    apiKey: emu.apiKey,
    cache: false,
    retry: { ...STORM_RETRY, onRetry: (e) => retries.push(e) },
  });
  console.log(
    `429 storm: ${STORM_RATE * 100} % of GraphQL requests answered 429 (the emulator's default fault seed); retry policy ${JSON.stringify(STORM_RETRY)} (other bounds default: maxAttempts ${DEFAULT_MAX_ATTEMPTS})`,
  );
  await emu.clearRequests();
  // No seed of our own: which requests fail is the emulator's default draw, not one picked to pass.
  await emu.addFault({ target: 'graphql', status: 429, rate: STORM_RATE, times: Infinity });
  let storm: Histories | undefined;
  let failure: string | undefined;
  const t0 = performance.now();
  try {
    storm = await histories(stormApi);
  } catch (err) {
    failure = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  }
  const stormMs = performance.now() - t0;
  await emu.clearFaults();
  const stormCounts = await emu.requestCounts();
  const lost = storm ? baseOrder.filter((id) => storm.get(id) !== clean.get(id)).length : RUNS;
  const extra = storm ? [...storm.keys()].filter((id) => !clean.has(id)).length : 0;
  const inOrder = storm ? [...storm.keys()].join() === baseOrder.join() : false;
  const ratio = stormCounts.graphql / cleanGraphql;
  // Each attempt is answered 429 independently with STORM_RATE: a request is lost when all its
  // attempts are, so a storm over the clean run's requests loses none with this probability.
  const pNoLoss = (1 - STORM_RATE ** DEFAULT_MAX_ATTEMPTS) ** cleanGraphql;
  console.log(
    `429 storm: with ${DEFAULT_MAX_ATTEMPTS} attempts per request, P(no request lost over ${cleanGraphql} requests) = (1 - ${STORM_RATE}^${DEFAULT_MAX_ATTEMPTS})^${cleanGraphql} = ${(pNoLoss * 100).toFixed(0)} %`,
  );
  /** The attempt the deepest retry was scheduled after (a request lost would need all of them to fail). */
  const deepest = Math.max(0, ...retries.map((e) => e.attempt));
  console.log(
    `429 storm: ${failure ? `FAILED (${failure})` : 'completed'} in ${stormMs.toFixed(0)} ms; ${stormCounts.graphql} GraphQL requests (${stormCounts.graphql429} answered 429, ${retries.length} retries, the deepest at attempt ${deepest} of ${DEFAULT_MAX_ATTEMPTS}) vs ${cleanGraphql} clean = ${ratio.toFixed(2)}x; runs differing from the clean run: ${lost}, unexpected: ${extra}; in listing order: ${inOrder}; width after: ${stormApi.concurrency()}`,
  );
  entries.push(
    entry({
      benchmark: BENCH,
      name: `429 storm (${STORM_RATE * 100} %) during runs.histories(), requests`,
      unit: 'requests',
      value: stormCounts.graphql,
      baseline: cleanGraphql,
      baselineDescription: 'GraphQL requests of the same histories() without faults',
      goal: { kind: 'check', description: 'completes, no run lost or changed, < 2x the requests' },
      pass: !failure && lost === 0 && extra === 0 && inOrder && ratio < 2,
      values: [stormMs],
      labels: ['wall ms'],
      settings: { ...settings, retry: STORM_RETRY, faultRate: STORM_RATE, faultSeed: 'emulator default' },
      notes: `${failure ? `failed: ${failure}; ` : ''}${stormCounts.graphql429} answered 429, ${retries.length} retries (deepest: attempt ${deepest} of ${DEFAULT_MAX_ATTEMPTS}), ${lost} runs differing, ${stormMs.toFixed(0)} ms; requests ratio ${ratio.toFixed(2)}x; P(no loss) with ${DEFAULT_MAX_ATTEMPTS} attempts = ${(pNoLoss * 100).toFixed(0)} %`,
    }),
  );
  entries[1]!.ratio = ratio;
  printTable(entries);
  saveEntries(entries);
} finally {
  await emu.close();
}
