/**
 * Seeding automations: `emu.seed.automation`, through the same checks as `createFilterTrigger`
 * (except the server-feature gates, so that a test can seed what an older server still stores).
 *
 * @example
 * ```ts
 * import { seedAutomation } from './seed.js';
 * seedAutomation(store, { name: 'a', scope: { entity: 'acme-org' }, event: 'LINK_MODEL', action: { type: 'NO_OP' } });
 * ```
 * @module
 */
import { globalId } from '../../graphql/ids.js';
import type { TriggeredActionConfig } from '../../generated/resolvers.js';
import type { EmulatorStore } from '../../store/store.js';
import { toTimestamp } from '../../store/time.js';
import { findCollection } from '../artifacts/model.js';
import { ensureUser } from '../users/seed.js';
import { checkEvent, checkTriggerName, resolveAction, RUN_EVENTS, type ResolvedScope } from './model.js';
import type { SeedAutomationInput, SeededAutomation, TriggerRecord } from './records.js';

/** The scope of a seed input, by path. */
function seedScope(store: EmulatorStore, input: SeedAutomationInput, m: string): ResolvedScope {
  const { entity, project, collection } = input.scope;
  if (project === undefined) {
    const record = store.findEntity(entity);
    if (!record) throw new Error(`${m}: entity ${entity} not found`);
    if (!record.isTeam) throw new Error(`${m}: an entity scope must be a team or an organization`);
    return { scopeType: 'ENTITY', scopeId: record.id, entityName: entity };
  }
  const projectRecord = store.findProject(entity, project);
  if (!projectRecord) throw new Error(`${m}: project ${entity}/${project} not found`);
  if (collection === undefined)
    return { scopeType: 'PROJECT', scopeId: projectRecord.id, entityName: entity };
  const collectionRecord = findCollection(store, projectRecord.id, collection);
  if (!collectionRecord)
    throw new Error(`${m}: artifact collection ${entity}/${project}/${collection} not found`);
  return { scopeType: 'ARTIFACT_COLLECTION', scopeId: collectionRecord.id, entityName: entity };
}

/** The `TriggeredActionConfig` a seed action stands for. */
function seedActionConfig(input: SeedAutomationInput): TriggeredActionConfig {
  const action = input.action;
  if (action.type === 'NO_OP') return { noOpActionInput: { noOp: true } };
  if (action.type === 'NOTIFICATION') {
    return {
      notificationActionInput: {
        integrationID: action.integration,
        title: action.title ?? null,
        message: action.message ?? null,
        severity: action.severity ?? null,
      },
    };
  }
  return {
    genericWebhookActionInput: {
      integrationID: action.integration,
      requestPayload:
        action.payload === undefined || action.payload === null ? null : JSON.stringify(action.payload),
    },
  };
}

/**
 * Adds an automation (see {@link SeedAutomationInput}); throws what `createFilterTrigger` would refuse.
 *
 * @example
 * ```ts
 * seedAutomation(store, { name: 'on link', scope: { entity: 'acme-org', project: 'wandb-registry-models' }, event: 'LINK_MODEL', action: { type: 'NOTIFICATION', integration: slack.id } });
 * ```
 */
export function seedAutomation(store: EmulatorStore, input: SeedAutomationInput): SeededAutomation {
  const m = 'seed.automation';
  const scope = seedScope(store, input, m);
  const filter = input.filter ?? (RUN_EVENTS.has(input.event) ? undefined : { $or: [{ $and: [] }] });
  if (filter === undefined) throw new Error(`${m}: a ${input.event} automation needs a filter`);
  const eventFilter = typeof filter === 'string' ? filter : JSON.stringify(filter);
  checkEvent(store, input.event, eventFilter, scope.scopeType, m, false);
  const action = resolveAction(store, input.action.type, seedActionConfig(input), scope.entityName, m, false);
  checkTriggerName(store, input.name, scope.entityName, m);
  const user = input.user === undefined ? store.viewer : ensureUser(store, input.user);
  const record: TriggerRecord = {
    id: store.nextId('trigger'),
    name: input.name,
    description: input.description ?? null,
    enabled: input.enabled ?? true,
    scopeType: scope.scopeType,
    scopeId: scope.scopeId,
    eventType: input.event,
    eventFilter,
    action,
    createdAt: toTimestamp(input.createdAt ?? store.now()),
    updatedAt: null,
    createdBy: user.username,
  };
  store.automations.triggers.set(record.id, record);
  return { id: globalId('Trigger', record.id) };
}
