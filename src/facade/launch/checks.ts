/**
 * The checks and encodings of Launch that the code loaded on first use needs (job calls, run
 * queue writes and reads): resource types, prioritization modes, JSON options, template values,
 * external links, and the sign of an older server's schema. The small ones that `wandb-api`
 * exports or that `api.queuedRun()` makes at once are in `rules.ts`. Each check throws a
 * {@link ValidationError} naming the parameter.
 *
 * @example
 * ```ts
 * checkResourceType('kubernetes', 'type'); // 'kubernetes'
 * checkPrioritizationMode('v0', ['V0']); // 'V0'
 * ```
 * @module
 */
import { GraphQLRequestError, ValidationError } from '../../errors/index.js';
import { checkSendableJson, parseJsonString } from '../core/json.js';
import { describeValue, isPlainObject } from '../core/validate.js';
import {
  RUN_QUEUE_RESOURCE_TYPES,
  type RunQueuePrioritizationMode,
  type RunQueueResourceType,
} from './rules.js';

/** The queue `job.call()` enqueues to when none is named. */
export const DEFAULT_QUEUE = 'default';

/** The resource `job.call()` asks for when none is named. */
export const DEFAULT_RESOURCE = 'local-container';

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
