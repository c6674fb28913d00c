/**
 * {@link QueuedRun}: one item of a run queue, from `job.call()`, `runQueue.items()` or
 * {@link Api.queuedRun}, and the waits until its run starts and ends (wandb-ops.md §6.8). This
 * file holds the class with its fields; the code of its methods (`QueuedRunImpl`,
 * `queued-run-impl.ts`) loads on first use, and `queued-runs.ts` makes the object that
 * `api.queuedRun()` returns at once.
 *
 * @example
 * ```ts
 * const queued = await job.call({ config: { lr: 0.1 }, queue: 'gpu' });
 * const run = await queued.waitUntilFinished({ timeoutMs: 3_600_000 });
 * console.log(run.state, run.summary.accuracy);
 * ```
 * @module
 */
import type { RequestOptions } from '../core/context.js';
import type { Run } from '../runs/run.js';
import type { WaitOptions } from './polling.js';

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
