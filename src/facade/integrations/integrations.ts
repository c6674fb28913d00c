/**
 * Integrations of an entity (`/work/notes/registries-protocol.md` §6): the Slack channels and
 * generic webhooks that automations send to, behind {@link Api.integrations},
 * {@link Api.slackIntegrations}, {@link Api.webhookIntegrations} and
 * {@link Api.createWebhookIntegration}.
 *
 * @example
 * ```ts
 * for await (const slack of api.slackIntegrations('acme')) console.log(slack.channelName);
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { NotFoundError, ValidationError, WandbError } from '../../errors/index.js';
import type {
  SlackIntegrationFieldsFragment,
  WebhookIntegrationFieldsFragment,
} from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { once } from '../core/memo.js';
import { connectionPosition, Paginated, type ListOptions } from '../core/pagination.js';
import { describeValue, optionalSignal, optionalString, optionsObject } from '../core/validate.js';

/**
 * A Slack channel an entity's automations can notify (`SendNotification`).
 *
 * @example
 * ```ts
 * const [slack] = await api.slackIntegrations('acme').toArray({ limit: 1 });
 * console.log(slack?.teamName, slack?.channelName);
 * ```
 */
export interface SlackIntegration {
  /** Which kind of integration this is. */
  readonly kind: 'slack';
  /** The integration's node id. */
  readonly id: string;
  /** The Slack workspace. */
  readonly teamName: string;
  /** The Slack channel. */
  readonly channelName: string;
}

/**
 * A generic webhook an entity's automations can call (`SendWebhook`).
 *
 * @example
 * ```ts
 * const [hook] = await api.webhookIntegrations('acme').toArray({ limit: 1 });
 * console.log(hook?.name, hook?.urlEndpoint);
 * ```
 */
export interface WebhookIntegration {
  /** Which kind of integration this is. */
  readonly kind: 'webhook';
  /** The integration's node id. */
  readonly id: string;
  /** The webhook's name. */
  readonly name: string;
  /** The URL the webhook posts to. */
  readonly urlEndpoint: string;
}

/**
 * A Slack or webhook integration.
 *
 * @example
 * ```ts
 * for await (const i of api.integrations('acme')) console.log(i.kind === 'slack' ? i.channelName : i.urlEndpoint);
 * ```
 */
export type Integration = SlackIntegration | WebhookIntegration;

/** A Slack integration from its fragment. @internal */
export function slackIntegrationFrom(data: SlackIntegrationFieldsFragment): SlackIntegration {
  return Object.freeze({
    kind: 'slack',
    id: data.id,
    teamName: data.teamName,
    channelName: data.channelName,
  });
}

/** A webhook integration from its fragment. @internal */
export function webhookIntegrationFrom(data: WebhookIntegrationFieldsFragment): WebhookIntegration {
  return Object.freeze({ kind: 'webhook', id: data.id, name: data.name, urlEndpoint: data.urlEndpoint });
}

/** Which integrations a listing yields. */
type Which = 'all' | 'slack' | 'webhook';

/**
 * The integrations of an entity (default: the `entity` option, else the viewer's), page by page,
 * keeping Slack and webhook ones (or one kind). Other kinds (GitHub, ...) are skipped, so a page
 * may yield fewer than `perPage`. A missing entity rejects with {@link NotFoundError}.
 * @internal Users call {@link Api.integrations} and its two typed forms.
 * @example
 * ```ts
 * const all = await listIntegrations(ctx, 'acme', {}, 'slack').toArray();
 * ```
 */
export function listIntegrations(
  ctx: FacadeContext,
  entity: string | undefined,
  options: ListOptions,
  which: 'slack',
): Paginated<SlackIntegration>;
/** @internal */
export function listIntegrations(
  ctx: FacadeContext,
  entity: string | undefined,
  options: ListOptions,
  which: 'webhook',
): Paginated<WebhookIntegration>;
/** @internal */
export function listIntegrations(
  ctx: FacadeContext,
  entity: string | undefined,
  options: ListOptions,
  which: 'all',
): Paginated<Integration>;
/** @internal */
export function listIntegrations(
  ctx: FacadeContext,
  entity: string | undefined,
  options: ListOptions,
  which: Which,
): Paginated<Integration> {
  const o = optionsObject(options);
  const signal = optionalSignal(o.signal);
  const given = optionalString(entity, 'entity');
  const entityName = once(() => ctx.resolveEntity(given));
  return new Paginated<Integration>(
    async ({ cursor, perPage, signal: pageSignal }) => {
      const name = await entityName();
      const data = await ctx.request(
        (await documents()).IntegrationsByEntityDocument,
        { entity: name, cursor, perPage },
        { signal: pageSignal, cacheIf: (d) => d.entity != null },
      );
      if (!data.entity) throw new NotFoundError(`Entity ${name} not found`);
      const connection = data.entity.integrations;
      const items = (connection?.edges ?? []).flatMap((e): Integration[] => {
        const node = e.node;
        if (!node) return [];
        if (node.__typename === 'SlackIntegration' && which !== 'webhook')
          return [slackIntegrationFrom(node)];
        if (node.__typename === 'GenericWebhookIntegration' && which !== 'slack') {
          return [webhookIntegrationFrom(node)];
        }
        return [];
      });
      return { items, ...connectionPosition(connection) };
    },
    {
      perPage: o.perPage ?? 50,
      start: o.start ?? null,
      signal,
      what: which === 'all' ? 'integrations' : `${which} integrations`,
      prefetch: o.prefetch,
      countable: false,
    },
  );
}

/**
 * Options of {@link Api.createWebhookIntegration}.
 *
 * @example
 * ```ts
 * const o: CreateWebhookIntegrationOptions = {
 *   entity: 'acme', name: 'deploy hook', urlEndpoint: 'https://ci.example.com/hooks/wandb',
 *   secretRef: 'DEPLOY_HOOK_SECRET', accessTokenRef: 'DEPLOY_HOOK_TOKEN',
 * };
 * ```
 */
export interface CreateWebhookIntegrationOptions extends Pick<RequestOptions, 'signal'> {
  /** The entity that owns the webhook; default the `entity` option, else the viewer's. */
  entity?: string;
  /** Its name: at most 64 characters, words of letters, digits, `_` or `-` separated by spaces. */
  name: string;
  /** The http(s) URL requests are posted to. */
  urlEndpoint: string;
  /** The name of the entity secret that signs requests (a secret's name, never its value). */
  secretRef?: string;
  /** The name of the entity secret sent as the access token (a secret's name, never its value). */
  accessTokenRef?: string;
}

/** `^[-\w]+([ ]+[-\w]+)*$` with Python's Unicode `\w`. */
const WEBHOOK_NAME = /^[-\p{L}\p{M}\p{N}_]+( +[-\p{L}\p{M}\p{N}_]+)*$/u;

function checkUrl(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError('urlEndpoint', `expected an http(s) URL, got ${describeValue(value)}`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError('urlEndpoint', 'expected an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ValidationError('urlEndpoint', `expected an http(s) URL, got a ${url.protocol} URL`);
  }
  return value;
}

function checkSecretRef(value: unknown, parameter: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  // Never echo the value: a caller may have passed the secret itself by mistake.
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError(parameter, 'expected the name of an entity secret (a non-empty string)');
  }
  return value;
}

/**
 * Creates a generic webhook integration. The name rules are checked before the request.
 * @internal Users call {@link Api.createWebhookIntegration}.
 * @example
 * ```ts
 * const hook = await createWebhookIntegration(ctx, { name: 'deploy', urlEndpoint: 'https://ci.example.com/hook' });
 * ```
 */
export async function createWebhookIntegration(
  ctx: FacadeContext,
  options: CreateWebhookIntegrationOptions,
): Promise<WebhookIntegration> {
  if (options === undefined) throw new ValidationError('options', 'expected { name, urlEndpoint, ... }');
  const o = optionsObject(options);
  const signal = optionalSignal(o.signal);
  const name: unknown = o.name;
  if (typeof name !== 'string' || !WEBHOOK_NAME.test(name)) {
    throw new ValidationError(
      'name',
      `expected words of letters, digits, "_" or "-" separated by spaces, got ${describeValue(name)}`,
    );
  }
  if (name.length > 64) throw new ValidationError('name', `at most 64 characters, got ${name.length}`);
  const urlEndpoint = checkUrl(o.urlEndpoint);
  const secretRef = checkSecretRef(o.secretRef, 'secretRef');
  const accessTokenRef = checkSecretRef(o.accessTokenRef, 'accessTokenRef');
  const entityName = await ctx.resolveEntity(optionalString(o.entity, 'entity'));
  const data = await ctx.request(
    (await documents()).CreateGenericWebhookIntegrationDocument,
    {
      input: {
        entityName,
        name,
        urlEndpoint,
        ...(secretRef === undefined ? {} : { secretRef }),
        ...(accessTokenRef === undefined ? {} : { accessTokenRef }),
      },
    },
    { signal },
  );
  const integration = data.result?.integration;
  if (integration?.__typename !== 'GenericWebhookIntegration') {
    throw new WandbError(
      `Creating webhook integration "${name}" in ${entityName}: the server answered without a webhook integration`,
    );
  }
  return webhookIntegrationFrom(integration);
}
