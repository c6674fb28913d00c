/**
 * The create and update inputs of automations (`CreateFilterTriggerInput`,
 * `UpdateFilterTriggerInput`; `/work/notes/registries-protocol.md` §7.3, §7.8) and the server
 * features they need (§2). Pure: no request is made here.
 *
 * @example
 * ```ts
 * const input = createInput(event.then(DoNothing()), { name: 'x' });
 * const missing = missingFeatures(input, await api.serverFeatures());
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import type { CreateFilterTriggerInput, UpdateFilterTriggerInput } from '../../generated/graphql.js';
import { describeValue, isPlainObject } from '../core/validate.js';
import { isAutomationAction, type AutomationAction } from './actions.js';
import { isAutomationEvent, type AutomationEvent } from './events.js';
import { scopeTypeOf } from './scopes.js';

/** The longest automation name the server takes. */
export const MAX_AUTOMATION_NAME = 255;

/** What both inputs are made from: a draft or a saved automation. */
export interface AutomationParts {
  readonly event: unknown;
  readonly action: unknown;
  readonly name: string | undefined;
  readonly description: string | undefined;
  readonly enabled: boolean | undefined;
}

/**
 * Overrides of the name, description and `enabled` of the automation given.
 *
 * @example
 * ```ts
 * const o: AutomationFields = { name: 'loss alert', description: 'pages the on-call', enabled: false };
 * ```
 */
export interface AutomationFields {
  /** The name (at most 255 characters). */
  name?: string;
  /** A description. */
  description?: string;
  /** Whether the automation runs (default `true` for new ones). */
  enabled?: boolean;
}

function checkName(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError('name', `an automation needs a name, got ${describeValue(value)}`);
  }
  if (value.length > MAX_AUTOMATION_NAME) {
    throw new ValidationError('name', `at most ${MAX_AUTOMATION_NAME} characters, got ${value.length}`);
  }
  return value;
}

function checkParts(parts: AutomationParts, fields: AutomationFields) {
  if (!isPlainObject(fields))
    throw new ValidationError('options', `expected an object, got ${describeValue(fields)}`);
  const event = parts.event;
  if (!isAutomationEvent(event)) {
    const type = (event as { eventType?: unknown } | undefined)?.eventType;
    throw new ValidationError(
      'event',
      typeof type === 'string'
        ? `${type} events cannot be used in new or updated automations; give a new event`
        : `expected an event (OnRunMetric, OnLinkArtifact, ...), got ${describeValue(event)}`,
    );
  }
  const action = parts.action;
  if (!isAutomationAction(action)) {
    const type = (action as { actionType?: unknown } | undefined)?.actionType;
    throw new ValidationError(
      'action',
      typeof type === 'string'
        ? `${type} actions cannot be assigned to automations; give SendNotification, SendWebhook or DoNothing`
        : `expected SendNotification, SendWebhook or DoNothing, got ${describeValue(action)}`,
    );
  }
  const name = checkName(fields.name ?? parts.name);
  const description: unknown = fields.description ?? parts.description;
  if (description !== undefined && typeof description !== 'string') {
    throw new ValidationError('description', `expected a string, got ${describeValue(description)}`);
  }
  const enabled: unknown = fields.enabled ?? parts.enabled ?? true;
  if (typeof enabled !== 'boolean')
    throw new ValidationError('enabled', `expected a boolean, got ${describeValue(enabled)}`);
  return { event: event as AutomationEvent, action: action as AutomationAction, name, description, enabled };
}

/**
 * The `CreateFilterTriggerInput` of an automation, as the official client builds it.
 *
 * @throws {@link ValidationError} without a name, with an event or action new automations may not use.
 * @example
 * ```ts
 * createInput(OnCreateArtifact({ scope: collection }).then(DoNothing()), { name: 'new model' });
 * // { name: 'new model', enabled: true, scopeType: 'ARTIFACT_COLLECTION', ..., triggeredActionConfig: { noOpActionInput: { noOp: true } } }
 * ```
 */
export function createInput(parts: AutomationParts, fields: AutomationFields = {}): CreateFilterTriggerInput {
  const p = checkParts(parts, fields);
  return {
    name: p.name,
    ...(p.description === undefined ? {} : { description: p.description }),
    enabled: p.enabled,
    scopeType: scopeTypeOf(p.event.scope),
    scopeID: p.event.scope.id,
    triggeringEventType: p.event.eventType,
    eventFilter: p.event.encodeFilter(),
    triggeredActionType: p.action.actionType,
    triggeredActionConfig: p.action.toConfig(),
  };
}

/**
 * The `UpdateFilterTriggerInput` of a saved automation: every field resent (the description only
 * when set, so it cannot be cleared), as the official client does.
 *
 * @example
 * ```ts
 * updateInput('VHJpZ2dlcjox', saved); // { id: 'VHJpZ2dlcjox', name: ..., eventFilter: ..., ... }
 * ```
 */
export function updateInput(
  id: string,
  parts: AutomationParts,
  fields: AutomationFields = {},
): CreateFilterTriggerInput & UpdateFilterTriggerInput {
  return { id, ...createInput(parts, fields) };
}

/** Events every server with automations has; the others need `AUTOMATION_EVENT_<type>`. */
const UNGATED_EVENTS: readonly string[] = [
  'CREATE_ARTIFACT',
  'LINK_MODEL',
  'ADD_ARTIFACT_ALIAS',
  'RUN_METRIC',
  'RUN_METRIC_CHANGE',
  'RUN_STATE',
];

/** Actions every server with automations has; the others need `AUTOMATION_ACTION_<type>`. */
const UNGATED_ACTIONS: readonly string[] = ['NOTIFICATION', 'GENERIC_WEBHOOK', 'NO_OP'];

/**
 * The server features an input needs that `features` does not report enabled: the entity scope
 * (`AUTOMATION_SCOPE_ENTITY`), newer events (`AUTOMATION_EVENT_<type>`), newer actions.
 *
 * @example
 * ```ts
 * missingFeatures({ ...input, triggeringEventType: 'RUN_METRIC_ZSCORE' }, new Map()); // ['AUTOMATION_EVENT_RUN_METRIC_ZSCORE']
 * ```
 */
export function missingFeatures(
  input: Pick<CreateFilterTriggerInput, 'scopeType' | 'triggeringEventType' | 'triggeredActionType'>,
  features: ReadonlyMap<string, boolean>,
): string[] {
  const needed: string[] = [];
  if (input.scopeType === 'ENTITY') needed.push('AUTOMATION_SCOPE_ENTITY');
  if (!UNGATED_EVENTS.includes(input.triggeringEventType))
    needed.push(`AUTOMATION_EVENT_${input.triggeringEventType}`);
  if (!UNGATED_ACTIONS.includes(input.triggeredActionType))
    needed.push(`AUTOMATION_ACTION_${input.triggeredActionType}`);
  return needed.filter((f) => features.get(f) !== true);
}
