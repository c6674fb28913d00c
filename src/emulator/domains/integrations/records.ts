/**
 * Integrations as the store keeps them (`store.integrations`): the Slack channels and generic
 * webhooks of an entity that automations send to; plus the seed input and result. Global ids are
 * `Integration:<n>`.
 *
 * @example
 * ```ts
 * import type { IntegrationRecord } from './records.js';
 * const hook: IntegrationRecord | undefined = store.integrations.get(1);
 * ```
 * @module
 */

/**
 * A Slack integration: a channel of a Slack workspace (`SlackIntegration`).
 *
 * @example
 * ```ts
 * const slack: SlackIntegrationRecord = { kind: 'slack', id: 1, entityName: 'acme-org', teamName: 'acme', channelName: '#alerts', createdAt: '2024-06-01T00:00:00Z' };
 * ```
 */
export interface SlackIntegrationRecord {
  kind: 'slack';
  id: number;
  entityName: string;
  /** The Slack workspace. */
  teamName: string;
  channelName: string;
  createdAt: string;
}

/**
 * A generic webhook (`GenericWebhookIntegration`); `secretRef` / `accessTokenRef` name entity secrets.
 *
 * @example
 * ```ts
 * const hook: WebhookIntegrationRecord = { kind: 'webhook', id: 2, entityName: 'acme-org', name: 'ci', urlEndpoint: 'https://ci.example.com/hook', secretRef: null, accessTokenRef: null, createdAt: '2024-06-01T00:00:00Z' };
 * ```
 */
export interface WebhookIntegrationRecord {
  kind: 'webhook';
  id: number;
  entityName: string;
  name: string;
  urlEndpoint: string;
  secretRef: string | null;
  accessTokenRef: string | null;
  createdAt: string;
}

/**
 * A stored integration.
 *
 * @example
 * ```ts
 * const kind: IntegrationRecord['kind'] = 'slack';
 * ```
 */
export type IntegrationRecord = SlackIntegrationRecord | WebhookIntegrationRecord;

/**
 * An integration to add with `emu.seed.integration`: a Slack channel or a generic webhook of an entity.
 *
 * @example
 * ```ts
 * emu.seed.integration({ entity: 'acme-org', kind: 'slack', teamName: 'acme', channelName: '#alerts' });
 * emu.seed.integration({ entity: 'acme-org', kind: 'webhook', name: 'ci', urlEndpoint: 'https://ci.example.com/hook' });
 * ```
 */
export type SeedIntegrationInput =
  | {
      /** Owning entity (created when missing). Default the viewer's entity. */
      entity?: string;
      kind: 'slack';
      /** The Slack workspace. Default `'emulator-workspace'`. */
      teamName?: string;
      /** The channel. Default `'#general'`. */
      channelName?: string;
      /** Creation time. Default now (on the emulator clock). */
      createdAt?: Date | string;
    }
  | {
      /** Owning entity (created when missing). Default the viewer's entity. */
      entity?: string;
      kind: 'webhook';
      /** Name, unique per entity (`^[-\w]+([ ]+[-\w]+)*$`, at most 64 characters). */
      name: string;
      /** The URL the webhook posts to. */
      urlEndpoint: string;
      /** Name of the entity secret signing the payload. Default `null`. */
      secretRef?: string | null;
      /** Name of the entity secret holding a bearer token. Default `null`. */
      accessTokenRef?: string | null;
      /** Creation time. Default now (on the emulator clock). */
      createdAt?: Date | string;
    };

/**
 * What `emu.seed.integration` answers.
 *
 * @example
 * ```ts
 * const { id } = emu.seed.integration({ entity: 'acme-org', kind: 'slack' }); // base64 'Integration:<n>'
 * ```
 */
export interface SeededIntegration {
  /** Global id (`Integration:<n>`): the `integrationID` of an automation's action. */
  id: string;
}
