/**
 * Automations over GraphQL (notes §7, §8.8): the listings `Entity.triggers(filters)` (every
 * automation of the entity: scoped to it, its projects or their collections), `Organization.triggers`
 * (those of its org entity), `Project.triggers` (those scoped to the project or its collections),
 * the `Trigger` and its unions (`TriggerScope`, `TriggeringCondition`, `TriggeredAction`), and
 * the writes `createFilterTrigger` (HTTP 409 on a duplicate name), `updateFilterTrigger` and
 * `deleteTrigger` (HTTP 404 on an unknown id).
 *
 * Event filters are stored as sent; an artifact event's filter is answered wrapped in one more
 * level, `{"filter": <the sent object>}`, as the server does; a run event's as sent.
 *
 * @example
 * ```ts
 * import { automationResolvers } from './resolvers.js';
 * ```
 * @module
 */
import { handles, pageArgs, type EmulatorResolvers } from '../../graphql/arguments.js';
import { connectionOf, paginate } from '../../graphql/connections.js';
import { HttpStatusError } from '../../graphql/errors.js';
import type { FeatureField, FeatureUnionMember } from '../../graphql/feature-arguments.js';
import { globalId, parseGlobalId } from '../../graphql/ids.js';
import { compileMongoFilter } from '../../graphql/mongo-filter.js';
import { QueryInputError } from '../../graphql/errors.js';
import type { EmulatorStore } from '../../store/store.js';
import { toTimestamp } from '../../store/time.js';
import { parseListOrder, type ListOrderSpec } from '../artifacts/filters.js';
import { projectOf } from '../artifacts/model.js';
import {
  checkActionEntity,
  checkEvent,
  checkTriggerName,
  resolveAction,
  resolveScope,
  RUN_EVENTS,
  scopeGlobalId,
  scopeObject,
  triggerEntity,
} from './model.js';
import type { TriggerRecord } from './records.js';

/**
 * What a server without one of the automation features lacks in its schema (notes §8.6):
 * `QUERY_AUTOMATIONS_ON_ENTITY` → `Entity.triggers`; `AUTOMATIONS_ON_ORGANIZATION` →
 * `Organization.triggers`; `AUTOMATION_SCOPE_ENTITY` → the `Entity` member of `TriggerScope`.
 *
 * @example
 * ```ts
 * automationFeatureGates.fields.map((f) => f.field); // ['Entity.triggers', 'Organization.triggers']
 * ```
 */
export const automationFeatureGates: {
  fields: readonly FeatureField[];
  unionMembers: readonly FeatureUnionMember[];
} = {
  fields: [
    { feature: 'QUERY_AUTOMATIONS_ON_ENTITY', field: 'Entity.triggers' },
    { feature: 'AUTOMATIONS_ON_ORGANIZATION', field: 'Organization.triggers' },
  ],
  unionMembers: [{ feature: 'AUTOMATION_SCOPE_ENTITY', union: 'TriggerScope', member: 'Entity' }],
};

const TRIGGER_ORDER: ListOrderSpec = {
  fields: {
    name: 'name',
    created_at: 'createdAt',
    createdAt: 'createdAt',
    updated_at: 'updatedAt',
    updatedAt: 'updatedAt',
  },
  default: '+createdAt',
};

const TRIGGER_FILTER_FIELDS: Readonly<Record<string, string>> = {
  name: 'name',
  description: 'description',
  enabled: 'enabled',
};

/** A page of automations, filtered (`name`, `description`, `enabled`) and ordered. */
function triggersPage(
  triggers: TriggerRecord[],
  args: { after?: string | null; first?: number | null; order?: string | null; filters?: string | null },
) {
  const matches = compileMongoFilter(args.filters, {
    noun: 'automation filter',
    fieldPath(field) {
      const path = Object.hasOwn(TRIGGER_FILTER_FIELDS, field) ? TRIGGER_FILTER_FIELDS[field] : undefined;
      if (path === undefined) {
        throw new QueryInputError(
          `Unknown automation field "${field}" in filters. Supported: name, description, enabled`,
        );
      }
      return path;
    },
  });
  const order = parseListOrder(args.order, TRIGGER_ORDER);
  const selected = triggers.filter((t) =>
    matches({ name: t.name, description: t.description, enabled: t.enabled }),
  );
  const page = paginate(
    selected,
    (t) => ({
      missing: false,
      value:
        order.field === 'name'
          ? t.name
          : Date.parse(order.field === 'updatedAt' ? (t.updatedAt ?? t.createdAt) : t.createdAt),
      createdAt: t.createdAt,
      id: t.id,
    }),
    order.tag,
    order.direction,
    pageArgs(args),
  );
  return { totalCount: page.totalCount, ...connectionOf(page, (t) => t) };
}

/** The automations whose scope still exists, in creation order. */
function liveTriggers(store: EmulatorStore): TriggerRecord[] {
  return [...store.automations.triggers.values()]
    .filter((t) => scopeObject(store, t) !== undefined)
    .sort((a, b) => a.id - b.id);
}

function triggersOfEntity(store: EmulatorStore, entityName: string): TriggerRecord[] {
  return liveTriggers(store).filter((t) => triggerEntity(store, t) === entityName);
}

function findTrigger(store: EmulatorStore, id: unknown, m: string): TriggerRecord {
  const n = parseGlobalId(id, 'Trigger');
  const trigger = n === undefined ? undefined : store.automations.triggers.get(n);
  if (!trigger)
    throw new HttpStatusError(404, 'NOT_FOUND', `${m}: automation ${JSON.stringify(id)} not found`);
  return trigger;
}

/**
 * The automation resolvers and writes.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(integrationResolvers, automationResolvers);
 * ```
 */
export const automationResolvers: EmulatorResolvers = {
  Entity: {
    triggers: handles(['after', 'first', 'order', 'filters'], (entity, args, { store }) =>
      triggersPage(triggersOfEntity(store, entity.name), args),
    ),
  },
  Organization: {
    triggers: handles(['after', 'first', 'order', 'filters'], (org, args, { store }) =>
      triggersPage(triggersOfEntity(store, org.orgEntity), args),
    ),
  },
  Project: {
    triggers: (project, _args, { store }) =>
      liveTriggers(store).filter((t) => {
        if (t.scopeType === 'PROJECT') return t.scopeId === project.id;
        if (t.scopeType !== 'ARTIFACT_COLLECTION') return false;
        const collection = store.artifacts.collections.get(t.scopeId);
        return collection !== undefined && projectOf(store, collection).id === project.id;
      }),
  },
  Trigger: {
    id: (t) => globalId('Trigger', t.id),
    createdAt: (t) => t.createdAt,
    updatedAt: (t) => t.updatedAt,
    createdBy: (t, _args, { store }) => {
      const user = store.findUser(t.createdBy);
      if (!user) throw new Error(`The creator of automation ${t.name} is missing from the store`);
      return user;
    },
    name: (t) => t.name,
    description: (t) => t.description,
    enabled: (t) => t.enabled,
    scope: (t, _args, { store }) => {
      const object = scopeObject(store, t);
      if (!object) throw new Error(`The scope of automation ${t.name} is missing from the store`);
      return object;
    },
    triggeringCondition: (t) => t,
    triggeredAction: (t) => t,
  },
  TriggerScope: {
    __resolveType: (scope) =>
      'kind' in scope
        ? scope.kind === 'sequence'
          ? 'ArtifactSequence'
          : 'ArtifactPortfolio'
        : 'isTeam' in scope
          ? 'Entity'
          : 'Project',
  },
  TriggeringCondition: { __resolveType: () => 'FilterEventTriggeringCondition' },
  FilterEventTriggeringCondition: {
    eventType: (t) => t.eventType,
    // Artifact events: the server answers the stored filter inside one more `filter` level.
    filter: (t) =>
      RUN_EVENTS.has(t.eventType)
        ? t.eventFilter
        : JSON.stringify({ filter: JSON.parse(t.eventFilter) as unknown }),
  },
  TriggeredAction: {
    __resolveType: (t) =>
      t.action.type === 'NOTIFICATION'
        ? 'NotificationTriggeredAction'
        : t.action.type === 'GENERIC_WEBHOOK'
          ? 'GenericWebhookTriggeredAction'
          : 'NoOpTriggeredAction',
  },
  NotificationTriggeredAction: {
    integration: (t, _args, { store }) => {
      const integration =
        t.action.type === 'NOTIFICATION' ? store.integrations.get(t.action.integrationId) : undefined;
      if (!integration) throw new Error(`The integration of automation ${t.name} is missing from the store`);
      return integration;
    },
    title: (t) => (t.action.type === 'NOTIFICATION' ? t.action.title : null),
    message: (t) => (t.action.type === 'NOTIFICATION' ? t.action.message : null),
    severity: (t) => (t.action.type === 'NOTIFICATION' ? t.action.severity : null),
  },
  GenericWebhookTriggeredAction: {
    integration: (t, _args, { store }) => {
      const integration =
        t.action.type === 'GENERIC_WEBHOOK' ? store.integrations.get(t.action.integrationId) : undefined;
      if (!integration) throw new Error(`The integration of automation ${t.name} is missing from the store`);
      return integration;
    },
    requestPayload: (t) => (t.action.type === 'GENERIC_WEBHOOK' ? t.action.requestPayload : null),
  },
  NoOpTriggeredAction: { noOp: () => true },
  TriggerConnection: { totalCount: (c) => c.totalCount, pageInfo: (c) => c.pageInfo, edges: (c) => c.edges },
  TriggerEdge: { node: (e) => e.node, cursor: (e) => e.cursor },
  Mutation: {
    createFilterTrigger: handles(['input'], (_root, { input }, { store }) => {
      const m = 'createFilterTrigger';
      const scope = resolveScope(store, input.scopeType, input.scopeID, m, true);
      checkEvent(store, input.triggeringEventType, input.eventFilter, scope.scopeType, m, true);
      const action = resolveAction(
        store,
        input.triggeredActionType,
        input.triggeredActionConfig,
        scope.entityName,
        m,
        true,
      );
      checkTriggerName(store, input.name, scope.entityName, m);
      const trigger: TriggerRecord = {
        id: store.nextId('trigger'),
        name: input.name,
        description: input.description ?? null,
        enabled: input.enabled,
        scopeType: scope.scopeType,
        scopeId: scope.scopeId,
        eventType: input.triggeringEventType,
        eventFilter: input.eventFilter,
        action,
        createdAt: toTimestamp(store.now()),
        updatedAt: null,
        createdBy: store.viewer.username,
      };
      store.automations.triggers.set(trigger.id, trigger);
      return { trigger, clientMutationId: input.clientMutationId ?? null };
    }),
    updateFilterTrigger: handles(['input'], (_root, { input }, { store }) => {
      const m = 'updateFilterTrigger';
      const trigger = findTrigger(store, input.id, m);
      const scope =
        input.scopeType || input.scopeID
          ? resolveScope(
              store,
              input.scopeType ?? trigger.scopeType,
              input.scopeID ?? scopeGlobalId(trigger),
              m,
              true,
            )
          : {
              scopeType: trigger.scopeType,
              scopeId: trigger.scopeId,
              entityName: triggerEntity(store, trigger) ?? '',
            };
      const eventType = input.triggeringEventType ?? trigger.eventType;
      const eventFilter = input.eventFilter ?? trigger.eventFilter;
      checkEvent(store, eventType, eventFilter, scope.scopeType, m, true);
      let action = trigger.action;
      if (input.triggeredActionType || input.triggeredActionConfig) {
        if (!input.triggeredActionConfig)
          throw new Error(`${m}: triggeredActionType needs triggeredActionConfig`);
        action = resolveAction(
          store,
          input.triggeredActionType ?? trigger.action.type,
          input.triggeredActionConfig,
          scope.entityName,
          m,
          true,
        );
      } else checkActionEntity(store, action, scope.entityName, m);
      const name = input.name ?? trigger.name;
      checkTriggerName(store, name, scope.entityName, m, trigger);
      Object.assign(trigger, {
        name,
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(typeof input.enabled === 'boolean' ? { enabled: input.enabled } : {}),
        scopeType: scope.scopeType,
        scopeId: scope.scopeId,
        eventType,
        eventFilter,
        action,
        updatedAt: toTimestamp(store.now()),
      });
      return { trigger };
    }),
    deleteTrigger: handles(['input'], (_root, { input }, { store }) => {
      const trigger = findTrigger(store, input.triggerID, 'deleteTrigger');
      store.automations.triggers.delete(trigger.id);
      return { success: true, clientMutationId: input.clientMutationId ?? null };
    }),
  },
  CreateFilterTriggerPayload: {
    trigger: (p) => p.trigger ?? null,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  UpdateFilterTriggerPayload: { trigger: (p) => p.trigger ?? null },
  DeleteTriggerPayload: { success: (p) => p.success, clientMutationId: (p) => p.clientMutationId ?? null },
};
