/**
 * {@link QueuedRunImpl}: the code of {@link QueuedRun}'s methods (the item's state, its run, the
 * waits, the removal), loaded on first use: by `job.call()` and `runQueue.items()` with their
 * domains, by {@link Api.queuedRun}'s object on its first call.
 *
 * @example
 * ```ts
 * const queued = new QueuedRunImpl(ctx, { entity: 'acme', project: 'vision', queueName: 'gpu', runQueueItemId: id, projectQueue: 'model-registry' });
 * console.log(await queued.state());
 * ```
 * @module
 */
import { NotFoundError, WandbError } from '../../errors/index.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { documents } from '../core/lazy.js';
import { projectNotFound } from '../core/notFound.js';
import { optionalSignal, optionsObject } from '../core/validate.js';
import type { Run } from '../runs/run.js';
import { lacksField } from './checks.js';
import { poll } from './poll.js';
import { startWait, type Wait, type WaitOptions } from './polling.js';
import { QueuedRun, type QueuedRunAddress, type QueuedRunState } from './queued-run.js';

/** The terminal states of a run: `waitUntilFinished` ends on these. */
const FINISHED_STATES: ReadonlySet<string> = new Set(['finished', 'failed', 'crashed', 'killed']);

/** An item as the server gives it. */
interface ItemData {
  id: string;
  state: string;
  associatedRunId: string | null;
}

/**
 * A {@link QueuedRun} with the code of its methods; every method asks the server.
 * @internal Made by `job.call()`, `runQueue.items()` and the object of {@link Api.queuedRun}.
 * @example
 * ```ts
 * const run = await new QueuedRunImpl(ctx, where).waitUntilRunning({ timeoutMs: 600_000 });
 * ```
 */
export class QueuedRunImpl extends QueuedRun {
  // The name users see in `constructor.name` and logs is the public class's.
  static {
    Object.defineProperty(this, 'name', { value: 'QueuedRun' });
  }

  readonly #ctx: FacadeContext;
  #run: Run | undefined;

  constructor(ctx: FacadeContext, where: QueuedRunAddress) {
    super(where);
    this.#ctx = ctx;
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

  override async state(options: Pick<RequestOptions, 'signal'> = {}): Promise<QueuedRunState> {
    const signal = optionalSignal(optionsObject(options).signal);
    return (await this.#item(signal)).state.toLowerCase();
  }

  override async run(options: Pick<RequestOptions, 'signal'> = {}): Promise<Run | undefined> {
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

  override waitUntilRunning(options: WaitOptions = {}): Promise<Run> {
    return this.untilRunning(startWait(options));
  }

  /**
   * {@link QueuedRun.waitUntilRunning} with its options checked (and its deadline fixed) already.
   * @internal For the object of {@link Api.queuedRun}, which checks them at the call.
   * @example
   * ```ts
   * const run = await queued.untilRunning(startWait({ timeoutMs: 600_000 }));
   * ```
   */
  async untilRunning(wait: Wait): Promise<Run> {
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

  override async waitUntilFinished(options: WaitOptions = {}): Promise<Run> {
    return this.untilFinished(startWait(options));
  }

  /**
   * {@link QueuedRun.waitUntilFinished} with its options checked (and its deadline fixed) already.
   * @internal For the object of {@link Api.queuedRun}, which checks them at the call.
   * @example
   * ```ts
   * const run = await queued.untilFinished(startWait({ timeoutMs: 3_600_000 }));
   * ```
   */
  async untilFinished(wait: Wait): Promise<Run> {
    const run = await this.untilRunning(wait);
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

  override async delete(options: Pick<RequestOptions, 'signal'> = {}): Promise<void> {
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
}
