/**
 * Sweeps as the store keeps them, and the seed input that makes one.
 *
 * @example
 * ```ts
 * import type { SweepRecord } from './records.js';
 * const sweep: SweepRecord | undefined = store.findSweep(project.id, 'swp12345');
 * ```
 * @module
 */

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
  /** Storage id of the sweep's project ({@link ProjectRecord.id}). */
  projectId: number;
  /** Sweep id, what runs reference (`Run.sweepName`). */
  name: string;
  /** The display name (`null`: clients fall back to the config's `name`, then the id). */
  displayName: string | null;
  /** The search method (`grid`, `random`, `bayes`, ...). */
  method: string;
  /** The state as W&B reports it (`RUNNING`, `PAUSED`, `FINISHED`, `CANCELED`, `CRASHED`). */
  state: string;
  /** The description (`null` for none). */
  description: string | null;
  /** The configuration as YAML, the way the server stores it. */
  config: string;
  /** Seeded best metric value; `undefined` means computed from the runs. */
  bestLoss: number | null | undefined;
  /** Runs expected when the sweep completes (grid search); `null` when unknown. */
  runCountExpected: number | null;
  /** Username of the creator (`null` when unknown). */
  username: string | null;
  /** Creation time, an ISO 8601 timestamp in whole seconds (`2024-01-02T03:04:05Z`). */
  createdAt: string;
  /** Last update, the same format. */
  updatedAt: string;
}

/**
 * Input of `emu.seed.sweep`.
 *
 * @example
 * ```ts
 * emu.seed.sweep({
 *   project: 'vision',
 *   id: 'swp12345',
 *   config: { method: 'bayes', metric: { name: 'val_loss', goal: 'minimize' }, parameters: { lr: { min: 0.0001, max: 0.1 } } },
 * });
 * emu.seed.run({ project: 'vision', sweep: 'swp12345', summary: { val_loss: 0.3 } });
 * ```
 */
export interface SeedSweepInput {
  /** Entity. Default the viewer's entity. */
  entity?: string;
  /** Project (created when missing). */
  project: string;
  /** Sweep id (GraphQL `Sweep.name`). Default a random 8-character id. */
  id?: string;
  /** Display name. Default `null` (clients fall back to the config's `name`, then the id). */
  displayName?: string | null;
  /** The sweep configuration: an object (stored as YAML, as the server does) or a YAML string. */
  config: Record<string, unknown> | string;
  /** Search method. Default the config's `method`, else `random`. */
  method?: string;
  /** State as W&B reports it (`RUNNING`, `PAUSED`, `FINISHED`, `CANCELED`, `CRASHED`). Default `FINISHED`. */
  state?: string;
  /** Description. Default `null`. */
  description?: string | null;
  /**
   * Best value of the sweep metric, a finite number (GraphQL cannot send NaN or Infinity). Default:
   * computed from the finite values in the sweep's runs' summaries using the config's
   * `metric { name, goal }` (null when there is no metric or no run has it).
   */
  bestLoss?: number | null;
  /** Runs expected when the sweep completes (grid search). Default `null`. */
  runCountExpected?: number | null;
  /** Creation time. Default now (on the emulator clock). */
  createdAt?: Date | string;
  /** Username of the creator. Default the viewer. */
  user?: string;
}

/**
 * The result of `emu.seed.sweep`.
 *
 * @example
 * ```ts
 * const { id, storageId } = emu.seed.sweep({ project: 'vision', config: { method: 'grid' } });
 * ```
 */
export interface SeededSweep {
  /** Sweep id (GraphQL `Sweep.name`), what runs reference with `sweep`. */
  id: string;
  /** Global id (GraphQL `Sweep.id`). */
  storageId: string;
}
