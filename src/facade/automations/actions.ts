/**
 * What an automation does when its event fires (`/work/notes/registries-protocol.md` §7.6):
 * {@link SendNotification} (Slack), {@link SendWebhook} (a generic webhook) and
 * {@link DoNothing}. Pure: no request is made here.
 *
 * @example
 * ```ts
 * const notify = SendNotification.fromIntegration(slack, { title: 'Loss is up', text: 'check it', level: 'WARN' });
 * const hook = SendWebhook.fromIntegration(webhook, { payload: { event: '${event_type}' } });
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import type { AlertSeverity, TriggeredActionConfig, TriggeredActionType } from '../../generated/graphql.js';
import { checkSendableJson } from '../core/json.js';
import { describeValue, isPlainObject, requirePlainObject } from '../core/validate.js';
import type { SlackIntegration, WebhookIntegration } from '../integrations/integrations.js';

/**
 * A JSON value of a webhook payload.
 *
 * @example
 * ```ts
 * const v: JsonValue = { event: '${event_type}', n: [1, 2] };
 * ```
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A notification's severity. Lower case is accepted too.
 *
 * @example
 * ```ts
 * const level: NotificationLevel = 'WARN';
 * ```
 */
export type NotificationLevel = AlertSeverity | Lowercase<AlertSeverity>;

function checkIntegration(value: unknown, kind: 'slack' | 'webhook', what: string): string {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (typeof v.id !== 'string' || v.id === '') {
    throw new ValidationError(
      'integration',
      `${what} needs a ${kind} integration with an id, got ${describeValue(value)}`,
    );
  }
  if (v.kind !== undefined && v.kind !== kind) {
    throw new ValidationError(
      'integration',
      `${what} needs a ${kind} integration, got a ${String(v.kind)} integration`,
    );
  }
  return v.id;
}

function checkText(value: unknown, parameter: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string')
    throw new ValidationError(parameter, `expected a string, got ${describeValue(value)}`);
  return value;
}

function checkLevel(value: unknown): AlertSeverity {
  if (value === undefined || value === null) return 'INFO';
  if (typeof value === 'string') {
    const upper = value.toUpperCase();
    if (upper === 'INFO' || upper === 'WARN' || upper === 'ERROR') return upper;
  }
  throw new ValidationError('level', `expected INFO, WARN or ERROR, got ${describeValue(value)}`);
}

/**
 * A Slack notification (`triggeredActionType: NOTIFICATION`). Make one with
 * {@link SendNotification}`.fromIntegration`.
 *
 * @example
 * ```ts
 * const action = SendNotification.fromIntegration(slack, { title: 'Done', level: 'INFO' });
 * console.log(action.integrationId, action.severity);
 * ```
 */
export class NotificationAction {
  /** The wire action type. */
  readonly actionType = 'NOTIFICATION' as const satisfies TriggeredActionType;
  /** The Slack integration's id. */
  readonly integrationId: string;
  /** The Slack integration, when known (read back from a saved automation, or given). */
  readonly integration: SlackIntegration | undefined;
  /** The title (`''` when none). */
  readonly title: string;
  /** The message body (`''` when none). */
  readonly message: string;
  /** The severity. */
  readonly severity: AlertSeverity;

  /**
   * @internal Made by {@link SendNotification}.
   * @throws {@link ValidationError} for a bad integration, text or level.
   */
  constructor(fields: {
    integration: Pick<SlackIntegration, 'id'> & { kind?: 'slack' };
    title?: string | null | undefined;
    message?: string | null | undefined;
    severity?: string | null | undefined;
  }) {
    this.integrationId = checkIntegration(fields.integration, 'slack', 'SendNotification');
    const i = fields.integration as Partial<SlackIntegration>;
    this.integration =
      i.kind === 'slack' && typeof i.teamName === 'string' && typeof i.channelName === 'string'
        ? (fields.integration as SlackIntegration)
        : undefined;
    this.title = checkText(fields.title, 'title');
    this.message = checkText(fields.message, 'text');
    this.severity = checkLevel(fields.severity);
  }

  /** @internal The `triggeredActionConfig`. */
  toConfig(): TriggeredActionConfig {
    return {
      notificationActionInput: {
        integrationID: this.integrationId,
        message: this.message,
        severity: this.severity,
        title: this.title,
      },
    };
  }
}

/**
 * A webhook request (`triggeredActionType: GENERIC_WEBHOOK`). Make one with
 * {@link SendWebhook}`.fromIntegration`.
 *
 * @example
 * ```ts
 * const action = SendWebhook.fromIntegration(hook, { payload: { artifact: '${artifact_version_string}' } });
 * console.log(action.payload);
 * ```
 */
export class WebhookAction {
  /** The wire action type. */
  readonly actionType = 'GENERIC_WEBHOOK' as const satisfies TriggeredActionType;
  /** The webhook integration's id. */
  readonly integrationId: string;
  /** The webhook integration, when known. */
  readonly integration: WebhookIntegration | undefined;
  /** The request payload (template variables like `${event_type}` are the server's), or `undefined`. */
  readonly payload: Readonly<Record<string, JsonValue>> | undefined;

  /**
   * @internal Made by {@link SendWebhook}.
   * @throws {@link ValidationError} for a bad integration or payload.
   */
  constructor(fields: {
    integration: Pick<WebhookIntegration, 'id'> & { kind?: 'webhook' };
    payload?: Record<string, JsonValue> | undefined;
  }) {
    this.integrationId = checkIntegration(fields.integration, 'webhook', 'SendWebhook');
    const i = fields.integration as Partial<WebhookIntegration>;
    this.integration =
      i.kind === 'webhook' && typeof i.name === 'string' && typeof i.urlEndpoint === 'string'
        ? (fields.integration as WebhookIntegration)
        : undefined;
    const payload: unknown = fields.payload;
    if (payload !== undefined && payload !== null) {
      if (!isPlainObject(payload)) {
        throw new ValidationError('payload', `expected a JSON object, got ${describeValue(payload)}`);
      }
      checkSendableJson(payload, 'payload');
      this.payload = Object.freeze(JSON.parse(JSON.stringify(payload)) as Record<string, JsonValue>);
    } else {
      this.payload = undefined;
    }
  }

  /** @internal The `triggeredActionConfig`: the payload as compact JSON, omitted when none. */
  toConfig(): TriggeredActionConfig {
    return {
      genericWebhookActionInput: {
        integrationID: this.integrationId,
        ...(this.payload === undefined ? {} : { requestPayload: JSON.stringify(this.payload) }),
      },
    };
  }
}

/**
 * An action that does nothing (`triggeredActionType: NO_OP`), e.g. to pause an automation's
 * effect while keeping it. Make one with {@link DoNothing}.
 *
 * @example
 * ```ts
 * const action = DoNothing();
 * ```
 */
export class NoOpAction {
  /** The wire action type. */
  readonly actionType = 'NO_OP' as const satisfies TriggeredActionType;

  /** @internal The `triggeredActionConfig`. */
  toConfig(): TriggeredActionConfig {
    return { noOpActionInput: { noOp: true } };
  }
}

/**
 * A saved action this client cannot send again (a queue job or push notification, which new
 * or updated automations may not use); only its type is known.
 *
 * @example
 * ```ts
 * if (automation.action instanceof UnsupportedAction) console.log(automation.action.actionType);
 * ```
 */
export class UnsupportedAction {
  /** The action's type (`QUEUE_JOB`, `PUSH_NOTIFICATION`, or the GraphQL type name when unknown). */
  readonly actionType: string;

  /** @internal Made when a saved automation is read. */
  constructor(actionType: string) {
    this.actionType = actionType;
  }
}

/**
 * An action new and updated automations can use.
 *
 * @example
 * ```ts
 * const a: AutomationAction = DoNothing();
 * ```
 */
export type AutomationAction = NotificationAction | WebhookAction | NoOpAction;

/**
 * Options of {@link SendNotification}`.fromIntegration`.
 *
 * @example
 * ```ts
 * const o: SendNotificationOptions = { title: 'Loss is up', text: 'see the run', level: 'warn' };
 * ```
 */
export interface SendNotificationOptions {
  /** The title; default `''`. */
  title?: string;
  /** The message body; default `''`. */
  text?: string;
  /** `INFO` (default), `WARN` or `ERROR`, any case. */
  level?: NotificationLevel;
}

/**
 * Sends a Slack notification through a Slack integration of the scope's entity.
 *
 * @example
 * ```ts
 * const [slack] = await api.slackIntegrations('acme').toArray({ limit: 1 });
 * const action = SendNotification.fromIntegration(slack!, { title: 'Loss is up', text: '...', level: 'WARN' });
 * ```
 */
export const SendNotification = /* @__PURE__ */ Object.freeze({
  /**
   * A notification to `integration` (a {@link SlackIntegration}, or any `{ id }` of one).
   *
   * @example
   * ```ts
   * SendNotification.fromIntegration(slack, { title: 'Model promoted', level: 'INFO' });
   * ```
   */
  fromIntegration(
    integration: Pick<SlackIntegration, 'id'> & { readonly kind?: 'slack' },
    options: SendNotificationOptions = {},
  ): NotificationAction {
    requirePlainObject(options, 'options', 'expected { title, text, level }');
    return new NotificationAction({
      integration,
      title: options.title,
      message: options.text,
      severity: options.level,
    });
  },
});

/**
 * Options of {@link SendWebhook}`.fromIntegration`.
 *
 * @example
 * ```ts
 * const o: SendWebhookOptions = { payload: { event: '${event_type}', author: '${event_author}' } };
 * ```
 */
export interface SendWebhookOptions {
  /** The JSON object posted (sent as compact JSON); default none. */
  payload?: Record<string, JsonValue>;
}

/**
 * Posts to a generic webhook integration of the scope's entity.
 *
 * @example
 * ```ts
 * const [hook] = await api.webhookIntegrations('acme').toArray({ limit: 1 });
 * const action = SendWebhook.fromIntegration(hook!, { payload: { event: '${event_type}' } });
 * ```
 */
export const SendWebhook = /* @__PURE__ */ Object.freeze({
  /**
   * A request to `integration` (a {@link WebhookIntegration}, or any `{ id }` of one).
   *
   * @example
   * ```ts
   * SendWebhook.fromIntegration(hook, { payload: { version: '${artifact_version_string}' } });
   * ```
   */
  fromIntegration(
    integration: Pick<WebhookIntegration, 'id'> & { readonly kind?: 'webhook' },
    options: SendWebhookOptions = {},
  ): WebhookAction {
    requirePlainObject(options, 'options', 'expected { payload }');
    return new WebhookAction({ integration, payload: options.payload });
  },
});

/**
 * An action that does nothing.
 *
 * @example
 * ```ts
 * const automation = OnLinkArtifact({ scope: collection }).then(DoNothing());
 * ```
 */
export function DoNothing(): NoOpAction {
  return new NoOpAction();
}

/**
 * Whether `value` is an action new automations can use.
 *
 * @example
 * ```ts
 * isAutomationAction(DoNothing()); // true
 * ```
 */
export function isAutomationAction(value: unknown): value is AutomationAction {
  return value instanceof NotificationAction || value instanceof WebhookAction || value instanceof NoOpAction;
}
