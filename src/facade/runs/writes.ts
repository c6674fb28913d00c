/**
 * Run writes (wandb-ops.md §6.3 `create_run`, §7.1 `update` / `delete`): {@link createRun}
 * behind {@link Api.createRun}, the options of the writes and random run ids. What
 * `run.update()` sends is encoded in `encode.ts`.
 *
 * @example
 * ```ts
 * const run = await createRun(ctx, { project: 'vision' });
 * randomRunId(); // e.g. 'k3x9a0qz'
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { ValidationError, WandbError } from '../../errors/index.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { randomId } from '../core/random.js';
import { optionalName, optionalSignal, optionsObject } from '../core/validate.js';
import { runCreateState, type Run, type RunCreateState } from './run.js';
import { RunImpl } from './run-impl.js';

/**
 * Options of {@link Api.createRun}.
 *
 * @example
 * ```ts
 * const options: CreateRunOptions = { project: 'vision', runId: 'baseline-1' };
 * const run = await api.createRun(options);
 * ```
 */
export interface CreateRunOptions extends Pick<RequestOptions, 'signal'> {
  /** The run id (GraphQL `name`). Default: 8 random characters of `[a-z0-9]`. */
  runId?: string;
  /** The project. Default: the Api's `project` option (`WANDB_PROJECT`); without one, a `ValidationError`. */
  project?: string;
  /** The entity. Default: the Api's `entity` option (`WANDB_ENTITY`), else the viewer's entity. */
  entity?: string;
}

/**
 * Options of {@link Run.create}: those of {@link Api.createRun}, plus the state.
 *
 * @example
 * ```ts
 * const options: RunCreateOptions = { project: 'vision', runId: 'queued-1', state: 'pending' };
 * const run = await Run.create(api, options);
 * ```
 */
export interface RunCreateOptions extends CreateRunOptions {
  /** `running` (default) or `pending`. */
  state?: RunCreateState;
}

/**
 * Options of {@link Run.update}. Aborting `signal` keeps the local edits, so a later `update()`
 * sends them again.
 *
 * @example
 * ```ts
 * const options: RunUpdateOptions = { signal: AbortSignal.timeout(10_000) };
 * await run.update(options);
 * ```
 */
export type RunUpdateOptions = Pick<RequestOptions, 'signal'>;

/**
 * Options of {@link Run.delete}.
 *
 * @example
 * ```ts
 * const options: RunDeleteOptions = { deleteArtifacts: true };
 * await run.delete(options);
 * ```
 */
export interface RunDeleteOptions extends Pick<RequestOptions, 'signal'> {
  /** Also delete the artifacts the run logged. Default `false`. */
  deleteArtifacts?: boolean;
}

const RUN_ID_LENGTH = 8;

/**
 * A random run id like the official client makes: 8 characters of `[a-z0-9]`, from
 * `crypto.getRandomValues` (available in browsers and Node 20+).
 *
 * @example
 * ```ts
 * randomRunId(); // e.g. 'k3x9a0qz'
 * ```
 */
export function randomRunId(): string {
  return randomId(RUN_ID_LENGTH);
}

/**
 * Creates a run in state `state` (default `running`; an upsert by id: an existing run of that id
 * is set to that state and returned with its data). The project comes from the options, else the `project`
 * setting — without either, a {@link ValidationError}; the entity from the options, else the
 * default one.
 * @internal Users call {@link Api.createRun}.
 * @example
 * ```ts
 * const run = await createRun(ctx, { project: 'vision', runId: 'baseline-1' });
 * ```
 */
export async function createRun(
  ctx: FacadeContext,
  options: CreateRunOptions = {},
  state: RunCreateState = 'running',
): Promise<Run> {
  const o = optionsObject(options);
  const runState = runCreateState(state);
  let runId: string | undefined;
  if (o.runId !== undefined) {
    runId = optionalName(o.runId, 'runId');
    if (runId === undefined) throw new ValidationError('runId', 'expected a non-empty run id');
  }
  const project = optionalName(o.project, 'project') ?? ctx.settings.project;
  if (project === undefined) {
    throw new ValidationError(
      'project',
      'no project given and no default project: pass { project }, or set the project option or WANDB_PROJECT',
    );
  }
  const explicit = optionalName(o.entity, 'entity');
  const signal = optionalSignal(o.signal);
  const entity = await ctx.resolveEntity(explicit);
  const name = runId ?? randomRunId();
  // An upsert by id with fixed values: repeating it changes nothing more, so it is safe to retry.
  const data = await ctx.request(
    (await documents()).CreateRunDocument,
    { entity, project, name, state: runState },
    { signal, idempotent: true },
  );
  const bucket = data.upsertBucket?.bucket;
  if (!bucket) throw new WandbError(`CreateRun returned no run for ${entity}/${project}/${name}`);
  return new RunImpl(ctx, entity, project, bucket);
}
