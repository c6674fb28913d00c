/**
 * The {@link QueuedRun} that {@link Api.queuedRun} returns at once: its address checked, the code
 * of its methods (`queued-run-impl.ts`) loaded by the first call of one. Light, since `Api`
 * loads it with the page.
 *
 * @example
 * ```ts
 * const queued = queuedRunFromOptions(ctx, { entity: 'acme', project: 'vision', queueName: 'gpu', runQueueItemId: id });
 * console.log(await queued.state()); // loads the code, then asks the server
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
import {
  QueuedRun,
  type QueuedRunAddress,
  type QueuedRunOptions,
  type QueuedRunState,
} from './queued-run.js';
import { checkPriority, checkQueueName, LAUNCH_PROJECT } from './rules.js';

/** The code of {@link QueuedRun}'s methods, loaded by the first call of one on {@link Api.queuedRun}'s object. */
const code = /* @__PURE__ */ lazy(() => import('./queued-run-impl.js'), 'its launch/queued-run-impl module');

/**
 * The {@link QueuedRun} of {@link Api.queuedRun}, made before the code of its methods has loaded:
 * its first call loads it, and every call hands over to one {@link QueuedRunImpl} of the same
 * address. The waits check their options (and fix their deadline) at the call.
 */
class QueuedRunOnFirstUse extends QueuedRun {
  // The name users see in `constructor.name` and logs is the public class's.
  static {
    Object.defineProperty(this, 'name', { value: 'QueuedRun' });
  }

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
