/**
 * The rules of Launch, shared by the mutations, the seeds and `emu.launch`: default resource
 * configs and their template variables, queues (names 1 to 64 characters, unique per project),
 * pushing a run spec (priorities only on `V0` queues, template variable values checked against
 * their schemas and filled into the queue's resource args), and the life of a queue item.
 *
 * What the server checks in `upsertRunQueue` is not in any public source: the emulator answers
 * `configSchemaValidationErrors` (warnings, the queue is still saved) for what it can tell is
 * wrong, in this order: resource args missing for the resource type, a `{{name}}` placeholder
 * of the config without a template variable, a template variable no placeholder uses, and a
 * template variable whose schema is not one the emulator can check values against
 * ({@link templateSchemaProblem}).
 *
 * @example
 * ```ts
 * import { configWarnings } from './model.js';
 * configWarnings('local-container', { resource_args: { 'local-container': { cpu: '{{cpu}}' } } }, []);
 * // ['template variable "cpu" is used in the resource config but not defined']
 * ```
 * @module
 */
import { globalId, parseGlobalId } from '../../graphql/ids.js';
import { setOwn } from '../../graphql/json-string.js';
import { randomRunId } from '../../store/random.js';
import type { EmulatorStore } from '../../store/store.js';
import { toTimestamp } from '../../store/time.js';
import type { ProjectRecord } from '../projects/records.js';
import { seedRun } from '../runs/seed.js';
import {
  wireItemState,
  type LaunchAdvanceOptions,
  type LaunchAdvanceState,
  type LaunchData,
  type LaunchItemSnapshot,
  type QueueItemPhase,
  type ResourceConfigRecord,
  type RunQueueItemRecord,
  type RunQueueRecord,
  type TemplateVariableRecord,
} from './records.js';

/** The project the official client keeps run queues in (`LAUNCH_DEFAULT_PROJECT`). */
export const LAUNCH_DEFAULT_PROJECT = 'model-registry';

/** The priority of an item pushed without one (the official client's "medium"). */
export const DEFAULT_PRIORITY = 2;

/** The launch data of a store, with the `launch` member the store declares. */
function data(store: EmulatorStore): LaunchData {
  return store.launch;
}

/**
 * The next integer id of a kind of Launch object.
 *
 * @example
 * ```ts
 * nextLaunchId(store, 'queue'); // 1, then 2, ...
 * ```
 */
export function nextLaunchId(store: EmulatorStore, kind: keyof LaunchData['counters']): number {
  return ++data(store).counters[kind];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses a `JSONString` argument that must hold a JSON object; `null` / `undefined` give `fallback`.
 *
 * @example
 * ```ts
 * parseJsonObject('{"a":1}', 'createDefaultResourceConfig', 'config'); // { a: 1 }
 * ```
 */
export function parseJsonObject(
  text: string | null | undefined,
  m: string,
  what: string,
  fallback: Record<string, unknown> | null = null,
): Record<string, unknown> | null {
  if (text === null || text === undefined) return fallback;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${m}: ${what} is not valid JSON`);
  }
  if (!isObject(value)) throw new Error(`${m}: ${what} must be a JSON object`);
  return value;
}

/**
 * The template variables of a `templateVariables` object (`{"cpu": {"schema": {...},
 * "description": "..."}}`), in its order. Throws when an entry is not an object with a `schema` object.
 *
 * @example
 * ```ts
 * templateVariablesOf({ cpu: { schema: { type: 'integer' } } }, 'createDefaultResourceConfig');
 * // [{ name: 'cpu', description: null, schema: { type: 'integer' } }]
 * ```
 */
export function templateVariablesOf(
  input: Record<string, unknown> | null,
  m: string,
): TemplateVariableRecord[] {
  return Object.entries(input ?? {}).map(([name, spec]) => {
    if (!/^[A-Za-z_][\w.-]*$/.test(name)) {
      throw new Error(`${m}: invalid template variable name ${JSON.stringify(name)}`);
    }
    if (!isObject(spec) || !isObject(spec.schema)) {
      throw new Error(`${m}: template variable "${name}" needs a "schema" object`);
    }
    const description = spec.description;
    if (description !== undefined && description !== null && typeof description !== 'string') {
      throw new Error(`${m}: the description of template variable "${name}" must be a string`);
    }
    return { name, description: description ?? null, schema: spec.schema };
  });
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

/** The placeholder names of a JSON value, in order of first appearance. */
function placeholders(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    for (const match of value.matchAll(PLACEHOLDER)) {
      const name = match[1] ?? '';
      if (!found.includes(name)) found.push(name);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) placeholders(item, found);
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      placeholders(key, found);
      placeholders(item, found);
    }
  }
  return found;
}

const SCHEMA_TYPES = new Set(['string', 'integer', 'number']);

/**
 * Why a template variable's schema is not one the emulator checks values against, or
 * `undefined`: `type` must be `string`, `integer` or `number`; `enum` a non-empty array of
 * values of that type; `minimum` / `maximum` numbers (only for numbers, minimum ≤ maximum);
 * `default` a value the schema accepts.
 *
 * @example
 * ```ts
 * templateSchemaProblem({ type: 'integer', minimum: 4, maximum: 1 }); // 'minimum 4 is greater than maximum 1'
 * ```
 */
export function templateSchemaProblem(schema: Record<string, unknown>): string | undefined {
  const type = schema.type;
  if (typeof type !== 'string' || !SCHEMA_TYPES.has(type)) {
    return `type must be "string", "integer" or "number", got ${JSON.stringify(type ?? null)}`;
  }
  if (schema.enum !== undefined) {
    if (!Array.isArray(schema.enum) || schema.enum.length === 0) return 'enum must be a non-empty array';
    const bad = (schema.enum as unknown[]).find((v) => typeProblem(type, v) !== undefined);
    if (bad !== undefined) return `enum value ${JSON.stringify(bad)} is not of type ${type}`;
  }
  for (const bound of ['minimum', 'maximum'] as const) {
    const value = schema[bound];
    if (value === undefined) continue;
    if (type === 'string') return `${bound} applies to numbers, not to type string`;
    if (typeof value !== 'number' || !Number.isFinite(value)) return `${bound} must be a number`;
  }
  if (
    typeof schema.minimum === 'number' &&
    typeof schema.maximum === 'number' &&
    schema.minimum > schema.maximum
  ) {
    return `minimum ${schema.minimum} is greater than maximum ${schema.maximum}`;
  }
  if (schema.default !== undefined) {
    const problem = valueProblem(schema, schema.default);
    if (problem) return `default ${JSON.stringify(schema.default)} ${problem}`;
  }
  return undefined;
}

function typeProblem(type: string, value: unknown): string | undefined {
  if (type === 'string') return typeof value === 'string' ? undefined : 'is not a string';
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'is not a number';
  if (type === 'integer' && !Number.isInteger(value)) return 'is not an integer';
  return undefined;
}

/**
 * Why `value` does not match a template variable's schema (`type`, `enum`, `minimum`,
 * `maximum`), or `undefined`.
 *
 * @example
 * ```ts
 * valueProblem({ type: 'integer', maximum: 4 }, 8); // 'is greater than the maximum 4'
 * ```
 */
export function valueProblem(schema: Record<string, unknown>, value: unknown): string | undefined {
  const type = typeof schema.type === 'string' ? schema.type : undefined;
  if (type !== undefined && SCHEMA_TYPES.has(type)) {
    const problem = typeProblem(type, value);
    if (problem) return problem;
  }
  if (Array.isArray(schema.enum) && !(schema.enum as unknown[]).includes(value)) {
    return `is not one of ${JSON.stringify(schema.enum)}`;
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) {
      return `is less than the minimum ${schema.minimum}`;
    }
    if (typeof schema.maximum === 'number' && value > schema.maximum) {
      return `is greater than the maximum ${schema.maximum}`;
    }
  }
  return undefined;
}

/**
 * The `configSchemaValidationErrors` of a resource config and its template variables (see the
 * module's header for what is checked).
 *
 * @example
 * ```ts
 * configWarnings('kubernetes', { resource_args: {} }, []); // ['resource_args has no entry for resource type "kubernetes"']
 * ```
 */
export function configWarnings(
  resource: string,
  config: Record<string, unknown>,
  templateVariables: readonly TemplateVariableRecord[],
): string[] {
  const warnings: string[] = [];
  const args = config.resource_args;
  if (!isObject(args) || !Object.hasOwn(args, resource)) {
    warnings.push(`resource_args has no entry for resource type "${resource}"`);
  }
  const used = placeholders(config);
  const defined = new Set(templateVariables.map((v) => v.name));
  for (const name of used) {
    if (!defined.has(name))
      warnings.push(`template variable "${name}" is used in the resource config but not defined`);
  }
  for (const variable of templateVariables) {
    if (!used.includes(variable.name)) {
      warnings.push(`template variable "${variable.name}" is defined but not used in the resource config`);
    }
    const problem = templateSchemaProblem(variable.schema);
    if (problem) warnings.push(`template variable "${variable.name}": ${problem}`);
  }
  return warnings;
}

/**
 * Checks the resource type of a config (one of the official client's five).
 *
 * @example
 * ```ts
 * checkResource('docker', 'createDefaultResourceConfig'); // throws
 * ```
 */
export function checkResource(resource: string, m: string): void {
  const types = ['local-container', 'local-process', 'kubernetes', 'sagemaker', 'gcp-vertex'];
  if (!types.includes(resource)) {
    throw new Error(`${m}: invalid resource type ${JSON.stringify(resource)} (one of ${types.join(', ')})`);
  }
}

/**
 * Checks a queue name: 1 to 64 characters.
 *
 * @example
 * ```ts
 * checkQueueName('', 'createRunQueue'); // throws
 * ```
 */
export function checkQueueName(name: string, m: string): void {
  if (name.length === 0 || name.length > 64) {
    throw new Error(`${m}: invalid queue name ${JSON.stringify(name)} (1 to 64 characters)`);
  }
}

/**
 * Adds a default resource config.
 *
 * @example
 * ```ts
 * addResourceConfig(store, { entityName: 'alice', projectId: null, resource: 'local-container', config: {}, templateVariables: [] });
 * ```
 */
export function addResourceConfig(
  store: EmulatorStore,
  fields: Omit<ResourceConfigRecord, 'id' | 'createdAt' | 'updatedAt'> & { createdAt?: string },
): ResourceConfigRecord {
  const record: ResourceConfigRecord = {
    ...fields,
    id: nextLaunchId(store, 'resourceConfig'),
    createdAt: fields.createdAt ?? toTimestamp(store.now()),
    updatedAt: null,
  };
  data(store).resourceConfigs.set(record.id, record);
  return record;
}

/**
 * The queue `name` of a project, if any.
 *
 * @example
 * ```ts
 * findQueue(store, project.id, 'gpus')?.prioritizationMode; // 'V0'
 * ```
 */
export function findQueue(store: EmulatorStore, projectId: number, name: string): RunQueueRecord | undefined {
  for (const queue of data(store).queues.values()) {
    if (queue.projectId === projectId && queue.name === name) return queue;
  }
  return undefined;
}

/**
 * The queues of a project, in creation order.
 *
 * @example
 * ```ts
 * queuesOfProject(store, project.id).map((q) => q.name); // ['default', 'gpus']
 * ```
 */
export function queuesOfProject(store: EmulatorStore, projectId: number): RunQueueRecord[] {
  return [...data(store).queues.values()]
    .filter((q) => q.projectId === projectId)
    .sort((a, b) => a.id - b.id);
}

/**
 * The items of a queue, in creation order.
 *
 * @example
 * ```ts
 * itemsOfQueue(store, queue.id).length; // 3
 * ```
 */
export function itemsOfQueue(store: EmulatorStore, queueId: number): RunQueueItemRecord[] {
  return [...data(store).items.values()].filter((i) => i.queueId === queueId).sort((a, b) => a.id - b.id);
}

/**
 * The stored object of a Launch global id, or `undefined`.
 *
 * @example
 * ```ts
 * byGlobalId(store, 'RunQueue', queueId)?.name; // 'gpus'
 * ```
 */
export function byGlobalId(store: EmulatorStore, kind: 'RunQueue', id: unknown): RunQueueRecord | undefined;
export function byGlobalId(
  store: EmulatorStore,
  kind: 'RunQueueItem',
  id: unknown,
): RunQueueItemRecord | undefined;
export function byGlobalId(
  store: EmulatorStore,
  kind: 'DefaultResourceConfig',
  id: unknown,
): ResourceConfigRecord | undefined;
export function byGlobalId(
  store: EmulatorStore,
  kind: 'RunQueue' | 'RunQueueItem' | 'DefaultResourceConfig',
  id: unknown,
): RunQueueRecord | RunQueueItemRecord | ResourceConfigRecord | undefined {
  const n = parseGlobalId(id, kind);
  if (n === undefined) return undefined;
  const launch = data(store);
  if (kind === 'RunQueue') return launch.queues.get(n);
  if (kind === 'RunQueueItem') return launch.items.get(n);
  return launch.resourceConfigs.get(n);
}

/**
 * Adds a queue to a project; throws when its name is invalid or taken there, or when its default
 * resource config belongs to another entity.
 *
 * @example
 * ```ts
 * addQueue(store, project, { name: 'gpus', access: 'PROJECT', prioritizationMode: 'V0', defaultResourceConfigId: drc.id, externalLinks: null }, 'createRunQueue');
 * ```
 */
export function addQueue(
  store: EmulatorStore,
  project: ProjectRecord,
  fields: Pick<
    RunQueueRecord,
    'name' | 'access' | 'prioritizationMode' | 'defaultResourceConfigId' | 'externalLinks'
  > & {
    createdBy?: number;
    createdAt?: string;
  },
  m: string,
): RunQueueRecord {
  checkQueueName(fields.name, m);
  if (findQueue(store, project.id, fields.name)) {
    throw new Error(
      `${m}: a run queue named ${JSON.stringify(fields.name)} already exists in project ${project.entityName}/${project.name}`,
    );
  }
  if (fields.defaultResourceConfigId !== null) {
    const drc = data(store).resourceConfigs.get(fields.defaultResourceConfigId);
    if (!drc || drc.entityName !== project.entityName) {
      throw new Error(`${m}: default resource config not found in entity ${project.entityName}`);
    }
  }
  const record: RunQueueRecord = {
    id: nextLaunchId(store, 'queue'),
    projectId: project.id,
    entityName: project.entityName,
    name: fields.name,
    access: fields.access,
    createdBy: fields.createdBy ?? store.viewer.id,
    prioritizationMode: fields.prioritizationMode,
    defaultResourceConfigId: fields.defaultResourceConfigId,
    externalLinks: fields.externalLinks,
    createdAt: fields.createdAt ?? toTimestamp(store.now()),
    updatedAt: null,
  };
  data(store).queues.set(record.id, record);
  return record;
}

/** A deep copy of a JSON value with `{{name}}` placeholders filled from `values`. */
function fill(value: unknown, values: Readonly<Record<string, unknown>>): unknown {
  if (typeof value === 'string') {
    const whole = /^\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}$/.exec(value);
    if (whole && Object.hasOwn(values, whole[1] ?? '')) return values[whole[1] ?? ''];
    return value.replace(PLACEHOLDER, (text, name: string) =>
      Object.hasOwn(values, name) ? String(values[name]) : text,
    );
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, values));
  if (isObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) setOwn(copy, key, fill(item, values));
    return copy;
  }
  return value;
}

/** `base` with `over` merged in, objects merged key by key (a copy). */
function deepMerge(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    setOwn(merged, key, Object.hasOwn(base, key) ? deepMerge(base[key], value) : value);
  }
  return merged;
}

/**
 * The template variable values of a push, checked against the queue's template variables: every
 * given one must be defined and match its schema, every defined one needs a value or a `default`.
 * Answers the values with defaults filled in.
 *
 * @example
 * ```ts
 * checkTemplateValues(queue, drc, { cpu: 2 }, 'pushToRunQueueByName'); // { cpu: 2 }
 * ```
 */
export function checkTemplateValues(
  queue: RunQueueRecord,
  drc: ResourceConfigRecord | undefined,
  values: Record<string, unknown> | null,
  m: string,
): Record<string, unknown> {
  const variables = drc?.templateVariables ?? [];
  const given = values ?? {};
  for (const name of Object.keys(given)) {
    if (!variables.some((v) => v.name === name)) {
      throw new Error(`${m}: queue ${JSON.stringify(queue.name)} has no template variable "${name}"`);
    }
  }
  const filled: Record<string, unknown> = {};
  for (const variable of variables) {
    const value = Object.hasOwn(given, variable.name) ? given[variable.name] : variable.schema.default;
    if (value === undefined) {
      throw new Error(
        `${m}: template variable "${variable.name}" of queue ${JSON.stringify(queue.name)} needs a value`,
      );
    }
    const problem = valueProblem(variable.schema, value);
    if (problem) {
      throw new Error(`${m}: template variable "${variable.name}": ${JSON.stringify(value)} ${problem}`);
    }
    setOwn(filled, variable.name, value);
  }
  return filled;
}

/**
 * Pushes a run spec onto a queue: checks the priority (0 to 3; on a queue without priorities
 * only the default, {@link DEFAULT_PRIORITY}) and the template variable values, merges the
 * queue's resource config into the spec (`resource`, and `resource_args` with the values filled
 * in, under the spec's own `resource_args`), and stores a `PENDING` item.
 *
 * @example
 * ```ts
 * pushItem(store, queue, { runSpec: { job: 'alice/vision/train:v0' }, priority: null, templateVariableValues: null }, 'pushToRunQueueByName');
 * ```
 */
export function pushItem(
  store: EmulatorStore,
  queue: RunQueueRecord,
  input: {
    runSpec: Record<string, unknown>;
    priority: number | null;
    templateVariableValues: Record<string, unknown> | null;
  },
  m: string,
): RunQueueItemRecord {
  const priority = input.priority ?? DEFAULT_PRIORITY;
  if (!Number.isInteger(priority) || priority < 0 || priority > 3) {
    throw new Error(`${m}: invalid priority ${priority} (0 critical, 1 high, 2 medium, 3 low)`);
  }
  if (priority !== DEFAULT_PRIORITY && queue.prioritizationMode !== 'V0') {
    throw new Error(
      `${m}: queue ${JSON.stringify(queue.name)} does not support priorities (prioritizationMode DISABLED)`,
    );
  }
  const drc =
    queue.defaultResourceConfigId === null
      ? undefined
      : data(store).resourceConfigs.get(queue.defaultResourceConfigId);
  const values = checkTemplateValues(queue, drc, input.templateVariableValues, m);
  let runSpec: Record<string, unknown> = { ...input.runSpec };
  if (drc) {
    const args = fill(drc.config.resource_args ?? {}, values);
    runSpec = {
      ...runSpec,
      resource: drc.resource,
      resource_args: deepMerge(args, input.runSpec.resource_args ?? {}),
    };
  }
  const now = toTimestamp(store.now());
  const item: RunQueueItemRecord = {
    id: nextLaunchId(store, 'item'),
    queueId: queue.id,
    runSpec,
    priority,
    phase: 'PENDING',
    templateVariableValues:
      input.templateVariableValues === null && Object.keys(values).length === 0 ? null : values,
    associatedRunId: null,
    launchAgentId: null,
    error: null,
    warnings: [],
    createdAt: now,
    updatedAt: null,
  };
  data(store).items.set(item.id, item);
  return item;
}

/**
 * The item an agent gets next from a queue: the `PENDING` one of the lowest priority number
 * (on a `V0` queue), oldest first; `undefined` when none waits.
 *
 * @example
 * ```ts
 * nextPending(store, queue)?.priority; // 0
 * ```
 */
export function nextPending(store: EmulatorStore, queue: RunQueueRecord): RunQueueItemRecord | undefined {
  const pending = itemsOfQueue(store, queue.id).filter((i) => i.phase === 'PENDING');
  if (queue.prioritizationMode === 'V0') pending.sort((a, b) => a.priority - b.priority || a.id - b.id);
  return pending[0];
}

const NEXT: Readonly<Record<QueueItemPhase, readonly LaunchAdvanceState[]>> = {
  PENDING: ['LEASED', 'CLAIMED', 'RUNNING', 'FAILED'],
  LEASED: ['CLAIMED', 'RUNNING', 'FAILED'],
  CLAIMED: ['RUNNING', 'FAILED'],
  RUNNING: ['FINISHED', 'CRASHED', 'FAILED'],
  FINISHED: [],
  FAILED: [],
  CRASHED: [],
};

/**
 * The project an item's run lives in: the run spec's `entity` / `project`, else the queue's.
 *
 * @example
 * ```ts
 * runProjectOf(store, item); // { entity: 'alice', project: 'vision' }
 * ```
 */
export function runProjectOf(
  store: EmulatorStore,
  item: RunQueueItemRecord,
): { entity: string; project: string } {
  const queue = data(store).queues.get(item.queueId);
  const queueProject = queue ? store.projects.get(queue.projectId) : undefined;
  const entity = typeof item.runSpec.entity === 'string' ? item.runSpec.entity : queueProject?.entityName;
  const project = typeof item.runSpec.project === 'string' ? item.runSpec.project : queueProject?.name;
  if (entity === undefined || project === undefined)
    throw new Error('The queue of a queue item is missing from the store');
  return { entity, project };
}

function setRunState(store: EmulatorStore, item: RunQueueItemRecord, state: string, create: boolean): void {
  if (item.associatedRunId === null) return;
  const { entity, project } = runProjectOf(store, item);
  const projectRecord = store.findProject(entity, project);
  const run = projectRecord ? store.findRun(projectRecord.id, item.associatedRunId) : undefined;
  const now = toTimestamp(store.now());
  if (run) {
    Object.assign(run, { state, updatedAt: now, heartbeatAt: now });
  } else if (create) {
    seedRun(store, { entity, project, id: item.associatedRunId, state, createdAt: now });
  }
}

/**
 * Moves an item on (see `LaunchControls.advance` for the rules); throws on an illegal move.
 *
 * @example
 * ```ts
 * advanceItem(store, item, 'RUNNING', { runId: 'launch01' });
 * ```
 */
export function advanceItem(
  store: EmulatorStore,
  item: RunQueueItemRecord,
  state: LaunchAdvanceState,
  options: LaunchAdvanceOptions = {},
  m = 'emu.launch.advance',
): void {
  const allowed = NEXT[item.phase];
  if (!allowed.includes(state)) {
    throw new Error(
      `${m}: queue item ${globalId('RunQueueItem', item.id)} cannot go from ${item.phase} to ${String(state)}` +
        (allowed.length > 0 ? ` (it may go to ${allowed.join(', ')})` : ' (it is done)'),
    );
  }
  if (options.runId !== undefined) {
    if (!/^[A-Za-z0-9_.-]+$/.test(options.runId))
      throw new Error(`${m}: invalid run id ${JSON.stringify(options.runId)}`);
    if (item.associatedRunId !== null && item.associatedRunId !== options.runId) {
      throw new Error(
        `${m}: queue item ${globalId('RunQueueItem', item.id)} already has run ${item.associatedRunId}`,
      );
    }
  }
  if (state === 'CLAIMED' || state === 'RUNNING') {
    item.associatedRunId ??= options.runId ?? randomRunId(store.random);
  }
  if (state === 'RUNNING') setRunState(store, item, 'running', true);
  if (state === 'FINISHED') setRunState(store, item, 'finished', false);
  if (state === 'CRASHED') setRunState(store, item, 'crashed', false);
  if (state === 'FAILED') setRunState(store, item, 'failed', false);
  if (state === 'FAILED' || state === 'CRASHED') {
    item.error = { message: options.message ?? state.toLowerCase(), stage: 'run', filePaths: [] };
  }
  item.phase = state;
  item.updatedAt = toTimestamp(store.now());
}

/**
 * A snapshot of an item for `emu.launch`.
 *
 * @example
 * ```ts
 * snapshotOf(item).state; // 'PENDING'
 * ```
 */
export function snapshotOf(item: RunQueueItemRecord): LaunchItemSnapshot {
  return {
    id: globalId('RunQueueItem', item.id),
    queueId: globalId('RunQueue', item.queueId),
    state: wireItemState(item.phase),
    phase: item.phase,
    priority: item.priority,
    runSpec: structuredClone(item.runSpec),
    templateVariableValues: item.templateVariableValues === null ? null : { ...item.templateVariableValues },
    associatedRunId: item.associatedRunId,
  };
}
