/**
 * {@link RunQueue}: a Launch run queue as {@link Api.runQueue}, {@link Api.createRunQueue} and
 * {@link Api.upsertRunQueue} load it (wandb-ops.md §6.8), and their options. Queues live in the
 * entity's project `model-registry`, which both writes create first. This file holds the class
 * with its fields; the code of its methods and of reading the server's answer (`RunQueueImpl`,
 * `run-queue-impl.ts`) loads with the run queues domain.
 *
 * @example
 * ```ts
 * const queue = await api.createRunQueue({ name: 'gpu', type: 'kubernetes', entity: 'acme', config: { namespace: 'ml' } });
 * for (const item of await queue.items()) console.log(item.id, await item.state());
 * ```
 * @module
 */
import type { RequestOptions } from '../core/context.js';
import type { QueuedRun } from './queued-run.js';
import type { RunQueuePrioritizationMode, RunQueueResourceType } from './rules.js';

/**
 * Who may use a queue: `PROJECT` (everyone with access to the entity's launch project) or `USER`.
 *
 * @example
 * ```ts
 * if (queue.access === 'PROJECT') console.log('shared queue');
 * ```
 */
export type RunQueueAccess = 'PROJECT' | 'USER' | (string & {});

/**
 * A template variable of a queue's default resource config.
 *
 * @example
 * ```ts
 * for (const v of queue.templateVariables) console.log(v.name, v.schema);
 * ```
 */
export interface RunQueueTemplateVariable {
  /** The variable's name (used as `{{name}}` in the resource config). */
  readonly name: string;
  /** Its JSON schema (type, default, bounds, ...), parsed. */
  readonly schema: unknown;
}

/**
 * Options of {@link Api.createRunQueue}.
 *
 * @example
 * ```ts
 * const options: CreateRunQueueOptions = { name: 'gpu', type: 'kubernetes', config: { namespace: 'ml' }, prioritizationMode: 'V0' };
 * ```
 */
export interface CreateRunQueueOptions extends Pick<RequestOptions, 'signal'> {
  /** The queue's name, 1 to 64 characters. */
  name: string;
  /** What it runs on: `local-container`, `local-process`, `kubernetes`, `sagemaker` or `gcp-vertex`. */
  type: RunQueueResourceType;
  /** The owner. Default: the `entity` option, else the viewer's entity. */
  entity?: string;
  /** `V0` to order items by priority (any case); default none (first in, first out). `DISABLED` is refused here, as in the official client. */
  prioritizationMode?: 'V0';
  /** The default resource config (stored as `{ resource_args: { <type>: config } }`); `{{var}}` marks a template variable. Default `{}`. */
  config?: Record<string, unknown>;
  /** The template variables' schemas, by name. Default none. */
  templateVariables?: Record<string, unknown>;
}

/**
 * Options of {@link Api.upsertRunQueue}.
 *
 * @example
 * ```ts
 * const options: UpsertRunQueueOptions = { name: 'gpu', resourceType: 'kubernetes', resourceConfig: { namespace: 'ml' }, externalLinks: { Grafana: 'https://grafana.example.com' } };
 * ```
 */
export interface UpsertRunQueueOptions extends Pick<RequestOptions, 'signal'> {
  /** The queue's name, 1 to 64 characters. */
  name: string;
  /** The default resource config (stored as `{ resource_args: { <resourceType>: resourceConfig } }`). */
  resourceConfig: Record<string, unknown>;
  /** What it runs on: `local-container`, `local-process`, `kubernetes`, `sagemaker` or `gcp-vertex`. */
  resourceType: RunQueueResourceType;
  /** The owner. Default: the `entity` option, else the viewer's entity. */
  entity?: string;
  /** The template variables' schemas, by name. Default none. */
  templateVariables?: Record<string, unknown>;
  /** Links shown with the queue, label to URL (stored as `{ links: [{ label, url }] }`). Default none. */
  externalLinks?: Record<string, string>;
  /** `V0` (by priority) or `DISABLED` (first in, first out), in any case. Default `DISABLED`. */
  prioritizationMode?: RunQueuePrioritizationMode;
}

/** The fields of a {@link RunQueue}, read from the server's answer. @internal */
export type RunQueueFields = Pick<
  RunQueue,
  | 'id'
  | 'name'
  | 'entity'
  | 'access'
  | 'prioritizationMode'
  | 'externalLinks'
  | 'defaultResourceConfigId'
  | 'type'
  | 'defaultResourceConfig'
  | 'templateVariables'
  | 'warnings'
>;

/**
 * A Launch run queue, loaded: its fields come from the server when the object was made.
 * Get one with {@link Api.runQueue}, {@link Api.createRunQueue} or {@link Api.upsertRunQueue}.
 *
 * @example
 * ```ts
 * const queue = await api.runQueue('acme', 'gpu');
 * console.log(queue.type, queue.prioritizationMode, queue.defaultResourceConfig);
 * ```
 */
export abstract class RunQueue {
  /** The queue's id. */
  readonly id: string;
  /** The queue's name. */
  readonly name: string;
  /** The entity that owns it. */
  readonly entity: string;
  /** Who may use it. */
  readonly access: RunQueueAccess;
  /** How it orders its items. */
  readonly prioritizationMode: RunQueuePrioritizationMode | (string & {});
  /** Links shown with the queue, label to URL (`{}` when none). */
  readonly externalLinks: Readonly<Record<string, string>>;
  /** The id of its default resource config, or `undefined` when it has none. */
  readonly defaultResourceConfigId: string | undefined;
  /** What it runs on (the default resource config's resource), or `undefined` without one. */
  readonly type: RunQueueResourceType | (string & {}) | undefined;
  /** The default resource config as stored (`{ resource_args: { <type>: {...} } }`), `{}` without one. */
  readonly defaultResourceConfig: Readonly<Record<string, unknown>>;
  /** The template variables of the default resource config (`[]` when none). */
  readonly templateVariables: readonly RunQueueTemplateVariable[];
  /**
   * What the server said about the resource config when this object came from
   * {@link Api.upsertRunQueue} (its schema validation messages: warnings, the queue was saved);
   * `[]` otherwise.
   */
  readonly warnings: readonly string[];

  /** @internal Made by {@link Api.runQueue}, {@link Api.createRunQueue} and {@link Api.upsertRunQueue}. */
  constructor(fields: RunQueueFields) {
    this.id = fields.id;
    this.name = fields.name;
    this.entity = fields.entity;
    this.access = fields.access;
    this.prioritizationMode = fields.prioritizationMode;
    this.externalLinks = fields.externalLinks;
    this.defaultResourceConfigId = fields.defaultResourceConfigId;
    this.type = fields.type;
    this.defaultResourceConfig = fields.defaultResourceConfig;
    this.templateVariables = fields.templateVariables;
    this.warnings = fields.warnings;
  }

  /**
   * The queue's first 100 items (the official client's limit; there is no paging), each a
   * {@link QueuedRun} with its priority, and the entity and project of its run spec (where its
   * run goes; `model-registry` when the spec names none — the official client always uses
   * `model-registry`, so its `run()` finds only runs logged there).
   *
   * @example
   * ```ts
   * for (const item of await queue.items()) console.log(item.id, await item.state());
   * ```
   */
  abstract items(options?: Pick<RequestOptions, 'signal'>): Promise<QueuedRun[]>;

  /**
   * Deletes the queue. Rejects with a {@link WandbError} when the server says it did not.
   *
   * @example
   * ```ts
   * await queue.delete();
   * ```
   */
  abstract delete(options?: Pick<RequestOptions, 'signal'>): Promise<void>;

  /**
   * A plain-object form, for logging and JSON.
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(queue, null, 2));
   * ```
   */
  toJSON(): Record<string, unknown> {
    const { id, name, entity, access, prioritizationMode, externalLinks, type } = this;
    const { defaultResourceConfigId, defaultResourceConfig, templateVariables, warnings } = this;
    return {
      id,
      name,
      entity,
      access,
      prioritizationMode,
      externalLinks,
      type,
      defaultResourceConfigId,
      defaultResourceConfig,
      templateVariables,
      warnings,
    };
  }
}
