/**
 * Launch as the store keeps it (`store.launch`): run queues (per entity and project), default
 * resource configs (per entity, with their template variables), queue items, launch agents; plus
 * the inputs and results of `emu.seed.job`, `emu.seed.runQueue` and `emu.launch`. Global ids are
 * `RunQueue:<n>`, `RunQueueItem:<n>`, `DefaultResourceConfig:<n>` and `LaunchAgent:<n>`.
 *
 * @example
 * ```ts
 * import type { RunQueueRecord } from './records.js';
 * const queue: RunQueueRecord | undefined = store.launch.queues.get(1);
 * ```
 * @module
 */

/**
 * The resource types a queue runs on (`RunQueueResourceType` of the official client).
 *
 * @example
 * ```ts
 * const type: LaunchResourceType = 'kubernetes';
 * ```
 */
export type LaunchResourceType =
  'local-container' | 'local-process' | 'kubernetes' | 'sagemaker' | 'gcp-vertex';

/**
 * Every {@link LaunchResourceType}, in the official client's order.
 *
 * @example
 * ```ts
 * LAUNCH_RESOURCE_TYPES.includes('sagemaker'); // true
 * ```
 */
export const LAUNCH_RESOURCE_TYPES: readonly LaunchResourceType[] = [
  'local-container',
  'local-process',
  'kubernetes',
  'sagemaker',
  'gcp-vertex',
];

/**
 * A template variable of a default resource config: a `{{name}}` placeholder of the config, and
 * the JSON schema its values must match (`type` `string` / `integer` / `number`, `enum`,
 * `minimum`, `maximum`, `default`).
 *
 * @example
 * ```ts
 * const cpu: TemplateVariableRecord = { name: 'cpu', description: null, schema: { type: 'integer', minimum: 1, maximum: 4 } };
 * ```
 */
export interface TemplateVariableRecord {
  name: string;
  description: string | null;
  schema: Record<string, unknown>;
}

/**
 * A default resource config (`DefaultResourceConfig`): what a queue's runs get as `resource` and
 * `resource_args`.
 *
 * @example
 * ```ts
 * const drc: ResourceConfigRecord = { id: 1, entityName: 'alice', projectId: null, resource: 'local-container', config: { resource_args: { 'local-container': {} } }, templateVariables: [], createdAt: '2024-06-01T00:00:00Z', updatedAt: null };
 * ```
 */
export interface ResourceConfigRecord {
  id: number;
  entityName: string;
  /** The project of a project-scoped config (`scope.Type` `PROJECT`), else `null` (`ENTITY`). */
  projectId: number | null;
  resource: string;
  /** The config, a JSON object (`{"resource_args": {<resource>: {...}}}` from the official client). */
  config: Record<string, unknown>;
  templateVariables: TemplateVariableRecord[];
  createdAt: string;
  updatedAt: string | null;
}

/**
 * A run queue (`RunQueue`) of a project (`model-registry` for the official client's queues).
 *
 * @example
 * ```ts
 * const queue: RunQueueRecord = { id: 1, projectId: 3, entityName: 'alice', name: 'gpus', access: 'PROJECT', createdBy: 1, prioritizationMode: 'DISABLED', defaultResourceConfigId: 1, externalLinks: null, createdAt: '2024-06-01T00:00:00Z', updatedAt: null };
 * ```
 */
export interface RunQueueRecord {
  id: number;
  projectId: number;
  entityName: string;
  name: string;
  access: 'PROJECT' | 'USER';
  /** Integer id of the creating user (`RunQueue.createdBy`). */
  createdBy: number;
  prioritizationMode: 'DISABLED' | 'V0';
  defaultResourceConfigId: number | null;
  /** `RunQueue.externalLinks` as stored (`{"links": [{label, url}]}` from the official client), or `null`. */
  externalLinks: unknown;
  createdAt: string;
  updatedAt: string | null;
}

/**
 * Where a queue item is in its life. The server's `RunQueueItemState` has only `PENDING`,
 * `LEASED`, `CLAIMED` and `FAILED`; the emulator also tracks what the item's run does
 * (`RUNNING`, `FINISHED`, `CRASHED`), which `RunQueueItem.state` answers as `CLAIMED` (and
 * `CRASHED` as `FAILED`).
 *
 * @example
 * ```ts
 * const phase: QueueItemPhase = 'RUNNING';
 * ```
 */
export type QueueItemPhase = 'PENDING' | 'LEASED' | 'CLAIMED' | 'RUNNING' | 'FINISHED' | 'FAILED' | 'CRASHED';

/**
 * The server's `RunQueueItemState` values.
 *
 * @example
 * ```ts
 * const state: RunQueueItemWireState = 'CLAIMED';
 * ```
 */
export type RunQueueItemWireState = 'PENDING' | 'LEASED' | 'CLAIMED' | 'FAILED';

/**
 * What `RunQueueItem.state` answers for a phase.
 *
 * @example
 * ```ts
 * wireItemState('RUNNING'); // 'CLAIMED'
 * wireItemState('CRASHED'); // 'FAILED'
 * ```
 */
export function wireItemState(phase: QueueItemPhase): RunQueueItemWireState {
  switch (phase) {
    case 'PENDING':
    case 'LEASED':
    case 'FAILED':
      return phase;
    case 'CRASHED':
      return 'FAILED';
    default:
      return 'CLAIMED';
  }
}

/**
 * An error or warning of a queue item (`RunQueueItemInfoDetails`).
 *
 * @example
 * ```ts
 * const info: QueueItemInfo = { message: 'image not found', stage: 'build', filePaths: [] };
 * ```
 */
export interface QueueItemInfo {
  message: string;
  stage: string;
  filePaths: string[];
}

/**
 * A queue item (`RunQueueItem`): a run spec waiting in (or taken from) a queue.
 *
 * @example
 * ```ts
 * store.launch.items.get(1)?.phase; // 'PENDING'
 * ```
 */
export interface RunQueueItemRecord {
  id: number;
  queueId: number;
  /** The run spec as the item holds it: the pushed one with the queue's resource config merged in. */
  runSpec: Record<string, unknown>;
  priority: number;
  phase: QueueItemPhase;
  /** The template variable values the item was pushed with (defaults filled in), or `null`. */
  templateVariableValues: Record<string, unknown> | null;
  /** The short id of the item's run, once claimed. */
  associatedRunId: string | null;
  launchAgentId: number | null;
  error: QueueItemInfo | null;
  warnings: QueueItemInfo[];
  createdAt: string;
  updatedAt: string | null;
}

/**
 * A launch agent (`LaunchAgent`), as `createLaunchAgent` registers it.
 *
 * @example
 * ```ts
 * store.launch.agents.get(1)?.agentStatus; // 'POLLING'
 * ```
 */
export interface LaunchAgentRecord {
  id: number;
  entityName: string;
  projectId: number;
  name: string;
  /** Integer ids of the queues it polls. */
  runQueues: number[];
  hostname: string;
  agentStatus: string;
  stopPolling: boolean;
  agentConfig: string | null;
  version: string | null;
  createdAt: string;
  updatedAt: string | null;
  heartbeatAt: string | null;
}

/**
 * Everything of Launch in the store, with its own id counters.
 *
 * @example
 * ```ts
 * const data = createLaunchData();
 * data.queues.size; // 0
 * ```
 */
export interface LaunchData {
  queues: Map<number, RunQueueRecord>;
  resourceConfigs: Map<number, ResourceConfigRecord>;
  items: Map<number, RunQueueItemRecord>;
  agents: Map<number, LaunchAgentRecord>;
  /** The last integer id given, per kind. */
  counters: { queue: number; resourceConfig: number; item: number; agent: number };
}

/**
 * An empty {@link LaunchData}.
 *
 * @example
 * ```ts
 * const store = { launch: createLaunchData() };
 * ```
 */
export function createLaunchData(): LaunchData {
  return {
    queues: new Map(),
    resourceConfigs: new Map(),
    items: new Map(),
    agents: new Map(),
    counters: { queue: 0, resourceConfig: 0, item: 0, agent: 0 },
  };
}

/**
 * A template variable to seed: its JSON schema, and an optional description.
 *
 * @example
 * ```ts
 * const cpu: SeedTemplateVariable = { schema: { type: 'integer', minimum: 1, maximum: 4, default: 1 } };
 * ```
 */
export interface SeedTemplateVariable {
  /** The JSON schema values must match (`type`, `enum`, `minimum`, `maximum`, `default`). */
  schema: Record<string, unknown>;
  /** Default `null`. */
  description?: string | null;
}

/**
 * A run queue to add with `emu.seed.runQueue`, with its default resource config.
 *
 * @example
 * ```ts
 * emu.seed.runQueue({
 *   entity: 'alice',
 *   name: 'gpus',
 *   type: 'kubernetes',
 *   config: { namespace: 'ml', gpus: '{{gpus}}' },
 *   templateVariables: { gpus: { schema: { type: 'integer', minimum: 1, maximum: 8, default: 1 } } },
 *   prioritizationMode: 'V0',
 *   externalLinks: { dashboard: 'https://grafana.example.com' },
 * });
 * ```
 */
export interface SeedRunQueueInput {
  /** Entity (created when missing). Default the viewer's entity. */
  entity?: string;
  /** Project of the queue (created when missing). Default `model-registry`, where the official client keeps queues. */
  project?: string;
  /** Queue name, 1 to 64 characters, unique in its project. */
  name: string;
  /** Resource type. Default `local-container`. */
  type?: LaunchResourceType;
  /**
   * The resource arguments for `type`; stored as the official client writes them,
   * `{"resource_args": {<type>: config}}`. `{{name}}` placeholders refer to template variables.
   * Default `{}`.
   */
  config?: Record<string, unknown>;
  /** Template variables by name. Default none. */
  templateVariables?: Record<string, SeedTemplateVariable>;
  /** Default `DISABLED` (no priorities). */
  prioritizationMode?: 'DISABLED' | 'V0';
  /** Links shown with the queue, label → URL; stored as `{"links": [{label, url}]}`. Default none (`null`). */
  externalLinks?: Record<string, string>;
  /** Default `PROJECT`. */
  access?: 'PROJECT' | 'USER';
  /** Username of the creator (created when missing). Default the viewer. */
  createdBy?: string;
  /** Creation time. Default now (on the emulator clock). */
  createdAt?: Date | string;
}

/**
 * What `emu.seed.runQueue` answers.
 *
 * @example
 * ```ts
 * const { id, defaultResourceConfigId } = emu.seed.runQueue({ name: 'gpus' });
 * ```
 */
export interface SeededRunQueue {
  /** Global id (`RunQueue.id`, `RunQueue:<n>`): the `queueID` of writes. */
  id: string;
  /** Queue name. */
  name: string;
  /** Entity of the queue. */
  entity: string;
  /** Project of the queue. */
  project: string;
  /** Global id of its default resource config (`DefaultResourceConfig:<n>`). */
  defaultResourceConfigId: string;
}

/**
 * A job to add with `emu.seed.job`: an artifact of type `job` whose `wandb-job.json` holds the
 * source, entrypoint, input and output types, as the official client logs it.
 *
 * @example
 * ```ts
 * emu.seed.job({
 *   entity: 'alice',
 *   project: 'vision',
 *   name: 'train',
 *   sourceType: 'image',
 *   image: 'acme/train:1.2',
 *   inputTypes: { wb_type: 'typedDict', params: { type_map: { lr: { wb_type: 'number' } } } },
 *   aliases: ['production'],
 * }); // name 'train:v0'
 * ```
 */
export interface SeedJobInput {
  /** Entity. Default the viewer's entity. */
  entity?: string;
  /** Project (created when missing). */
  project: string;
  /** The job's collection name (the official client names them `job-<source>`). */
  name: string;
  /** Where the code comes from. */
  sourceType: 'artifact' | 'repo' | 'image';
  /**
   * `input_types`: the type of the run config, as `TypeRegistry.to_json` writes it. Default a
   * typed dict with no keys (`{"wb_type": "typedDict", "params": {"type_map": {}}}`).
   */
  inputTypes?: Record<string, unknown>;
  /** `output_types`: the type of the run summary. Default a typed dict with no keys. */
  outputTypes?: Record<string, unknown>;
  /** `source.entrypoint`, e.g. `['python', 'train.py']`. Default `['python', 'train.py']` for `repo` and `artifact`, none for `image`. */
  entrypoint?: string[];
  /** `source.image` of an `image` job. Default `<name>:latest`. */
  image?: string;
  /** `source.git` of a `repo` job. Default `https://github.com/example/<name>.git` at a fixed commit. */
  git?: {
    /** The repository's remote URL. */
    remote: string;
    /** The commit hash. */
    commit: string;
  };
  /** `source.artifact` of an `artifact` job (the code artifact). Default `wandb-artifact://_id/<code artifact id>` of none: a placeholder. */
  codeArtifact?: string;
  /** `source.notebook`. Default `false` (not written for `image` jobs). */
  notebook?: boolean;
  /** `source.args` of an `image` job. Default none. */
  args?: string[];
  /** `runtime`, the Python version. Default `3.10`. */
  runtime?: string;
  /** `_partial`: a job made by `wandb job create` that no run has used yet. Default `false`. */
  partial?: boolean;
  /** `requirements.frozen.txt` lines. Default `['wandb']`. */
  requirements?: string[];
  /** Aliases besides the version alias. Default none. */
  aliases?: string[];
  /** Extra keys of `wandb-job.json` (`services`, `_version`, ...), merged over the built ones. */
  extra?: Record<string, unknown>;
  /** Creation time. Default now (on the emulator clock). */
  createdAt?: Date | string;
}

/**
 * What `emu.seed.job` answers.
 *
 * @example
 * ```ts
 * const { id, name, path } = emu.seed.job({ project: 'vision', name: 'train', sourceType: 'image' });
 * // name 'train:v0', path 'alice/vision/train:v0' (what `api.job(path)` takes)
 * ```
 */
export interface SeededJob {
  /** Global id of the job's artifact version. */
  id: string;
  /** `name:vN`. */
  name: string;
  /** `entity/project/name:vN`. */
  path: string;
  /** The `wandb-job.json` content, parsed. */
  jobInfo: Record<string, unknown>;
}

/**
 * The states {@link LaunchControls.advance} moves an item to: the server's `LEASED`, `CLAIMED`
 * and `FAILED`, plus what the item's run does: `RUNNING` (its run exists, state `running`),
 * `FINISHED` (run `finished`), `CRASHED` (run `crashed`, item `FAILED`). `FAILED` also fails the
 * run when it has one.
 *
 * @example
 * ```ts
 * const target: LaunchAdvanceState = 'RUNNING';
 * ```
 */
export type LaunchAdvanceState = 'LEASED' | 'CLAIMED' | 'RUNNING' | 'FINISHED' | 'FAILED' | 'CRASHED';

/**
 * Options of {@link LaunchControls.advance}.
 *
 * @example
 * ```ts
 * emu.launch.advance(itemId, 'RUNNING', { runId: 'launch01' });
 * ```
 */
export interface LaunchAdvanceOptions {
  /** The short id of the item's run (`CLAIMED`, `RUNNING`). Default a generated one (or the id the item already has). */
  runId?: string;
  /** The error message of a `FAILED` / `CRASHED` item. Default `'failed'` / `'crashed'`. */
  message?: string;
}

/**
 * A snapshot of a queue item, as {@link LaunchControls.item} answers it.
 *
 * @example
 * ```ts
 * emu.launch.item(itemId).state; // 'PENDING'
 * ```
 */
export interface LaunchItemSnapshot {
  /** Global id (`RunQueueItem:<n>`). */
  id: string;
  /** The queue's global id. */
  queueId: string;
  /** What `RunQueueItem.state` answers. */
  state: RunQueueItemWireState;
  /** Where the item really is (its run's life included). */
  phase: QueueItemPhase;
  /** The item's priority, `0` (critical) to `3` (low). */
  priority: number;
  /** The run spec as the item holds it: the pushed one with the queue's resource config merged in. */
  runSpec: Record<string, unknown>;
  /** The template variable values the item was pushed with (defaults filled in), or `null`. */
  templateVariableValues: Record<string, unknown> | null;
  /** The short id of the item's run, once claimed; `null` before. */
  associatedRunId: string | null;
}

/**
 * What the test drives of Launch (`emu.launch`): a launch agent's part, without an agent.
 *
 * @example
 * ```ts
 * emu.launch.advance(itemId, 'RUNNING', { runId: 'launch01' }); // the run alice/vision/launch01 is running
 * emu.launch.advance(itemId, 'FINISHED'); // and now finished
 * ```
 */
export interface LaunchControls {
  /**
   * Moves a queue item on: `PENDING` → `LEASED` → `CLAIMED` → `RUNNING` → `FINISHED` | `CRASHED`,
   * and to `FAILED` from any of them but the last three; steps may be skipped (`PENDING` →
   * `RUNNING`). `CLAIMED` and `RUNNING` give the item its run id (`runId`, else generated);
   * `RUNNING` creates that run, state `running`, in the run spec's entity and project (the
   * queue's when the spec names none) unless it exists, and sets a run that exists to
   * `running`. `FINISHED`, `CRASHED` and `FAILED` set the run's state to `finished`, `crashed`,
   * `failed`. Anything else throws an error naming the item, its phase and what it may go to.
   *
   * @example
   * ```ts
   * const snapshot = emu.launch.advance(itemId, 'RUNNING', { runId: 'launch01' });
   * snapshot.state; // 'CLAIMED' (the server's state); snapshot.phase: 'RUNNING'
   * ```
   */
  advance(itemId: string, state: LaunchAdvanceState, options?: LaunchAdvanceOptions): LaunchItemSnapshot;
  /**
   * The queue item of a global id; throws when there is none.
   *
   * @example
   * ```ts
   * emu.launch.item(itemId).associatedRunId; // null until claimed
   * ```
   */
  item(itemId: string): LaunchItemSnapshot;
}
