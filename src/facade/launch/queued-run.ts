/**
 * {@link QueuedRun}: one item of a run queue, from `job.call()`, `runQueue.items()` or
 * {@link Api.queuedRun}, and the waits until its run starts and ends (wandb-ops.md §6.8).
 *
 * @example
 * ```ts
 * const queued = await job.call({ config: { lr: 0.1 }, queue: 'gpu' });
 * const run = await queued.waitUntilFinished({ timeoutMs: 3_600_000 });
 * console.log(run.state, run.summary.accuracy);
 * ```
 * @module
 */
import { NotFoundError, ValidationError, WandbError } from '../../errors/index.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
// The documents load on first use: `api.queuedRun()` returns a QueuedRun at once, light.
import { documents } from '../core/lazy.js';
import { projectNotFound } from '../core/notFound.js';
import { describeValue, optionalName, optionalSignal, optionsObject } from '../core/validate.js';
import type { Run } from '../runs/run.js';
import { poll, startWait, type Wait, type WaitOptions } from './polling.js';
import { checkPriority, checkQueueName, lacksField, LAUNCH_PROJECT } from './rules.js';

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

/** The terminal states of a run: `waitUntilFinished` ends on these. */
const FINISHED_STATES: ReadonlySet<string> = new Set(['finished', 'failed', 'crashed', 'killed']);

/** An item as the server gives it. */
interface ItemData {
  id: string;
  state: string;
  associatedRunId: string | null;
}

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
export class QueuedRun {
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

  readonly #ctx: FacadeContext;
  #run: Run | undefined;

  /** @internal Made by `job.call()`, `runQueue.items()` and {@link Api.queuedRun}. */
  constructor(
    ctx: FacadeContext,
    where: Required<Omit<QueuedRunOptions, 'priority'>> & { priority?: number },
  ) {
    this.#ctx = ctx;
    this.id = where.runQueueItemId;
    this.entity = where.entity;
    this.project = where.project;
    this.queueName = where.queueName;
    this.projectQueue = where.projectQueue;
    this.priority = where.priority;
  }

  /** The item, asked by id; on a server without `RunQueue.runQueueItem`, found in the queue's listing. */
  async #item(signal: AbortSignal | undefined): Promise<ItemData> {
    const vars = { projectName: this.projectQueue, entityName: this.entity, runQueue: this.queueName };
    let data;
    try {
      data = await this.#ctx.request(
        (await documents()).RunQueueItemDocument,
        { ...vars, itemId: this.id },
        { signal, cache: false },
      );
    } catch (error) {
      if (!lacksField(error, 'runQueueItem', 'RunQueue')) throw error;
      const legacy = await this.#ctx.request((await documents()).RunQueueItemsLegacyDocument, vars, {
        signal,
        cache: false,
      });
      const queue = this.#queueOf(legacy.project);
      const node = queue.runQueueItems.edges.map((e) => e.node).find((n) => String(n.id) === String(this.id));
      if (!node) throw this.#itemNotFound();
      return node;
    }
    const item = this.#queueOf(data.project).runQueueItem;
    if (!item) throw this.#itemNotFound();
    return item;
  }

  #queueOf<Q>(project: { runQueue: Q | null } | null): Q {
    if (!project) throw projectNotFound(this.entity, this.projectQueue);
    if (!project.runQueue)
      throw new NotFoundError(`Run queue ${this.queueName} not found in ${this.entity}/${this.projectQueue}`);
    return project.runQueue;
  }

  #itemNotFound(): NotFoundError {
    return new NotFoundError(`Queued run ${this.id} not found in run queue ${this.entity}/${this.queueName}`);
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
  async state(options: Pick<RequestOptions, 'signal'> = {}): Promise<QueuedRunState> {
    const signal = optionalSignal(optionsObject(options).signal);
    return (await this.#item(signal)).state.toLowerCase();
  }

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
  async run(options: Pick<RequestOptions, 'signal'> = {}): Promise<Run | undefined> {
    const signal = optionalSignal(optionsObject(options).signal);
    if (this.#run) return this.#run;
    return this.#runOf(await this.#item(signal), signal);
  }

  async #runOf(item: ItemData, signal: AbortSignal | undefined): Promise<Run | undefined> {
    if (!item.associatedRunId) return undefined;
    try {
      this.#run = await this.#ctx.run(`${this.entity}/${this.project}/${item.associatedRunId}`, {
        signal,
        cache: false,
      });
    } catch (error) {
      if (error instanceof NotFoundError) return undefined; // associated, not created yet
      throw error;
    }
    return this.#run;
  }

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
  waitUntilRunning(options: WaitOptions = {}): Promise<Run> {
    return this.#untilRunning(startWait(options));
  }

  async #untilRunning(wait: Wait): Promise<Run> {
    if (this.#run) return this.#run;
    return poll(
      async () => {
        const item = await this.#item(wait.signal);
        const run = await this.#runOf(item, wait.signal);
        if (!run && item.state.toUpperCase() === 'FAILED')
          throw new WandbError(
            `Queued run ${this.id} in run queue ${this.entity}/${this.queueName} failed before its run started`,
          );
        return run;
      },
      wait,
      `queued run ${this.id} to start`,
    );
  }

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
  async waitUntilFinished(options: WaitOptions = {}): Promise<Run> {
    const wait = startWait(options);
    const run = await this.#untilRunning(wait);
    await poll(
      async () => {
        const data = await this.#ctx.request(
          (await documents()).QueuedRunStateDocument,
          { entity: run.entity, project: run.project, name: run.id },
          { signal: wait.signal, cache: false },
        );
        const state = data.project?.run?.state;
        return state && FINISHED_STATES.has(state) ? state : undefined;
      },
      wait,
      `run ${run.id} to finish`,
    );
    return run.load({ force: true, signal: wait.signal });
  }

  /**
   * Removes the item from its queue (its run, if any, is not touched). Rejects with
   * {@link NotFoundError} when the queue is gone.
   *
   * @example
   * ```ts
   * await queued.delete();
   * ```
   */
  async delete(options: Pick<RequestOptions, 'signal'> = {}): Promise<void> {
    const signal = optionalSignal(optionsObject(options).signal);
    const data = await this.#ctx.request(
      (await documents()).RunQueueIdDocument,
      { entityName: this.entity, projectName: this.projectQueue, runQueueName: this.queueName },
      { signal, cache: false },
    );
    const queue = this.#queueOf(data.project);
    const result = await this.#ctx.request(
      (await documents()).DeleteFromRunQueueDocument,
      { queueID: queue.id, runQueueItemId: this.id },
      { signal },
    );
    if (result.deleteFromRunQueue?.success === false)
      throw new WandbError(
        `The server did not remove queued run ${this.id} from run queue ${this.entity}/${this.queueName}`,
      );
  }

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
  return new QueuedRun(ctx, {
    entity,
    project,
    queueName: checkQueueName(o.queueName, 'queueName'),
    runQueueItemId: requiredText(o.runQueueItemId, 'runQueueItemId'),
    projectQueue: optionalName(o.projectQueue, 'projectQueue') ?? LAUNCH_PROJECT,
    priority: checkPriority(o.priority),
  });
}
