/**
 * One registry (protocol notes §1.2, §4 R2, §5 W1–W3; wandb-ops.md §7.13): {@link Registry},
 * built from the `RegistryFields` fragment — a project named `wandb-registry-<name>` of an
 * organization's org entity — with its edits (`save()`: `UpsertRegistry`, then `RenameRegistry`
 * when renamed), `delete()` (`DeleteRegistry`), its collections and versions, and the registry
 * rules (names, types, visibility). This file is the light part: the class with its fields and
 * setters; the methods that send requests are in `registry-impl.ts`, loaded with the registry code.
 *
 * @example
 * ```ts
 * const registry = await api.registry('models');
 * registry.description = 'Production models';
 * await registry.save();
 * ```
 * @module
 */
import { ServerError, ValidationError } from '../../errors/index.js';
import type { RegistryFieldsFragment } from '../../generated/graphql.js';
import type { Artifact } from '../artifacts/artifact.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { parseServerDate } from '../core/dates.js';
import type { Paginated } from '../core/pagination.js';
import { describeValue } from '../core/validate.js';
import { REGISTRY_PROJECT_PREFIX } from '../paths/artifact-paths.js';
import type {
  RegistryMemberLike,
  RegistryMemberOptions,
  RegistryRole,
  RegistryTeamMember,
  RegistryUserMember,
} from './members.js';
import type { Collections, RegistryCollectionsOptions, RegistryVersionsOptions } from './search.js';

/** The server feature without which registries cannot be searched or read (`api.registries()`, `api.registry()`). */
export const REGISTRY_SEARCH_FEATURE = 'ARTIFACT_REGISTRY_SEARCH';

/** The server feature without which registries cannot be created or saved (artifact types in `upsertModel`). */
export const REGISTRY_WRITE_FEATURE = 'INCLUDE_ARTIFACT_TYPES_IN_REGISTRY_CREATION';

/**
 * Who can see a registry: every member of the organization (`organization`, the server's
 * `PRIVATE` access) or only its members (`restricted`, `RESTRICTED`).
 *
 * @example
 * ```ts
 * const visibility: RegistryVisibility = 'restricted';
 * ```
 */
export type RegistryVisibility = 'organization' | 'restricted';

const VISIBILITIES: readonly RegistryVisibility[] = ['organization', 'restricted'];
/** The server's access value of each visibility. @internal */
export const ACCESS: Record<RegistryVisibility, string> = {
  organization: 'PRIVATE',
  restricted: 'RESTRICTED',
};

/** The longest registry name: 128 characters for the project name, less the prefix. */
export const MAX_REGISTRY_NAME_LENGTH = 128 - REGISTRY_PROJECT_PREFIX.length;

const FORBIDDEN_IN_REGISTRY_NAME = ['/', '\\', '#', '?', '%', ':', '\r', '\n'];
const TYPE_NAME = /^[-\p{L}\p{N}_]+( *[-.\p{L}\p{N}_]+)*$/u;

/** The visibility of a server access value. @internal */
export function visibilityOf(access: string | null | undefined): RegistryVisibility {
  return access === 'RESTRICTED' ? 'restricted' : 'organization';
}

/**
 * Checks a registry name (without or with its `wandb-registry-` prefix) and returns it without
 * the prefix: not empty, at most {@link MAX_REGISTRY_NAME_LENGTH} characters, none of
 * `/ \ # ? % :` or line breaks.
 * @internal
 * @throws {@link ValidationError}
 * @example
 * ```ts
 * checkRegistryName('models', 'name'); // 'models'
 * checkRegistryName('wandb-registry-models', 'name'); // 'models'
 * ```
 */
export function checkRegistryName(value: unknown, parameter: string): string {
  if (typeof value !== 'string') {
    throw new ValidationError(parameter, `expected a registry name (a string), got ${describeValue(value)}`);
  }
  const name = value.startsWith(REGISTRY_PROJECT_PREFIX)
    ? value.slice(REGISTRY_PROJECT_PREFIX.length)
    : value;
  if (name.trim() === '') throw new ValidationError(parameter, 'the registry name is empty');
  const length = [...name].length;
  if (length > MAX_REGISTRY_NAME_LENGTH) {
    throw new ValidationError(
      parameter,
      `the registry name is ${length} characters long; at most ${MAX_REGISTRY_NAME_LENGTH} are allowed`,
    );
  }
  const bad = FORBIDDEN_IN_REGISTRY_NAME.find((c) => name.includes(c));
  if (bad !== undefined) {
    throw new ValidationError(
      parameter,
      `the registry name ${JSON.stringify(name)} contains ${JSON.stringify(bad)}; registry names may not contain / \\ # ? % : or line breaks`,
    );
  }
  return name;
}

/**
 * Checks the artifact types a registry allows: each at most 128 characters, without `/` or `:`,
 * of letters, digits, `_`, `-` and `.` in words separated by spaces; duplicates dropped.
 * @internal
 * @throws {@link ValidationError}
 * @example
 * ```ts
 * checkRegistryTypes(['model', 'model', 'dataset'], 'artifactTypes'); // ['model', 'dataset']
 * ```
 */
export function checkRegistryTypes(value: unknown, parameter: string): string[] {
  if (!Array.isArray(value) && !(value instanceof Set)) {
    throw new ValidationError(
      parameter,
      `expected an array of artifact type names, got ${describeValue(value)}`,
    );
  }
  const out: string[] = [];
  [...(value as Iterable<unknown>)].forEach((t, i) => {
    const at = `${parameter}[${i}]`;
    if (typeof t !== 'string' || t === '') {
      throw new ValidationError(
        at,
        `expected an artifact type name (a non-empty string), got ${describeValue(t)}`,
      );
    }
    if ([...t].length > 128) throw new ValidationError(at, `the type name is longer than 128 characters`);
    const bad = ['/', ':'].find((c) => t.includes(c));
    if (bad !== undefined) {
      throw new ValidationError(at, `the type name ${JSON.stringify(t)} may not contain "${bad}"`);
    }
    if (!TYPE_NAME.test(t)) {
      throw new ValidationError(
        at,
        `the type name ${JSON.stringify(t)} is not allowed: letters, digits, "_", "-" and ".", in words separated by spaces`,
      );
    }
    if (!out.includes(t)) out.push(t);
  });
  return out;
}

/** A `visibility` option, checked. @internal */
export function checkVisibility(value: unknown, parameter: string): RegistryVisibility {
  if (!VISIBILITIES.includes(value as RegistryVisibility)) {
    throw new ValidationError(
      parameter,
      `invalid visibility ${describeValue(value)}; expected one of: "organization", "restricted"`,
    );
  }
  return value as RegistryVisibility;
}

/**
 * Options of {@link Registry.save} and {@link Registry.delete}.
 *
 * @example
 * ```ts
 * await registry.save({ signal: AbortSignal.timeout(10_000) });
 * ```
 */
export type RegistryWriteOptions = Pick<RequestOptions, 'signal'>;

/**
 * The fields of a {@link Registry}, shared by the class and its methods in `registry-impl.ts`.
 * @internal
 */
export interface RegistryState {
  ctx: FacadeContext;
  data: RegistryFieldsFragment;
  /** The organization it was asked for (used when the answer names none). */
  requestedOrganization: string;
  savedName: string;
  name: string;
  description: string | undefined;
  visibility: RegistryVisibility;
  savedTypes: readonly string[];
  types: readonly string[];
  allowAll: boolean;
}

/**
 * Loads a server answer (the `RegistryFields` fragment) into a registry's fields.
 * @internal
 * @throws {@link ServerError} when the project is not a registry.
 * @example
 * ```ts
 * loadRegistry(this.state, project);
 * ```
 */
export function loadRegistry(s: RegistryState, data: RegistryFieldsFragment): void {
  if (!data.name.startsWith(REGISTRY_PROJECT_PREFIX) || data.name === REGISTRY_PROJECT_PREFIX) {
    throw new ServerError(
      `The server answered project ${JSON.stringify(data.name)}, which is not a registry`,
    );
  }
  s.data = data;
  s.savedName = data.name.slice(REGISTRY_PROJECT_PREFIX.length);
  s.name = s.savedName;
  s.description = data.description ?? undefined;
  s.visibility = visibilityOf(data.access);
  s.savedTypes = Object.freeze(data.artifactTypes.edges.flatMap((e) => (e.node ? [e.node.name] : [])));
  s.types = s.savedTypes;
  s.allowAll = data.allowAllArtifactTypes;
}

/**
 * A registry of an organization: a project named `wandb-registry-<name>` of its org entity, that
 * holds collections (portfolios) of linked artifact versions. Get one with {@link Api.registry},
 * list them with {@link Api.registries}, create one with {@link Api.createRegistry}.
 *
 * `name`, `description`, `visibility`, `artifactTypes` and `allowAllArtifactTypes` are
 * assignable; {@link Registry.save} sends what changed.
 *
 * @example
 * ```ts
 * const registry = await api.registry('models', { organization: 'acme' });
 * console.log(registry.fullName, registry.visibility, registry.artifactTypes, registry.url);
 * for await (const collection of registry.collections()) console.log(collection.name);
 * ```
 */
export abstract class Registry {
  #s: RegistryState;

  /**
   * @internal Made by `api.registry()`, `api.registries()` and `api.createRegistry()`.
   * @param organization - the organization it was asked for (used when the answer names none).
   */
  constructor(ctx: FacadeContext, data: RegistryFieldsFragment, organization: string) {
    this.#s = {
      ctx,
      data,
      requestedOrganization: organization,
      savedName: '',
      name: '',
      description: undefined,
      visibility: 'organization',
      savedTypes: [],
      types: [],
      allowAll: true,
    };
    loadRegistry(this.#s, data);
  }

  /** @internal Its fields, for the methods of `registry-impl.ts`. */
  protected get state(): RegistryState {
    return this.#s;
  }

  /** The server's node id (of the registry's project). */
  get id(): string {
    return this.#s.data.id;
  }
  /** The organization's name. */
  get organization(): string {
    return this.#s.data.entity.organization?.name ?? this.#s.requestedOrganization;
  }
  /** The org entity that owns the registry's project. */
  get entity(): string {
    return this.#s.data.entity.name;
  }
  /** The registry's project: `wandb-registry-<name>` (of the saved name). */
  get fullName(): string {
    return `${REGISTRY_PROJECT_PREFIX}${this.#s.savedName}`;
  }
  /** When the registry was created. */
  get createdAt(): Date | undefined {
    return parseServerDate(this.#s.data.createdAt);
  }
  /** When the registry last changed, or `undefined`. */
  get updatedAt(): Date | undefined {
    return parseServerDate(this.#s.data.updatedAt);
  }
  /**
   * The registry's page in the W&B app: `{app}/orgs/{organization}/registry/{name}`.
   *
   * @example
   * ```ts
   * console.log(registry.url); // 'https://wandb.ai/orgs/acme/registry/models'
   * ```
   */
  get url(): string {
    const app = this.#s.ctx.appUrl.replace(/\/+$/, '');
    return `${app}/orgs/${encodeURIComponent(this.organization)}/registry/${encodeURIComponent(this.#s.savedName)}`;
  }

  /** The registry's name, without the `wandb-registry-` prefix. */
  get name(): string {
    return this.#s.name;
  }
  /**
   * Renames the registry (saved by {@link Registry.save}, with `RenameRegistry`). The prefix is
   * optional; the name rules of {@link Api.createRegistry} apply.
   *
   * @example
   * ```ts
   * registry.name = 'production-models';
   * await registry.save();
   * ```
   */
  set name(value: string) {
    this.#s.name = checkRegistryName(value, 'name');
  }

  /** The registry's description, or `undefined`. */
  get description(): string | undefined {
    return this.#s.description;
  }
  /**
   * Sets the description (saved by {@link Registry.save}). The server cannot clear one: an empty
   * string is saved as empty.
   *
   * @example
   * ```ts
   * registry.description = 'Models that passed review';
   * ```
   */
  set description(value: string | undefined) {
    if (value !== undefined && typeof value !== 'string') {
      throw new ValidationError('description', `expected a string, got ${describeValue(value)}`);
    }
    this.#s.description = value;
  }

  /** Who can see it: `organization` (every member) or `restricted` (its members only). */
  get visibility(): RegistryVisibility {
    return this.#s.visibility;
  }
  /**
   * Sets the visibility (saved by {@link Registry.save}).
   *
   * @example
   * ```ts
   * registry.visibility = 'restricted';
   * ```
   */
  set visibility(value: RegistryVisibility) {
    this.#s.visibility = checkVisibility(value, 'visibility');
  }

  /**
   * The artifact types it allows (when {@link Registry.allowAllArtifactTypes} is false), or the
   * types saved or used in it (when true).
   */
  get artifactTypes(): readonly string[] {
    return this.#s.types;
  }
  /**
   * Replaces the allowed artifact types; saved by {@link Registry.save}, which sends the types
   * added. Saved types cannot be removed (the server only adds): leaving one out is a
   * {@link ValidationError}. Type names follow the rules of {@link Api.createRegistry}.
   *
   * @example
   * ```ts
   * registry.allowAllArtifactTypes = false;
   * registry.artifactTypes = [...registry.artifactTypes, 'model'];
   * await registry.save();
   * ```
   */
  set artifactTypes(value: readonly string[]) {
    const types = checkRegistryTypes(value, 'artifactTypes');
    const removed = this.#s.savedTypes.filter((t) => !types.includes(t));
    if (removed.length > 0) {
      throw new ValidationError(
        'artifactTypes',
        `saved artifact types cannot be removed from a registry (missing: ${removed.map((t) => JSON.stringify(t)).join(', ')})`,
      );
    }
    this.#s.types = Object.freeze(types);
  }

  /** Whether it accepts artifacts of every type. */
  get allowAllArtifactTypes(): boolean {
    return this.#s.allowAll;
  }
  /**
   * Whether it accepts every artifact type (saved by {@link Registry.save}); set it to `false`
   * before adding {@link Registry.artifactTypes}.
   *
   * @example
   * ```ts
   * registry.allowAllArtifactTypes = false;
   * ```
   */
  set allowAllArtifactTypes(value: boolean) {
    if (typeof value !== 'boolean') {
      throw new ValidationError(
        'allowAllArtifactTypes',
        `expected true or false, got ${describeValue(value)}`,
      );
    }
    this.#s.allowAll = value;
  }

  /**
   * Saves what changed since it was loaded or saved: `UpsertRegistry` with the changed
   * description, visibility and `allowAllArtifactTypes` and the added artifact types, then
   * `RenameRegistry` when the name changed. Nothing changed, nothing sent. Needs the server
   * feature `INCLUDE_ARTIFACT_TYPES_IN_REGISTRY_CREATION` ({@link UnsupportedError} otherwise).
   *
   * @throws {@link ValidationError} when types were added while `allowAllArtifactTypes` is true (before any request).
   * @throws {@link PermissionError} unless you are the registry's admin (directly or through a
   *   team), an admin of its organization or an instance admin.
   * @example
   * ```ts
   * registry.description = 'Reviewed models';
   * registry.visibility = 'restricted';
   * await registry.save(); // sends { description, access: 'RESTRICTED' } only
   * ```
   */
  abstract save(options?: RegistryWriteOptions): Promise<void>;

  /**
   * Deletes the registry, with its collections (`DeleteRegistry`); the linked versions stay in
   * their source projects. Needs the registry's admin role, an admin of its organization or an
   * instance admin ({@link PermissionError} otherwise).
   *
   * @example
   * ```ts
   * await registry.delete();
   * ```
   */
  abstract delete(options?: RegistryWriteOptions): Promise<void>;

  /**
   * The collections of this registry (`RegistryCollections` with the registry's `{"id": n}`
   * filter and `filter`), 100 per request by default, with the server's `totalCount()`.
   *
   * @throws {@link ValidationError} for a filter field outside the collection fields (before any request).
   * @example
   * ```ts
   * for await (const c of registry.collections({ filter: { tag: 'vision' }, order: '+name' })) console.log(c.name);
   * ```
   */
  abstract collections(options?: RegistryCollectionsOptions): Collections;

  /**
   * The versions linked in this registry (`RegistryVersions` with the registry's `{"id": n}`
   * filter and `filter`), 100 per request by default; no total.
   *
   * @throws {@link ValidationError} for a filter field outside the version fields (before any request).
   * @example
   * ```ts
   * for await (const v of registry.versions({ filter: { alias: 'production' } })) console.log(v.qualifiedName);
   * ```
   */
  abstract versions(options?: RegistryVersionsOptions): Paginated<Artifact>;

  /**
   * The users who are members of this registry, with their roles (`RegistryUserMembers`, always
   * asked afresh). Its creator is among them, as an `admin`. Members through a team are not
   * listed: see {@link Registry.teamMembers}.
   *
   * @throws {@link NotFoundError} when the registry is gone or you cannot see it.
   * @example
   * ```ts
   * for (const m of await registry.userMembers()) console.log(m.username, m.email, m.role);
   * ```
   */
  abstract userMembers(options?: RegistryMemberOptions): Promise<RegistryUserMember[]>;

  /**
   * The teams that are members of this registry, with their roles (`RegistryTeamMembers`,
   * always asked afresh).
   *
   * @throws {@link NotFoundError} when the registry is gone or you cannot see it.
   * @example
   * ```ts
   * for (const m of await registry.teamMembers()) console.log(m.team.name, m.role);
   * ```
   */
  abstract teamMembers(options?: RegistryMemberOptions): Promise<RegistryTeamMember[]>;

  /**
   * Every member: the users ({@link Registry.userMembers}), then the teams
   * ({@link Registry.teamMembers}); tell them apart by `kind`.
   *
   * @example
   * ```ts
   * const admins = (await registry.members()).filter((m) => m.role === 'admin');
   * ```
   */
  async members(options?: RegistryMemberOptions): Promise<(RegistryUserMember | RegistryTeamMember)[]> {
    return [...(await this.userMembers(options)), ...(await this.teamMembers(options))];
  }

  /**
   * Adds users and teams to this registry (`CreateRegistryMembers`): `User` objects, teams (any
   * object with the team's GraphQL `id`), members returned by the member listings, or their
   * GraphQL ids. User or team is read from the id (base64 of `User:<n>` / `Entity:<n>`). The
   * server gives new members its default role (`viewer` on W&B; organization admins `admin`);
   * change it with {@link Registry.updateMember}. Needs the `admin` role in the registry (or in
   * the organization).
   *
   * @returns this registry, for chaining.
   * @throws {@link ValidationError} when no member is given, or one is neither a user nor a team (before any request).
   * @throws {@link PermissionError} when you may not change its members.
   * @example
   * ```ts
   * const me = await api.viewer();
   * await registry.addMembers(me, team, 'VXNlcjo0Mg==');
   * ```
   */
  abstract addMembers(...members: RegistryMemberLike[]): Promise<this>;

  /**
   * Removes users and teams from this registry (`DeleteRegistryMembers`); the same arguments as
   * {@link Registry.addMembers}. Removing someone who is not a member does nothing.
   *
   * @returns this registry, for chaining.
   * @throws {@link ValidationError} when no member is given, or one is neither a user nor a team (before any request).
   * @throws {@link PermissionError} when you may not change its members.
   * @example
   * ```ts
   * const [, ...others] = await registry.userMembers();
   * await registry.removeMembers(...others);
   * ```
   */
  abstract removeMembers(...members: RegistryMemberLike[]): Promise<this>;

  /**
   * Changes the role of a member of this registry: `UpdateUserRegistryRole` for a user,
   * `UpdateTeamRegistryRole` for a team (read from its id, as in {@link Registry.addMembers}).
   * `role` is one of `admin`, `member`, `viewer`, `restricted_viewer` (the last one needs a
   * server that has it), or any other role name the server knows (such as one a newer server
   * answers for a member): it is sent as given, as the official client does, and a name the server
   * does not know is its refusal (a typed error).
   *
   * @returns this registry, for chaining.
   * @throws {@link ValidationError} for a role that is not a non-empty string, or a member that is neither a user nor a team (before any request).
   * @throws {@link PermissionError} when you may not change its members.
   * @example
   * ```ts
   * for (const m of await registry.userMembers()) await registry.updateMember(m, 'admin');
   * await registry.updateMember(team, 'restricted_viewer');
   * ```
   */
  abstract updateMember(
    member: RegistryMemberLike,
    role: RegistryRole | (string & {}),
    options?: RegistryMemberOptions,
  ): Promise<this>;

  /**
   * A plain object of its fields, for `JSON.stringify` and logs.
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(registry));
   * ```
   */
  toJSON(): Record<string, unknown> {
    return {
      id: this.id,
      name: this.name,
      fullName: this.fullName,
      organization: this.organization,
      entity: this.entity,
      description: this.description,
      visibility: this.visibility,
      artifactTypes: this.artifactTypes,
      allowAllArtifactTypes: this.allowAllArtifactTypes,
      createdAt: this.createdAt,
      updatedAt: this.updatedAt,
      url: this.url,
    };
  }
}

/**
 * Options of {@link Api.registry}.
 *
 * @example
 * ```ts
 * const registry = await api.registry('models', { organization: 'acme', cache: false });
 * ```
 */
export interface RegistryOptions extends RequestOptions {
  /**
   * The organization (its name). Default: the Api's `organization` option (`WANDB_ORGANIZATION`),
   * else the organization of your default entity.
   */
  organization?: string;
}

/**
 * Options of {@link Api.createRegistry}.
 *
 * @example
 * ```ts
 * const options: CreateRegistryOptions = { name: 'models', visibility: 'restricted', artifactTypes: ['model'] };
 * ```
 */
export interface CreateRegistryOptions {
  /** The registry's name (without `wandb-registry-`, which is allowed and dropped): at most 113 characters, none of `/ \ # ? % :` or line breaks. */
  name: string;
  /** Who can see it: `organization` (every member) or `restricted` (its members only). */
  visibility: RegistryVisibility;
  /** The organization (its name). Default: the `organization` option, `WANDB_ORGANIZATION`, else your default entity's. */
  organization?: string;
  /** A description. Default none. */
  description?: string;
  /** The artifact types it allows. Default: every type (`allowAllArtifactTypes` true). */
  artifactTypes?: readonly string[];
  /** Cancels the requests. */
  signal?: AbortSignal;
}
