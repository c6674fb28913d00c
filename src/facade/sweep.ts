import {
  SweepDetailDocument,
  SweepDetailLegacyDocument,
  type SweepFieldsFragment,
  type SweepLegacyFieldsFragment,
} from '../generated/graphql.js';
import type { FacadeContext } from './context.js';
import { parseServerDate } from './dates.js';
import { AuthenticationError } from './errors.js';
import { sweepUrl } from './paths.js';
import { parseYamlObject } from './yaml.js';

/** Sweep states as W&B reports them. Other strings may appear on newer servers. */
export type SweepState = 'RUNNING' | 'PAUSED' | 'FINISHED' | 'CANCELED' | 'CRASHED' | (string & {});

/**
 * A hyperparameter sweep. Runs listed with `includeSweeps: true` carry theirs as `run.sweep`.
 *
 * @example
 * ```ts
 * for await (const run of api.runs('acme/vision', { includeSweeps: true })) {
 *   if (run.sweep) console.log(run.id, 'in sweep', run.sweep.name, run.sweep.config.method);
 * }
 * ```
 */
export class Sweep {
  /** The sweep id, e.g. `k3x9a0qz` (GraphQL `name`; what runs' `sweepName` holds). */
  readonly id: string;
  /** The server's node id (GraphQL `id`). */
  readonly storageId: string;
  /** Entity that owns the sweep. */
  readonly entity: string;
  /** Project the sweep belongs to. */
  readonly project: string;
  /** Display name as set on the server, or `undefined`. */
  readonly displayName: string | undefined;
  /** State: `RUNNING`, `PAUSED`, `FINISHED`, `CANCELED`, `CRASHED`, ... */
  readonly state: SweepState;
  /** Search method: `grid`, `random`, `bayes`, ... */
  readonly method: string;
  /** Description, or `undefined`. */
  readonly description: string | undefined;
  /** The sweep configuration, parsed from the server's YAML. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Best value of the sweep's metric so far, or `undefined`. */
  readonly bestLoss: number | undefined;
  /** Number of runs in the sweep (`undefined` from servers too old to say). */
  readonly runCount: number | undefined;
  /** Runs expected when the sweep completes (grid search), or `undefined`. */
  readonly expectedRunCount: number | undefined;
  /** When the sweep was created. */
  readonly createdAt: Date | undefined;
  /** When the sweep was last updated. */
  readonly updatedAt: Date | undefined;

  readonly #appUrl: string;

  /** @internal Use {@link Sweep.fromData}: the config needs an asynchronous YAML parse. */
  constructor(
    appUrl: string,
    entity: string,
    project: string,
    data: SweepFieldsFragment | SweepLegacyFieldsFragment,
    config: Record<string, unknown>,
  ) {
    const full: Partial<SweepFieldsFragment> = data;
    this.#appUrl = appUrl;
    this.entity = entity;
    this.project = project;
    this.id = data.name;
    this.storageId = data.id;
    this.displayName = full.displayName ?? undefined;
    this.state = data.state;
    this.method = full.method ?? (typeof config.method === 'string' ? config.method : 'unknown');
    this.description = full.description ?? undefined;
    this.config = config;
    this.bestLoss = data.bestLoss ?? undefined;
    this.runCount = full.runCount;
    this.expectedRunCount = full.runCountExpected ?? undefined;
    this.createdAt = parseServerDate(full.createdAt);
    this.updatedAt = parseServerDate(full.updatedAt);
  }

  /** @internal Builds a sweep from a `SweepFields` selection, parsing its YAML config. */
  static async fromData(
    appUrl: string,
    entity: string,
    project: string,
    data: SweepFieldsFragment | SweepLegacyFieldsFragment,
  ): Promise<Sweep> {
    return new Sweep(appUrl, entity, project, data, await parseYamlObject(data.config, 'sweep config'));
  }

  /**
   * The name to show: the display name, else the config's `name`, else the id.
   *
   * @example
   * ```ts
   * console.log(run.sweep?.name); // 'lr-sweep'
   * ```
   */
  get name(): string {
    const configName = this.config.name;
    return this.displayName ?? (typeof configName === 'string' && configName ? configName : this.id);
  }

  /**
   * `[entity, project, id]`.
   *
   * @example
   * ```ts
   * const [entity, project, id] = sweep.path;
   * ```
   */
  get path(): [string, string, string] {
    return [this.entity, this.project, this.id];
  }

  /**
   * The sweep's page in the W&B app.
   *
   * @example
   * ```ts
   * console.log(sweep.url); // 'https://wandb.ai/acme/vision/sweeps/k3x9a0qz'
   * ```
   */
  get url(): string {
    return sweepUrl(this.#appUrl, this.entity, this.project, this.id);
  }

  /**
   * A plain-object form, for logging and JSON.
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(run.sweep!, null, 2));
   * ```
   */
  toJSON(): Record<string, unknown> {
    const { id, storageId, entity, project, name, state, method, config, bestLoss, runCount, url } = this;
    return { id, storageId, entity, project, name, state, method, config, bestLoss, runCount, url };
  }
}

/**
 * Fetches one sweep, or `undefined` when the project has none of that id. Like the official
 * client, a failure of the full query is retried once with the legacy selection that older
 * servers answer (wandb-ops.md §6.4); if that fails too, the first error is thrown.
 * @internal
 */
export async function fetchSweep(
  ctx: FacadeContext,
  entity: string,
  project: string,
  name: string,
  signal?: AbortSignal,
): Promise<Sweep | undefined> {
  const vars = { entity, project, name };
  const cacheIf = (d: { project: { sweep: unknown } | null }) => d.project?.sweep != null;
  let data: { project: { sweep: SweepFieldsFragment | SweepLegacyFieldsFragment | null } | null };
  try {
    data = await ctx.request(SweepDetailDocument, vars, { signal, cacheIf });
  } catch (error) {
    if (error instanceof AuthenticationError || signal?.aborted) throw error;
    data = await ctx
      .request(SweepDetailLegacyDocument, vars, { signal, cacheIf })
      .catch(() => Promise.reject(error));
  }
  const sweep = data.project?.sweep;
  return sweep ? Sweep.fromData(ctx.appUrl, entity, project, sweep) : undefined;
}
