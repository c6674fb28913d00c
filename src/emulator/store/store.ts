/**
 * The emulator's in-memory store: users, entities, projects, runs, sweeps, reports, artifacts,
 * organizations, integrations and automations, with
 * integer ids per kind. The records are defined by their domains (`domains/<domain>/records.ts`)
 * and so is seeding them (`domains/<domain>/seed.ts`); the store holds them, finds them, and
 * offers the seed functions as methods.
 *
 * @example
 * ```ts
 * import { EmulatorStore } from './store.js';
 * const store = new EmulatorStore({ username: 'alice' });
 * store.seedRun({ project: 'vision', config: { lr: 0.1 } });
 * store.runsOfProject(store.findProject('alice', 'vision')!.id).length; // 1
 * ```
 * @module
 */
import {
  createArtifactData,
  type ArtifactData,
  type ArtifactRecord,
  type SeedArtifactInput,
  type SeededArtifact,
  type SeededLink,
  type SeedLinkInput,
} from '../domains/artifacts/records.js';
import { seedArtifact, seedLink } from '../domains/artifacts/seed.js';
import { putRunFile } from '../domains/files/seed.js';
import type { FileRecord } from '../domains/files/records.js';
import type { FileStreamRecord } from '../domains/filestream/records.js';
import type { ProjectRecord, SeededProject, SeedProjectInput } from '../domains/projects/records.js';
import { seedProject } from '../domains/projects/seed.js';
import type { ReportRecord, SeededReport, SeedReportInput } from '../domains/reports/records.js';
import type { CustomChartRecord } from '../domains/charts/records.js';
import { seedReport } from '../domains/reports/seed.js';
import type { RunRecord, SeededRun, SeedRunInput } from '../domains/runs/records.js';
import { RunMap } from '../domains/runs/run-map.js';
import { seedRun } from '../domains/runs/seed.js';
import { DEFAULT_FEATURES } from '../domains/server/records.js';
import type { SeededSweep, SeedSweepInput, SweepRecord } from '../domains/sweeps/records.js';
import { seedSweep } from '../domains/sweeps/seed.js';
import type { OrganizationRecord } from '../domains/organizations/records.js';
import type { AutomationData } from '../domains/automations/records.js';
import type { IntegrationRecord } from '../domains/integrations/records.js';
import type { RegistryMemberRecord } from '../domains/registries/member-records.js';
import { createLaunchData, type LaunchData } from '../domains/launch/records.js';
import { createParquetHistoryState, type ParquetHistoryState } from '../domains/history/parquet-records.js';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createTeamData, type TeamData } from '../domains/teams/records.js';
import { KeyRing, type ApiKeyRecord } from '../domains/users/api-keys.js';
import type { EntityRecord, SeedUserInput, UserRecord, ViewerOptions } from '../domains/users/records.js';
import { ensureEntity, ensureUser, seedUser } from '../domains/users/seed.js';
import { systemClock, type EmulatorClock } from './clock.js';
import { createPrng, cryptoPrng, type Prng } from './random.js';

/**
 * The kinds of stored objects that get integer ids.
 *
 * @example
 * ```ts
 * const kind: StoredKind = 'run';
 * ```
 */
export type StoredKind =
  | 'user'
  | 'entity'
  | 'project'
  | 'run'
  | 'sweep'
  | 'report'
  | 'file'
  | 'apiKey'
  | 'artifactType'
  | 'artifactCollection'
  | 'artifact'
  | 'artifactMembership'
  | 'artifactAlias'
  | 'artifactManifest'
  | 'tag'
  | 'organization'
  | 'integration'
  | 'trigger'
  | 'invite';

/**
 * Everything the emulator knows. Tests may read it directly (`emu.store`); prefer `emu.seed` to add data.
 *
 * @example
 * ```ts
 * const store = new EmulatorStore({ username: 'alice' });
 * store.viewer.username; // 'alice'
 * ```
 */
export class EmulatorStore {
  /** Users by username. */
  readonly users = new Map<string, UserRecord>();
  /** Entities by name. */
  readonly entities = new Map<string, EntityRecord>();
  /** Projects by integer id. */
  readonly projects = new Map<number, ProjectRecord>();
  /** Runs by integer id, indexed by project (`domains/runs/run-map.ts`). */
  readonly runs = new RunMap();
  /** Sweeps by integer id. */
  readonly sweeps = new Map<number, SweepRecord>();
  /** Reports (saved views) by integer id. */
  readonly reports = new Map<number, ReportRecord>();
  /** Custom charts (chart presets) by id, `entity/name`. */
  readonly charts = new Map<string, CustomChartRecord>();
  /** API key records (labels, never secrets) by integer id. */
  readonly apiKeys = new Map<number, ApiKeyRecord>();
  /** Artifact types, collections, versions, memberships, aliases, manifests, tags and stored content. */
  readonly artifacts: ArtifactData = createArtifactData();
  /** Organizations by name. */
  readonly organizations = new Map<string, OrganizationRecord>();
  /** Integrations (Slack channels, generic webhooks) by integer id. */
  readonly integrations = new Map<number, IntegrationRecord>();
  /** Automations (triggers). */
  readonly automations: AutomationData = { triggers: new Map() };
  /**
   * Registry members by registry project id; a registry not in the map has its creator as its
   * only member (an `admin`), written here when its members are first read or changed.
   */
  readonly registryMembers = new Map<number, RegistryMemberRecord[]>();
  /** The run `file_stream` state (console lines, exit code, ...) by run id (`domains/filestream/`). */
  readonly fileStreams = new Map<number, FileStreamRecord>();
  /** Launch: run queues, default resource configs, queue items, launch agents. */
  readonly launch: LaunchData = createLaunchData();
  /** Server feature flags by name. */
  readonly features = new Map<string, boolean>();
  /** The Parquet history export: rows per file and the encoded files (`domains/history/parquet.ts`). */
  readonly parquetHistory: ParquetHistoryState = createParquetHistoryState();
  /** The secrets the emulator accepts, each owned by one user (`domains/users/api-keys.ts`). */
  readonly keyRing = new KeyRing();
  /** Team settings, admins and pending invites (`domains/teams/`). */
  readonly teams: TeamData = createTeamData();
  /** Username of the configured viewer: the owner of the key `startEmulator` accepts. */
  readonly primaryViewerUsername: string;
  readonly #acting = new AsyncLocalStorage<string>();

  /** The clock the seeds and writes read "now" from (`startEmulator({ clock })`). */
  readonly clock: EmulatorClock;

  /**
   * The store's source of randomness for generated ids and names (deterministic with
   * `randomSeed`). For the seed functions of the domains.
   */
  readonly random: Prng;

  private readonly counters: Record<StoredKind, number> = {
    user: 0,
    entity: 0,
    project: 0,
    run: 0,
    sweep: 0,
    report: 0,
    file: 0,
    apiKey: 0,
    artifactType: 0,
    artifactCollection: 0,
    artifact: 0,
    artifactMembership: 0,
    artifactAlias: 0,
    artifactManifest: 0,
    tag: 0,
    organization: 0,
    integration: 0,
    trigger: 0,
    invite: 0,
  };

  /**
   * @param viewer the authenticated user.
   * @param options `features` overrides; `randomSeed` makes generated ids and names deterministic;
   *   `clock` is what "now" is (default the system clock).
   */
  constructor(
    viewer: ViewerOptions = {},
    options: { features?: Record<string, boolean>; randomSeed?: string; clock?: EmulatorClock } = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.random = options.randomSeed === undefined ? cryptoPrng() : createPrng(options.randomSeed);
    for (const name of DEFAULT_FEATURES) this.features.set(name, true);
    for (const [name, enabled] of Object.entries(options.features ?? {})) this.features.set(name, enabled);
    const username = viewer.username ?? 'emulator-user';
    this.primaryViewerUsername = username;
    seedUser(this, {
      username,
      email: viewer.email,
      photoUrl: viewer.photoUrl,
      name: viewer.name,
      admin: viewer.admin,
      entity: viewer.entity,
      teams: viewer.teams,
    });
  }

  /**
   * The current time on the store's clock: the default `createdAt` of what is seeded or created,
   * the `updatedAt` of what is written.
   *
   * @example
   * ```ts
   * toTimestamp(store.now()); // '2024-06-01T00:00:00Z' with a manual clock set there
   * ```
   */
  now(): Date {
    return new Date(this.clock.now());
  }

  /**
   * Username of the viewer: the user whose key the request being answered carries (see
   * {@link actAs}), else the configured viewer.
   *
   * @example
   * ```ts
   * store.actAs('bob', () => store.viewerUsername); // 'bob'
   * ```
   */
  get viewerUsername(): string {
    return this.#acting.getStore() ?? this.primaryViewerUsername;
  }

  /**
   * Runs `fn` (and everything it awaits) as `username`: `viewer` and `viewerUsername` answer that
   * user there, whatever other requests run at the same time. The HTTP server wraps each request.
   *
   * @example
   * ```ts
   * await store.actAs('bob', () => execute(request)); // answers as bob
   * ```
   */
  actAs<T>(username: string, fn: () => T): T {
    return this.#acting.run(username, fn);
  }

  /**
   * The viewer's record (the user acting, see {@link viewerUsername}).
   *
   * @example
   * ```ts
   * store.viewer.username; // 'alice'
   * ```
   */
  get viewer(): UserRecord {
    const user = this.users.get(this.viewerUsername);
    if (!user) throw new Error('The viewer is missing from the store');
    return user;
  }

  /**
   * Finds a user by username.
   *
   * @example
   * ```ts
   * store.findUser('bob')?.email; // 'bob@example.com'
   * ```
   */
  findUser(username: string): UserRecord | undefined {
    return this.users.get(username);
  }

  /**
   * Finds an entity by name.
   *
   * @example
   * ```ts
   * store.findEntity('vision-team')?.isTeam; // true
   * ```
   */
  findEntity(name: string): EntityRecord | undefined {
    return this.entities.get(name);
  }

  /**
   * Finds a project by entity and name.
   *
   * @example
   * ```ts
   * store.findProject('alice', 'vision')?.id; // 1
   * ```
   */
  findProject(entityName: string, name: string): ProjectRecord | undefined {
    for (const project of this.projects.values()) {
      if (project.entityName === entityName && project.name === name) return project;
    }
    return undefined;
  }

  /**
   * The projects of an entity, in creation order.
   *
   * @example
   * ```ts
   * store.projectsOfEntity('alice').map((p) => p.name); // ['vision', 'nlp']
   * ```
   */
  projectsOfEntity(entityName: string): ProjectRecord[] {
    return [...this.projects.values()].filter((p) => p.entityName === entityName).sort((a, b) => a.id - b.id);
  }

  /**
   * The runs of a project, in insertion order.
   *
   * @example
   * ```ts
   * store.runsOfProject(project.id).map((r) => r.name); // ['abc12345', ...]
   * ```
   */
  runsOfProject(projectId: number): RunRecord[] {
    return [...this.runs.ofProject(projectId)];
  }

  /**
   * Finds a run by project id and short run id.
   *
   * @example
   * ```ts
   * store.findRun(project.id, 'abc12345')?.state; // 'finished'
   * ```
   */
  findRun(projectId: number, name: string): RunRecord | undefined {
    return this.runs.find(projectId, name);
  }

  /**
   * The next integer id of a kind of stored object (ids start at 1 and only grow, so they give
   * creation order). For the seed functions of the domains.
   *
   * @example
   * ```ts
   * const id = store.nextId('run'); // 1, then 2, ...
   * ```
   */
  nextId(kind: StoredKind): number {
    return ++this.counters[kind];
  }

  /**
   * Whether `username` may create or change projects and runs of `entityName`: its own personal
   * entity, its default entity, or one of its teams.
   *
   * @example
   * ```ts
   * store.canWrite('alice', 'vision-team'); // true when alice is in that team
   * ```
   */
  canWrite(username: string, entityName: string): boolean {
    const user = this.users.get(username);
    if (!user) return false;
    return user.username === entityName || user.entity === entityName || user.teams.includes(entityName);
  }
  /**
   * Returns the entity, creating it (personal when a user has that name, else a team) when missing.
   *
   * @example
   * ```ts
   * store.ensureEntity('vision-team').isTeam; // true
   * ```
   */
  ensureEntity(name: string, isTeam?: boolean): EntityRecord {
    return ensureEntity(this, name, isTeam);
  }

  /**
   * Returns the user, creating it (with its personal entity) when missing.
   *
   * @example
   * ```ts
   * store.ensureUser('bob').entity; // 'bob'
   * ```
   */
  ensureUser(username: string): UserRecord {
    return ensureUser(this, username);
  }

  /**
   * Adds a user (or updates the given fields of an existing one), its personal entity and its teams.
   *
   * @example
   * ```ts
   * store.seedUser({ username: 'bob', teams: ['vision-team'] });
   * ```
   */
  seedUser(input: SeedUserInput): UserRecord {
    return seedUser(this, input);
  }

  /**
   * Adds a project; its entity is created when missing. A project that already exists is returned as is.
   *
   * @example
   * ```ts
   * store.seedProject({ entity: 'alice', name: 'vision' });
   * ```
   */
  seedProject(input: SeedProjectInput): SeededProject & {
    /** The stored record, to read or change directly. */
    record: ProjectRecord;
  } {
    return seedProject(this, input);
  }

  /**
   * Adds a run; its project (and entity) are created when missing.
   *
   * @example
   * ```ts
   * store.seedRun({ project: 'vision', id: 'abc12345', config: { lr: 0.1 } });
   * ```
   */
  seedRun(input: SeedRunInput): SeededRun & {
    /** The stored record, to read or change directly. */
    record: RunRecord;
  } {
    return seedRun(this, input);
  }

  /**
   * Stores a file of a run (text is stored as UTF-8), replacing one of the same name (which keeps
   * its id and creation time). Names are stored as given — hostile ones such as `../x` included —
   * except empty, `.`, `..` and names containing NUL, which throw.
   *
   * @example
   * ```ts
   * store.putRunFile(run, 'config.yaml', 'lr: 0.1\n').md5;
   * ```
   */
  putRunFile(run: RunRecord, name: string, content: string | Uint8Array): FileRecord {
    return putRunFile(this, run, name, content);
  }

  /**
   * The sweep `name` of a project, if any.
   *
   * @example
   * ```ts
   * store.findSweep(project.id, 'swp12345')?.method; // 'grid'
   * ```
   */
  findSweep(projectId: number, name: string): SweepRecord | undefined {
    for (const sweep of this.sweeps.values()) {
      if (sweep.projectId === projectId && sweep.name === name) return sweep;
    }
    return undefined;
  }
  /**
   * Adds a sweep; its project (and entity) are created when missing. Runs join it with
   * `seedRun({ sweep: id })`.
   *
   * @example
   * ```ts
   * store.seedSweep({ project: 'vision', id: 'swp12345', config: { method: 'grid' } });
   * ```
   */
  seedSweep(input: SeedSweepInput): SeededSweep & {
    /** The stored record, to read or change directly. */
    record: SweepRecord;
  } {
    return seedSweep(this, input);
  }

  /**
   * Adds a report (a view of type `runs` unless `type` says otherwise); its project (and entity)
   * are created when missing.
   *
   * @example
   * ```ts
   * store.seedReport({ project: 'vision', displayName: 'Weekly sync', spec: { panelGroups: [] } });
   * ```
   */
  seedReport(input: SeedReportInput): SeededReport & {
    /** The stored record, to read or change directly. */
    record: ReportRecord;
  } {
    return seedReport(this, input);
  }

  /**
   * Adds an artifact version (the next of its collection); its collection, type and project (and
   * entity) are created when missing.
   *
   * @example
   * ```ts
   * store.seedArtifact({ project: 'vision', type: 'dataset', collection: 'mnist', files: { 'a.csv': 'x,y\n' } }).name; // 'mnist:v0'
   * ```
   */
  seedArtifact(input: SeedArtifactInput): SeededArtifact & {
    /** The stored record, to read or change directly. */
    record: ArtifactRecord;
  } {
    return seedArtifact(this, input);
  }

  /**
   * Links a committed version into a portfolio (created when missing).
   *
   * @example
   * ```ts
   * store.seedLink({ artifact: seeded.id, project: 'registry', collection: 'classifier', aliases: ['production'] });
   * ```
   */
  seedLink(input: SeedLinkInput): SeededLink {
    return seedLink(this, input);
  }
}
