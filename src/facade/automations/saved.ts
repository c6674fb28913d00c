/**
 * Saved automations read into the builder's types (`/work/notes/registries-protocol.md` §7.2):
 * {@link automationFromSaved} reads a `TriggerFields` selection — its scope, its event (the
 * Mongo-style filters parsed as the official client's `parse_filter` does) and its action — into
 * an {@link Automation}. Loaded with the automations code, apart from the builders `wandb-api`
 * exports.
 *
 * @example
 * ```ts
 * const automation = automationFromSaved(trigger);
 * console.log(automation.event.eventType, automation.action.actionType);
 * ```
 * @module
 */
import { WandbError } from '../../errors/index.js';
import type { EventTriggeringConditionType } from '../../generated/graphql.js';
import { isPlainObject } from '../core/validate.js';
import type { SlackIntegration, WebhookIntegration } from '../integrations/integrations.js';
import {
  NoOpAction,
  NotificationAction,
  UnsupportedAction,
  WebhookAction,
  type AutomationAction,
  type JsonValue,
} from './actions.js';
import { Automation, type TriggerData } from './automation.js';
import {
  ArtifactMutationEvent,
  RunMetricEvent,
  RunStateEvent,
  UnsupportedEvent,
  type ArtifactEventType,
  type AutomationEvent,
} from './events.js';
import {
  EventFilter,
  logical,
  MetricChange,
  MetricThreshold,
  MetricZScore,
  RunMetricFilter,
  RunStateFilter,
  simplify,
  StateCondition,
  type ChangeDirection,
  type FilterNode,
  type MetricAggregation,
  type MetricCondition,
  type RunEventFilter,
  type ThresholdComparison,
} from './filters.js';
import { isRegistryProject, REGISTRY_PREFIX, type AutomationScope } from './scopes.js';

/**
 * A saved automation (its `TriggerFields`) as an {@link Automation}: the scope, event and action
 * in the builder's types, or `UnsupportedEvent` / `UnsupportedAction` for what this client cannot
 * read or send again.
 * @internal
 * @example
 * ```ts
 * const automations = connection.edges.map((e) => automationFromSaved(e.node));
 * ```
 */
export function automationFromSaved(data: TriggerData): Automation {
  const scope = scopeFromSaved(data.scope);
  return new Automation(
    data,
    eventFromSaved(data.event.eventType, data.event.filter, scope),
    actionFromSaved(data.action),
  );
}

/** A saved scope as a builder scope. */
export function scopeFromSaved(scope: TriggerData['scope']): AutomationScope {
  switch (scope.__typename) {
    case 'Project':
      if (isRegistryProject(scope.name)) {
        return Object.freeze({
          kind: 'registry',
          id: scope.id,
          name: scope.name.slice(REGISTRY_PREFIX.length),
          fullName: scope.name,
          entity: undefined,
        });
      }
      return Object.freeze({ kind: 'project', id: scope.id, name: scope.name, entity: undefined });
    case 'ArtifactPortfolio':
    case 'ArtifactSequence':
      return Object.freeze({
        kind: 'collection',
        id: scope.id,
        name: scope.name,
        isSequence: scope.__typename === 'ArtifactSequence',
        entity: undefined,
      });
    default:
      if (!('id' in scope)) throw new WandbError('A saved automation has an entity scope without its fields');
      return Object.freeze({
        kind: scope.entityType === 'organization' ? 'organization' : 'team',
        id: scope.id,
        name: scope.name,
      });
  }
}

const LEGACY_ACTIONS: Readonly<Record<string, string>> = {
  QueueJobTriggeredAction: 'QUEUE_JOB',
  PushNotificationTriggeredAction: 'PUSH_NOTIFICATION',
};

/** A saved action as a builder action. */
export function actionFromSaved(action: TriggerData['action']): AutomationAction | UnsupportedAction {
  try {
    switch (action.__typename) {
      case 'NotificationTriggeredAction': {
        const i = action.integration;
        if (i.__typename !== 'SlackIntegration') break;
        const integration: SlackIntegration = Object.freeze({
          kind: 'slack',
          id: i.id,
          teamName: i.teamName,
          channelName: i.channelName,
        });
        return new NotificationAction({
          integration,
          title: action.title,
          message: action.message,
          severity: action.severity,
        });
      }
      case 'GenericWebhookTriggeredAction': {
        const i = action.integration;
        if (i.__typename !== 'GenericWebhookIntegration') break;
        const integration: WebhookIntegration = Object.freeze({
          kind: 'webhook',
          id: i.id,
          name: i.name,
          urlEndpoint: i.urlEndpoint,
        });
        const text = action.requestPayload;
        const payload: unknown = text === null || text.trim() === '' ? undefined : JSON.parse(text);
        if (payload !== undefined && payload !== null && !isPlainObject(payload)) break;
        return new WebhookAction({
          integration,
          payload: (payload ?? undefined) as Record<string, JsonValue> | undefined,
        });
      }
      case 'NoOpTriggeredAction':
        return new NoOpAction();
    }
  } catch {
    // An action this client cannot read: only its type is kept.
  }
  const typename: string = action.__typename;
  const wire: Record<string, string> = {
    NotificationTriggeredAction: 'NOTIFICATION',
    GenericWebhookTriggeredAction: 'GENERIC_WEBHOOK',
    ...LEGACY_ACTIONS,
  };
  return new UnsupportedAction(wire[typename] ?? typename);
}

// --- Reading saved events -------------------------------------------------------------------

const ARTIFACT_EVENT_TYPES: readonly string[] = [
  'CREATE_ARTIFACT',
  'LINK_MODEL',
  'UNLINK_ARTIFACT',
  'ADD_ARTIFACT_ALIAS',
  'ADD_ARTIFACT_TAG',
  'REMOVE_ARTIFACT_TAG',
  'ADD_COLLECTION_TAG',
  'REMOVE_COLLECTION_TAG',
];

function jsonObject(value: unknown): Record<string, unknown> {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!isPlainObject(parsed)) throw new Error('not a JSON object');
  return parsed;
}

/** A saved run filter (`run_filter`, a JSON string of `{"$and": [...]}`) as a filter, or none. */
function savedRunFilter(value: unknown): RunEventFilter | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const node = simplify(parseMongo(typeof value === 'string' ? JSON.parse(value) : value));
  if (node.kind === '$and' && node.exprs.length === 0) return undefined;
  return new EventFilter('run', node);
}

function savedMetric(filter: Record<string, unknown>): MetricCondition {
  const choice = isPlainObject(filter.run_metric_filter) ? filter.run_metric_filter : undefined;
  const legacy =
    choice === undefined && filter.metric_filter != null ? jsonObject(filter.metric_filter) : undefined;
  const threshold = choice?.threshold_filter ?? legacy;
  if (isPlainObject(threshold)) {
    return new MetricThreshold({
      name: threshold.name as string,
      aggregation: (threshold.agg_op ?? undefined) as MetricAggregation | undefined,
      window: (threshold.window_size ?? 1) as number,
      comparison: threshold.cmp_op as ThresholdComparison,
      threshold: threshold.threshold as number,
    });
  }
  const change = choice?.change_filter;
  if (isPlainObject(change)) {
    const window = (change.current_window_size ?? change.window_size ?? 1) as number;
    return new MetricChange({
      name: change.name as string,
      aggregation: (change.agg_op ?? undefined) as MetricAggregation | undefined,
      window,
      priorWindow: (change.prior_window_size ?? window) as number,
      changeType: change.change_type === 'RELATIVE' ? 'RELATIVE' : 'ABSOLUTE',
      direction: change.change_dir as ChangeDirection,
      amount: change.change_amount as number,
    });
  }
  const zscore = choice?.zscore_filter;
  if (isPlainObject(zscore)) {
    return new MetricZScore({
      name: zscore.name as string,
      window: (zscore.window_size ?? 30) as number,
      threshold: (zscore.threshold ?? 3) as number,
      direction: (zscore.change_dir ?? 'ANY') as ChangeDirection,
    });
  }
  throw new Error('no metric filter');
}

/**
 * A saved event (`triggeringCondition { eventType filter }`) as the builder's event: artifact
 * event filters lose the extra `{"filter": …}` level the server adds; anything this client
 * cannot read or resend is an {@link UnsupportedEvent}.
 * @internal
 * @example
 * ```ts
 * const event = eventFromSaved('ADD_ARTIFACT_ALIAS', '{"filter":{"$or":[{"$and":[]}]}}', scope);
 * ```
 */
export function eventFromSaved(
  eventType: EventTriggeringConditionType | string,
  filter: string,
  scope: AutomationScope,
): AutomationEvent | UnsupportedEvent {
  try {
    if (ARTIFACT_EVENT_TYPES.includes(eventType)) {
      const outer = jsonObject(filter);
      const inner: unknown = 'filter' in outer ? outer.filter : outer;
      const node = simplify(parseMongo(typeof inner === 'string' ? JSON.parse(inner) : inner));
      const empty = node.kind === '$and' && node.exprs.length === 0;
      return new ArtifactMutationEvent(
        eventType as ArtifactEventType,
        scope,
        empty ? undefined : new EventFilter('artifact', node),
      );
    }
    if (
      eventType === 'RUN_METRIC' ||
      eventType === 'RUN_METRIC_CHANGE' ||
      eventType === 'RUN_METRIC_ZSCORE'
    ) {
      const f = jsonObject(filter);
      return new RunMetricEvent(scope, new RunMetricFilter(savedMetric(f), savedRunFilter(f.run_filter)));
    }
    if (eventType === 'RUN_STATE') {
      const f = jsonObject(filter);
      const state = isPlainObject(f.run_state_filter) ? f.run_state_filter.states : undefined;
      if (!Array.isArray(state)) throw new Error('no states');
      return new RunStateEvent(
        scope,
        new RunStateFilter(new StateCondition(state as string[]), savedRunFilter(f.run_filter)),
      );
    }
  } catch {
    // A filter this client cannot read: kept as received.
  }
  return new UnsupportedEvent(eventType, scope, filter);
}

// --- Parsing saved filters ------------------------------------------------------------------

const LOGICAL = new Set(['$and', '$or', '$nor']);

/**
 * A Mongo-style object as a filter tree, the way the official client parses one
 * (`parse_filter`): operators it does not know are kept as `raw` nodes.
 */
export function parseMongo(value: unknown): FilterNode {
  if (!isPlainObject(value)) return { kind: 'raw', value };
  const entries = Object.entries(value);
  if (entries.length === 0) return { kind: 'raw', value };
  if (entries.length > 1) {
    return logical(
      '$and',
      entries.map(([k, v]) => parseMongo({ [k]: v })),
    );
  }
  const [key, inner] = entries[0] as [string, unknown];
  if (LOGICAL.has(key)) {
    if (!Array.isArray(inner)) return { kind: 'raw', value };
    return logical(key as '$and', inner.map(parseMongo));
  }
  if (key === '$not') return { kind: '$not', expr: parseMongo(inner) };
  if (key.startsWith('$')) return { kind: 'raw', value };
  if (isPlainObject(inner)) return { kind: 'field', field: key, condition: inner };
  return { kind: 'field', field: key, condition: { $eq: inner } };
}
