/**
 * A saved automation ({@link Automation}), read from its `TriggerFields` selection into the
 * builder's own types (`/work/notes/registries-protocol.md` §7.2), so it can be edited and sent
 * back with `api.updateAutomation` unchanged. This file holds the class, light; the reading of
 * the saved event, scope and action is in `saved.ts`, loaded with the automations code.
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
import { parseServerDate } from '../core/dates.js';
import type { AutomationAction, UnsupportedAction } from './actions.js';
import type { AutomationEvent, UnsupportedEvent } from './events.js';
import type { AutomationScope } from './scopes.js';

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

  /**
   * @internal Made by the automation listings and writes of `Api` (`automationFromSaved` in
   * `saved.ts`, which reads the event and action).
   */
  constructor(
    data: TriggerData,
    event: AutomationEvent | UnsupportedEvent,
    action: AutomationAction | UnsupportedAction,
  ) {
    this.id = data.id;
    this.name = data.name;
    this.description = data.description ?? undefined;
    this.enabled = data.enabled;
    this.createdAt = parseServerDate(data.createdAt);
    this.updatedAt = parseServerDate(data.updatedAt);
    this.event = event;
    this.action = action;
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
