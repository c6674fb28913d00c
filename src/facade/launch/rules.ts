/**
 * The small rules of Launch that need no server and that `wandb-api` exports or `api.queuedRun()`
 * applies at once: the queues' project, queue names and priorities (as the official client
 * checks them), the resource types and prioritization modes, and the run spec `job.call()`
 * enqueues (as `launch_add` builds it). The checks the code loaded on first use needs are in
 * `checks.ts`. Each check throws a {@link ValidationError} naming the parameter.
 *
 * @example
 * ```ts
 * checkQueueName('gpu-queue'); // 'gpu-queue'
 * buildRunSpec({ job: 'acme/vision/train:v0', entity: 'acme', project: 'vision', config: { lr: 0.1 }, resource: 'local-container' });
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import { describeValue } from '../core/validate.js';

/**
 * The project of an entity that holds its run queues (`LAUNCH_DEFAULT_PROJECT`).
 *
 * @example
 * ```ts
 * const queued = api.queuedRun({ entity: 'acme', project: 'vision', queueName: 'gpu', runQueueItemId: id, projectQueue: LAUNCH_PROJECT });
 * ```
 */
export const LAUNCH_PROJECT = 'model-registry';

/** The longest queue name the official client accepts, in characters. */
export const MAX_QUEUE_NAME_LENGTH = 64;

/**
 * The resources a run queue can run on.
 *
 * @example
 * ```ts
 * const type: RunQueueResourceType = 'kubernetes';
 * ```
 */
export type RunQueueResourceType =
  'local-container' | 'local-process' | 'kubernetes' | 'sagemaker' | 'gcp-vertex';

/**
 * Every {@link RunQueueResourceType}, in the official client's order.
 *
 * @example
 * ```ts
 * RUN_QUEUE_RESOURCE_TYPES.includes('kubernetes'); // true
 * ```
 */
export const RUN_QUEUE_RESOURCE_TYPES: readonly RunQueueResourceType[] = [
  'local-container',
  'local-process',
  'kubernetes',
  'sagemaker',
  'gcp-vertex',
];

/**
 * How a queue orders its items: `DISABLED` (first in, first out) or `V0` (by priority).
 *
 * @example
 * ```ts
 * const mode: RunQueuePrioritizationMode = 'V0';
 * ```
 */
export type RunQueuePrioritizationMode = 'DISABLED' | 'V0';

/**
 * Checks a queue name: a string of 1 to 64 characters (the official client's rule; the server
 * may refuse more).
 *
 * @throws {@link ValidationError} naming `name`.
 * @example
 * ```ts
 * checkQueueName('gpu-queue'); // 'gpu-queue'
 * checkQueueName(''); // throws ValidationError
 * ```
 */
export function checkQueueName(value: unknown, parameter = 'name'): string {
  if (typeof value !== 'string')
    throw new ValidationError(parameter, `expected a queue name (a string), got ${describeValue(value)}`);
  const length = [...value].length;
  if (length === 0 || length > MAX_QUEUE_NAME_LENGTH) {
    throw new ValidationError(
      parameter,
      `a queue name has 1 to ${MAX_QUEUE_NAME_LENGTH} characters, got ${length === 0 ? 'an empty one' : `${length}`}`,
    );
  }
  return value;
}

/**
 * The highest (least urgent) Launch priority: priorities are 0 (`critical`), 1 (`high`),
 * 2 (`medium`, a queue's default) and 3 (`low`), as the official CLI maps them (`wandb/cli/cli.py`).
 *
 * @example
 * ```ts
 * LOWEST_PRIORITY; // 3
 * ```
 */
export const LOWEST_PRIORITY = 3;

/**
 * A run's priority in a queue: an integer from 0 (the most urgent) to {@link LOWEST_PRIORITY}.
 *
 * @throws {@link ValidationError} naming `priority`.
 * @example
 * ```ts
 * checkPriority(1); // 1
 * checkPriority(7); // throws ValidationError
 * ```
 */
export function checkPriority(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > LOWEST_PRIORITY)
    throw new ValidationError(
      'priority',
      `expected an integer from 0 (critical) to ${LOWEST_PRIORITY} (low): 0 critical, 1 high, 2 medium, 3 low; got ${describeValue(value)}`,
    );
  return value;
}

/**
 * What {@link buildRunSpec} puts together.
 *
 * @example
 * ```ts
 * const input: RunSpecInput = { job: 'acme/vision/train:v0', entity: 'acme', project: 'vision', config: {}, resource: 'local-container' };
 * ```
 */
export interface RunSpecInput {
  /** The job, `entity/project/name:alias`. */
  job: string;
  /** The entity the run goes to (and whose queue is used). */
  entity: string;
  /** The project the run goes to. */
  project: string;
  /** The run's config (`overrides.run_config`). */
  config: Record<string, unknown>;
  /** The resource to run on. */
  resource: string;
  /** Arguments for the resource, when given (an empty object is left out, as in the official client). */
  resourceArgs?: Record<string, unknown> | undefined;
}

/**
 * The run spec `job.call()` enqueues, with the keys and order `launch_add` gives it:
 * `overrides.run_config`, `job`, `entity`, `project`, `docker` (empty), `resource`, `git`
 * (empty), and `resource_args` when there are some. A pure function.
 *
 * @example
 * ```ts
 * buildRunSpec({ job: 'acme/vision/train:v0', entity: 'acme', project: 'vision', config: { lr: 0.1 }, resource: 'kubernetes' });
 * // { overrides: { run_config: { lr: 0.1 } }, job: 'acme/vision/train:v0', entity: 'acme', project: 'vision',
 * //   docker: {}, resource: 'kubernetes', git: {} }
 * ```
 */
export function buildRunSpec(input: RunSpecInput): Record<string, unknown> {
  const spec: Record<string, unknown> = {
    overrides: { run_config: input.config },
    job: input.job,
    entity: input.entity,
    project: input.project,
    docker: {},
    resource: input.resource,
    git: {},
  };
  if (input.resourceArgs && Object.keys(input.resourceArgs).length > 0)
    spec.resource_args = input.resourceArgs;
  return spec;
}
