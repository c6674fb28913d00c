/**
 * Benchmark: listing 10,000 runs (`lazy: false`: config, summary and the other heavy fields)
 * against the emulator in its own process (`latencyMs: 30`), at the listing's documented default
 * page size (`perPage` 50). A new `Api` (default options, its query cache included) per round, as
 * a script would have.
 *
 * 4. The caller does 0.2 ms of work per run (a busy loop): `api.runs()` with its prefetch (the
 *    default: the next page is fetched while the caller works on this one) vs `prefetch: false`
 *    [>= 1.3x faster].
 *    For information, the same pair at `perPage` 200, and the ceiling of one page ahead.
 * 5. Client overhead, no work per run: `api.runs()` vs a raw `fetch` loop of the same pages (the
 *    same `RunsPage` document and variables, `JSON.parse` of each answer) [<= 1.1x the time].
 *
 *   node --expose-gc --import tsx bench/runs-listing.ts     (part of npm run bench)
 */
import { RunsPageDocument } from '../src/generated/graphql.js';
import { Api, type RunsOptions } from '../src/index.js';
import { startEmulatorProcess, type RequestCounts } from './emulator.js';
import {
  busyWait,
  cpuMs,
  entry,
  median,
  printSettings,
  printTable,
  queryText,
  rawGraphql,
  saveEntries,
  section,
  type ResultEntry,
} from './lib.js';

const PER_PAGE = 50; // the documented default of api.runs()
const WORK_MS = 0.2;
const BENCH = 'runs-listing';
/** Rounds of each variant (6 listings of 3-10 s each per round): the 5-minute budget allows two. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));

const emu = await startEmulatorProcess();
try {
  const scenario = await emu.seed('runs-10k');
  const RUNS = scenario.runs!;
  const [entity, project] = scenario.project.split('/') as [string, string];
  section(
    `listing ${RUNS.toLocaleString('en')} runs, lazy: false (emulator pid ${emu.pid}, latency ${emu.latencyMs} ms)`,
  );

  const newApi = (): Api => new Api({ baseUrl: emu.url, apiKey: emu.apiKey });
  async function list(options: RunsOptions, workMs: number): Promise<number> {
    let count = 0;
    for await (const run of newApi().runs(scenario.project, { lazy: false, ...options })) {
      if (run.id) count++;
      if (workMs > 0) busyWait(workMs);
    }
    return count;
  }

  const query = queryText(RunsPageDocument);
  async function raw(): Promise<number> {
    let cursor: string | null = null;
    let count = 0;
    for (;;) {
      const data: {
        project: {
          runs: { edges: { cursor: string }[]; pageInfo: { hasNextPage: boolean; endCursor?: string } };
        };
      } = await rawGraphql(emu.url, emu.authorization, query, {
        entity,
        project,
        cursor,
        perPage: PER_PAGE,
        filters: '{}',
        order: '+created_at',
        heavy: true,
        withTotal: cursor === null, // as the client: the run count with the first page only
      });
      const { edges, pageInfo } = data.project.runs;
      count += edges.length;
      if (!pageInfo.hasNextPage) return count;
      cursor = edges[edges.length - 1]!.cursor;
    }
  }

  interface Measured {
    samples: number[];
    /** CPU ms per round of this process and of the emulator's. */
    client: number[];
    server: number[];
    counts: RequestCounts;
  }
  const cpu = (a: Measured, b: Measured): Record<string, number> => ({
    client: Math.round(median(a.client)),
    emulator: Math.round(median(a.server)),
    baselineClient: Math.round(median(b.client)),
    baselineEmulator: Math.round(median(b.server)),
  });

  /** Runs the variants in turns (A B C A B C ...), so that a slow moment of the machine hits all alike. */
  async function interleaved(
    variants: Record<string, () => Promise<number>>,
  ): Promise<Record<string, Measured>> {
    const out: Record<string, Measured> = {};
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, fn] of Object.entries(variants)) {
        await emu.clearRequests();
        const s0 = await emu.cpuMs();
        const c0 = cpuMs();
        const t0 = performance.now();
        const n = await fn();
        const ms = performance.now() - t0;
        const client = cpuMs() - c0;
        const server = (await emu.cpuMs()) - s0;
        if (n !== RUNS) throw new Error(`${name}: ${n} runs listed, expected ${RUNS}`);
        const counts = await emu.requestCounts();
        const m = (out[name] ??= { samples: [], client: [], server: [], counts });
        m.samples.push(ms);
        m.client.push(client);
        m.server.push(server);
      }
    }
    return out;
  }

  const settings = { concurrency: newApi().concurrency(), perPage: PER_PAGE, lazy: false, rounds: ROUNDS };
  printSettings(settings);
  await list({ perPage: 500 }, 0); // warm-up (20 pages; raw() needs none to speak of)

  const r = await interleaved({
    prefetch: () => list({}, WORK_MS),
    noPrefetch: () => list({ prefetch: false }, WORK_MS),
    client: () => list({}, 0),
    raw,
    // Information: the same pair with pages of 200 (the work per page then outweighs its latency).
    prefetch200: () => list({ perPage: 200 }, WORK_MS),
    noPrefetch200: () => list({ perPage: 200, prefetch: false }, WORK_MS),
  });
  const m = (name: string): number => median(r[name]!.samples);
  const show = (name: string): string =>
    `${r[name]!.samples.map((s) => s.toFixed(0)).join(', ')} ms (${r[name]!.counts.graphql} GraphQL requests; client CPU ${median(r[name]!.client).toFixed(0)} ms, emulator CPU ${median(r[name]!.server).toFixed(0)} ms)`;
  console.log(
    `with ${WORK_MS} ms of work per run: prefetch ${show('prefetch')}; prefetch: false ${show('noPrefetch')}`,
  );
  console.log(`no work: api.runs() ${show('client')}; raw fetch loop ${show('raw')}`);
  console.log(
    `perPage 200, with ${WORK_MS} ms of work per run: prefetch ${show('prefetch200')}; prefetch: false ${show('noPrefetch200')}`,
  );
  // What one page ahead can gain at best, with a client that costs nothing beyond the raw loop:
  // each page still waits for its request (sent once the previous page is read), the work hides
  // behind it: (raw time + work) / raw time.
  const ceiling = (m('raw') + RUNS * WORK_MS) / m('raw');
  console.log(
    `ceiling of one page ahead at perPage ${PER_PAGE} (raw loop time + work) / raw loop time: ${ceiling.toFixed(2)}x`,
  );

  /** The entry of variant `name` against variant `base`. */
  const compare = (
    name: string,
    base: string,
    {
      extraNotes,
      ...e
    }: Pick<ResultEntry, 'name' | 'baselineDescription' | 'goal' | 'settings'> & {
      extraNotes?: string;
    },
  ): ResultEntry =>
    entry({
      benchmark: BENCH,
      unit: 'ms',
      ...e,
      value: m(name),
      values: r[name]!.samples,
      baseline: m(base),
      baselineValues: r[base]!.samples,
      cpuMs: cpu(r[name]!, r[base]!),
      notes: `GraphQL requests: ${r[name]!.counts.graphql} (${name}), ${r[base]!.counts.graphql} (${base})${extraNotes ? `; ${extraNotes}` : ''}`,
    });
  const entries: ResultEntry[] = [
    compare('prefetch', 'noPrefetch', {
      name: `list ${RUNS / 1000}k runs + ${WORK_MS} ms work/run, prefetch`,
      baselineDescription: 'the same listing with prefetch: false',
      goal: { kind: 'speedup', target: 1.3 },
      settings: { ...settings, workMsPerRun: WORK_MS },
      extraNotes: `ceiling of one page ahead with a client costing no more than the raw loop: (raw ${m('raw').toFixed(0)} ms + work ${RUNS * WORK_MS} ms) / raw = ${ceiling.toFixed(2)}x`,
    }),
    compare('prefetch200', 'noPrefetch200', {
      name: `list ${RUNS / 1000}k runs + ${WORK_MS} ms work/run, prefetch, perPage 200 (info)`,
      baselineDescription: 'the same listing with prefetch: false, perPage 200',
      goal: { kind: 'info', ratio: 'speedup' },
      settings: { ...settings, perPage: 200, workMsPerRun: WORK_MS },
    }),
    compare('client', 'raw', {
      name: `list ${RUNS / 1000}k runs, client overhead`,
      baselineDescription: 'raw fetch + JSON.parse loop of the same RunsPage pages',
      goal: { kind: 'ratio', target: 1.1 },
      settings,
    }),
  ];
  printTable(entries);
  saveEntries(entries);
} finally {
  await emu.close();
}
