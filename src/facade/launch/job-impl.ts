/**
 * {@link JobImpl}: the code of {@link Job.call}, which enqueues a run of a job
 * (`pushToRunQueueByName`, wandb-ops.md §6.8), loaded with the jobs domain on first use.
 *
 * @example
 * ```ts
 * const job = new JobImpl(ctx, { name, entity: artifact.entity, project: artifact.project }, artifact, info, undefined);
 * const queued = await job.call({ config: { lr: 0.1 }, queue: 'gpu' });
 * ```
 * @module
 */
import { ValidationError, WandbError } from '../../errors/index.js';
import type { Artifact } from '../artifacts/artifact.js';
import type { FacadeContext } from '../core/context.js';
import { documents } from '../core/lazy.js';
import { optionalName, optionalSignal, optionsObject } from '../core/validate.js';
import {
  checkResourceType,
  checkTemplateValues,
  DEFAULT_QUEUE,
  DEFAULT_RESOURCE,
  lacksField,
  optionalJsonObject,
} from './checks.js';
import type { JobInfo } from './job-file.js';
import { Job, type JobCallOptions } from './job.js';
import type { QueuedRun } from './queued-run.js';
import { QueuedRunImpl } from './queued-run-impl.js';
import { buildRunSpec, checkPriority, checkQueueName, LAUNCH_PROJECT } from './rules.js';
import { explainMismatch } from './wb-types.js';

/**
 * A {@link Job} with the code of {@link Job.call}.
 * @internal Made by {@link Api.job}.
 * @example
 * ```ts
 * const queued = await new JobImpl(ctx, where, artifact, info, undefined).call({ queue: 'gpu' });
 * ```
 */
export class JobImpl extends Job {
  // The name users see in `constructor.name` and logs is the public class's.
  static {
    Object.defineProperty(this, 'name', { value: 'Job' });
  }

  readonly #ctx: FacadeContext;

  constructor(
    ctx: FacadeContext,
    where: { name: string; entity: string; project: string },
    artifact: Artifact,
    info: JobInfo,
    path: string | undefined,
  ) {
    super(where, artifact, info, path);
    this.#ctx = ctx;
  }

  override async call(options: JobCallOptions = {}): Promise<QueuedRun> {
    const o = optionsObject(options);
    const config = optionalJsonObject(o.config, 'config') ?? {};
    const queue = o.queue === undefined ? DEFAULT_QUEUE : checkQueueName(o.queue, 'queue');
    const project = optionalName(o.project, 'project') ?? this.project;
    const entityName = optionalName(o.entity, 'entity');
    const priority = checkPriority(o.priority);
    const templateVariables = checkTemplateValues(o.templateVariables);
    const resource = o.resource === undefined ? DEFAULT_RESOURCE : checkResourceType(o.resource, 'resource');
    const resourceArgs = optionalJsonObject(o.resourceArgs, 'resourceArgs');
    const projectQueue = optionalName(o.projectQueue, 'projectQueue') ?? LAUNCH_PROJECT;
    const signal = optionalSignal(o.signal);
    if (!this.partial && this.inputTypes) {
      const mismatch = explainMismatch(this.inputTypes, config, 'config');
      if (mismatch !== undefined)
        throw new ValidationError('config', `does not fit the job's input types: ${mismatch}`);
    }
    const entity = entityName ?? this.entity;
    const spec = buildRunSpec({ job: this.name, entity, project, config, resource, resourceArgs });
    const itemId = await pushToRunQueueByName(this.#ctx, {
      entityName: entity,
      projectName: projectQueue,
      queueName: queue,
      runSpec: JSON.stringify(spec),
      priority,
      templateVariableValues: templateVariables === undefined ? undefined : JSON.stringify(templateVariables),
      signal,
    });
    return new QueuedRunImpl(this.#ctx, {
      entity,
      project,
      queueName: queue,
      runQueueItemId: itemId,
      projectQueue,
      priority,
    });
  }
}

/** The variables of `pushToRunQueueByName`. */
interface PushInput {
  entityName: string;
  projectName: string;
  queueName: string;
  runSpec: string;
  priority: number | undefined;
  templateVariableValues: string | undefined;
  signal: AbortSignal | undefined;
}

/** Enqueues a run spec by queue name and answers the item's id; retried without `runSpec` where the payload lacks it. */
async function pushToRunQueueByName(ctx: FacadeContext, input: PushInput): Promise<string> {
  const { signal, ...variables } = input;
  let itemId: string | undefined;
  try {
    itemId = (await ctx.request((await documents()).PushToRunQueueByNameDocument, variables, { signal }))
      .pushToRunQueueByName?.runQueueItemId;
  } catch (error) {
    if (!lacksField(error, 'runSpec', 'PushToRunQueueByNamePayload')) throw error;
    itemId = (
      await ctx.request((await documents()).PushToRunQueueByNameWithoutSpecDocument, variables, { signal })
    ).pushToRunQueueByName?.runQueueItemId;
  }
  if (!itemId)
    throw new WandbError(
      `The server did not add the run to run queue ${input.entityName}/${input.queueName} (project ${input.projectName})`,
    );
  return itemId;
}
