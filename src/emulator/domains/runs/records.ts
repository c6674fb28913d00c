/**
 * Runs as the store keeps them (config in the server's `{ value, desc }` form), the run id rule,
 * and the seed input that makes one.
 *
 * @example
 * ```ts
 * import { wrapConfig } from './records.js';
 * wrapConfig({ lr: 0.1 }); // { lr: { value: 0.1, desc: null } }
 * ```
 * @module
 */

import { setOwn } from '../../graphql/json-string.js';
import type { FileRecord } from '../files/records.js';

/**
 * A config value as the server stores it.
 *
 * @example
 * ```ts
 * const v: ConfigValue = { value: 0.1, desc: null };
 * ```
 */
export interface ConfigValue {
  /** The value the run was configured with. */
  value: unknown;
  /** Its description (`null` when none was given). */
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
  /** Storage id of the run's project ({@link ProjectRecord.id}). */
  projectId: number;
  /** Short run id. */
  name: string;
  /** The display name (`null`: the UI shows the run id). */
  displayName: string | null;
  /** The run state as the server reports it: `running`, `finished`, `failed`, `crashed`, ... */
  state: string;
  /** The run's config, each value wrapped as the server stores it. */
  config: Record<string, ConfigValue>;
  /** The summary metrics. */
  summary: Record<string, unknown>;
  /** The latest system metrics (`Run.systemMetrics`). */
  systemMetrics: Record<string, unknown>;
  /** Tags, in the order they were given. */
  tags: string[];
  /** Notes (`null` for none). */
  notes: string | null;
  /** The description (`null` for none). */
  description: string | null;
  /** The group (`null` for none). */
  group: string | null;
  /** The job type (`null` for none). */
  jobType: string | null;
  /** Name of the sweep the run belongs to (`null` for none). */
  sweep: string | null;
  /** The git commit the run was made from (`null` for none). */
  commit: string | null;
  /** The host that ran it (`null` for none). */
  host: string | null;
  /** Username of the author. */
  username: string | null;
  /** Creation time, an ISO 8601 timestamp in whole seconds (`2024-01-02T03:04:05Z`). */
  createdAt: string;
  /** Last update, the same format. */
  updatedAt: string;
  /** Last heartbeat, the same format (`null` for none). */
  heartbeatAt: string | null;
  /** History rows (`Run.history`), in step order, each with a `_step`. */
  history: Record<string, unknown>[];
  /**
   * The last step of the history exported to Parquet (`Run.parquetHistory`, `-1` for none);
   * `undefined` for the default: everything once the run is in a final state, nothing while it
   * runs (`domains/history/parquet.ts`).
   */
  historyExportedThrough?: number;
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
 * The run and sweep ids the emulator accepts (seeded or created by `upsertBucket`): letters,
 * digits, `_`, `.` and `-`, nothing that would break a path or URL.
 *
 * @example
 * ```ts
 * RUN_ID_PATTERN.test('abc12345'); // true
 * RUN_ID_PATTERN.test('a/b'); // false
 * ```
 */
export const RUN_ID_PATTERN = /^[A-Za-z0-9_.-]+$/;

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
 * A run to add with `emu.seed.run`. Every field but `project` is optional.
 *
 * @example
 * ```ts
 * emu.seed.run({ project: 'vision', id: 'abc12345', config: { lr: 0.1 }, summary: { loss: 0.2 }, tags: ['baseline'] });
 * emu.seed.run({
 *   project: 'vision',
 *   history: [{ loss: 1 }, { loss: 0.5 }], // _step 0 and 1
 *   systemMetrics: [{ 'system.cpu': 12, _runtime: 10 }, { 'system.cpu': 15, _runtime: 20 }], // the stream
 *   files: { 'config.yaml': 'lr: 0.1\n', 'model.bin': new Uint8Array([1, 2, 3]) },
 * });
 * ```
 */
export interface SeedRunInput {
  /** Entity. Default the viewer's entity. */
  entity?: string;
  /** Project name (created when missing). */
  project: string;
  /** Short run id (GraphQL `name`). Default 8 random characters of `[a-z0-9]`. */
  id?: string;
  /** Display name. Default a W&B-like `adjective-noun-<n>`. */
  displayName?: string | null;
  /** State: `running`, `finished`, `crashed`, `failed`, ... Default `'finished'`. */
  state?: string;
  /**
   * Config. Plain values are stored wrapped as `{ value, desc: null }` like the server does;
   * values that already have the `{ value, desc }` shape are kept.
   */
  config?: Record<string, unknown>;
  /** Summary metrics. Default `{}`. */
  summary?: Record<string, unknown>;
  /**
   * System metrics: either the run's latest system metrics (an object), or the whole system
   * metrics stream as rows, oldest first (`Run.events`, what `history({ stream: 'system' })`
   * reads; rows usually carry `_runtime` / `_timestamp`), in which case the latest system metrics
   * are the last row without its `_`-prefixed keys. Default `{}` and no stream.
   */
  systemMetrics?: Record<string, unknown> | Record<string, unknown>[];
  /** Tags. Default `[]`. */
  tags?: string[];
  /** Notes. Default `null`. */
  notes?: string | null;
  /** Description. Default `null`. */
  description?: string | null;
  /** Group. Default `null`. */
  group?: string | null;
  /** Job type. Default `null`. */
  jobType?: string | null;
  /** Creation time. Default now (on the emulator clock). */
  createdAt?: Date | string;
  /** Last heartbeat. Default `createdAt` plus `summary._runtime` seconds (or `createdAt`). */
  heartbeatAt?: Date | string | null;
  /** Sweep id (`Run.sweepName`, filter key `sweep`). Default `null`. */
  sweep?: string | null;
  /** Username of the run's author (created when missing). Default the viewer. */
  user?: string;
  /** Git commit. Default `null`. */
  commit?: string | null;
  /** Host name. Default `null`. */
  host?: string | null;
  /**
   * History rows, in step order; sets `historyLineCount` and `historyKeys` (`lastStep` = the largest
   * `_step`). A row without `_step` gets the previous row's step plus one (`0` for the first);
   * steps must be strictly increasing non-negative integers. `_runtime` / `_timestamp` are
   * optional and never added. Default none.
   */
  history?: Record<string, unknown>[];
  /**
   * The last step of `history` exported to Parquet files (`Run.parquetHistory`): rows with a
   * larger step are live data, read with `history(minStep, maxStep)`. `-1` exports none. Default:
   * all rows when the run is in a final state (`finished`, `crashed`, `failed`, ...), none while
   * it is `running` (or `pending`, `preempting`); rows written after a run was exported (by
   * `file_stream`, or when it runs again) are live until exported. Change it later with
   * `emu.history.export`.
   *
   * @example
   * ```ts
   * emu.seed.run({ project: 'vision', state: 'running', history: rows, historyExportedThrough: 999 });
   * // steps 0..999 in Parquet files, the rest live
   * ```
   */
  historyExportedThrough?: number;
  /**
   * Files of the run by name (`/`-separated; text is stored as UTF-8), served by `Run.files` and
   * signed storage URLs. Names are stored as given, hostile ones such as `../x.txt` or `/abs.txt`
   * included (to test clients), but not empty, `.`, `..` or containing NUL. Default none.
   */
  files?: Record<string, string | Uint8Array>;
}

/**
 * The result of `emu.seed.run`.
 *
 * @example
 * ```ts
 * const { id, storageId } = emu.seed.run({ project: 'vision' }); // id: 'k3x9a0qz', storageId: base64 'Run:<n>'
 * ```
 */
export interface SeededRun {
  /** Short run id (GraphQL `Run.name`). */
  id: string;
  /** Global id (GraphQL `Run.id`). */
  storageId: string;
}

/**
 * What `Project.runs` answers (`RunConnection` resolvers read it): one page of runs and the number
 * of runs that match.
 *
 * @example
 * ```ts
 * const page: RunConnectionView = { totalCount: 1, pageInfo, edges: [{ node: run, cursor }] };
 * ```
 */
export interface RunConnectionView {
  /** Runs that match the filters, all pages together. */
  totalCount: number;
  /** Where this page is. */
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  /** The runs of this page, each with its cursor. */
  edges: { node: RunRecord; cursor: string }[];
}
