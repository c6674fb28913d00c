/**
 * {@link QueuedRun}: one item of a run queue, from `job.call()`, `runQueue.items()` or
 * {@link Api.queuedRun}, and the waits until its run starts and ends (wandb-ops.md §6.8). This
 * file is light, since `api.queuedRun()` returns a `QueuedRun` at once: the class with its
 * fields, the checks of the address, and the object `api.queuedRun()` makes; the code of the
 * methods (`QueuedRunImpl`, `queued-run-impl.ts`) loads on first use.
 *
 * @example
 * ```ts
 * const queued = await job.call({ config: { lr: 0.1 }, queue: 'gpu' });
 * const run = await queued.waitUntilFinished({ timeoutMs: 3_600_000 });
 * console.log(run.state, run.summary.accuracy);
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { lazy } from '../core/lazy.js';
import { describeValue, optionalName, optionsObject } from '../core/validate.js';
import type { Run } from '../runs/run.js';
import { startWait, type WaitOptions } from './polling.js';
import type { QueuedRunImpl } from './queued-run-impl.js';
import { checkPriority, checkQueueName, LAUNCH_PROJECT } from './rules.js';

/**
 * The state of a queue item, lower-cased as the official client gives it: `pending` (waiting for
 * an agent), `leased` (an agent took it), `claimed` (its run was created), `failed`.
 *
 * @example
 * ```ts
 * if ((await queued.state()) === 'failed') console.log('the agent could not launch it');
 * ```
 */
export type QueuedRunState = 'pending' | 'leased' | 'claimed' | 'failed' | (string & {});

/**
 * Where a queued run is: what {@link Api.queuedRun} takes.
 *
 * @example
 * ```ts
 * const where: QueuedRunOptions = { entity: 'acme', project: 'vision', queueName: 'gpu', runQueueItemId: 'UnVuUXVldWVJdGVtOjE=' };
 * ```
 */
export interface QueuedRunOptions {
  /** The entity of the queue and of the run. */
  entity: string;
  /** The project the run is logged to (where `run()` looks for it). */
  project: string;
  /** The queue's name. */
  queueName: string;
  /** The item's id, as `job.call()` or `runQueue.items()` give it. */
  runQueueItemId: string;
  /** The project that holds the queue. Default `model-registry` (where every queue made by `createRunQueue` is). */
  projectQueue?: string;
  /** The priority it was enqueued with, if you know it (only kept on the object). */
  priority?: number;
}

/** What a {@link QueuedRun} is made from: its address, checked, and the priority when known. @internal */
export type QueuedRunAddress = Required<Omit<QueuedRunOptions, 'priority'>> & { priority?: number };

/**
 * One run waiting in (or taken from) a run queue. Made by `job.call()`, `runQueue.items()` and
 * {@link Api.queuedRun} without a request; every method asks the server.
 *
 * @example
 * ```ts
 * const queued = api.queuedRun({ entity: 'acme', project: 'vision', queueName: 'gpu', runQueueItemId: id });
 * console.log(await queued.state()); // 'pending'
 * const run = await queued.waitUntilRunning({ timeoutMs: 600_000 });
 * ```
 */
export abstract class QueuedRun {
  /** The item's id. */
  readonly id: string;
  /** The entity of the queue and of the run. */
  readonly entity: string;
  /** The project the run is logged to. */
  readonly project: string;
  /** The queue's name. */
  readonly queueName: string;
  /** The project that holds the queue (`model-registry` unless told otherwise). */
  readonly projectQueue: string;
  /** The priority it was enqueued with, when known. */
  readonly priority: number | undefined;

  /** @internal Made by `job.call()`, `runQueue.items()` and {@link Api.queuedRun}. */
  constructor(where: QueuedRunAddress) {
    this.id = where.runQueueItemId;
    this.entity = where.entity;
    this.project = where.project;
    this.queueName = where.queueName;
    this.projectQueue = where.projectQueue;
    this.priority = where.priority;
  }

  /**
   * The item's state now, lower-cased (`pending`, `leased`, `claimed`, `failed`). Rejects with
   * {@link NotFoundError} when the item (or its queue) is gone.
   *
   * @example
   * ```ts
   * console.log(await queued.state()); // 'pending'
   * ```
   */
  abstract state(options?: Pick<RequestOptions, 'signal'>): Promise<QueuedRunState>;

  /**
   * The run the item started, loaded, or `undefined` while it has none (the server has not
   * associated a run with it, or the run is not created yet).
   *
   * @example
   * ```ts
   * const run = await queued.run();
   * if (run) console.log(run.url);
   * ```
   */
  abstract run(options?: Pick<RequestOptions, 'signal'>): Promise<Run | undefined>;

  /**
   * Waits until the item has a run and resolves with it (checking every `pollMs`, 5 s by default).
   * Rejects with `TimeoutError` after `timeoutMs`, with the signal's reason when `signal` aborts,
   * with {@link NotFoundError} when the item is gone, and with a {@link WandbError} when the item
   * failed before a run was made. `clock` replaces the real clock (for tests).
   *
   * @example
   * ```ts
   * const run = await queued.waitUntilRunning({ pollMs: 2_000, timeoutMs: 600_000 });
   * console.log(run.id, run.state);
   * ```
   */
  abstract waitUntilRunning(options?: WaitOptions): Promise<Run>;

  /**
   * Waits until the item's run has ended (`finished`, `failed`, `crashed` or `killed`) and
   * resolves with it, reloaded. A failed or crashed run is a result, not an error: look at its
   * `state`. The same options and rejections as {@link QueuedRun.waitUntilRunning}; `timeoutMs`
   * counts from the call, over both waits.
   *
   * @example
   * ```ts
   * const run = await queued.waitUntilFinished({ timeoutMs: 3_600_000 });
   * if (run.state !== 'finished') console.warn(`run ${run.id} ended ${run.state}`);
   * ```
   */
  abstract waitUntilFinished(options?: WaitOptions): Promise<Run>;

  /**
   * Removes the item from its queue (its run, if any, is not touched). Rejects with
   * {@link NotFoundError} when the queue is gone.
   *
   * @example
   * ```ts
   * await queued.delete();
   * ```
   */
  abstract delete(options?: Pick<RequestOptions, 'signal'>): Promise<void>;

  /**
   * A plain-object form, for logging and JSON.
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(queued));
   * ```
   */
  toJSON(): Record<string, unknown> {
    const { id, entity, project, queueName, projectQueue, priority } = this;
    return { id, entity, project, queueName, projectQueue, priority };
  }
}

/** The code of {@link QueuedRun}'s methods, loaded by the first call of one on {@link Api.queuedRun}'s object. */
const code = /* @__PURE__ */ lazy(() => import('./queued-run-impl.js'), 'its launch/queued-run-impl module');

/**
 * The {@link QueuedRun} of {@link Api.queuedRun}, made before the code of its methods has loaded:
 * its first call loads it, and every call hands over to one {@link QueuedRunImpl} of the same
 * address. The waits check their options (and fix their deadline) at the call, as before.
 */
class QueuedRunOnFirstUse extends QueuedRun {
  readonly #ctx: FacadeContext;
  readonly #where: QueuedRunAddress;
  #impl: QueuedRunImpl | undefined;

  constructor(ctx: FacadeContext, where: QueuedRunAddress) {
    super(where);
    this.#ctx = ctx;
    this.#where = where;
  }

  async #loaded(): Promise<QueuedRunImpl> {
    const { QueuedRunImpl } = await code();
    return (this.#impl ??= new QueuedRunImpl(this.#ctx, this.#where));
  }

  override async state(options: Pick<RequestOptions, 'signal'> = {}): Promise<QueuedRunState> {
    return (await this.#loaded()).state(options);
  }

  override async run(options: Pick<RequestOptions, 'signal'> = {}): Promise<Run | undefined> {
    return (await this.#loaded()).run(options);
  }

  override waitUntilRunning(options: WaitOptions = {}): Promise<Run> {
    const wait = startWait(options);
    return this.#loaded().then((queued) => queued.untilRunning(wait));
  }

  override async waitUntilFinished(options: WaitOptions = {}): Promise<Run> {
    const wait = startWait(options);
    return (await this.#loaded()).untilFinished(wait);
  }

  override async delete(options: Pick<RequestOptions, 'signal'> = {}): Promise<void> {
    return (await this.#loaded()).delete(options);
  }
}

function requiredText(value: unknown, parameter: string): string {
  if (typeof value !== 'string' || value === '')
    throw new ValidationError(parameter, `expected a non-empty string, got ${describeValue(value)}`);
  return value;
}

/**
 * A queued run by its address, checked, without a request.
 * @internal Users call {@link Api.queuedRun}.
 * @example
 * ```ts
 * const queued = queuedRunFromOptions(ctx, { entity: 'acme', project: 'vision', queueName: 'gpu', runQueueItemId: id });
 * ```
 */
export function queuedRunFromOptions(ctx: FacadeContext, options: QueuedRunOptions): QueuedRun {
  const o = optionsObject(options);
  const entity = optionalName(o.entity, 'entity');
  if (entity === undefined) throw new ValidationError('entity', 'expected the entity of the queue');
  const project = optionalName(o.project, 'project');
  if (project === undefined)
    throw new ValidationError('project', 'expected the project the run is logged to');
  return new QueuedRunOnFirstUse(ctx, {
    entity,
    project,
    queueName: checkQueueName(o.queueName, 'queueName'),
    runQueueItemId: requiredText(o.runQueueItemId, 'runQueueItemId'),
    projectQueue: optionalName(o.projectQueue, 'projectQueue') ?? LAUNCH_PROJECT,
    priority: checkPriority(o.priority),
  });
}
