/**
 * The run queues of Launch as `Api` gets and writes them ({@link getRunQueue},
 * {@link createRunQueue}, {@link upsertRunQueue}): a module of its own, which `Api` loads on
 * first use, apart from the {@link RunQueue} class that `wandb-api` exports.
 *
 * @example
 * ```ts
 * const queue = await getRunQueue(ctx, 'acme', 'gpu', {});
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { NotFoundError, UnsupportedError, ValidationError, WandbError } from '../../errors/index.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { projectNotFound } from '../core/notFound.js';
import { optionalBoolean, optionalName, optionalSignal, optionsObject } from '../core/validate.js';
import {
  checkExternalLinks,
  checkPrioritizationMode,
  checkResourceType,
  encodeExternalLinks,
  lacksField,
  optionalJsonObject,
} from './checks.js';
import { RunQueueImpl, runQueueNotFound, type RunQueueData } from './run-queue-impl.js';
import type { CreateRunQueueOptions, RunQueue, UpsertRunQueueOptions } from './run-queue.js';
import { checkQueueName, LAUNCH_PROJECT } from './rules.js';

/** Loads a queue: its fields, then its default resource config when it has one. */
async function loadRunQueue(
  ctx: FacadeContext,
  entity: string,
  name: string,
  options: { signal: AbortSignal | undefined; cache: boolean | undefined; warnings?: readonly string[] },
): Promise<RunQueue> {
  const { signal, cache } = options;
  const data = await ctx.request(
    (await documents()).RunQueueMetadataDocument,
    { projectName: LAUNCH_PROJECT, entityName: entity, runQueue: name },
    { signal, cache, cacheIf: (d) => d.project?.runQueue != null },
  );
  if (!data.project) throw projectNotFound(entity, LAUNCH_PROJECT);
  const queue = data.project.runQueue;
  if (!queue) throw runQueueNotFound(entity, name);
  let resource: RunQueueData['resource'];
  let config: unknown = {};
  let templateVariables: RunQueueData['templateVariables'] = [];
  const configId = queue.defaultResourceConfigID ?? undefined;
  if (configId !== undefined) {
    const rc = await ctx.request(
      (await documents()).RunQueueResourceConfigDocument,
      { entityName: entity, id: configId },
      { signal, cache, cacheIf: (d) => d.entity?.defaultResourceConfig != null },
    );
    const found = rc.entity?.defaultResourceConfig;
    if (!found)
      throw new NotFoundError(
        `The default resource config ${configId} of run queue ${entity}/${name} was not found`,
      );
    resource = found.resource;
    config = found.config;
    templateVariables = found.templateVariables;
  }
  return new RunQueueImpl(ctx, {
    id: queue.id,
    name,
    entity,
    access: queue.access,
    prioritizationMode: queue.prioritizationMode,
    externalLinks: queue.externalLinks,
    defaultResourceConfigId: configId,
    resource,
    config,
    templateVariables,
    warnings: options.warnings ?? [],
  });
}

/**
 * One run queue of an entity, loaded (one request, two when it has a default resource config).
 * {@link NotFoundError} when there is none.
 * @internal Users call {@link Api.runQueue}.
 * @example
 * ```ts
 * const queue = await getRunQueue(ctx, 'acme', 'gpu');
 * ```
 */
export async function getRunQueue(
  ctx: FacadeContext,
  entity: string,
  name: string,
  options: RequestOptions = {},
): Promise<RunQueue> {
  const entityName = optionalName(entity, 'entity');
  const queueName = checkQueueName(name);
  const o = optionsObject(options);
  const signal = optionalSignal(o.signal);
  const cache = optionalBoolean(o.cache, 'cache');
  return loadRunQueue(ctx, await ctx.resolveEntity(entityName), queueName, { signal, cache });
}

/** The error for a server that has no `upsertRunQueue` (older than it), or `undefined`. */
function upsertUnsupported(error: unknown): UnsupportedError | undefined {
  return lacksField(error, 'upsertRunQueue', 'Mutation')
    ? new UnsupportedError('This W&B server has no upsertRunQueue (it is older); use createRunQueue', {
        cause: error,
      })
    : undefined;
}

function json(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * Creates a run queue with its default resource config: (1) upserts the entity's project
 * `model-registry`, (2) `createDefaultResourceConfig`, (3) `createRunQueue`, then loads the queue.
 * @internal Users call {@link Api.createRunQueue}.
 * @example
 * ```ts
 * const queue = await createRunQueue(ctx, { name: 'gpu', type: 'kubernetes' });
 * ```
 */
export async function createRunQueue(ctx: FacadeContext, options: CreateRunQueueOptions): Promise<RunQueue> {
  const o = optionsObject(options);
  const name = checkQueueName(o.name);
  const type = checkResourceType(o.type, 'type');
  const entityName = optionalName(o.entity, 'entity');
  const prioritizationMode = checkPrioritizationMode(o.prioritizationMode, ['V0']);
  const config = optionalJsonObject(o.config, 'config') ?? {};
  const templateVariables = optionalJsonObject(o.templateVariables, 'templateVariables');
  const signal = optionalSignal(o.signal);
  const entity = await ctx.resolveEntity(entityName);

  await ctx.createProject(LAUNCH_PROJECT, entity, { signal });
  const created = await ctx.request(
    (await documents()).CreateDefaultResourceConfigDocument,
    {
      entityName: entity,
      resource: type,
      config: json({ resource_args: { [type]: config } }),
      templateVariables:
        templateVariables && Object.keys(templateVariables).length > 0 ? json(templateVariables) : '{}',
    },
    { signal },
  );
  const configResult = created.createDefaultResourceConfig;
  if (!configResult?.success)
    throw new WandbError(`Failed to create the default resource config of run queue ${entity}/${name}`);
  const queue = await ctx.request(
    (await documents()).CreateRunQueueDocument,
    {
      entity,
      project: LAUNCH_PROJECT,
      queueName: name,
      access: 'PROJECT',
      prioritizationMode,
      defaultResourceConfigID: configResult.defaultResourceConfigID,
    },
    { signal },
  );
  if (!queue.createRunQueue?.success) throw new WandbError(`Failed to create run queue ${entity}/${name}`);
  return loadRunQueue(ctx, entity, name, { signal, cache: false });
}

/**
 * Creates or updates a run queue in one `upsertRunQueue` (after upserting the project
 * `model-registry`), then loads it; the server's resource config validation messages are kept on
 * {@link RunQueue.warnings}.
 * @internal Users call {@link Api.upsertRunQueue}.
 * @example
 * ```ts
 * const queue = await upsertRunQueue(ctx, { name: 'gpu', resourceType: 'kubernetes', resourceConfig: {} });
 * ```
 */
export async function upsertRunQueue(ctx: FacadeContext, options: UpsertRunQueueOptions): Promise<RunQueue> {
  const o = optionsObject(options);
  const name = checkQueueName(o.name);
  const resourceType = checkResourceType(o.resourceType, 'resourceType');
  const resourceConfig = optionalJsonObject(o.resourceConfig, 'resourceConfig');
  if (resourceConfig === undefined)
    throw new ValidationError(
      'resourceConfig',
      'expected the default resource config (an object; {} for none)',
    );
  const entityName = optionalName(o.entity, 'entity');
  const templateVariables = optionalJsonObject(o.templateVariables, 'templateVariables');
  const externalLinks = checkExternalLinks(o.externalLinks) ?? {};
  const prioritizationMode = checkPrioritizationMode(o.prioritizationMode, ['V0', 'DISABLED']) ?? 'DISABLED';
  const signal = optionalSignal(o.signal);
  const entity = await ctx.resolveEntity(entityName);

  await ctx.createProject(LAUNCH_PROJECT, entity, { signal });
  const data = await ctx
    .request(
      (await documents()).UpsertRunQueueDocument,
      {
        entityName: entity,
        projectName: LAUNCH_PROJECT,
        queueName: name,
        resourceType,
        resourceConfig: json({ resource_args: { [resourceType]: resourceConfig } }),
        templateVariables:
          templateVariables && Object.keys(templateVariables).length > 0
            ? json(templateVariables)
            : undefined,
        prioritizationMode,
        externalLinks: json(encodeExternalLinks(externalLinks)),
      },
      { signal },
    )
    .catch((error: unknown) => Promise.reject(upsertUnsupported(error) ?? error));
  const result = data.upsertRunQueue;
  if (!result?.success) throw new WandbError(`Failed to create or update run queue ${entity}/${name}`);
  const warnings = (result.configSchemaValidationErrors ?? []).filter(
    (w): w is string => typeof w === 'string',
  );
  return loadRunQueue(ctx, entity, name, { signal, cache: false, warnings });
}
