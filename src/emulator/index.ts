/**
 * `wandb-api/emulator`: a W&B-compatible GraphQL server for tests and demos. It listens on
 * 127.0.0.1, checks the API key, executes GraphQL against `schema.graphql` (the whole W&B schema)
 * with resolvers over an in-memory store, serves signed storage URLs, records every request and
 * can inject faults.
 *
 * What it does not implement it says, never answering a silent null: a field without a resolver
 * is a GraphQL error naming it (`The emulator does not implement field Type.field`), and so is an
 * argument the field's resolver does not declare
 * (`The emulator does not implement argument Project.runs(jobKey:)`).
 *
 * @example
 * ```ts
 * import { startEmulator } from 'wandb-api/emulator';
 * const emu = await startEmulator({ apiKey: 'k', viewer: { username: 'alice' }, seed: 'demo' });
 * // point the client at emu.url with emu.apiKey ...
 * emu.seed.run({ project: 'vision', config: { lr: 0.1 } });
 * emu.faults.add({ operationName: 'RunsPage', status: 429, retryAfterSeconds: 1 });
 * console.log(emu.requests.length);
 * await emu.close();
 * ```
 * @module
 */
import { createLaunchControls } from './domains/launch/controls.js';
import {
  createHistoryControls,
  setParquetHistoryMode,
  type HistoryControls,
} from './domains/history/controls.js';
import { checkRowsPerFile, type ParquetHistoryMode } from './domains/history/parquet-records.js';
import type { LaunchControls } from './domains/launch/records.js';
import { registerAcceptedKey } from './domains/users/api-keys.js';
import type { ViewerOptions } from './domains/users/records.js';
import { loadSchema } from './graphql/schema.js';
import { randomApiKey } from './http/auth.js';
import { FaultRegistry, type FaultControls } from './http/faults.js';
import type { RecordedRequest } from './http/request-log.js';
import { EmulatorHttpServer } from './http/server.js';
import { seedDemo } from './seeds/demo.js';
import { systemClock, type EmulatorClock } from './store/clock.js';
import { createSeeder, type EmulatorSeeder } from './store/seeder.js';
import { EmulatorStore } from './store/store.js';

export type {
  SeedArtifactInput,
  SeededArtifact,
  SeededLink,
  SeedLinkInput,
  SeedReference,
} from './domains/artifacts/records.js';
export type { FileRecord } from './domains/files/records.js';
export type { HistoryControls, HistoryExportOptions } from './domains/history/controls.js';
export {
  DEFAULT_PARQUET_ROWS_PER_FILE,
  PARQUET_HISTORY_FIELD_FEATURE,
  PARQUET_HISTORY_FILES_FEATURE,
  type ParquetHistoryMode,
} from './domains/history/parquet-records.js';
export type {
  OrganizationRecord,
  SeededOrganization,
  SeedOrganizationInput,
} from './domains/organizations/records.js';
export type {
  LaunchAdvanceOptions,
  LaunchAdvanceState,
  LaunchControls,
  LaunchItemSnapshot,
  LaunchResourceType,
  QueueItemPhase,
  RunQueueItemWireState,
  SeededJob,
  SeededRunQueue,
  SeedJobInput,
  SeedRunQueueInput,
  SeedTemplateVariable,
} from './domains/launch/records.js';
export type { ProjectRecord, SeededProject, SeedProjectInput } from './domains/projects/records.js';
export type { ReportRecord, SeededReport, SeedReportInput } from './domains/reports/records.js';
export type { ConfigValue, RunRecord, SeededRun, SeedRunInput } from './domains/runs/records.js';
export { DEFAULT_FEATURES } from './domains/server/records.js';
export type { SeededSweep, SeedSweepInput, SweepRecord } from './domains/sweeps/records.js';
export { ACCEPTED_KEY_NAME, type ApiKeyRecord } from './domains/users/api-keys.js';
export type { EntityRecord, SeedUserInput, UserRecord, ViewerOptions } from './domains/users/records.js';
export type { InviteRecord, SeededTeam, SeedTeamInput, TeamSettings } from './domains/teams/records.js';
export {
  DEFAULT_FAULT_SEED,
  type Fault,
  type FaultControls,
  type FaultInput,
  type FaultMatch,
  type FaultTarget,
} from './http/faults.js';
export type { RecordedRequest, RecordedRequestKind } from './http/request-log.js';
export { DEFAULT_SIGNED_URL_LIFETIME_MS, UPLOAD_CONTENT_TYPE } from './http/storage.js';
export { DEMO_NOW, DEMO_TEAM } from './seeds/demo.js';
export { createManualClock, systemClock, type EmulatorClock, type ManualClock } from './store/clock.js';
export type { EmulatorSeeder, SeededUser } from './store/seeder.js';
export { EmulatorStore } from './store/store.js';

/**
 * Where the schema lives: the package root's `schema.graphql`, at the same relative depth from
 * `src/emulator/index.ts` and from the built `dist/emulator/index.js`.
 */
const SCHEMA_URL = new URL('../../schema.graphql', import.meta.url);

/**
 * Which data set the emulator starts with: `'empty'` (only the viewer and its entity) or `'demo'`
 * (a deterministic set of projects and 120+ runs).
 *
 * @example
 * ```ts
 * await startEmulator({ seed: 'demo' });
 * ```
 */
export type EmulatorSeedName = 'demo' | 'empty';
/**
 * Options of {@link startEmulator}.
 *
 * @example
 * ```ts
 * const emu = await startEmulator({ port: 0, apiKey: 'test-key', seed: 'empty', features: { ARTIFACT_TAGS: false } });
 * ```
 */
export interface EmulatorOptions {
  /** TCP port on 127.0.0.1. Default `0` (a free port). */
  port?: number;
  /** The API key the emulator accepts. Default a random 40-character key. */
  apiKey?: string;
  /** The viewer (the user the key belongs to). */
  viewer?: ViewerOptions;
  /** Initial data. Default `'empty'`. */
  seed?: EmulatorSeedName;
  /**
   * Server feature flags answered by `serverInfo { features }`, merged over the defaults
   * (`false` disables a default one, an unknown name with `true` adds it).
   */
  features?: Record<string, boolean>;
  /**
   * How long the signed storage URLs it hands out (`File.directUrl`, `File.url`, upload URLs)
   * stay valid, in ms (a positive number; anything else throws); an expired one is refused with
   * 403. Default `3_600_000` (one hour).
   */
  signedUrlLifetimeMs?: number;
  /**
   * How long every request (GraphQL, storage, CORS preflight) waits on the emulator's clock once
   * it has arrived, before it is handled, in ms (a number >= 0): what a client that far from
   * W&B sees. Fault delays (`delayMs`) come on top. Default `0`.
   *
   * @example
   * ```ts
   * await startEmulator({ latencyMs: 50 }); // every answer comes 50 ms late
   * ```
   */
  latencyMs?: number;
  /**
   * The emulator's clock: the time signed storage URLs expire by, and the default `createdAt` /
   * `heartbeatAt` / `updatedAt` of what is seeded or written; `latencyMs` and fault delays wait
   * on it too. Default the system clock. With {@link createManualClock}, time (and every such
   * wait) moves only when the test moves it.
   *
   * @example
   * ```ts
   * const clock = createManualClock('2024-06-01T00:00:00Z');
   * const emu = await startEmulator({ clock, signedUrlLifetimeMs: 1_000 });
   * clock.advance(1_001); // the URLs handed out so far have expired
   * ```
   */
  clock?: EmulatorClock;
  /**
   * Seed of the PRNGs that pick which requests a fault with a `rate` applies to (each fault
   * without its own `seed` draws from `<faultSeed>:<its position among the faults added since the
   * last faults.clear()>`), so a test sees the same requests faulted on every run, and a test that
   * clears the faults first sees the same whatever tests ran before it. Default a fixed seed.
   *
   * @example
   * ```ts
   * const emu = await startEmulator({ faultSeed: 7 });
   * emu.faults.add({ status: 503, rate: 0.3, times: Infinity }); // the same 30 % on every run
   * ```
   */
  faultSeed?: string | number;
  /**
   * `Run.parquetHistory` (the run's history as Parquet files on signed URLs plus the rows not
   * exported yet, `domains/history/parquet.ts`): `true` serves it; `false` answers `{
   * parquetUrls: [], liveData: [] }` for every run (what wandb-core takes as "read everything
   * live"); `'unsupported'` removes the field like an older server (validation error `Cannot
   * query field "parquetHistory" on type "Run".`). Change it later with
   * `emu.history.setParquetHistory`. Default `true`.
   *
   * @example
   * ```ts
   * await startEmulator({ parquetHistory: 'unsupported' }); // a server before Parquet history
   * ```
   */
  parquetHistory?: ParquetHistoryMode;
  /**
   * How many history rows each exported Parquet file holds (a positive integer): a longer history
   * is split into several files, each a contiguous range of steps. Default `100_000`.
   *
   * @example
   * ```ts
   * await startEmulator({ parquetHistoryRowsPerFile: 1_000 }); // 10 files for 10,000 rows
   * ```
   */
  parquetHistoryRowsPerFile?: number;
}

/**
 * A running emulator.
 *
 * @example
 * ```ts
 * const emu = await startEmulator();
 * const res = await fetch(`${emu.url}/graphql`, {
 *   method: 'POST',
 *   headers: { authorization: `Basic ${btoa(`api:${emu.apiKey}`)}`, 'content-type': 'application/json' },
 *   body: JSON.stringify({ query: '{ viewer { username } }' }),
 * });
 * await emu.close();
 * ```
 */
export interface Emulator {
  /**
   * Base URL, `http://127.0.0.1:<port>` (GraphQL at `${url}/graphql`).
   *
   * @example
   * ```ts
   * await fetch(`${emu.url}/graphql`, { method: 'POST', body: '{"query":"{ viewer { id } }"}' });
   * ```
   */
  readonly url: string;
  /**
   * The port it listens on.
   *
   * @example
   * ```ts
   * emu.port; // 54321
   * ```
   */
  readonly port: number;
  /**
   * The API key it accepts.
   *
   * @example
   * ```ts
   * const auth = `Basic ${btoa(`api:${emu.apiKey}`)}`;
   * ```
   */
  readonly apiKey: string;
  /**
   * Requests received, oldest first (CORS preflights are not recorded). Credentials are redacted.
   *
   * @example
   * ```ts
   * emu.requests.at(-1)?.operationName; // 'Viewer'
   * ```
   */
  readonly requests: readonly RecordedRequest[];
  /**
   * Forgets the recorded requests.
   *
   * @example
   * ```ts
   * emu.clearRequests(); // emu.requests.length === 0
   * ```
   */
  clearRequests(): void;
  /**
   * Fault injection.
   *
   * @example
   * ```ts
   * emu.faults.add({ status: 429, retryAfterSeconds: 1 });
   * ```
   */
  readonly faults: FaultControls;
  /**
   * The clock it runs on (`startEmulator({ clock })`, else the system clock).
   *
   * @example
   * ```ts
   * new Date(emu.clock.now()).toISOString();
   * ```
   */
  readonly clock: EmulatorClock;
  /**
   * Adds data.
   *
   * @example
   * ```ts
   * emu.seed.run({ project: 'vision', config: { lr: 0.1 } });
   * ```
   */
  readonly seed: EmulatorSeeder;
  /**
   * Launch, driven by the test in place of a launch agent: move a queue item on
   * (`PENDING` → `LEASED` → `CLAIMED` → `RUNNING` → `FINISHED` | `CRASHED`, or `FAILED`), which
   * creates and updates its run; read an item's state.
   *
   * @example
   * ```ts
   * emu.launch.advance(itemId, 'RUNNING', { runId: 'launch01' }); // run launch01 is running
   * emu.launch.advance(itemId, 'FINISHED'); // and finished
   * ```
   */
  readonly launch: LaunchControls;
  /**
   * Parquet history: which rows of a run are exported to files (the rest are live data), the
   * mode (`startEmulator({ parquetHistory })`), encoding the files ahead of the first download.
   *
   * @example
   * ```ts
   * emu.history.export('alice/vision/run1', { throughStep: 499 }); // steps 0..499 in files
   * emu.history.setParquetHistory(false); // everything live
   * ```
   */
  readonly history: HistoryControls;
  /**
   * The in-memory store, for advanced use.
   *
   * @example
   * ```ts
   * emu.store.runs.size; // 137 with the demo seed
   * ```
   */
  readonly store: EmulatorStore;
  /**
   * Stops the server and closes open connections.
   *
   * @example
   * ```ts
   * await emu.close();
   * ```
   */
  close(): Promise<void>;
}

/**
 * Starts an emulator on 127.0.0.1. Everything lives in memory, file contents included: a request
 * body over 16 MiB (a GraphQL request or a file upload) is refused with HTTP 413.
 *
 * @example
 * ```ts
 * const emu = await startEmulator({ port: 0, apiKey: 'k', viewer: { username: 'alice' }, seed: 'demo' });
 * emu.url; // 'http://127.0.0.1:54321'
 * await emu.close();
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const seed = options.seed ?? 'empty';
  if (seed !== 'empty' && seed !== 'demo') throw new Error(`startEmulator: unknown seed "${String(seed)}"`);
  const apiKey = options.apiKey ?? randomApiKey();
  if (apiKey === '') throw new Error('startEmulator: apiKey must not be empty');
  const clock = options.clock ?? systemClock;
  const store = new EmulatorStore(options.viewer, { features: options.features, clock });
  if (options.parquetHistory !== undefined) setParquetHistoryMode(store, options.parquetHistory);
  if (options.parquetHistoryRowsPerFile !== undefined) {
    store.parquetHistory.rowsPerFile = checkRowsPerFile(options.parquetHistoryRowsPerFile);
  }
  registerAcceptedKey(store, apiKey);
  if (seed === 'demo') seedDemo(store);
  const schema = await loadSchema(SCHEMA_URL);
  const faults = new FaultRegistry({ seed: options.faultSeed });
  const http = new EmulatorHttpServer({
    store,
    schema,
    apiKey,
    faults,
    signedUrlLifetimeMs: options.signedUrlLifetimeMs,
    clock,
    latencyMs: options.latencyMs,
  });
  const port = await http.listen(options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    apiKey,
    get requests(): readonly RecordedRequest[] {
      return http.requests;
    },
    clearRequests: () => {
      http.requests = [];
    },
    faults,
    clock,
    seed: createSeeder(store),
    launch: createLaunchControls(store),
    history: createHistoryControls(store),
    store,
    close: () => http.close(),
  };
}
