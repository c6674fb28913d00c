/**
 * Seeding integrations (`emu.seed.integration`), and the rules `createGenericWebhookIntegration`
 * shares: webhook names (at most 64 characters, `^[-\w]+([ ]+[-\w]+)*$`) unique per entity.
 *
 * @example
 * ```ts
 * import { seedIntegration } from './seed.js';
 * seedIntegration(store, { entity: 'acme-org', kind: 'slack', channelName: '#alerts' });
 * ```
 * @module
 */
import { globalId, parseGlobalId } from '../../graphql/ids.js';
import type { EmulatorStore } from '../../store/store.js';
import { toTimestamp } from '../../store/time.js';
import { ensureEntity } from '../users/seed.js';
import type {
  IntegrationRecord,
  SeededIntegration,
  SeedIntegrationInput,
  WebhookIntegrationRecord,
} from './records.js';

const WEBHOOK_NAME = /^[-\p{L}\p{N}_]+([ ]+[-\p{L}\p{N}_]+)*$/u;

/**
 * Why a webhook name is refused for an entity, or `undefined` when it is fine.
 *
 * @example
 * ```ts
 * webhookNameProblem(store, 'acme-org', 'a/b'); // 'invalid name ...'
 * ```
 */
export function webhookNameProblem(
  store: EmulatorStore,
  entityName: string,
  name: string,
): string | undefined {
  if (name.length === 0 || name.length > 64 || !WEBHOOK_NAME.test(name)) {
    return `invalid name ${JSON.stringify(name)} (1 to 64 characters: letters, digits, _ and -, words separated by spaces)`;
  }
  const taken = [...store.integrations.values()].some(
    (i) => i.kind === 'webhook' && i.entityName === entityName && i.name === name,
  );
  return taken
    ? `a webhook integration named ${JSON.stringify(name)} already exists in entity ${entityName}`
    : undefined;
}

/**
 * Adds a webhook integration (the rules checked by the caller).
 *
 * @example
 * ```ts
 * addWebhook(store, { entityName: 'acme-org', name: 'ci', urlEndpoint: 'https://ci.example.com', secretRef: null, accessTokenRef: null, createdAt });
 * ```
 */
export function addWebhook(
  store: EmulatorStore,
  fields: Omit<WebhookIntegrationRecord, 'id' | 'kind'>,
): WebhookIntegrationRecord {
  const record: WebhookIntegrationRecord = { kind: 'webhook', id: store.nextId('integration'), ...fields };
  store.integrations.set(record.id, record);
  return record;
}

/**
 * Adds an integration of an entity (created when missing). Throws for a webhook whose name is
 * invalid or taken in the entity, or whose URL is empty.
 *
 * @example
 * ```ts
 * seedIntegration(store, { entity: 'acme-org', kind: 'webhook', name: 'ci', urlEndpoint: 'https://ci.example.com/hook' });
 * ```
 */
export function seedIntegration(store: EmulatorStore, input: SeedIntegrationInput): SeededIntegration {
  const m = 'seed.integration';
  const entityName = input.entity ?? store.viewer.entity;
  ensureEntity(store, entityName);
  const createdAt = toTimestamp(input.createdAt ?? store.now());
  if (input.kind === 'slack') {
    const record: IntegrationRecord = {
      kind: 'slack',
      id: store.nextId('integration'),
      entityName,
      teamName: input.teamName ?? 'emulator-workspace',
      channelName: input.channelName ?? '#general',
      createdAt,
    };
    store.integrations.set(record.id, record);
    return { id: globalId('Integration', record.id) };
  }
  if (input.kind !== 'webhook') throw new Error(`${m}: kind must be 'slack' or 'webhook'`);
  const problem = webhookNameProblem(store, entityName, input.name);
  if (problem) throw new Error(`${m}: ${problem}`);
  if (!input.urlEndpoint) throw new Error(`${m}: urlEndpoint is required`);
  const record = addWebhook(store, {
    entityName,
    name: input.name,
    urlEndpoint: input.urlEndpoint,
    secretRef: input.secretRef ?? null,
    accessTokenRef: input.accessTokenRef ?? null,
    createdAt,
  });
  return { id: globalId('Integration', record.id) };
}

/**
 * The integration of a global id, or `undefined`.
 *
 * @example
 * ```ts
 * findIntegration(store, seeded.id)?.kind; // 'slack'
 * ```
 */
export function findIntegration(store: EmulatorStore, id: unknown): IntegrationRecord | undefined {
  const n = parseGlobalId(id, 'Integration');
  return n === undefined ? undefined : store.integrations.get(n);
}
