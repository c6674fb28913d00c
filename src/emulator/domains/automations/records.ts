/**
 * Automations (triggers) as the store keeps them (`store.automations`): a scope (a project or
 * registry, a collection, an entity), an event type with its filter exactly as sent, an action
 * (a notification to a Slack integration, a generic webhook call, or nothing); plus the seed
 * input and result. Global ids are `Trigger:<n>`.
 *
 * @example
 * ```ts
 * import type { TriggerRecord } from './records.js';
 * const trigger: TriggerRecord | undefined = store.automations.triggers.get(1);
 * ```
 * @module
 */
import type { EventTriggeringConditionType } from '../../generated/resolvers.js';

/**
 * What an automation is scoped to: `PROJECT` (a project or registry), `ARTIFACT_COLLECTION` (a
 * portfolio or sequence) or `ENTITY` (a team or org entity).
 *
 * @example
 * ```ts
 * const scope: TriggerScopeKind = 'ARTIFACT_COLLECTION';
 * ```
 */
export type TriggerScopeKind = 'PROJECT' | 'ARTIFACT_COLLECTION' | 'ENTITY';

/**
 * The action of an automation, as configured.
 *
 * @example
 * ```ts
 * const action: TriggerAction = { type: 'NOTIFICATION', integrationId: 1, title: 'Loss is up', message: 'check it', severity: 'WARN' };
 * ```
 */
export type TriggerAction =
  | {
      type: 'NOTIFICATION';
      integrationId: number;
      title: string | null;
      message: string | null;
      severity: 'INFO' | 'WARN' | 'ERROR' | null;
    }
  | { type: 'GENERIC_WEBHOOK'; integrationId: number; requestPayload: string | null }
  | { type: 'NO_OP' };

/**
 * A stored automation.
 *
 * @example
 * ```ts
 * store.automations.triggers.get(1)?.eventType; // 'LINK_MODEL'
 * ```
 */
export interface TriggerRecord {
  id: number;
  name: string;
  description: string | null;
  enabled: boolean;
  scopeType: TriggerScopeKind;
  /** The integer id of the project, collection or entity. */
  scopeId: number;
  /** The wire event type (`LINK_MODEL`, `RUN_METRIC`, ...). */
  eventType: EventTriggeringConditionType;
  /** The `eventFilter` JSON string as sent. */
  eventFilter: string;
  action: TriggerAction;
  createdAt: string;
  /** `null` until updated. */
  updatedAt: string | null;
  /** Username of the creator. */
  createdBy: string;
}

/**
 * Everything the automations domain stores (`store.automations`).
 *
 * @example
 * ```ts
 * store.automations.triggers.size; // 0
 * ```
 */
export interface AutomationData {
  triggers: Map<number, TriggerRecord>;
}

/**
 * The scope of an automation to seed: a project (or registry) by entity and name, a collection by
 * entity, project and name, or an entity.
 *
 * @example
 * ```ts
 * const registry: SeedAutomationScope = { project: 'wandb-registry-models', entity: 'acme-org' };
 * const collection: SeedAutomationScope = { entity: 'acme-org', project: 'wandb-registry-models', collection: 'detector' };
 * const team: SeedAutomationScope = { entity: 'acme-org' };
 * ```
 */
export type SeedAutomationScope =
  | { entity: string; project: string; collection?: undefined }
  | { entity: string; project: string; collection: string }
  | { entity: string; project?: undefined; collection?: undefined };

/**
 * The action of an automation to seed: a notification or webhook call through an integration
 * (its seeded id), or nothing.
 *
 * @example
 * ```ts
 * const notify: SeedAutomationAction = { type: 'NOTIFICATION', integration: slack.id, title: 'New model', message: 'linked', severity: 'INFO' };
 * const hook: SeedAutomationAction = { type: 'GENERIC_WEBHOOK', integration: hook.id, payload: { event: '${event_type}' } };
 * const none: SeedAutomationAction = { type: 'NO_OP' };
 * ```
 */
export type SeedAutomationAction =
  | {
      type: 'NOTIFICATION';
      integration: string;
      title?: string | null;
      message?: string | null;
      severity?: 'INFO' | 'WARN' | 'ERROR' | null;
    }
  | { type: 'GENERIC_WEBHOOK'; integration: string; payload?: Record<string, unknown> | null }
  | { type: 'NO_OP' };

/**
 * An automation to add with `emu.seed.automation`: the fields of `CreateFilterTriggerInput`, the
 * scope given by path and the action by integration id. The same checks as `createFilterTrigger` apply.
 *
 * @example
 * ```ts
 * emu.seed.automation({
 *   name: 'notify on link',
 *   scope: { entity: 'acme-org', project: 'wandb-registry-models', collection: 'detector' },
 *   event: 'LINK_MODEL',
 *   filter: { $or: [{ $and: [{ alias: { $eq: 'production' } }] }] },
 *   action: { type: 'NOTIFICATION', integration: slack.id, title: 'New production model' },
 * });
 * ```
 */
export interface SeedAutomationInput {
  /** Name (at most 255 characters), unique among the automations of the scope's entity. */
  name: string;
  /** Description. Default `null`. */
  description?: string | null;
  /** Default `true`. */
  enabled?: boolean;
  scope: SeedAutomationScope;
  /** The wire event type (`LINK_MODEL`, `ADD_ARTIFACT_ALIAS`, `RUN_METRIC`, ...). */
  event: EventTriggeringConditionType;
  /** The event filter: an object (stored as compact JSON) or the JSON string as a client sends it. Default `{"$or":[{"$and":[]}]}`. */
  filter?: Record<string, unknown> | string;
  action: SeedAutomationAction;
  /** Creator. Default the viewer. */
  user?: string;
  /** Creation time. Default now (on the emulator clock). */
  createdAt?: Date | string;
}

/**
 * What `emu.seed.automation` answers.
 *
 * @example
 * ```ts
 * const { id } = emu.seed.automation({ ... }); // base64 'Trigger:<n>'
 * ```
 */
export interface SeededAutomation {
  /** Global id (`Trigger.id`). */
  id: string;
}
