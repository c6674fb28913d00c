/**
 * Launch over GraphQL (wandb-ops.md §6.8): `Project.runQueue(name)` / `runQueues` /
 * `defaultResourceConfigs`, `Entity.defaultResourceConfig(id)` / `defaultResourceConfigs`,
 * `Query.launchAgent(id)`, the `RunQueue`, `RunQueueItem`, `DefaultResourceConfig` and
 * `LaunchAgent` objects, and the writes the official client and its launch agent send:
 * `createDefaultResourceConfig`, `updateDefaultResourceConfig`, `createRunQueue`,
 * `upsertRunQueue` (with `configSchemaValidationErrors`, see `model.ts`), `updateRunQueue`,
 * `deleteRunQueues`, `pushToRunQueueByName`, `pushToRunQueue`, `popFromRunQueue`,
 * `ackRunQueueItem`, `failRunQueueItem`, `updateRunQueueItemWarning`, `deleteFromRunQueue`,
 * `createLaunchAgent`, `updateLaunchAgent`.
 *
 * Writes need write access to the entity (`permission denied` otherwise); an unknown entity,
 * project, queue, item or config is a GraphQL error naming it. The emulator's choices where the
 * real server's behaviour is not known: `upsertRunQueue` changes the queue's default resource
 * config in place unless another queue shares it (then the queue gets a config of its own);
 * `updateDefaultResourceConfig`'s optional `entityName` / `projectName` must name the config's
 * entity and project; `failRunQueueItem`'s `info` (sent by neither official client) is refused;
 * `deleteRunQueues` also drops the queues from every `LaunchAgent.runQueues`.
 *
 * @example
 * ```ts
 * import { launchResolvers, launchFeatureGates } from './resolvers.js';
 * ```
 * @module
 */
import { handles, pageArgs, type EmulatorResolvers } from '../../graphql/arguments.js';
import { byCreation, connectionOf, paginate } from '../../graphql/connections.js';
import type { FeatureField } from '../../graphql/feature-arguments.js';
import { globalId, parseGlobalId } from '../../graphql/ids.js';
import type { EmulatorStore } from '../../store/store.js';
import { toTimestamp } from '../../store/time.js';
import type { ProjectRecord } from '../projects/records.js';
import { checkWritable } from '../users/permissions.js';
import type { EntityRecord } from '../users/records.js';
import {
  addQueue,
  addResourceConfig,
  byGlobalId,
  checkResource,
  configWarnings,
  findQueue,
  itemsOfQueue,
  nextLaunchId,
  nextPending,
  parseJsonObject,
  pushItem,
  queuesOfProject,
  templateVariablesOf,
} from './model.js';
import {
  wireItemState,
  type LaunchAgentRecord,
  type ResourceConfigRecord,
  type RunQueueRecord,
} from './records.js';

/**
 * What an older server lacks, for testing the official client's fallbacks. These are not
 * server features of W&B (no real server reports them): each stands for a schema without one
 * field, is on by default, and is not listed by `serverInfo { features }`
 * (`EMULATOR_SCHEMA_FEATURES`). With one off, a document naming the field is refused at
 * validation as that older server refuses it:
 * - `RUN_QUEUE_ITEM_BY_ID` off: no `RunQueue.runQueueItem(id:)` (`Cannot query field
 *   "runQueueItem" on type "RunQueue".`): the official client then lists `runQueueItems`.
 * - `PUSH_TO_RUN_QUEUE_BY_NAME_RUN_SPEC` off: no `PushToRunQueueByNamePayload.runSpec`: the
 *   official client then pushes again without selecting it.
 * - `UPSERT_RUN_QUEUE` off: no `Mutation.upsertRunQueue` (servers before it).
 *
 * @example
 * ```ts
 * const emu = await startEmulator({ features: { RUN_QUEUE_ITEM_BY_ID: false } });
 * ```
 */
export const launchFeatureGates: { fields: readonly FeatureField[] } = {
  fields: [
    { feature: 'RUN_QUEUE_ITEM_BY_ID', field: 'RunQueue.runQueueItem' },
    { feature: 'PUSH_TO_RUN_QUEUE_BY_NAME_RUN_SPEC', field: 'PushToRunQueueByNamePayload.runSpec' },
    { feature: 'UPSERT_RUN_QUEUE', field: 'Mutation.upsertRunQueue' },
  ],
};

function entityOf(store: EmulatorStore, name: string, m: string): EntityRecord {
  const entity = store.findEntity(name);
  if (!entity) throw new Error(`${m}: entity ${JSON.stringify(name)} not found`);
  return entity;
}

/** The project of a write: its entity must exist and be writable by the viewer, the project must exist. */
function writableProject(
  store: EmulatorStore,
  entityName: string,
  projectName: string,
  m: string,
): ProjectRecord {
  entityOf(store, entityName, m);
  checkWritable(store, entityName, m);
  const project = store.findProject(entityName, projectName);
  if (!project) throw new Error(`${m}: project ${entityName}/${projectName} not found`);
  return project;
}

function queueByName(store: EmulatorStore, entityName: string, projectName: string, name: string, m: string) {
  const project = writableProject(store, entityName, projectName, m);
  const queue = findQueue(store, project.id, name);
  if (!queue)
    throw new Error(
      `${m}: run queue ${JSON.stringify(name)} not found in project ${entityName}/${projectName}`,
    );
  return queue;
}

function queueById(store: EmulatorStore, id: unknown, m: string): RunQueueRecord {
  const queue = byGlobalId(store, 'RunQueue', id);
  if (!queue) throw new Error(`${m}: run queue ${JSON.stringify(id)} not found`);
  checkWritable(store, queue.entityName, m);
  return queue;
}

function itemById(store: EmulatorStore, id: unknown, m: string) {
  const item = byGlobalId(store, 'RunQueueItem', id);
  const queue = item ? store.launch.queues.get(item.queueId) : undefined;
  if (!item || !queue) throw new Error(`${m}: run queue item ${JSON.stringify(id)} not found`);
  checkWritable(store, queue.entityName, m);
  return { item, queue };
}

function resourceConfigById(store: EmulatorStore, id: unknown, m: string): ResourceConfigRecord {
  const drc = byGlobalId(store, 'DefaultResourceConfig', id);
  if (!drc) throw new Error(`${m}: default resource config ${JSON.stringify(id)} not found`);
  checkWritable(store, drc.entityName, m);
  return drc;
}

/**
 * Checks the optional `entityName` / `projectName` of `updateDefaultResourceConfig`: when given,
 * the config must belong to that entity, and to that project (an entity-wide config has none);
 * otherwise it is not found there.
 */
function checkConfigScope(
  store: EmulatorStore,
  drc: ResourceConfigRecord,
  entityName: string | null | undefined,
  projectName: string | null | undefined,
  id: unknown,
  m: string,
): void {
  const entity = entityName ?? drc.entityName;
  const inEntity = entity === drc.entityName;
  const project = projectName === null || projectName === undefined ? undefined : projectName;
  const inProject =
    project === undefined ||
    (drc.projectId !== null && store.findProject(entity, project)?.id === drc.projectId);
  if (!inEntity || !inProject) {
    const where = project === undefined ? entity : `${entity}/${project}`;
    throw new Error(`${m}: default resource config ${JSON.stringify(id)} not found in ${where}`);
  }
}

function agentById(store: EmulatorStore, id: unknown): LaunchAgentRecord | undefined {
  const n = parseGlobalId(id, 'LaunchAgent');
  return n === undefined ? undefined : store.launch.agents.get(n);
}

/** Pushes the run spec of a `pushToRunQueue(ByName)` input onto `queue`; answers its payload. */
function push(
  store: EmulatorStore,
  queue: RunQueueRecord,
  input: {
    runSpec: string;
    priority?: number | null;
    templateVariableValues?: string | null;
    clientMutationId?: string | null;
  },
  m: string,
) {
  const item = pushItem(
    store,
    queue,
    {
      runSpec: parseJsonObject(input.runSpec, m, 'runSpec') ?? {},
      priority: input.priority ?? null,
      templateVariableValues: parseJsonObject(input.templateVariableValues, m, 'templateVariableValues'),
    },
    m,
  );
  return {
    runQueueItemId: globalId('RunQueueItem', item.id),
    runSpec: JSON.stringify(item.runSpec),
    clientMutationId: input.clientMutationId ?? null,
  };
}

function resourceConfigsPage(
  configs: ResourceConfigRecord[],
  args: { after?: string | null; first?: number | null },
) {
  return connectionOf(paginate(configs, byCreation, 'defaultResourceConfigs', 1, pageArgs(args)), (c) => c);
}

/**
 * The Launch resolvers and writes.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(projectResolvers, launchResolvers);
 * ```
 */
export const launchResolvers: EmulatorResolvers = {
  Query: {
    launchAgent: handles(['id'], (_root, { id }, { store }) => agentById(store, id) ?? null),
  },
  Project: {
    runQueue: handles(['name'], (project, { name }, { store }) => findQueue(store, project.id, name) ?? null),
    runQueues: (project, _args, { store }) => queuesOfProject(store, project.id),
    defaultResourceConfigs: handles(['after', 'first'], (project, args, { store }) =>
      resourceConfigsPage(
        [...store.launch.resourceConfigs.values()].filter((c) => c.projectId === project.id),
        args,
      ),
    ),
  },
  Entity: {
    defaultResourceConfig: handles(['id'], (entity, { id }, { store }) => {
      const drc = byGlobalId(store, 'DefaultResourceConfig', id);
      return drc && drc.entityName === entity.name ? drc : null;
    }),
    defaultResourceConfigs: handles(['after', 'first'], (entity, args, { store }) =>
      resourceConfigsPage(
        [...store.launch.resourceConfigs.values()].filter((c) => c.entityName === entity.name),
        args,
      ),
    ),
  },
  RunQueue: {
    createdAt: (q) => q.createdAt,
    updatedAt: (q) => q.updatedAt,
    id: (q) => globalId('RunQueue', q.id),
    name: (q) => q.name,
    createdBy: (q) => q.createdBy,
    access: (q) => q.access,
    runQueueItem: handles(['id'], (q, { id }, { store }) => {
      const item = byGlobalId(store, 'RunQueueItem', id);
      return item && item.queueId === q.id ? item : null;
    }),
    // Without `first`, every item (the official client's legacy lookup lists them all).
    runQueueItems: handles(['after', 'first'], (q, args, { store }) => {
      const items = itemsOfQueue(store, q.id);
      const page = paginate(items, byCreation, 'runQueueItems', 1, {
        after: args.after ?? null,
        first: args.first ?? Math.max(items.length, 1),
      });
      return connectionOf(page, (i) => i);
    }),
    defaultResourceConfigID: (q) =>
      q.defaultResourceConfigId === null
        ? null
        : globalId('DefaultResourceConfig', q.defaultResourceConfigId),
    prioritizationMode: (q) => q.prioritizationMode,
    externalLinks: (q) => q.externalLinks ?? null,
  },
  RunQueueItemConnection: { pageInfo: (c) => c.pageInfo, edges: (c) => c.edges },
  RunQueueItemEdge: { node: (e) => e.node, cursor: (e) => e.cursor },
  RunQueueItem: {
    createdAt: (i) => i.createdAt,
    updatedAt: (i) => i.updatedAt,
    id: (i) => globalId('RunQueueItem', i.id),
    runSpec: (i) => i.runSpec,
    priority: (i) => i.priority,
    state: (i) => wireItemState(i.phase),
    associatedRunId: (i) => i.associatedRunId,
    launchAgentId: (i) => (i.launchAgentId === null ? null : globalId('LaunchAgent', i.launchAgentId)),
    error: (i) => i.error,
    warnings: (i) => i.warnings,
  },
  RunQueueItemInfoDetails: {
    message: (d) => d.message,
    stage: (d) => d.stage,
    filePaths: (d) => d.filePaths,
  },
  DefaultResourceConfig: {
    id: (c) => globalId('DefaultResourceConfig', c.id),
    createdAt: (c) => c.createdAt,
    updatedAt: (c) => c.updatedAt,
    scope: (c, _args, { store }) =>
      c.projectId === null
        ? { Type: 'ENTITY', ID: store.findEntity(c.entityName)?.id ?? 0 }
        : { Type: 'PROJECT', ID: c.projectId },
    resource: (c) => c.resource,
    config: (c) => c.config,
    templateVariables: (c) =>
      c.templateVariables.map((v) => ({
        name: v.name,
        description: v.description,
        schema: JSON.stringify(v.schema),
      })),
  },
  DefaultResourceConfigScope: { Type: (s) => s.Type, ID: (s) => s.ID },
  DefaultResourceConfigConnection: { pageInfo: (c) => c.pageInfo, edges: (c) => c.edges },
  DefaultResourceConfigEdge: { node: (e) => e.node, cursor: (e) => e.cursor },
  TemplateVariable: {
    name: (v) => v.name,
    description: (v) => v.description ?? null,
    schema: (v) => v.schema,
  },
  LaunchAgent: {
    id: (a) => globalId('LaunchAgent', a.id),
    name: (a) => a.name,
    createdAt: (a) => a.createdAt,
    updatedAt: (a) => a.updatedAt,
    runQueues: (a) => a.runQueues.map((id) => globalId('RunQueue', id)),
    hostname: (a) => a.hostname,
    agentStatus: (a) => a.agentStatus,
    stopPolling: (a) => a.stopPolling,
    agentConfig: (a) => a.agentConfig,
    version: (a) => a.version,
    heartbeatAt: (a) => a.heartbeatAt,
  },
  Mutation: {
    createDefaultResourceConfig: handles(['input'], (_root, { input }, { store }) => {
      const m = 'createDefaultResourceConfig';
      entityOf(store, input.entityName, m);
      checkWritable(store, input.entityName, m);
      checkResource(input.resource, m);
      let projectId: number | null = null;
      if (input.projectName) {
        projectId = writableProject(store, input.entityName, input.projectName, m).id;
      }
      const drc = addResourceConfig(store, {
        entityName: input.entityName,
        projectId,
        resource: input.resource,
        config: parseJsonObject(input.config, m, 'config') ?? {},
        templateVariables: templateVariablesOf(
          parseJsonObject(input.templateVariables, m, 'templateVariables'),
          m,
        ),
      });
      return {
        success: true,
        defaultResourceConfigID: globalId('DefaultResourceConfig', drc.id),
        clientMutationId: input.clientMutationId ?? null,
      };
    }),
    updateDefaultResourceConfig: handles(['input'], (_root, { input }, { store }) => {
      const m = 'updateDefaultResourceConfig';
      const drc = resourceConfigById(store, input.defaultResourceConfigID, m);
      checkConfigScope(store, drc, input.entityName, input.projectName, input.defaultResourceConfigID, m);
      if (input.resource) checkResource(input.resource, m);
      const config = parseJsonObject(input.config, m, 'config') ?? {};
      const templateVariables =
        input.templateVariables === null || input.templateVariables === undefined
          ? drc.templateVariables
          : templateVariablesOf(parseJsonObject(input.templateVariables, m, 'templateVariables'), m);
      Object.assign(drc, {
        resource: input.resource ?? drc.resource,
        config,
        templateVariables,
        updatedAt: toTimestamp(store.now()),
      });
      return {
        success: true,
        defaultResourceConfigID: globalId('DefaultResourceConfig', drc.id),
      };
    }),
    createRunQueue: handles(['input'], (_root, { input }, { store }) => {
      const m = 'createRunQueue';
      const project = writableProject(store, input.entityName, input.projectName, m);
      let drcId: number | null = null;
      if (input.defaultResourceConfigID !== null && input.defaultResourceConfigID !== undefined) {
        const drc = byGlobalId(store, 'DefaultResourceConfig', input.defaultResourceConfigID);
        if (!drc)
          throw new Error(
            `${m}: default resource config ${JSON.stringify(input.defaultResourceConfigID)} not found`,
          );
        drcId = drc.id;
      }
      const queue = addQueue(
        store,
        project,
        {
          name: input.queueName,
          access: input.access,
          prioritizationMode: input.prioritizationMode ?? 'DISABLED',
          defaultResourceConfigId: drcId,
          externalLinks: null,
        },
        m,
      );
      return {
        success: true,
        queueID: globalId('RunQueue', queue.id),
        clientMutationId: input.clientMutationId ?? null,
      };
    }),
    upsertRunQueue: handles(['input'], (_root, { input }, { store }) => {
      const m = 'upsertRunQueue';
      const project = writableProject(store, input.entityName, input.projectName, m);
      checkResource(input.resourceType, m);
      const config = parseJsonObject(input.resourceConfig, m, 'resourceConfig') ?? {};
      const templateVariables = templateVariablesOf(
        parseJsonObject(input.templateVariables, m, 'templateVariables'),
        m,
      );
      const externalLinks = parseJsonObject(input.externalLinks, m, 'externalLinks');
      const now = toTimestamp(store.now());
      const existing = findQueue(store, project.id, input.queueName);
      // The queue's config is changed in place only when no other queue uses it; a config
      // shared (createRunQueue / updateRunQueue allow that) stays as it is for the others, and
      // this queue gets a config of its own.
      const sharedId = existing?.defaultResourceConfigId;
      const shared =
        sharedId != null &&
        [...store.launch.queues.values()].some(
          (q) => q !== existing && q.defaultResourceConfigId === sharedId,
        );
      const drc = sharedId != null && !shared ? store.launch.resourceConfigs.get(sharedId) : undefined;
      if (drc) {
        Object.assign(drc, { resource: input.resourceType, config, templateVariables, updatedAt: now });
      }
      const configId =
        drc?.id ??
        addResourceConfig(store, {
          entityName: project.entityName,
          projectId: null,
          resource: input.resourceType,
          config,
          templateVariables,
        }).id;
      if (existing) {
        Object.assign(existing, {
          defaultResourceConfigId: configId,
          prioritizationMode: input.prioritizationMode ?? existing.prioritizationMode,
          externalLinks,
          updatedAt: now,
        });
      } else {
        addQueue(
          store,
          project,
          {
            name: input.queueName,
            access: 'PROJECT',
            prioritizationMode: input.prioritizationMode ?? 'DISABLED',
            defaultResourceConfigId: configId,
            externalLinks,
          },
          m,
        );
      }
      return {
        success: true,
        configSchemaValidationErrors: configWarnings(input.resourceType, config, templateVariables),
      };
    }),
    updateRunQueue: handles(['input'], (_root, { input }, { store }) => {
      const m = 'updateRunQueue';
      const queue = queueById(store, input.queueID, m);
      if (input.defaultResourceConfigID !== null && input.defaultResourceConfigID !== undefined) {
        const drc = byGlobalId(store, 'DefaultResourceConfig', input.defaultResourceConfigID);
        if (!drc || drc.entityName !== queue.entityName) {
          throw new Error(
            `${m}: default resource config ${JSON.stringify(input.defaultResourceConfigID)} not found`,
          );
        }
        queue.defaultResourceConfigId = drc.id;
      }
      if (input.externalLinks !== null && input.externalLinks !== undefined) {
        queue.externalLinks = parseJsonObject(input.externalLinks, m, 'externalLinks');
      }
      if (input.prioritizationMode) queue.prioritizationMode = input.prioritizationMode;
      queue.updatedAt = toTimestamp(store.now());
      return { success: true, clientMutationId: input.clientMutationId ?? null };
    }),
    deleteRunQueues: handles(['input'], (_root, { input }, { store }) => {
      const m = 'deleteRunQueues';
      const queues = input.queueIDs.map((id) => queueById(store, id, m));
      for (const queue of queues) {
        for (const item of itemsOfQueue(store, queue.id)) store.launch.items.delete(item.id);
        store.launch.queues.delete(queue.id);
      }
      // The agents polling them no longer list them.
      const deleted = new Set(queues.map((q) => q.id));
      for (const agent of store.launch.agents.values()) {
        agent.runQueues = agent.runQueues.filter((id) => !deleted.has(id));
      }
      return { success: true, clientMutationId: input.clientMutationId ?? null };
    }),
    pushToRunQueueByName: handles(['input'], (_root, { input }, { store }) => {
      const m = 'pushToRunQueueByName';
      return push(
        store,
        queueByName(store, input.entityName, input.projectName, input.queueName, m),
        input,
        m,
      );
    }),
    pushToRunQueue: handles(['input'], (_root, { input }, { store }) =>
      push(store, queueById(store, input.queueID, 'pushToRunQueue'), input, 'pushToRunQueue'),
    ),
    popFromRunQueue: handles(['input'], (_root, { input }, { store }) => {
      const m = 'popFromRunQueue';
      const queue = queueByName(store, input.entityName, input.projectName, input.queueName, m);
      const item = nextPending(store, queue);
      if (!item)
        return { runQueueItemId: null, runSpec: null, clientMutationId: input.clientMutationId ?? null };
      let agentId: number | null = null;
      if (input.launchAgentId !== null && input.launchAgentId !== undefined) {
        const agent = agentById(store, input.launchAgentId);
        if (!agent) throw new Error(`${m}: launch agent ${JSON.stringify(input.launchAgentId)} not found`);
        agentId = agent.id;
      }
      Object.assign(item, { phase: 'LEASED', launchAgentId: agentId, updatedAt: toTimestamp(store.now()) });
      return {
        runQueueItemId: globalId('RunQueueItem', item.id),
        runSpec: item.runSpec,
        clientMutationId: input.clientMutationId ?? null,
      };
    }),
    ackRunQueueItem: handles(['input'], (_root, { input }, { store }) => {
      const { item } = itemById(store, input.runQueueItemId, 'ackRunQueueItem');
      // Only a leased item can be claimed: acking twice answers `success: false`.
      if (item.phase !== 'LEASED')
        return { success: false, clientMutationId: input.clientMutationId ?? null };
      Object.assign(item, {
        phase: 'CLAIMED',
        associatedRunId: input.runName,
        updatedAt: toTimestamp(store.now()),
      });
      return { success: true, clientMutationId: input.clientMutationId ?? null };
    }),
    failRunQueueItem: handles(['input'], (_root, { input }, { store }) => {
      // Neither official client sends `info` and no field reads it back: refused, not ignored.
      if (input.info !== null && input.info !== undefined) {
        throw new Error('failRunQueueItem: the emulator does not implement FailRunQueueItemInput.info');
      }
      const { item } = itemById(store, input.runQueueItemId, 'failRunQueueItem');
      Object.assign(item, {
        phase: 'FAILED',
        error: { message: input.message ?? '', stage: input.stage ?? '', filePaths: input.filePaths ?? [] },
        updatedAt: toTimestamp(store.now()),
      });
      return { success: true, clientMutationId: input.clientMutationId ?? null };
    }),
    updateRunQueueItemWarning: handles(['input'], (_root, { input }, { store }) => {
      const { item } = itemById(store, input.runQueueItemId, 'updateRunQueueItemWarning');
      item.warnings.push({ message: input.message, stage: input.stage, filePaths: input.filePaths ?? [] });
      item.updatedAt = toTimestamp(store.now());
      return { success: true, clientMutationId: input.clientMutationId ?? null };
    }),
    deleteFromRunQueue: handles(['input'], (_root, { input }, { store }) => {
      const m = 'deleteFromRunQueue';
      const queue = queueById(store, input.queueID, m);
      const { item } = itemById(store, input.runQueueItemId, m);
      if (item.queueId !== queue.id) {
        throw new Error(
          `${m}: run queue item ${JSON.stringify(input.runQueueItemId)} not found in queue ${queue.name}`,
        );
      }
      store.launch.items.delete(item.id);
      return { success: true, clientMutationId: input.clientMutationId ?? null };
    }),
    createLaunchAgent: handles(['input'], (_root, { input }, { store }) => {
      const m = 'createLaunchAgent';
      const project = writableProject(store, input.entityName, input.projectName, m);
      const queues = input.runQueues.map((id) => queueById(store, id, m));
      const now = toTimestamp(store.now());
      const id = nextLaunchId(store, 'agent');
      const agent: LaunchAgentRecord = {
        id,
        entityName: project.entityName,
        projectId: project.id,
        name: `${input.hostname}-${id}`,
        runQueues: queues.map((q) => q.id),
        hostname: input.hostname,
        agentStatus: 'POLLING',
        stopPolling: false,
        agentConfig: input.agentConfig ?? null,
        version: input.version ?? null,
        createdAt: now,
        updatedAt: null,
        heartbeatAt: now,
      };
      store.launch.agents.set(agent.id, agent);
      return {
        success: true,
        launchAgentId: globalId('LaunchAgent', agent.id),
        clientMutationId: input.clientMutationId ?? null,
      };
    }),
    updateLaunchAgent: handles(['input'], (_root, { input }, { store }) => {
      const m = 'updateLaunchAgent';
      const agent = agentById(store, input.launchAgentId);
      if (!agent) throw new Error(`${m}: launch agent ${JSON.stringify(input.launchAgentId)} not found`);
      checkWritable(store, agent.entityName, m);
      const now = toTimestamp(store.now());
      if (input.name) agent.name = input.name;
      if (input.runQueues) agent.runQueues = input.runQueues.map((id) => queueById(store, id, m).id);
      if (input.agentStatus) agent.agentStatus = input.agentStatus;
      if (typeof input.stopPolling === 'boolean') agent.stopPolling = input.stopPolling;
      agent.heartbeatAt = input.heartbeatAt ? toTimestamp(input.heartbeatAt) : now;
      agent.updatedAt = now;
      return { success: true, clientMutationId: input.clientMutationId ?? null };
    }),
  },
  CreateDefaultResourceConfigPayload: {
    success: (p) => p.success,
    defaultResourceConfigID: (p) => p.defaultResourceConfigID,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  UpdateDefaultResourceConfigPayload: {
    success: (p) => p.success,
    defaultResourceConfigID: (p) => p.defaultResourceConfigID,
  },
  CreateRunQueuePayload: {
    success: (p) => p.success ?? null,
    queueID: (p) => p.queueID ?? null,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  UpsertRunQueuePayload: {
    success: (p) => p.success ?? null,
    configSchemaValidationErrors: (p) => p.configSchemaValidationErrors ?? null,
  },
  UpdateRunQueuePayload: {
    success: (p) => p.success ?? null,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  DeleteRunQueuesPayload: {
    success: (p) => p.success ?? null,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  PushToRunQueueByNamePayload: {
    runQueueItemId: (p) => p.runQueueItemId,
    runSpec: (p) => p.runSpec,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  PushToRunQueuePayload: {
    runQueueItemId: (p) => p.runQueueItemId,
    runSpec: (p) => p.runSpec,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  PopFromRunQueuePayload: {
    runQueueItemId: (p) => p.runQueueItemId ?? null,
    runSpec: (p) => p.runSpec ?? null,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  AckRunQueueItemPayload: {
    success: (p) => p.success ?? null,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  FailRunQueueItemPayload: {
    success: (p) => p.success ?? null,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  UpdateRunQueueItemWarningPayload: {
    success: (p) => p.success ?? null,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  DeleteFromRunQueuePayload: {
    success: (p) => p.success ?? null,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  CreateLaunchAgentPayload: {
    success: (p) => p.success ?? null,
    launchAgentId: (p) => p.launchAgentId,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  UpdateLaunchAgentPayload: {
    success: (p) => p.success ?? null,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
};
