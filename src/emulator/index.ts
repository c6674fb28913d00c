/**
 * `wandb-api/emulator`: a W&B-compatible GraphQL server for tests and demos. It listens on
 * 127.0.0.1, checks the API key, answers the GraphQL operations of `schema.graphql` from an
 * in-memory store, records every request and can inject faults.
 *
 * Unimplemented schema fields answer with a GraphQL error naming the field
 * (`The emulator does not implement field Type.field`), never a silent null.
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
import { seedDemo } from './demo.js';
import { FaultRegistry } from './faults.js';
import { globalId, randomApiKey } from './ids.js';
import { loadSchema } from './resolvers.js';
import { EmulatorHttpServer } from './server.js';
import { EmulatorStore } from './store.js';
import type {
  EmulatorOptions,
  FaultControls,
  RecordedRequest,
  SeedProjectInput,
  SeedReportInput,
  SeedRunInput,
  SeedSweepInput,
  SeedUserInput,
  SeededProject,
  SeededReport,
  SeededRun,
  SeededSweep,
} from './types.js';

export type {
  EmulatorOptions,
  EmulatorSeedName,
  Fault,
  FaultControls,
  FaultInput,
  RecordedRequest,
  RecordedRequestKind,
  SeedProjectInput,
  SeedReportInput,
  SeedRunInput,
  SeedSweepInput,
  SeedUserInput,
  SeededProject,
  SeededReport,
  SeededRun,
  SeededSweep,
  ViewerOptions,
} from './types.js';
export {
  DEFAULT_FEATURES,
  EmulatorStore,
  type ConfigValue,
  type SweepRecord,
  type ReportRecord,
  type EntityRecord,
  type ProjectRecord,
  type RunRecord,
  type UserRecord,
  type FileRecord,
} from './store.js';
export { DEFAULT_SIGNED_URL_LIFETIME_MS, UPLOAD_CONTENT_TYPE } from './storage.js';
export { DEMO_NOW, DEMO_TEAM } from './demo.js';

/**
 * The result of `emu.seed.user`.
 *
 * @example
 * ```ts
 * const { id } = emu.seed.user({ username: 'bob' }); // id: base64 'User:<n>'
 * ```
 */
export interface SeededUser {
  /** Global id (`User.id`). */
  id: string;
  /** Username. */
  username: string;
}

/**
 * Adds data to a running emulator (`emu.seed`).
 *
 * @example
 * ```ts
 * emu.seed.user({ username: 'bob', teams: ['vision-team'] });
 * emu.seed.project({ entity: 'vision-team', name: 'detector' });
 * emu.seed.run({ entity: 'vision-team', project: 'detector', user: 'bob', summary: { mAP: 0.41 } });
 * ```
 */
export interface EmulatorSeeder {
  /**
   * Adds a project (its entity is created when missing); an existing one is returned as is.
   *
   * @example
   * ```ts
   * const { internalId } = emu.seed.project({ entity: 'alice', name: 'vision' });
   * ```
   */
  project(input: SeedProjectInput): SeededProject;
  /**
   * Adds a run (its project is created when missing). Throws when the run id is taken in that project.
   *
   * @example
   * ```ts
   * const { id } = emu.seed.run({ project: 'vision', summary: { loss: 0.2 } });
   * ```
   */
  run(input: SeedRunInput): SeededRun;
  /**
   * Adds a user with its personal entity and teams (or updates the given fields of an existing one).
   *
   * @example
   * ```ts
   * emu.seed.user({ username: 'bob', photoUrl: 'https://example.com/bob.png', teams: ['vision-team'] });
   * ```
   */
  user(input: SeedUserInput): SeededUser;
  /**
   * Adds a sweep (its project is created when missing); runs join it with `run({ sweep: id })`.
   *
   * @example
   * ```ts
   * const { id } = emu.seed.sweep({ project: 'vision', config: { method: 'grid' } });
   * ```
   */
  sweep(input: SeedSweepInput): SeededSweep;
  /**
   * Adds a report: a saved view of type `runs` (unless `type` says otherwise), listed by
   * `Project.allViews`; its project is created when missing.
   *
   * @example
   * ```ts
   * const { id } = emu.seed.report({ project: 'vision', displayName: 'Weekly sync', spec: { panelGroups: [] } });
   * ```
   */
  report(input: SeedReportInput): SeededReport;
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
   * Adds data.
   *
   * @example
   * ```ts
   * emu.seed.run({ project: 'vision', config: { lr: 0.1 } });
   * ```
   */
  readonly seed: EmulatorSeeder;
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
  const store = new EmulatorStore(options.viewer, { features: options.features });
  if (seed === 'demo') seedDemo(store);
  const schema = await loadSchema();
  const faults = new FaultRegistry();
  const http = new EmulatorHttpServer({
    store,
    schema,
    apiKey,
    faults,
    signedUrlLifetimeMs: options.signedUrlLifetimeMs,
  });
  const port = await http.listen(options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  const seeder: EmulatorSeeder = {
    project: (input) => {
      const { id, internalId } = store.seedProject(input);
      return { id, internalId };
    },
    run: (input) => {
      const { id, storageId } = store.seedRun(input);
      return { id, storageId };
    },
    user: (input) => {
      const user = store.seedUser(input);
      return { id: globalId('User', user.id), username: user.username };
    },
    sweep: (input) => {
      const { id, storageId } = store.seedSweep(input);
      return { id, storageId };
    },
    report: (input) => {
      const { id, name } = store.seedReport(input);
      return { id, name };
    },
  };
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
    seed: seeder,
    store,
    close: () => http.close(),
  };
}
