/**
 * The emulator's in-memory store: users, entities, projects, runs, sweeps and reports, with integer ids per kind.
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
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { copyRows, latestSystemMetrics, normalizeHistoryRows } from './history.js';
import {
  createPrng,
  cryptoPrng,
  globalId,
  randomRunId,
  runDisplayName,
  RUN_ID_PATTERN,
  type Prng,
} from './ids.js';
import { setOwn } from './json.js';
import { guessMimetype, isStorableName, md5Base64 } from './storage.js';
import type {
  SeedProjectInput,
  SeedRunInput,
  SeedReportInput,
  SeedSweepInput,
  SeedUserInput,
  SeededProject,
  SeededRun,
  SeededReport,
  SeededSweep,
  ViewerOptions,
} from './types.js';

/**
 * A stored user.
 *
 * @example
 * ```ts
 * store.findUser('alice')?.teams; // ['vision-team']
 * ```
 */
export interface UserRecord {
  id: number;
  username: string;
  name: string;
  email: string | null;
  /** Avatar URL (`User.photoUrl`); `null` when none was seeded. */
  photoUrl: string | null;
  admin: boolean;
  /** Default entity name. */
  entity: string;
  /** Team entity names. */
  teams: string[];
  createdAt: string;
}

/**
 * A stored entity (a user's personal entity or a team).
 *
 * @example
 * ```ts
 * store.findEntity('vision-team')?.isTeam; // true
 * ```
 */
export interface EntityRecord {
  id: number;
  name: string;
  isTeam: boolean;
  createdAt: string;
}

/**
 * A stored project.
 *
 * @example
 * ```ts
 * store.findProject('alice', 'vision')?.description;
 * ```
 */
export interface ProjectRecord {
  id: number;
  entityName: string;
  name: string;
  description: string | null;
  access: string | null;
  createdAt: string;
  updatedAt: string;
  /** Username of the creator, if known. */
  username: string | null;
}

/**
 * A config value as the server stores it.
 *
 * @example
 * ```ts
 * const v: ConfigValue = { value: 0.1, desc: null };
 * ```
 */
export interface ConfigValue {
  value: unknown;
  desc: unknown;
}

/**
 * A stored run.
 *
 * @example
 * ```ts
 * store.findRun(projectId, 'abc12345')?.config.lr; // { value: 0.1, desc: null }
 * ```
 */
export interface RunRecord {
  /** Integer storage id (global id `Run:<id>`). */
  id: number;
  projectId: number;
  /** Short run id. */
  name: string;
  displayName: string | null;
  state: string;
  config: Record<string, ConfigValue>;
  summary: Record<string, unknown>;
  systemMetrics: Record<string, unknown>;
  tags: string[];
  notes: string | null;
  description: string | null;
  group: string | null;
  jobType: string | null;
  sweep: string | null;
  commit: string | null;
  host: string | null;
  /** Username of the author. */
  username: string | null;
  createdAt: string;
  updatedAt: string;
  heartbeatAt: string | null;
  /** History rows (`Run.history`), in step order, each with a `_step`. */
  history: Record<string, unknown>[];
  /** System metrics stream rows (`Run.events`), oldest first; empty when none were seeded. */
  events: Record<string, unknown>[];
  /** The run's files by name (`Run.files`); see {@link EmulatorStore.putRunFile}. */
  files: Map<string, FileRecord>;
  /**
   * Uploads not registered yet, by file name: with the feature `MARK_RUN_FILES_UPLOADED` on, a PUT
   * lands here and joins {@link RunRecord.files} once `markRunFilesUploaded` names it.
   */
  pendingFiles: Map<string, Uint8Array>;
}

/**
 * A stored run file.
 *
 * @example
 * ```ts
 * run.files.get('config.yaml')?.md5; // base64 MD5 of the content
 * ```
 */
export interface FileRecord {
  /** Integer id (global id `File:<id>`). */
  id: number;
  /** Name within the run, `/`-separated, stored as given. */
  name: string;
  /** The bytes (`File.sizeBytes` is their length). */
  content: Uint8Array;
  /** MD5 of the content, base64 (as `File.md5`). */
  md5: string;
  /** MIME type, from the name's extension (`application/octet-stream` when unknown). */
  mimetype: string;
  /** First stored. */
  createdAt: string;
  /** Last stored (an upload replaces the content). */
  updatedAt: string;
}

/**
 * A stored sweep.
 *
 * @example
 * ```ts
 * store.findSweep(projectId, 'swp12345')?.config; // 'method: bayes\n...'
 * ```
 */
export interface SweepRecord {
  /** Integer storage id (global id `Sweep:<id>`). */
  id: number;
  projectId: number;
  /** Sweep id, what runs reference (`Run.sweepName`). */
  name: string;
  displayName: string | null;
  method: string;
  state: string;
  description: string | null;
  /** The configuration as YAML, the way the server stores it. */
  config: string;
  /** Seeded best metric value; `undefined` means computed from the runs. */
  bestLoss: number | null | undefined;
  runCountExpected: number | null;
  username: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * A stored report: a saved view (`View`) of a project.
 *
 * @example
 * ```ts
 * [...store.reports.values()].map((r) => r.displayName); // ['Weekly sync']
 * ```
 */
export interface ReportRecord {
  /** Integer storage id (global id `View:<id>`). */
  id: number;
  projectId: number;
  /** Internal view name (`View.name`). */
  name: string;
  displayName: string;
  /** View type; reports are `runs`. */
  type: string;
  description: string | null;
  /** The content as a JSON string, the way the server stores it. */
  spec: string | null;
  username: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * The server feature flags answered by default (`serverInfo { features }`), all enabled.
 * `MARK_RUN_FILES_UPLOADED` is not among them: pass
 * `features: { MARK_RUN_FILES_UPLOADED: true }` to emulate a self-hosted server where an upload is
 * listed only once `markRunFilesUploaded` registers it.
 *
 * @example
 * ```ts
 * DEFAULT_FEATURES.includes('ARTIFACT_TAGS'); // true
 * ```
 */
export const DEFAULT_FEATURES: readonly string[] = [
  'LARGE_FILENAMES',
  'ARTIFACT_TAGS',
  'CLIENT_IDS',
  'TOTAL_COUNT_IN_FILE_CONNECTION',
  'ARTIFACT_COLLECTIONS_FILTERING_SORTING',
  'PROJECT_ARTIFACT_COLLECTION_MEMBERSHIP',
  'SWEEPS_QUERY_FILTERING',
];

/**
 * Formats a time the way the emulator answers `DateTime` fields: RFC 3339 UTC, second precision.
 *
 * @example
 * ```ts
 * toTimestamp(new Date(0)); // '1970-01-01T00:00:00Z'
 * ```
 */
export function toTimestamp(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`Invalid date: ${String(value)}`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const EPOCH = '2024-01-01T00:00:00Z';

function isWrappedConfigValue(value: unknown): value is { value: unknown; desc?: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.includes('value') && keys.every((k) => k === 'value' || k === 'desc');
}

/**
 * Wraps a plain config object as the server stores it: `{ key: { value, desc: null } }`.
 * Values already shaped `{ value, desc }` are kept (a missing `desc` becomes `null`).
 *
 * @example
 * ```ts
 * wrapConfig({ lr: 0.1, bs: { value: 32, desc: 'batch' } });
 * // { lr: { value: 0.1, desc: null }, bs: { value: 32, desc: 'batch' } }
 * ```
 */
export function wrapConfig(config: Record<string, unknown>): Record<string, ConfigValue> {
  const out: Record<string, ConfigValue> = {};
  for (const [key, value] of Object.entries(config)) {
    const entry = isWrappedConfigValue(value)
      ? { value: value.value, desc: value.desc ?? null }
      : { value, desc: null };
    setOwn(out, key, entry); // an own key even when it is `__proto__`
  }
  return out;
}

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
  /** Runs by integer id. */
  readonly runs = new Map<number, RunRecord>();
  /** Sweeps by integer id. */
  readonly sweeps = new Map<number, SweepRecord>();
  /** Reports (saved views) by integer id. */
  readonly reports = new Map<number, ReportRecord>();
  /** Server feature flags by name. */
  readonly features = new Map<string, boolean>();
  /** Username of the viewer. */
  readonly viewerUsername: string;

  private readonly counters = { user: 0, entity: 0, project: 0, run: 0, sweep: 0, report: 0, file: 0 };
  private readonly random: Prng;

  /**
   * @param viewer the authenticated user.
   * @param options `features` overrides; `randomSeed` makes generated ids and names deterministic.
   */
  constructor(
    viewer: ViewerOptions = {},
    options: { features?: Record<string, boolean>; randomSeed?: string } = {},
  ) {
    this.random = options.randomSeed === undefined ? cryptoPrng() : createPrng(options.randomSeed);
    for (const name of DEFAULT_FEATURES) this.features.set(name, true);
    for (const [name, enabled] of Object.entries(options.features ?? {})) this.features.set(name, enabled);
    const username = viewer.username ?? 'emulator-user';
    this.viewerUsername = username;
    this.seedUser({
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
   * The viewer's record.
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
    return [...this.runs.values()].filter((r) => r.projectId === projectId);
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
    for (const run of this.runs.values()) {
      if (run.projectId === projectId && run.name === name) return run;
    }
    return undefined;
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
    const existing = this.entities.get(name);
    if (existing) return existing;
    const entity: EntityRecord = {
      id: ++this.counters.entity,
      name,
      isTeam: isTeam ?? !this.users.has(name),
      createdAt: EPOCH,
    };
    this.entities.set(name, entity);
    return entity;
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
    return this.users.get(username) ?? this.seedUser({ username });
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
    if (!input.username) throw new Error('seed.user: username is required');
    const existing = this.users.get(input.username);
    const user: UserRecord = existing ?? {
      id: ++this.counters.user,
      username: input.username,
      name: input.username,
      email: `${input.username}@example.com`,
      photoUrl: null,
      admin: false,
      entity: input.username,
      teams: [],
      createdAt: EPOCH,
    };
    if (input.name !== undefined) user.name = input.name;
    if (input.email !== undefined) user.email = input.email;
    if (input.photoUrl !== undefined) user.photoUrl = input.photoUrl;
    if (input.admin !== undefined) user.admin = input.admin;
    if (input.entity !== undefined) user.entity = input.entity;
    this.users.set(user.username, user);
    this.ensureEntity(user.username, false);
    for (const team of input.teams ?? []) {
      this.ensureEntity(team, true);
      if (!user.teams.includes(team)) user.teams.push(team);
    }
    this.ensureEntity(user.entity, user.teams.includes(user.entity));
    return user;
  }

  /**
   * Adds a project; its entity is created when missing. A project that already exists is returned as is.
   *
   * @example
   * ```ts
   * store.seedProject({ entity: 'alice', name: 'vision' });
   * ```
   */
  seedProject(input: SeedProjectInput): SeededProject & { record: ProjectRecord } {
    if (!input.name) throw new Error('seed.project: name is required');
    const entityName = input.entity ?? this.viewer.entity;
    const entity = this.ensureEntity(entityName);
    const existing = this.findProject(entityName, input.name);
    if (existing) return { id: globalId('Project', existing.id), internalId: existing.id, record: existing };
    const createdAt = toTimestamp(input.createdAt ?? new Date());
    const owner = [...this.users.values()].find((u) => u.username === entityName);
    const record: ProjectRecord = {
      id: ++this.counters.project,
      entityName: entity.name,
      name: input.name,
      description: input.description ?? null,
      access: input.access ?? 'PRIVATE',
      createdAt,
      updatedAt: createdAt,
      username: input.user ?? owner?.username ?? this.viewerUsername,
    };
    if (input.user !== undefined) this.ensureUser(input.user);
    this.projects.set(record.id, record);
    return { id: globalId('Project', record.id), internalId: record.id, record };
  }

  /**
   * Adds a run; its project (and entity) are created when missing.
   *
   * @example
   * ```ts
   * store.seedRun({ project: 'vision', id: 'abc12345', config: { lr: 0.1 } });
   * ```
   */
  seedRun(input: SeedRunInput): SeededRun & { record: RunRecord } {
    if (!input.project) throw new Error('seed.run: project is required');
    const project = this.seedProject({ entity: input.entity, name: input.project }).record;
    const name = input.id ?? randomRunId(this.random);
    if (!RUN_ID_PATTERN.test(name)) throw new Error(`seed.run: invalid run id ${JSON.stringify(name)}`);
    if (this.findRun(project.id, name)) {
      throw new Error(`seed.run: run ${project.entityName}/${project.name}/${name} already exists`);
    }
    const username = input.user ?? this.viewerUsername;
    this.ensureUser(username);
    const summary = { ...(input.summary ?? {}) };
    const createdAt = toTimestamp(input.createdAt ?? new Date());
    let heartbeatAt: string | null;
    if (input.heartbeatAt === null) heartbeatAt = null;
    else if (input.heartbeatAt !== undefined) heartbeatAt = toTimestamp(input.heartbeatAt);
    else {
      const runtime = typeof summary._runtime === 'number' ? summary._runtime : 0;
      heartbeatAt = toTimestamp(new Date(Date.parse(createdAt) + runtime * 1000));
    }
    const events = Array.isArray(input.systemMetrics)
      ? copyRows(input.systemMetrics, 'seed.run: systemMetrics')
      : undefined;
    const number = this.runsOfProject(project.id).length + 1;
    const record: RunRecord = {
      id: ++this.counters.run,
      projectId: project.id,
      name,
      displayName: input.displayName === undefined ? runDisplayName(this.random, number) : input.displayName,
      state: input.state ?? 'finished',
      config: wrapConfig(input.config ?? {}),
      summary,
      systemMetrics: events ? latestSystemMetrics(events) : { ...(input.systemMetrics ?? {}) },
      events: events ?? [],
      tags: [...(input.tags ?? [])],
      notes: input.notes ?? null,
      description: input.description ?? null,
      group: input.group ?? null,
      jobType: input.jobType ?? null,
      sweep: input.sweep ?? null,
      commit: input.commit ?? null,
      host: input.host ?? null,
      username,
      createdAt,
      updatedAt: heartbeatAt ?? createdAt,
      heartbeatAt,
      history: normalizeHistoryRows(input.history ?? []),
      files: new Map(),
      pendingFiles: new Map(),
    };
    this.runs.set(record.id, record);
    for (const [fileName, content] of Object.entries(input.files ?? {})) {
      this.putRunFile(record, fileName, content);
    }
    return { id: record.name, storageId: globalId('Run', record.id), record };
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
    if (!isStorableName(name)) throw new Error(`Invalid file name ${JSON.stringify(name)}`);
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);
    const existing = run.files.get(name);
    const now = toTimestamp(new Date());
    const record: FileRecord = {
      id: existing?.id ?? ++this.counters.file,
      name,
      content: bytes,
      md5: md5Base64(bytes),
      mimetype: guessMimetype(name),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    run.files.set(name, record);
    return record;
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
  seedSweep(input: SeedSweepInput): SeededSweep & { record: SweepRecord } {
    if (!input.project) throw new Error('seed.sweep: project is required');
    const project = this.seedProject({ entity: input.entity, name: input.project }).record;
    const name = input.id ?? randomRunId(this.random);
    if (!RUN_ID_PATTERN.test(name)) throw new Error(`seed.sweep: invalid sweep id ${JSON.stringify(name)}`);
    if (this.findSweep(project.id, name)) {
      throw new Error(`seed.sweep: sweep ${project.entityName}/${project.name}/${name} already exists`);
    }
    if (typeof input.bestLoss === 'number' && !Number.isFinite(input.bestLoss)) {
      throw new Error(`seed.sweep: bestLoss must be a finite number or null, got ${input.bestLoss}`);
    }
    const config = typeof input.config === 'string' ? input.config : stringifyYaml(input.config);
    const parsed: unknown = parseYaml(config);
    const configMethod =
      parsed && typeof parsed === 'object' && typeof (parsed as { method?: unknown }).method === 'string'
        ? (parsed as { method: string }).method
        : undefined;
    const username = input.user ?? this.viewerUsername;
    this.ensureUser(username);
    const createdAt = toTimestamp(input.createdAt ?? new Date());
    const record: SweepRecord = {
      id: ++this.counters.sweep,
      projectId: project.id,
      name,
      displayName: input.displayName ?? null,
      method: input.method ?? configMethod ?? 'random',
      state: input.state ?? 'FINISHED',
      description: input.description ?? null,
      config,
      bestLoss: input.bestLoss,
      runCountExpected: input.runCountExpected ?? null,
      username,
      createdAt,
      updatedAt: createdAt,
    };
    this.sweeps.set(record.id, record);
    return { id: name, storageId: globalId('Sweep', record.id), record };
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
  seedReport(input: SeedReportInput): SeededReport & { record: ReportRecord } {
    if (!input.project) throw new Error('seed.report: project is required');
    if (typeof input.displayName !== 'string') throw new Error('seed.report: displayName is required');
    const project = this.seedProject({ entity: input.entity, name: input.project }).record;
    const username = input.user ?? this.viewerUsername;
    this.ensureUser(username);
    const createdAt = toTimestamp(input.createdAt ?? new Date());
    const record: ReportRecord = {
      id: ++this.counters.report,
      projectId: project.id,
      name: input.name ?? randomRunId(this.random),
      displayName: input.displayName,
      type: input.type ?? 'runs',
      description: input.description ?? null,
      spec:
        input.spec == null ? null : typeof input.spec === 'string' ? input.spec : JSON.stringify(input.spec),
      username,
      createdAt,
      updatedAt: input.updatedAt === undefined ? createdAt : toTimestamp(input.updatedAt),
    };
    this.reports.set(record.id, record);
    return { id: globalId('View', record.id), name: record.name, record };
  }
}
