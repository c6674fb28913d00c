/**
 * Listing, reading, creating, updating and deleting automations
 * (`/work/notes/registries-protocol.md` §7), behind {@link Api.automations},
 * {@link Api.automation}, {@link Api.createAutomation}, {@link Api.updateAutomation} and
 * {@link Api.deleteAutomation}.
 *
 * @example
 * ```ts
 * const saved = await api.createAutomation(event.then(action), { name: 'loss alert' });
 * await api.deleteAutomation(saved);
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import {
  ConflictError,
  NotFoundError,
  UnsupportedError,
  ValidationError,
  WandbError,
} from '../../errors/index.js';
import type { CreateFilterTriggerInput } from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { connectionPosition, Paginated, type ListOptions, type Page } from '../core/pagination.js';
import {
  describeValue,
  optionalBoolean,
  optionalSignal,
  optionalString,
  optionsObject,
} from '../core/validate.js';
import { Automation, type TriggerData } from './automation.js';
import { automationFromSaved } from './saved.js';
import { NewAutomation } from './events.js';
import { createInput, missingFeatures, updateInput, type AutomationFields } from './input.js';
import { scopeEntity } from './scopes.js';

/**
 * Options of {@link Api.automations}.
 *
 * @example
 * ```ts
 * const o: AutomationsOptions = { entity: 'acme', name: 'loss alert', perPage: 20 };
 * ```
 */
export interface AutomationsOptions extends ListOptions {
  /**
   * The entity whose automations to list (those of its projects, collections and the entity
   * itself). Default: every automation of the viewer's own projects.
   */
  entity?: string;
  /** Only automations with exactly this name. */
  name?: string;
}

interface Listing {
  entity: string | undefined;
  name: string | undefined;
}

type Connection<N> = {
  edges: ReadonlyArray<{ cursor: string; node: N | null }>;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
};

/** The page of a listing of projects, each with its automations (the legacy walks). */
function projectWalkPage(
  connection: Connection<{ triggers: readonly TriggerData[] }> | null | undefined,
  name: string | undefined,
): Page<Automation> {
  const items = (connection?.edges ?? []).flatMap((e) =>
    (e.node?.triggers ?? [])
      .filter((t) => name === undefined || t.name === name)
      .map((t) => automationFromSaved(t)),
  );
  return { items, ...connectionPosition(connection) };
}

function entityMissing(entity: string): NotFoundError {
  return new NotFoundError(`Entity ${entity} not found`);
}

/**
 * The automations of an entity, or of the viewer's projects, page by page. On a server with
 * `QUERY_AUTOMATIONS_ON_ENTITY` an entity's are one listing (filtered by name on the server);
 * without it (and without an entity) the entity's or viewer's projects are walked and the name
 * is compared here, so pages may hold fewer than `perPage` automations.
 * @internal Users call {@link Api.automations}.
 * @example
 * ```ts
 * const all = await listAutomations(ctx, { entity: 'acme' }).toArray();
 * ```
 */
export function listAutomations(ctx: FacadeContext, options: AutomationsOptions = {}): Paginated<Automation> {
  const o = optionsObject(options);
  const signal = optionalSignal(o.signal);
  const listing: Listing = { entity: optionalString(o.entity, 'entity'), name: checkListName(o.name) };
  return new Paginated<Automation>(
    async ({ cursor, perPage, signal: pageSignal }) => {
      const features = await ctx.serverFeatures();
      const withEntity = features.get('AUTOMATION_SCOPE_ENTITY') === true;
      const { entity, name } = listing;
      const opts = { signal: pageSignal };
      if (entity !== undefined && features.get('QUERY_AUTOMATIONS_ON_ENTITY') === true) {
        const variables = {
          entity,
          cursor,
          perPage,
          ...(name === undefined ? {} : { filters: JSON.stringify({ name }) }),
        };
        const data = withEntity
          ? await ctx.request((await documents()).EntityAutomationsDocument, variables, opts)
          : await ctx.request(
              (await documents()).EntityAutomationsWithoutEntityScopeDocument,
              variables,
              opts,
            );
        if (!data.scope) throw entityMissing(entity);
        const connection = data.scope.triggers as Connection<TriggerData>;
        const items = connection.edges.flatMap((e) => (e.node ? [automationFromSaved(e.node)] : []));
        return { items, ...connectionPosition(connection) };
      }
      if (entity !== undefined) {
        const variables = { entity, cursor, perPage };
        const data = withEntity
          ? await ctx.request((await documents()).EntityAutomationsLegacyDocument, variables, opts)
          : await ctx.request(
              (await documents()).EntityAutomationsLegacyWithoutEntityScopeDocument,
              variables,
              opts,
            );
        if (!data.scope) throw entityMissing(entity);
        return projectWalkPage(data.scope.projects as Connection<{ triggers: TriggerData[] }> | null, name);
      }
      const data = withEntity
        ? await ctx.request((await documents()).ViewerAutomationsLegacyDocument, { cursor, perPage }, opts)
        : await ctx.request(
            (await documents()).ViewerAutomationsLegacyWithoutEntityScopeDocument,
            { cursor, perPage },
            opts,
          );
      if (!data.scope) throw new WandbError('Listing automations: the server answered without a viewer');
      return projectWalkPage(data.scope.projects as Connection<{ triggers: TriggerData[] }> | null, name);
    },
    {
      perPage: o.perPage ?? 50,
      start: o.start ?? null,
      signal,
      what: 'automations',
      countable: false,
      prefetch: o.prefetch,
    },
  );
}

function checkListName(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw new ValidationError('name', `expected an automation name, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * Options of {@link Api.automation}.
 *
 * @example
 * ```ts
 * const o: AutomationOptions = { entity: 'acme' };
 * ```
 */
export interface AutomationOptions extends Pick<RequestOptions, 'signal'> {
  /** The entity to look in; default the viewer's own projects (as {@link Api.automations}). */
  entity?: string;
}

function describeAutomation(a: Automation): string {
  return `${a.id} (${a.scope.kind} ${a.scope.name})`;
}

/**
 * The one automation named `name`: {@link NotFoundError} when there is none,
 * {@link ConflictError} naming them when there are several.
 * @internal Users call {@link Api.automation}.
 * @example
 * ```ts
 * const a = await getAutomation(ctx, 'loss alert', { entity: 'acme' });
 * ```
 */
export async function getAutomation(
  ctx: FacadeContext,
  name: string,
  options: AutomationOptions = {},
): Promise<Automation> {
  const o = optionsObject(options);
  const automationName = checkListName(name);
  if (automationName === undefined) throw new ValidationError('name', 'expected an automation name');
  const entity = optionalString(o.entity, 'entity');
  const signal = optionalSignal(o.signal);
  const found = await listAutomations(ctx, { entity, name: automationName, signal }).toArray();
  const where = entity === undefined ? "among the viewer's projects" : `in entity ${entity}`;
  if (found.length === 0)
    throw new NotFoundError(`No automation named ${JSON.stringify(automationName)} ${where}`);
  if (found.length > 1) {
    throw new ConflictError(
      `${found.length} automations are named ${JSON.stringify(automationName)} ${where}: ` +
        `${found.map(describeAutomation).join(', ')}; give the entity, or list them with api.automations({ name })`,
    );
  }
  return found[0] as Automation;
}

async function checkFeatures(
  ctx: FacadeContext,
  input: CreateFilterTriggerInput,
  what: string,
): Promise<boolean> {
  const features = await ctx.serverFeatures();
  const missing = missingFeatures(input, features);
  if (missing.length > 0) {
    throw new UnsupportedError(
      `${what} needs the server feature${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which this W&B ` +
        `server does not report (scope ${input.scopeType}, event ${input.triggeringEventType}, action ` +
        `${input.triggeredActionType}); upgrade the server, or use https://wandb.ai`,
    );
  }
  return features.get('AUTOMATION_SCOPE_ENTITY') === true;
}

/**
 * Options of {@link Api.createAutomation}: the name and the rest (overriding those given to
 * `event.then(action, ...)`), and what to do when the name exists.
 *
 * @example
 * ```ts
 * const o: CreateAutomationOptions = { name: 'loss alert', description: 'pages the on-call', fetchExisting: true };
 * ```
 */
export interface CreateAutomationOptions extends AutomationFields, Pick<RequestOptions, 'signal'> {
  /**
   * When an automation of that name exists (HTTP 409): `true` returns the existing one instead
   * of rejecting with {@link ConflictError}. Default `false`.
   */
  fetchExisting?: boolean;
}

function fieldsOf(o: AutomationFields): AutomationFields {
  return {
    ...(o.name === undefined ? {} : { name: o.name }),
    ...(o.description === undefined ? {} : { description: o.description }),
    ...(o.enabled === undefined ? {} : { enabled: o.enabled }),
  };
}

function checkAutomationArg(value: unknown, what: string): asserts value is NewAutomation | Automation {
  if (!(value instanceof NewAutomation) && !(value instanceof Automation)) {
    throw new ValidationError(
      'automation',
      `${what} expects event.then(action) or a saved automation, got ${describeValue(value)}`,
    );
  }
}

/**
 * Creates an automation from `event.then(action)` (or a copy of a saved one). Input is checked,
 * and the server features it needs, before the request.
 * @internal Users call {@link Api.createAutomation}.
 * @example
 * ```ts
 * const saved = await createAutomation(ctx, event.then(DoNothing()), { name: 'x' });
 * ```
 */
export async function createAutomation(
  ctx: FacadeContext,
  automation: NewAutomation | Automation,
  options: CreateAutomationOptions = {},
): Promise<Automation> {
  checkAutomationArg(automation, 'createAutomation');
  const o = optionsObject(options);
  const signal = optionalSignal(o.signal);
  const fetchExisting = optionalBoolean(o.fetchExisting, 'fetchExisting') ?? false;
  const input = createInput(automation, fieldsOf(o));
  const withEntity = await checkFeatures(ctx, input, `Creating automation ${JSON.stringify(input.name)}`);
  let data;
  try {
    data = withEntity
      ? await ctx.request((await documents()).CreateAutomationDocument, { input }, { signal })
      : await ctx.request(
          (await documents()).CreateAutomationWithoutEntityScopeDocument,
          { input },
          { signal },
        );
  } catch (error) {
    if (!(error instanceof ConflictError) || error.status !== 409) throw error;
    if (fetchExisting) return existing(ctx, input, automation.event.scope, signal);
    throw new ConflictError(
      `Automation ${JSON.stringify(input.name)} exists; unable to create another with the same name ` +
        '(pass { fetchExisting: true } to get it)',
      { status: 409, cause: error },
    );
  }
  const trigger = data.result?.trigger;
  if (!trigger) throw new WandbError(`Creating automation ${JSON.stringify(input.name)}: empty response`);
  return automationFromSaved(trigger);
}

/** The existing automation a 409 was about: by name in the scope's entity, same scope first. */
async function existing(
  ctx: FacadeContext,
  input: CreateFilterTriggerInput,
  scope: Automation['scope'],
  signal: AbortSignal | undefined,
): Promise<Automation> {
  const entity = scopeEntity(scope);
  const found = await listAutomations(ctx, { entity, name: input.name, signal }).toArray();
  const sameScope = found.filter((a) => a.scope.id === scope.id);
  const candidates = sameScope.length > 0 ? sameScope : found;
  if (candidates.length === 1) return candidates[0] as Automation;
  if (candidates.length === 0) {
    throw new NotFoundError(
      `Automation ${JSON.stringify(input.name)} exists (HTTP 409) but could not be found ${
        entity === undefined ? "among the viewer's projects" : `in entity ${entity}`
      }`,
    );
  }
  throw new ConflictError(
    `${candidates.length} automations are named ${JSON.stringify(input.name)}: ${candidates.map(describeAutomation).join(', ')}`,
  );
}

/**
 * Options of {@link Api.updateAutomation}.
 *
 * @example
 * ```ts
 * const o: UpdateAutomationOptions = { enabled: false, createMissing: true };
 * ```
 */
export interface UpdateAutomationOptions extends AutomationFields, Pick<RequestOptions, 'signal'> {
  /**
   * When the automation no longer exists (HTTP 404): `true` creates it instead of rejecting with
   * {@link NotFoundError}. Default `false`.
   */
  createMissing?: boolean;
}

/**
 * Sends a saved (and edited) automation back: every field is resent, as the official client does.
 * @internal Users call {@link Api.updateAutomation}.
 * @example
 * ```ts
 * automation.enabled = false;
 * const updated = await updateAutomation(ctx, automation);
 * ```
 */
export async function updateAutomation(
  ctx: FacadeContext,
  automation: Automation,
  options: UpdateAutomationOptions = {},
): Promise<Automation> {
  if (!(automation instanceof Automation)) {
    throw new ValidationError(
      'automation',
      `updateAutomation expects a saved automation (from api.automation(), api.automations() or createAutomation), got ${describeValue(automation)}`,
    );
  }
  const o = optionsObject(options);
  const signal = optionalSignal(o.signal);
  const createMissing = optionalBoolean(o.createMissing, 'createMissing') ?? false;
  const fields = fieldsOf(o);
  const input = updateInput(automation.id, automation, fields);
  const withEntity = await checkFeatures(ctx, input, `Updating automation ${JSON.stringify(input.name)}`);
  let data;
  try {
    data = withEntity
      ? await ctx.request((await documents()).UpdateAutomationDocument, { input }, { signal })
      : await ctx.request(
          (await documents()).UpdateAutomationWithoutEntityScopeDocument,
          { input },
          { signal },
        );
  } catch (error) {
    if (!(error instanceof NotFoundError) || error.status !== 404) throw error;
    if (createMissing) return createAutomation(ctx, automation, { ...fields, signal });
    throw new NotFoundError(
      `Automation ${JSON.stringify(input.name)} (${automation.id}) not found; unable to edit it ` +
        '(pass { createMissing: true } to create it)',
      { status: 404, cause: error },
    );
  }
  const trigger = data.result?.trigger;
  if (!trigger) throw new WandbError(`Updating automation ${JSON.stringify(input.name)}: empty response`);
  return automationFromSaved(trigger);
}

/**
 * Deletes an automation, given as the object or its id.
 * @internal Users call {@link Api.deleteAutomation}.
 * @example
 * ```ts
 * await deleteAutomation(ctx, 'VHJpZ2dlcjox');
 * ```
 */
export async function deleteAutomation(
  ctx: FacadeContext,
  automationOrId: Automation | string,
  options: Pick<RequestOptions, 'signal'> = {},
): Promise<void> {
  const o = optionsObject(options);
  const signal = optionalSignal(o.signal);
  const id =
    automationOrId instanceof Automation
      ? automationOrId.id
      : typeof automationOrId === 'string' && automationOrId.trim() !== ''
        ? automationOrId
        : undefined;
  if (id === undefined) {
    throw new ValidationError(
      'automation',
      `expected an automation or its id, got ${describeValue(automationOrId)}`,
    );
  }
  const data = await ctx.request((await documents()).DeleteAutomationDocument, { id }, { signal });
  if (data.result?.success !== true) throw new WandbError(`Failed to delete automation ${id}`);
}
