/**
 * {@link RunQueueImpl}: a {@link RunQueue} read from the server's answer (its JSON fields
 * parsed), with the code of its methods (its items, its deletion); loaded with the run queues
 * domain on first use.
 *
 * @example
 * ```ts
 * const queue = new RunQueueImpl(ctx, data);
 * for (const item of await queue.items()) console.log(item.id);
 * ```
 * @module
 */
import { NotFoundError, WandbError } from '../../errors/index.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { parseJsonString } from '../core/json.js';
import { documents } from '../core/lazy.js';
import { optionalSignal, optionsObject } from '../core/validate.js';
import { decodeExternalLinks } from './checks.js';
import type { QueuedRun } from './queued-run.js';
import { QueuedRunImpl } from './queued-run-impl.js';
import { RunQueue, type RunQueueFields } from './run-queue.js';
import { LAUNCH_PROJECT } from './rules.js';

/** The data a {@link RunQueue} is built from. @internal */
export interface RunQueueData {
  id: string;
  name: string;
  entity: string;
  access: string;
  prioritizationMode: string;
  externalLinks: unknown;
  defaultResourceConfigId: string | undefined;
  resource: string | undefined;
  config: unknown;
  templateVariables: readonly { name: string; schema: string }[];
  warnings: readonly string[];
}

function parseSchema(schema: string): unknown {
  try {
    return JSON.parse(schema);
  } catch {
    return schema;
  }
}

/** The fields of a queue, from its data: the external links, the resource config and the schemas parsed. */
function fieldsOf(data: RunQueueData): RunQueueFields {
  return {
    id: data.id,
    name: data.name,
    entity: data.entity,
    access: data.access,
    prioritizationMode: data.prioritizationMode,
    externalLinks: decodeExternalLinks(data.externalLinks),
    defaultResourceConfigId: data.defaultResourceConfigId,
    type: data.resource,
    defaultResourceConfig: parseJsonString(
      data.config as string | null,
      `the default resource config of run queue ${data.entity}/${data.name}`,
    ),
    templateVariables: data.templateVariables.map((v) => ({
      name: v.name,
      schema: parseSchema(v.schema),
    })),
    warnings: data.warnings,
  };
}

/**
 * A {@link RunQueue} with the code of its methods.
 * @internal Made by {@link Api.runQueue}, {@link Api.createRunQueue} and {@link Api.upsertRunQueue}.
 * @example
 * ```ts
 * await new RunQueueImpl(ctx, data).delete();
 * ```
 */
export class RunQueueImpl extends RunQueue {
  // The name users see in `constructor.name` and logs is the public class's.
  static {
    Object.defineProperty(this, 'name', { value: 'RunQueue' });
  }

  readonly #ctx: FacadeContext;

  constructor(ctx: FacadeContext, data: RunQueueData) {
    super(fieldsOf(data));
    this.#ctx = ctx;
  }

  override async items(options: Pick<RequestOptions, 'signal'> = {}): Promise<QueuedRun[]> {
    const signal = optionalSignal(optionsObject(options).signal);
    const data = await this.#ctx.request(
      (await documents()).RunQueueItemsDocument,
      { projectName: LAUNCH_PROJECT, entityName: this.entity, runQueue: this.name },
      { signal, cache: false },
    );
    const queue = data.project?.runQueue;
    if (!queue) throw runQueueNotFound(this.entity, this.name);
    return queue.runQueueItems.edges.map(({ node }) => {
      const spec = parseJsonString(node.runSpec as string | null, `the run spec of queued run ${node.id}`);
      const text = (k: string): string | undefined =>
        typeof spec[k] === 'string' && spec[k] !== '' ? spec[k] : undefined;
      return new QueuedRunImpl(this.#ctx, {
        entity: text('entity') ?? this.entity,
        project: text('project') ?? LAUNCH_PROJECT,
        queueName: this.name,
        runQueueItemId: node.id,
        projectQueue: LAUNCH_PROJECT,
        priority: node.priority,
      });
    });
  }

  override async delete(options: Pick<RequestOptions, 'signal'> = {}): Promise<void> {
    const signal = optionalSignal(optionsObject(options).signal);
    const data = await this.#ctx.request(
      (await documents()).DeleteRunQueuesDocument,
      { id: this.id },
      { signal },
    );
    if (!data.deleteRunQueues?.success)
      throw new WandbError(`Failed to delete run queue ${this.entity}/${this.name}`);
  }
}

/** A missing queue. @internal */
export function runQueueNotFound(entity: string, name: string): NotFoundError {
  return new NotFoundError(`Run queue ${name} not found in entity ${entity} (project ${LAUNCH_PROJECT})`);
}
