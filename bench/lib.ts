/**
 * What the benchmarks share: timing (`performance.now()`, repeated rounds, median), heap
 * measures (`--expose-gc`), a busy loop, raw GraphQL `fetch` for the baselines, and
 * `bench/results.json` (one entry per measure, merged by name so that each script adds its own).
 *
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { print, type DocumentNode } from 'graphql';

/** Where every benchmark writes its entries. */
export const RESULTS_PATH = fileURLToPath(new URL('./results.json', import.meta.url));

// ---------------------------------------------------------------------------------------------
// Timing

/** Median of numbers (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Timed samples of a function, and their median. */
export interface Timing<T> {
  medianMs: number;
  samplesMs: number[];
  /** What the last round returned. */
  last: T;
  /** CPU time of this process per round (median), ms. */
  clientCpuMs: number;
  /** CPU time of the emulator's process per round (median), ms, when `serverCpuMs` was given. */
  serverCpuMs?: number;
}

/** This process's CPU time so far (user + system), ms. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Runs `fn` `rounds` times (after `warmup` untimed runs), stopping early once the timed rounds
 * have taken `budgetMs` in all (at least one round always runs); `check` sees each round's result.
 */
export async function timed<T>(
  fn: () => Promise<T>,
  opts: {
    rounds?: number;
    warmup?: number;
    budgetMs?: number;
    check?: (result: T) => void;
    /** Reads the emulator's CPU time (`emu.cpuMs`), to tell how busy the server was. */
    serverCpuMs?: () => Promise<number>;
  } = {},
): Promise<Timing<T>> {
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? opts.rounds ?? 3));
  for (let i = 0; i < (opts.warmup ?? 0); i++) opts.check?.(await fn());
  const samplesMs: number[] = [];
  const client: number[] = [];
  const server: number[] = [];
  let last!: T;
  let spent = 0;
  for (let i = 0; i < rounds; i++) {
    const s0 = await opts.serverCpuMs?.();
    const c0 = cpuMs();
    const t0 = performance.now();
    last = await fn();
    const ms = performance.now() - t0;
    client.push(cpuMs() - c0);
    if (s0 !== undefined) server.push((await opts.serverCpuMs!()) - s0);
    samplesMs.push(ms);
    spent += ms;
    opts.check?.(last);
    if (opts.budgetMs !== undefined && spent >= opts.budgetMs) break;
  }
  return {
    medianMs: median(samplesMs),
    samplesMs,
    last,
    clientCpuMs: median(client),
    ...(server.length ? { serverCpuMs: median(server) } : {}),
  };
}

/** `"812, 790, 801 ms (client CPU 400 ms, emulator CPU 650 ms per round)"`. */
export function describeTiming(t: Timing<unknown>): string {
  const cpu = `client CPU ${t.clientCpuMs.toFixed(0)} ms${t.serverCpuMs === undefined ? '' : `, emulator CPU ${t.serverCpuMs.toFixed(0)} ms`}`;
  return `${t.samplesMs.map((m) => m.toFixed(0)).join(', ')} ms (median ${t.medianMs.toFixed(0)} ms; ${cpu} per round)`;
}

/** Keeps the CPU busy for `ms` (the caller's work per item in a listing). */
export function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

// ---------------------------------------------------------------------------------------------
// Heap

/** `global.gc`, or a failure telling how to run the script. */
export function gc(): void {
  if (!global.gc) throw new Error('run with node --expose-gc (npm run bench does)');
  global.gc();
  global.gc();
}

/** The `cpuMs` of an entry from a measure and its baseline. */
export function cpuOf(t: Timing<unknown>, base?: Timing<unknown>): Record<string, number> {
  const out: Record<string, number> = { client: Math.round(t.clientCpuMs) };
  if (t.serverCpuMs !== undefined) out.emulator = Math.round(t.serverCpuMs);
  if (base) {
    out.baselineClient = Math.round(base.clientCpuMs);
    if (base.serverCpuMs !== undefined) out.baselineEmulator = Math.round(base.serverCpuMs);
  }
  return out;
}

/** Bytes to MiB. */
export const mib = (bytes: number): number => bytes / 1024 / 1024;

/**
 * Heap growth over a baseline taken after a full GC: `sample()` records `heapUsed` (cheap, no GC:
 * garbage included, so the peak is what the process really needed), `retained()` collects first
 * (what the loop keeps alive).
 */
export class HeapProbe {
  readonly base: number;
  peak = 0;

  constructor() {
    gc();
    this.base = process.memoryUsage().heapUsed;
  }

  /** Records the current growth into the peak; returns it, in bytes. */
  sample(): number {
    const growth = process.memoryUsage().heapUsed - this.base;
    if (growth > this.peak) this.peak = growth;
    return growth;
  }

  /** Growth after a full GC, in bytes (also offered to the peak first, uncollected). */
  retained(): number {
    this.sample();
    gc();
    return process.memoryUsage().heapUsed - this.base;
  }
}

// ---------------------------------------------------------------------------------------------
// Raw GraphQL, for the baselines

/**
 * The text of a generated document, to send it raw: a document node is printed, a document
 * string (codegen's `documentMode: 'string'`) is sent as it is.
 */
// eslint-disable-next-line @typescript-eslint/no-wrapper-object-types -- TypedDocumentString extends String
export function queryText(doc: DocumentNode | string | String): string {
  return typeof doc === 'string' || doc instanceof String ? String(doc) : print(doc);
}

/** POSTs a GraphQL document with bare `fetch` + `JSON.parse`, as a script without a client would. */
export async function rawGraphql<T>(
  url: string,
  authorization: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
  const body = JSON.parse(text) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data as T;
}

// ---------------------------------------------------------------------------------------------
// Results

/**
 * A goal: `speedup` (baseline / value >= target), `ratio` (value / baseline <= target), `max`
 * (value <= target), `flat` (the last value at most `target` above the first one) or `check`
 * (a yes / no outcome computed by the benchmark, `pass` given).
 */
export type Goal =
  | { kind: 'speedup'; target: number }
  | { kind: 'ratio'; target: number }
  | { kind: 'max'; target: number }
  | { kind: 'flat'; target: number }
  | { kind: 'check'; description: string }
  /** No goal; with a baseline, `ratio` says how the ratio reads (default `'ratio'`: value / baseline). */
  | { kind: 'info'; ratio?: 'speedup' | 'ratio' };

/** One measure in `bench/results.json`. */
export interface ResultEntry {
  /** The script that measured it (`history-scan`, ...). */
  benchmark: string;
  /** Unique name of the measure. */
  name: string;
  unit: string;
  /** The figure (a median time, a peak growth, ...). */
  value: number;
  /** All samples or checkpoints behind `value`. */
  values?: number[];
  /** Labels of `values` (e.g. rows scanned at each checkpoint). */
  labels?: (string | number)[];
  /** The baseline's figure, measured in the same process. */
  baseline?: number;
  baselineValues?: number[];
  /** What the baseline is. */
  baselineDescription?: string;
  /** `baseline / value` for a speed-up goal, `value / baseline` for a ratio goal. */
  ratio?: number;
  goal: Goal;
  /** The goal in words, as printed. */
  goalText: string;
  /** `null` for information only. */
  pass: boolean | null;
  /**
   * CPU time per round, ms, of this process (`client`) and of the emulator's (`emulator`), and the
   * same for the baseline: an emulator CPU time close to the wall time means the (single-threaded)
   * emulator, not the client, bounds the figure.
   */
  cpuMs?: Record<string, number>;
  /** The client's settings and anything else needed to read the figure. */
  settings?: Record<string, unknown>;
  notes?: string;
}

/** What `bench/results.json` holds. */
export interface ResultsFile {
  startedAt?: string;
  finishedAt?: string;
  environment?: Record<string, unknown>;
  /** Wall time of each script and of the whole `npm run bench`, ms. */
  durationsMs?: Record<string, number>;
  totalMs?: number;
  entries: ResultEntry[];
}

function goalText(goal: Goal, unit: string): string {
  switch (goal.kind) {
    case 'speedup':
      return `>= ${goal.target}x faster`;
    case 'ratio':
      return `<= ${goal.target}x the time`;
    case 'max':
      return `<= ${goal.target} ${unit}`;
    case 'flat':
      return `flat (last <= first + ${goal.target} ${unit})`;
    case 'check':
      return goal.description;
    case 'info':
      return goal.ratio === 'speedup' ? '- (speed-up)' : '-';
  }
}

/** Builds an entry, computing the ratio and pass/fail from the goal. */
export function entry(
  e: Omit<ResultEntry, 'ratio' | 'pass' | 'goalText'> & { pass?: boolean | null },
): ResultEntry {
  let ratio: number | undefined;
  let pass: boolean | null = null;
  const { goal } = e;
  if (goal.kind === 'speedup' && e.baseline !== undefined) {
    ratio = e.baseline / e.value;
    pass = ratio >= goal.target;
  } else if (goal.kind === 'ratio' && e.baseline !== undefined) {
    ratio = e.value / e.baseline;
    pass = ratio <= goal.target;
  } else if (goal.kind === 'max') {
    pass = e.value <= goal.target;
  } else if (goal.kind === 'flat' && e.values?.length) {
    pass = e.values[e.values.length - 1]! <= e.values[0]! + goal.target;
  } else if (goal.kind === 'info' && e.baseline !== undefined) {
    ratio = goal.ratio === 'speedup' ? e.baseline / e.value : e.value / e.baseline;
  }
  // A verdict given by the benchmark (a failure, a check) wins over the computed one.
  if (e.pass !== undefined) pass = e.pass;
  return { ...e, ratio, pass, goalText: goalText(goal, e.unit) };
}

/** Reads `bench/results.json` (an empty file when missing or unreadable). */
export function readResults(): ResultsFile {
  try {
    return JSON.parse(readFileSync(RESULTS_PATH, 'utf8')) as ResultsFile;
  } catch {
    return { entries: [] };
  }
}

/** Writes the file, entries in a stable order. */
export function writeResults(file: ResultsFile): void {
  writeFileSync(RESULTS_PATH, `${JSON.stringify(file, null, 2)}\n`);
}

/** Adds (or replaces, by name) entries in `bench/results.json`. */
export function saveEntries(entries: readonly ResultEntry[]): void {
  const file = readResults();
  const names = new Set(entries.map((e) => e.name));
  file.entries = [...file.entries.filter((e) => !names.has(e.name)), ...entries];
  writeResults(file);
}

const fmt = (n: number | undefined, unit = ''): string => {
  if (n === undefined) return '-';
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2;
  return `${n.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
};

/** Prints entries as a table: measure, value, baseline, ratio, goal, pass. */
export function printTable(entries: readonly ResultEntry[]): void {
  const rows = entries.map((e) => [
    e.name,
    e.values && e.goal.kind === 'flat'
      ? e.values.map((v) => fmt(v)).join(' / ') + ` ${e.unit}`
      : fmt(e.value, e.unit),
    e.baseline === undefined ? '-' : fmt(e.baseline, e.unit),
    e.ratio === undefined ? '-' : `${e.ratio.toFixed(e.ratio < 10 ? 3 : 2)}x`,
    e.goalText,
    e.pass === null ? 'info' : e.pass ? 'PASS' : 'FAIL',
  ]);
  const header = ['measure', 'value', 'baseline', 'ratio', 'goal', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** Prints a benchmark's settings line, e.g. `settings: concurrency 8, perPage 50`. */
export function printSettings(settings: Record<string, unknown>): void {
  console.log(
    `settings: ${Object.entries(settings)
      .map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join(', ')}`,
  );
}

/** Prints a section title. */
export function section(title: string): void {
  console.log(`\n== ${title}`);
}
