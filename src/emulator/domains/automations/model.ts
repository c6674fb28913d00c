/**
 * The automations domain's rules, shared by the seed and the writes (notes §7.3–§7.6, §8.8):
 *
 * - the scope exists: a project (or registry), a collection, or (with `AUTOMATION_SCOPE_ENTITY`)
 *   an entity; its entity is the automation's entity;
 * - the event type can be created: not `UPDATE_ARTIFACT_ALIAS` (legacy) or
 *   `WEAVE_METRIC_THRESHOLD`; a gated one (`AUTOMATION_EVENT_<type>`) only with its feature on;
 *   run events (`RUN_*`) only on project or entity scopes; `CREATE_ARTIFACT` only on collections;
 * - the event filter has the shape of its event type: a Mongo-style object for artifact events,
 *   `{ run_filter: "<JSON>", run_metric_filter | run_state_filter }` for run events, with windows
 *   >= 1, positive change amounts and z-score thresholds, known operators and states;
 * - the action matches `triggeredActionType`, with exactly that config, and its integration is of
 *   the right kind (Slack for notifications, a generic webhook for webhooks) in the scope's
 *   entity; `NO_OP` needs `AUTOMATION_ACTION_NO_OP`; `QUEUE_JOB` and `PUSH_NOTIFICATION` cannot be
 *   created;
 * - names (1 to 255 characters) are unique among the automations of the scope's entity: a
 *   duplicate is HTTP 409.
 *
 * @example
 * ```ts
 * import { resolveScope } from './model.js';
 * resolveScope(store, 'PROJECT', project.id, 'createFilterTrigger', true).entityName; // 'acme-org'
 * ```
 * @module
 */
import { HttpStatusError } from '../../graphql/errors.js';
import { globalId, parseGlobalId } from '../../graphql/ids.js';
import { isPlainObject } from '../../graphql/mongo-filter.js';
import type { TriggeredActionConfig } from '../../generated/resolvers.js';
import type { EmulatorStore } from '../../store/store.js';
import { findCollectionById, projectOf } from '../artifacts/model.js';
import type { CollectionRecord } from '../artifacts/records.js';
import type { ProjectRecord } from '../projects/records.js';
import { AUTOMATION_EVENT_FEATURES } from '../server/records.js';
import type { EntityRecord } from '../users/records.js';
import { findIntegration } from '../integrations/seed.js';
import type { TriggerAction, TriggerRecord, TriggerScopeKind } from './records.js';

/** The run events (scoped to projects or entities); every other event type is an artifact event. */
export const RUN_EVENTS: ReadonlySet<string> = new Set([
  'RUN_METRIC',
  'RUN_METRIC_CHANGE',
  'RUN_METRIC_ZSCORE',
  'RUN_STATE',
]);

/** Event types a client may name but the server does not create. */
const REFUSED_EVENTS: ReadonlySet<string> = new Set(['UPDATE_ARTIFACT_ALIAS', 'WEAVE_METRIC_THRESHOLD']);

/**
 * What an automation's scope resolves to.
 *
 * @example
 * ```ts
 * const scope: ResolvedScope = { scopeType: 'PROJECT', scopeId: 3, entityName: 'acme-org' };
 * ```
 */
export interface ResolvedScope {
  scopeType: TriggerScopeKind;
  scopeId: number;
  /** The entity whose automation it is. */
  entityName: string;
}

function entityById(store: EmulatorStore, id: number): EntityRecord | undefined {
  for (const entity of store.entities.values()) if (entity.id === id) return entity;
  return undefined;
}

/**
 * The object a scope names now (`undefined` when it is gone).
 *
 * @example
 * ```ts
 * scopeObject(store, trigger); // the ProjectRecord, CollectionRecord or EntityRecord
 * ```
 */
export function scopeObject(
  store: EmulatorStore,
  scope: { scopeType: TriggerScopeKind; scopeId: number },
): ProjectRecord | CollectionRecord | EntityRecord | undefined {
  if (scope.scopeType === 'PROJECT') return store.projects.get(scope.scopeId);
  if (scope.scopeType === 'ARTIFACT_COLLECTION') {
    const collection = store.artifacts.collections.get(scope.scopeId);
    return collection?.state === 'READY' ? collection : undefined;
  }
  return entityById(store, scope.scopeId);
}

/**
 * The entity an automation belongs to (its scope's entity), or `undefined` when the scope is gone.
 *
 * @example
 * ```ts
 * triggerEntity(store, trigger); // 'acme-org'
 * ```
 */
export function triggerEntity(
  store: EmulatorStore,
  scope: { scopeType: TriggerScopeKind; scopeId: number },
): string | undefined {
  const object = scopeObject(store, scope);
  if (!object) return undefined;
  if (scope.scopeType === 'PROJECT') return (object as ProjectRecord).entityName;
  if (scope.scopeType === 'ARTIFACT_COLLECTION')
    return projectOf(store, object as CollectionRecord).entityName;
  return (object as EntityRecord).name;
}

/**
 * The global id of a scope (`Project:<n>`, `ArtifactCollection:<n>`, `Entity:<n>`).
 *
 * @example
 * ```ts
 * scopeGlobalId({ scopeType: 'PROJECT', scopeId: 3 }); // base64 'Project:3'
 * ```
 */
export function scopeGlobalId(scope: { scopeType: TriggerScopeKind; scopeId: number }): string {
  const kind =
    scope.scopeType === 'PROJECT'
      ? 'Project'
      : scope.scopeType === 'ARTIFACT_COLLECTION'
        ? 'ArtifactCollection'
        : 'Entity';
  return globalId(kind, scope.scopeId);
}

/**
 * Resolves `scopeType` + `scopeID`; throws for an unknown type or an object that does not exist,
 * and (when `gates`) for an entity scope without `AUTOMATION_SCOPE_ENTITY`.
 *
 * @example
 * ```ts
 * resolveScope(store, 'ARTIFACT_COLLECTION', link.collectionId, 'createFilterTrigger', true);
 * ```
 */
export function resolveScope(
  store: EmulatorStore,
  scopeType: string,
  scopeID: string,
  m: string,
  gates: boolean,
): ResolvedScope {
  if (scopeType === 'PROJECT') {
    const id = parseGlobalId(scopeID, 'Project');
    const project = id === undefined ? undefined : store.projects.get(id);
    if (!project) throw new Error(`${m}: project ${JSON.stringify(scopeID)} not found`);
    return { scopeType, scopeId: project.id, entityName: project.entityName };
  }
  if (scopeType === 'ARTIFACT_COLLECTION') {
    const collection = findCollectionById(store, scopeID);
    if (!collection) throw new Error(`${m}: artifact collection ${JSON.stringify(scopeID)} not found`);
    return { scopeType, scopeId: collection.id, entityName: projectOf(store, collection).entityName };
  }
  if (scopeType === 'ENTITY') {
    if (gates && store.features.get('AUTOMATION_SCOPE_ENTITY') !== true) {
      throw new Error(`${m}: this server does not support entity scopes (AUTOMATION_SCOPE_ENTITY is off)`);
    }
    const id = parseGlobalId(scopeID, 'Entity');
    const entity = id === undefined ? undefined : entityById(store, id);
    if (!entity) throw new Error(`${m}: entity ${JSON.stringify(scopeID)} not found`);
    if (!entity.isTeam)
      throw new Error(`${m}: the entity of an entity scope must be a team or an organization, not a user`);
    return { scopeType, scopeId: entity.id, entityName: entity.name };
  }
  throw new Error(`${m}: unknown scopeType ${JSON.stringify(scopeType)}`);
}

function parseJson(m: string, what: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${m}: ${what} is not valid JSON (${(error as Error).message})`);
  }
}

const AGG_OPS = new Set(['MAX', 'MIN', 'AVERAGE']);
const CMP_OPS = new Set(['$gt', '$gte', '$lt', '$lte']);
const DIRECTIONS = new Set(['INCREASE', 'DECREASE', 'ANY']);
const RUN_STATES = new Set(['RUNNING', 'FINISHED', 'FAILED']);

function isWindow(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Why a run event's filter object is refused, or `undefined`. */
function runFilterProblem(eventType: string, filter: Record<string, unknown>): string | undefined {
  const runFilter = filter.run_filter;
  if (runFilter !== undefined && runFilter !== null) {
    if (typeof runFilter !== 'string') return 'run_filter must be a JSON string';
    try {
      if (!isPlainObject(JSON.parse(runFilter))) return 'run_filter must encode a JSON object';
    } catch {
      return 'run_filter is not valid JSON';
    }
  }
  if (eventType === 'RUN_STATE') {
    const state = filter.run_state_filter;
    if (!isPlainObject(state) || !Array.isArray(state.states) || state.states.length === 0) {
      return 'run_state_filter.states must be a non-empty list';
    }
    const bad = state.states.find((s) => typeof s !== 'string' || !RUN_STATES.has(s));
    return bad === undefined
      ? undefined
      : `unknown run state ${JSON.stringify(bad)} (RUNNING, FINISHED, FAILED)`;
  }
  const metric = filter.run_metric_filter;
  if (!isPlainObject(metric)) {
    // Old automations: only the deprecated `metric_filter` (a JSON string of a threshold filter).
    if (eventType === 'RUN_METRIC' && typeof filter.metric_filter === 'string') return undefined;
    return 'run_metric_filter must be an object';
  }
  const name = (f: Record<string, unknown>) =>
    typeof f.name === 'string' && f.name !== '' ? undefined : 'a metric name is required';
  const agg = (f: Record<string, unknown>) =>
    f.agg_op === null || f.agg_op === undefined || (typeof f.agg_op === 'string' && AGG_OPS.has(f.agg_op))
      ? undefined
      : `agg_op must be MAX, MIN, AVERAGE or null, got ${JSON.stringify(f.agg_op)}`;
  if (eventType === 'RUN_METRIC') {
    const t = metric.threshold_filter;
    if (!isPlainObject(t)) return 'run_metric_filter.threshold_filter must be an object';
    return (
      name(t) ??
      agg(t) ??
      (isWindow(t.window_size) ? undefined : 'window_size must be an integer >= 1') ??
      (typeof t.cmp_op === 'string' && CMP_OPS.has(t.cmp_op)
        ? undefined
        : 'cmp_op must be $gt, $gte, $lt or $lte') ??
      (isNumber(t.threshold) ? undefined : 'threshold must be a number')
    );
  }
  if (eventType === 'RUN_METRIC_CHANGE') {
    const c = metric.change_filter;
    if (!isPlainObject(c)) return 'run_metric_filter.change_filter must be an object';
    return (
      name(c) ??
      agg(c) ??
      (isWindow(c.current_window_size) ? undefined : 'current_window_size must be an integer >= 1') ??
      (c.prior_window_size === undefined || c.prior_window_size === null || isWindow(c.prior_window_size)
        ? undefined
        : 'prior_window_size must be an integer >= 1') ??
      (isNumber(c.change_amount) && c.change_amount > 0
        ? undefined
        : 'change_amount must be a positive number') ??
      (c.change_type === 'ABSOLUTE' || c.change_type === 'RELATIVE'
        ? undefined
        : 'change_type must be ABSOLUTE or RELATIVE') ??
      (typeof c.change_dir === 'string' && DIRECTIONS.has(c.change_dir)
        ? undefined
        : 'change_dir must be INCREASE, DECREASE or ANY')
    );
  }
  const z = metric.zscore_filter;
  if (!isPlainObject(z)) return 'run_metric_filter.zscore_filter must be an object';
  return (
    name(z) ??
    (isWindow(z.window_size) ? undefined : 'window_size must be an integer >= 1') ??
    (isNumber(z.threshold) && z.threshold > 0 ? undefined : 'threshold must be a positive number') ??
    (typeof z.change_dir === 'string' && DIRECTIONS.has(z.change_dir)
      ? undefined
      : 'change_dir must be INCREASE, DECREASE or ANY')
  );
}

/**
 * Checks an event type and its filter (JSON text) against a scope (see the module description).
 *
 * @example
 * ```ts
 * checkEvent(store, 'LINK_MODEL', '{"$or":[{"$and":[]}]}', 'ARTIFACT_COLLECTION', 'createFilterTrigger', true);
 * ```
 */
export function checkEvent(
  store: EmulatorStore,
  eventType: string,
  eventFilter: string,
  scopeType: TriggerScopeKind,
  m: string,
  gates: boolean,
): void {
  if (REFUSED_EVENTS.has(eventType))
    throw new Error(`${m}: automations on ${eventType} events cannot be created`);
  const feature = `AUTOMATION_EVENT_${eventType}`;
  if (gates && AUTOMATION_EVENT_FEATURES.includes(feature) && store.features.get(feature) !== true) {
    throw new Error(`${m}: this server does not support ${eventType} events (${feature} is off)`);
  }
  if (RUN_EVENTS.has(eventType) && scopeType === 'ARTIFACT_COLLECTION') {
    throw new Error(
      `${m}: ${eventType} events apply to project or entity scopes, not to an artifact collection`,
    );
  }
  if (eventType === 'CREATE_ARTIFACT' && scopeType !== 'ARTIFACT_COLLECTION') {
    throw new Error(`${m}: CREATE_ARTIFACT events apply to artifact collection scopes only`);
  }
  const filter = parseJson(m, 'eventFilter', eventFilter);
  if (!isPlainObject(filter)) throw new Error(`${m}: eventFilter must be a JSON object`);
  if (RUN_EVENTS.has(eventType)) {
    const problem = runFilterProblem(eventType, filter);
    if (problem) throw new Error(`${m}: invalid eventFilter for ${eventType}: ${problem}`);
  }
}

/**
 * Builds the action of `triggeredActionType` from its config; throws when the config does not
 * match, the integration is missing, of the wrong kind or of another entity.
 *
 * @example
 * ```ts
 * resolveAction(store, 'NO_OP', { noOpActionInput: { noOp: true } }, 'acme-org', 'createFilterTrigger', true); // { type: 'NO_OP' }
 * ```
 */
export function resolveAction(
  store: EmulatorStore,
  actionType: string,
  config: TriggeredActionConfig,
  entityName: string,
  m: string,
  gates: boolean,
): TriggerAction {
  const given = (Object.keys(config) as (keyof TriggeredActionConfig)[]).filter(
    (k) => config[k] !== null && config[k] !== undefined,
  );
  const expected: Record<string, keyof TriggeredActionConfig> = {
    NOTIFICATION: 'notificationActionInput',
    GENERIC_WEBHOOK: 'genericWebhookActionInput',
    NO_OP: 'noOpActionInput',
    QUEUE_JOB: 'queueJobActionInput',
    PUSH_NOTIFICATION: 'pushNotificationActionInput',
  };
  if (actionType === 'QUEUE_JOB' || actionType === 'PUSH_NOTIFICATION') {
    throw new Error(`${m}: ${actionType} actions cannot be assigned to automations`);
  }
  const key = expected[actionType];
  if (!key) throw new Error(`${m}: unknown triggeredActionType ${JSON.stringify(actionType)}`);
  if (given.length !== 1 || given[0] !== key) {
    throw new Error(`${m}: triggeredActionConfig must give exactly ${key} for a ${actionType} action`);
  }
  if (actionType === 'NO_OP') {
    if (gates && store.features.get('AUTOMATION_ACTION_NO_OP') !== true) {
      throw new Error(`${m}: this server does not support NO_OP actions (AUTOMATION_ACTION_NO_OP is off)`);
    }
    return { type: 'NO_OP' };
  }
  const integrationOf = (id: string, kind: 'slack' | 'webhook') => {
    const integration = findIntegration(store, id);
    if (!integration) throw new Error(`${m}: integration ${JSON.stringify(id)} not found`);
    if (integration.kind !== kind) {
      const want = kind === 'slack' ? 'a Slack integration' : 'a generic webhook integration';
      throw new Error(`${m}: a ${actionType} action needs ${want}; ${JSON.stringify(id)} is not one`);
    }
    if (integration.entityName !== entityName) {
      throw new Error(
        `${m}: integration ${JSON.stringify(id)} belongs to entity ${integration.entityName}, not ${entityName}`,
      );
    }
    return integration.id;
  };
  if (actionType === 'NOTIFICATION') {
    const input = config.notificationActionInput;
    if (!input) throw new Error(`${m}: notificationActionInput is required`);
    return {
      type: 'NOTIFICATION',
      integrationId: integrationOf(input.integrationID, 'slack'),
      title: input.title ?? null,
      message: input.message ?? null,
      severity: input.severity ?? null,
    };
  }
  const input = config.genericWebhookActionInput;
  if (!input) throw new Error(`${m}: genericWebhookActionInput is required`);
  const payload = input.requestPayload ?? null;
  if (payload !== null) parseJson(m, 'requestPayload', payload);
  return {
    type: 'GENERIC_WEBHOOK',
    integrationId: integrationOf(input.integrationID, 'webhook'),
    requestPayload: payload,
  };
}

/**
 * Re-checks that a stored action's integration suits a (new) scope entity.
 *
 * @example
 * ```ts
 * checkActionEntity(store, trigger.action, 'acme-org', 'updateFilterTrigger');
 * ```
 */
export function checkActionEntity(
  store: EmulatorStore,
  action: TriggerAction,
  entityName: string,
  m: string,
): void {
  if (action.type === 'NO_OP') return;
  const integration = store.integrations.get(action.integrationId);
  if (integration && integration.entityName !== entityName) {
    throw new Error(
      `${m}: integration ${JSON.stringify(globalId('Integration', integration.id))} belongs to entity ${integration.entityName}, not ${entityName}`,
    );
  }
}

/**
 * Refuses an invalid name, and (HTTP 409, `extensions.code` `ALREADY_EXISTS`) a name another
 * automation of the same entity has.
 *
 * @example
 * ```ts
 * checkTriggerName(store, 'loss alert', 'acme-org', 'createFilterTrigger');
 * ```
 */
export function checkTriggerName(
  store: EmulatorStore,
  name: string,
  entityName: string,
  m: string,
  except?: TriggerRecord,
): void {
  if (name.length === 0 || name.length > 255) throw new Error(`${m}: name must be 1 to 255 characters`);
  for (const other of store.automations.triggers.values()) {
    if (other === except || other.name !== name) continue;
    if (triggerEntity(store, other) === entityName) {
      throw new HttpStatusError(
        409,
        'ALREADY_EXISTS',
        `${m}: an automation named ${JSON.stringify(name)} already exists in entity ${entityName}`,
      );
    }
  }
}
