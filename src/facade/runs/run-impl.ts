/**
 * {@link RunImpl}: the code of {@link Run}'s requests (`update()`, `delete()`, `load()`,
 * `scanHistory()`, `writer()`), the parsing of its heavy fields, and the functions that get one
 * ({@link getRun}, {@link fetchRunDetail}), loaded with the runs domain.
 *
 * @example
 * ```ts
 * const run = await getRun(ctx, 'acme/vision/a1b2c3d4');
 * console.log(run.name, run.config.lr, run.summary.loss);
 * ```
 * @module
 */
import { documents, lazy } from '../core/lazy.js';
import { WandbError } from '../../errors/index.js';
import type {
  DeleteRunMutationVariables,
  RunDetailQuery,
  RunHeavyFieldsFragment,
  UpdateRunMutationVariables,
} from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { checkSendableJson, parseJsonString, unwrapConfig } from '../core/json.js';
import { runNotFound } from '../core/notFound.js';
import { optionalBoolean, optionalSignal, optionsObject } from '../core/validate.js';
import { parseRunPath } from '../paths/paths.js';
import type { Sweep } from '../sweeps/sweep.js';
import { encodeConfig, stringifyJsonWithNonFinite } from './encode.js';
import type { HistoryRow, HistoryRowOf, ScanHistoryOptions } from './history.js';
import { parseScanOptions } from './history-options.js';
import {
  Run,
  type HeavyFields,
  type HistoryKeys,
  type RunConfig,
  type RunData,
  type RunSummary,
} from './run.js';
import { checkRunObject, checkRunTags } from './run-checks.js';
import type { RunDeleteOptions, RunUpdateOptions } from './writes.js';
import type { RunWriter, RunWriterOptions } from './writer.js';
import { RunWriterImpl } from './writer-impl.js';

// The history code loads with the first history read: an app that lists runs does not download it.
const histories = /* @__PURE__ */ lazy(() => import('./history.js'), 'its runs/history module');

/**
 * Fetches one run with every field (`RunDetail`); a run that does not exist is a
 * {@link NotFoundError} and is not cached, so it is found once it exists.
 * @internal Users call {@link Api.run} or `run.load()`.
 * @example
 * ```ts
 * const fields = await fetchRunDetail(ctx, 'acme', 'vision', 'a1b2c3d4', { cache: false });
 * ```
 */
export async function fetchRunDetail(
  ctx: FacadeContext,
  entity: string,
  project: string,
  runId: string,
  options: RequestOptions = {},
): Promise<RunDetailFields> {
  const data = await ctx.request(
    (await documents()).RunDetailDocument,
    { entity, project, name: runId },
    { ...options, cacheIf: (d) => d.project?.run != null },
  );
  if (!data.project?.run) throw runNotFound(entity, project, runId, data.project != null);
  return data.project.run;
}

type RunDetailFields = NonNullable<NonNullable<RunDetailQuery['project']>['run']>;

/**
 * One run, fully loaded, by any run path form (missing parts from the settings, else the
 * viewer); {@link NotFoundError} when there is none.
 * @internal Users call {@link Api.run}.
 * @example
 * ```ts
 * const run = await getRun(ctx, 'vision/a1b2c3d4', { cache: false });
 * ```
 */
export async function getRun<Config extends object = RunConfig, Summary extends object = RunSummary>(
  ctx: FacadeContext,
  path: string,
  options: RequestOptions = {},
): Promise<Run<Config, Summary>> {
  const o = optionsObject(options);
  const parsed = parseRunPath(path, ctx.settings);
  const entity = await ctx.resolveEntity(parsed.entity);
  const run = await fetchRunDetail(ctx, entity, parsed.project, parsed.runId, o);
  return new RunImpl<Config, Summary>(ctx, entity, parsed.project, run);
}

/**
 * Whether `current` (a config as plain values, or a summary) serializes the same as the JSON
 * string it was loaded from; `false` when that string is unknown, so the value is then sent.
 */
function sameAsLoaded(
  current: Record<string, unknown>,
  loaded: string | null | undefined,
  field: 'config' | 'summaryMetrics',
): boolean {
  if (loaded === undefined) return false;
  const parsed = parseJsonString(loaded, field);
  const before = field === 'config' ? unwrapConfig(parsed) : parsed;
  const what = field === 'config' ? 'config' : 'summary';
  return stringifyJsonWithNonFinite(before, what) === stringifyJsonWithNonFinite(current, what);
}

function hasHeavyFields(data: RunData): data is RunData & RunHeavyFieldsFragment {
  return 'config' in data && 'summaryMetrics' in data && 'systemMetrics' in data && 'historyKeys' in data;
}

function toHistoryKeys(value: unknown): HistoryKeys {
  const raw = typeof value === 'string' ? parseJsonString(value, 'historyKeys') : value;
  const obj = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const lastStep = typeof obj.lastStep === 'number' ? obj.lastStep : -1;
  const keys = obj.keys && typeof obj.keys === 'object' ? (obj.keys as Record<string, unknown>) : {};
  return { ...obj, lastStep, keys };
}

/** The heavy fields of `data`, parsed. */
function heavyFields(data: RunHeavyFieldsFragment): HeavyFields {
  const rawConfig = parseJsonString(data.config, 'config');
  return {
    rawConfig,
    config: unwrapConfig(rawConfig),
    summary: parseJsonString(data.summaryMetrics, 'summaryMetrics'),
    systemMetrics: parseJsonString(data.systemMetrics, 'systemMetrics'),
    historyKeys: toHistoryKeys(data.historyKeys),
  };
}

/**
 * A {@link Run} with the code of its requests.
 * @internal Made by {@link getRun}, the runs listing (through `ctx.runFromData`) and `createRun`.
 * @example
 * ```ts
 * const run = new RunImpl(ctx, 'acme', 'vision', node);
 * await run.load();
 * ```
 */
export class RunImpl<Config extends object = RunConfig, Summary extends object = RunSummary> extends Run<
  Config,
  Summary
> {
  // The name users see in `constructor.name` and logs is the public class's.
  static {
    Object.defineProperty(this, 'name', { value: 'Run' });
  }

  constructor(ctx: FacadeContext, entity: string, project: string, data: RunData, sweep?: Sweep) {
    super(ctx, entity, project, data, hasHeavyFields(data) ? heavyFields(data) : undefined, sweep);
  }

  override async update(options: RunUpdateOptions = {}): Promise<this> {
    const o = optionsObject(options);
    const signal = optionalSignal(o.signal);
    const data = this.data;
    const variables: UpdateRunMutationVariables = {
      id: data.id,
      displayName: data.displayName ?? null,
      notes: data.notes ?? null,
      tags: checkRunTags(data.tags ?? []),
      groupName: data.group ?? null,
      jobType: data.jobType ?? null,
    };
    const heavy = this.heavy;
    if (heavy) {
      const config = checkRunObject(heavy.config, 'config');
      const summary = checkRunObject(heavy.summary, 'summary');
      // Before comparing: a value JSON would drop (a function) must not pass as "unchanged".
      checkSendableJson(config, 'config');
      checkSendableJson(summary, 'summary');
      if (!sameAsLoaded(config, data.config, 'config')) {
        variables.config = encodeConfig(config, heavy.rawConfig);
      }
      if (!sameAsLoaded(summary, data.summaryMetrics, 'summaryMetrics')) {
        variables.summaryMetrics = stringifyJsonWithNonFinite(summary, 'summary');
      }
    }
    const result = await this.ctx.request((await documents()).UpdateRunDocument, variables, {
      signal,
      idempotent: true,
    });
    const bucket = result.upsertBucket?.bucket;
    if (!bucket) throw new WandbError(`UpdateRun returned no run for ${this.path.join('/')}`);
    this.replace(bucket, heavyFields(bucket));
    return this;
  }

  override async delete(options: RunDeleteOptions = {}): Promise<void> {
    const o = optionsObject(options);
    const deleteArtifacts = optionalBoolean(o.deleteArtifacts, 'deleteArtifacts') ?? false;
    const signal = optionalSignal(o.signal);
    // Like the official client, `deleteArtifacts` is only sent when true.
    const variables: DeleteRunMutationVariables = deleteArtifacts
      ? { id: this.storageId, deleteArtifacts: true }
      : { id: this.storageId };
    await this.ctx.request((await documents()).DeleteRunDocument, variables, { signal });
  }

  override async load(options: { force?: boolean } & RequestOptions = {}): Promise<this> {
    if (this.heavy && !options.force) return this;
    const run = await fetchRunDetail(this.ctx, this.entity, this.project, this.id, {
      signal: options.signal,
      cache: options.force ? false : options.cache,
    });
    this.replace(run, heavyFields(run));
    return this;
  }

  override scanHistory<const K extends readonly string[]>(
    options: Omit<ScanHistoryOptions, 'keys'> & { keys: K },
  ): AsyncIterable<HistoryRowOf<K[number]>>;
  override scanHistory(options?: ScanHistoryOptions): AsyncIterable<HistoryRow>;
  override scanHistory(options?: ScanHistoryOptions): AsyncIterable<HistoryRow> {
    parseScanOptions(options); // bad options throw here, before the history code loads
    const { entity, project, id, state } = this;
    const ctx = this.ctx;
    return {
      async *[Symbol.asyncIterator]() {
        yield* (await histories()).scanHistory(ctx, entity, project, id, options, state);
      },
    };
  }

  override writer(options: RunWriterOptions = {}): RunWriter {
    return new RunWriterImpl(
      this.ctx,
      this.ref,
      async () => {
        await this.load({ force: true });
        const summary = this.summary as Record<string, unknown>;
        const summaryStep = summary['_step'];
        const lastStep = Math.max(
          this.historyKeys.lastStep,
          typeof summaryStep === 'number' && Number.isInteger(summaryStep) ? summaryStep : -1,
        );
        return { historyLineCount: this.historyLineCount, lastStep, summary };
      },
      options,
    );
  }
}
