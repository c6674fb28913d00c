/**
 * A saved automation ({@link Automation}), read from its `TriggerFields` selection into the
 * builder's own types (`/work/notes/registries-protocol.md` §7.2), so it can be edited and sent
 * back with `api.updateAutomation` unchanged.
 *
 * @example
 * ```ts
 * const automation = await api.automation('loss alert', { entity: 'acme' });
 * automation.enabled = false;
 * await api.updateAutomation(automation);
 * ```
 * @module
 */
import type {
  TriggerFieldsFragment,
  TriggerFieldsWithoutEntityScopeFragment,
} from '../../generated/graphql.js';
import { WandbError } from '../../errors/index.js';
import { parseServerDate } from '../core/dates.js';
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
import { eventFromSaved, type AutomationEvent, type UnsupportedEvent } from './events.js';
import { isRegistryProject, REGISTRY_PREFIX, type AutomationScope } from './scopes.js';

/** A saved automation as the listings select it (with or without the entity scope member). */
export type TriggerData = TriggerFieldsFragment | TriggerFieldsWithoutEntityScopeFragment;

/**
 * An automation saved on the server: a scope, an event, an action. `name`, `description`,
 * `enabled`, `event` and `action` are assignable; `api.updateAutomation(automation)` sends them.
 * The event and action are the builder's types (`RunMetricEvent`, `NotificationAction`, ...),
 * or `UnsupportedEvent` / `UnsupportedAction` for legacy ones this client cannot send again.
 *
 * @example
 * ```ts
 * for await (const a of api.automations({ entity: 'acme' })) {
 *   console.log(a.name, a.enabled, a.scope.kind, a.event.eventType, a.action.actionType);
 * }
 * ```
 */
export class Automation {
  /** The automation's node id. */
  readonly id: string;
  /** The name (at most 255 characters). */
  name: string;
  /** The description, or `undefined` (an update cannot clear it). */
  description: string | undefined;
  /** Whether it runs. */
  enabled: boolean;
  /** The event; assign a new one (`OnLinkArtifact({...})`) to change the event or the scope. */
  event: AutomationEvent | UnsupportedEvent;
  /** The action; assign a new one to change it. */
  action: AutomationAction | UnsupportedAction;
  /** When it was created. */
  readonly createdAt: Date | undefined;
  /** When it was last changed, or `undefined`. */
  readonly updatedAt: Date | undefined;

  /** @internal Made by the automation listings and writes of `Api`. */
  constructor(data: TriggerData) {
    this.id = data.id;
    this.name = data.name;
    this.description = data.description ?? undefined;
    this.enabled = data.enabled;
    this.createdAt = parseServerDate(data.createdAt);
    this.updatedAt = parseServerDate(data.updatedAt);
    const scope = scopeFromSaved(data.scope);
    this.event = eventFromSaved(data.event.eventType, data.event.filter, scope);
    this.action = actionFromSaved(data.action);
  }

  /**
   * Where the automation watches (the event's scope).
   *
   * @example
   * ```ts
   * if (automation.scope.kind === 'registry') console.log(automation.scope.fullName);
   * ```
   */
  get scope(): AutomationScope {
    return this.event.scope;
  }

  /**
   * A plain-object form, for logging and JSON.
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(automation, null, 2));
   * ```
   */
  toJSON(): Record<string, unknown> {
    const { id, name, description, enabled, scope, event, action, createdAt, updatedAt } = this;
    return { id, name, description, enabled, scope, event, action, createdAt, updatedAt };
  }
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
