/**
 * The checks and encodings of Launch that need no server: queue names, resource types and
 * prioritization modes (as the official client's `create_run_queue` / `upsert_run_queue` check
 * them), template variables, priorities, and the run spec `job.call()` enqueues (as
 * `launch_add` builds it). Each check throws a {@link ValidationError} naming the parameter.
 *
 * @example
 * ```ts
 * checkQueueName('gpu-queue'); // 'gpu-queue'
 * buildRunSpec({ job: 'acme/vision/train:v0', entity: 'acme', project: 'vision', config: { lr: 0.1 }, resource: 'local-container' });
 * ```
 * @module
 */
import { GraphQLRequestError, ValidationError } from '../../errors/index.js';
import { checkSendableJson, parseJsonString } from '../core/json.js';
import { describeValue, isPlainObject } from '../core/validate.js';

/**
 * The project of an entity that holds its run queues (`LAUNCH_DEFAULT_PROJECT`).
 *
 * @example
 * ```ts
 * const queued = api.queuedRun({ entity: 'acme', project: 'vision', queueName: 'gpu', runQueueItemId: id, projectQueue: LAUNCH_PROJECT });
 * ```
 */
export const LAUNCH_PROJECT = 'model-registry';

/** The queue `job.call()` enqueues to when none is named. */
export const DEFAULT_QUEUE = 'default';

/** The resource `job.call()` asks for when none is named. */
export const DEFAULT_RESOURCE = 'local-container';

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
 * Checks a resource type: one of {@link RUN_QUEUE_RESOURCE_TYPES}.
 *
 * @throws {@link ValidationError} naming `parameter` and listing the allowed types.
 * @example
 * ```ts
 * checkResourceType('kubernetes', 'type'); // 'kubernetes'
 * checkResourceType('k8s', 'type'); // throws ValidationError
 * ```
 */
export function checkResourceType(value: unknown, parameter: string): RunQueueResourceType {
  if (typeof value === 'string' && (RUN_QUEUE_RESOURCE_TYPES as readonly string[]).includes(value))
    return value as RunQueueResourceType;
  throw new ValidationError(
    parameter,
    `expected one of ${RUN_QUEUE_RESOURCE_TYPES.map((t) => `"${t}"`).join(', ')}, got ${describeValue(value)}`,
  );
}

/**
 * Checks a prioritization mode, in any case (sent upper-cased): `allowed` lists the accepted ones
 * (`['V0']` for `createRunQueue`, `['V0', 'DISABLED']` for `upsertRunQueue`, as in the official
 * client). `undefined` stays `undefined`.
 *
 * @throws {@link ValidationError} naming `prioritizationMode`.
 * @example
 * ```ts
 * checkPrioritizationMode('v0', ['V0']); // 'V0'
 * checkPrioritizationMode('DISABLED', ['V0']); // throws ValidationError
 * ```
 */
export function checkPrioritizationMode(
  value: unknown,
  allowed: readonly RunQueuePrioritizationMode[],
): RunQueuePrioritizationMode | undefined {
  if (value === undefined) return undefined;
  const upper = typeof value === 'string' ? value.toUpperCase() : undefined;
  if (upper !== undefined && (allowed as readonly string[]).includes(upper))
    return upper as RunQueuePrioritizationMode;
  throw new ValidationError(
    'prioritizationMode',
    `expected ${allowed.map((m) => `"${m}"`).join(' or ')} (or none), got ${describeValue(value)}`,
  );
}

/**
 * Checks a JSON object option (`config`, `resourceConfig`, `templateVariables` schemas, ...):
 * `undefined` stays `undefined`; anything but a plain object is rejected, and so are values JSON
 * cannot carry (functions, `undefined` inside arrays, cycles, BigInt), naming their key path.
 *
 * @throws {@link ValidationError} naming `parameter`.
 * @example
 * ```ts
 * optionalJsonObject({ cpu: 2 }, 'config'); // { cpu: 2 }
 * optionalJsonObject([1], 'config'); // throws ValidationError
 * ```
 */
export function optionalJsonObject(value: unknown, parameter: string): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value))
    throw new ValidationError(parameter, `expected an object, got ${describeValue(value)}`);
  checkSendableJson(value, parameter);
  return value;
}

/**
 * Template variable values for an enqueued run: an object of strings and finite numbers.
 *
 * @throws {@link ValidationError} naming `templateVariables`.
 * @example
 * ```ts
 * checkTemplateValues({ gpus: 2, image: 'acme/train:1' }); // the same object
 * ```
 */
export function checkTemplateValues(value: unknown): Record<string, string | number> | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value))
    throw new ValidationError(
      'templateVariables',
      `expected an object of values, got ${describeValue(value)}`,
    );
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v)))
      throw new ValidationError(
        'templateVariables',
        `the value of ${JSON.stringify(k)} should be a string or a finite number, got ${describeValue(v)}`,
      );
  }
  return value as Record<string, string | number>;
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

/**
 * The stored form of external links: `{ label: url }` becomes `{ links: [{ label, url }] }`.
 *
 * @example
 * ```ts
 * encodeExternalLinks({ Dashboard: 'https://grafana.example.com' }); // { links: [{ label: 'Dashboard', url: 'https://grafana.example.com' }] }
 * ```
 */
export function encodeExternalLinks(links: Readonly<Record<string, string>>): {
  links: { label: string; url: string }[];
} {
  return { links: Object.entries(links).map(([label, url]) => ({ label, url })) };
}

/**
 * The `{ label: url }` form of stored external links (`{ links: [{ label, url }] }`, as an object
 * or a JSON string); a stored object of another shape gives its string entries, none `{}`.
 *
 * @example
 * ```ts
 * decodeExternalLinks({ links: [{ label: 'Dashboard', url: 'https://grafana.example.com' }] }); // { Dashboard: 'https://grafana.example.com' }
 * ```
 */
export function decodeExternalLinks(value: unknown): Record<string, string> {
  const v = parseJsonString(value as string | null | undefined, 'the externalLinks of a run queue');
  const out: Record<string, string> = {};
  if (Array.isArray(v.links)) {
    for (const link of v.links) {
      if (isPlainObject(link) && typeof link.label === 'string' && typeof link.url === 'string')
        out[link.label] = link.url;
    }
    return out;
  }
  for (const [k, url] of Object.entries(v)) if (typeof url === 'string') out[k] = url;
  return out;
}

/**
 * Checks external links: an object of labels to URL strings.
 *
 * @throws {@link ValidationError} naming `externalLinks`.
 * @example
 * ```ts
 * checkExternalLinks({ Dashboard: 'https://grafana.example.com' }); // the same object
 * ```
 */
export function checkExternalLinks(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value) || !Object.values(value).every((u) => typeof u === 'string'))
    throw new ValidationError(
      'externalLinks',
      `expected an object of labels to URLs (strings), got ${describeValue(value)}`,
    );
  return value as Record<string, string>;
}

/**
 * Whether a request failed because the server's schema lacks `Type.field` (an older server
 * answers graphql-js's `Cannot query field "field" on type "Type".`): the sign the official
 * client's Launch fallbacks look for.
 *
 * @example
 * ```ts
 * if (lacksField(error, 'runQueueItem', 'RunQueue')) return listItems();
 * ```
 */
export function lacksField(error: unknown, field: string, type: string): boolean {
  return (
    error instanceof GraphQLRequestError &&
    error.errors.some((e) => e.message.includes(`Cannot query field "${field}" on type "${type}"`))
  );
}
