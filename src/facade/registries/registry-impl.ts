/**
 * The methods of {@link Registry} that send requests (protocol notes §4 R2, §5 W1–W3): `save()`
 * (`UpsertRegistry`, then `RenameRegistry` when renamed), `delete()` (`DeleteRegistry`), its
 * collections and versions and its members; loaded with the registry code, apart from the
 * {@link Registry} class that `wandb-api` exports.
 *
 * @example
 * ```ts
 * const registry = new RegistryImpl(ctx, node, 'acme');
 * ```
 * @module
 */
import { ServerError, ValidationError } from '../../errors/index.js';
import type { UpsertModelInput } from '../../generated/graphql.js';
import type { Artifact } from '../artifacts/artifact.js';
import { requireFeature } from '../core/features.js';
import { documents } from '../core/lazy.js';
import type { Paginated } from '../core/pagination.js';
import { optionalSignal, optionsObject } from '../core/validate.js';
import { REGISTRY_PROJECT_PREFIX } from '../paths/artifact-paths.js';
import type {
  RegistryMemberLike,
  RegistryMemberOptions,
  RegistryRole,
  RegistryTeamMember,
  RegistryUserMember,
} from './members.js';
import {
  changeMembers,
  listTeamMembers,
  listUserMembers,
  updateMemberRole,
  type MemberTarget,
} from './members-impl.js';
import {
  ACCESS,
  loadRegistry,
  Registry,
  REGISTRY_WRITE_FEATURE,
  visibilityOf,
  type RegistryWriteOptions,
} from './registry.js';
import { collectionsParts, registryFilterFor, versionsParts } from './search-impl.js';
import {
  Collections,
  versionsListing,
  type RegistryCollectionsOptions,
  type RegistryVersionsOptions,
  type SearchScope,
} from './search.js';

/**
 * A {@link Registry} with its methods: what every registry `wandb-api` gives is.
 * @internal
 */
export class RegistryImpl extends Registry {
  // The name users see in `constructor.name` and logs is the public class's.
  static {
    Object.defineProperty(this, 'name', { value: 'Registry' });
  }

  override async save(options: RegistryWriteOptions = {}): Promise<void> {
    const s = this.state;
    const o = optionsObject(options);
    const signal = optionalSignal(o.signal);
    const added = s.types.filter((t) => !s.savedTypes.includes(t));
    if (added.length > 0 && s.allowAll) {
      throw new ValidationError(
        'artifactTypes',
        'artifact types cannot be added while allowAllArtifactTypes is true; set it to false first',
      );
    }
    const changes: Partial<UpsertModelInput> = {};
    if (s.description !== (s.data.description ?? undefined) && s.description !== undefined) {
      changes.description = s.description;
    }
    if (s.visibility !== visibilityOf(s.data.access)) changes.access = ACCESS[s.visibility];
    if (s.allowAll !== s.data.allowAllArtifactTypes) changes.allowAllArtifactTypesInRegistry = s.allowAll;
    if (added.length > 0) changes.artifactTypes = added.map((name) => ({ name }));
    const renamed = s.name !== s.savedName;
    if (Object.keys(changes).length === 0 && !renamed) return;
    await requireFeature(s.ctx, REGISTRY_WRITE_FEATURE, 'Saving a registry');
    if (Object.keys(changes).length > 0) {
      const data = await s.ctx.request(
        (await documents()).UpsertRegistryDocument,
        { input: { entityName: this.entity, name: this.fullName, ...changes } },
        { signal },
      );
      const project = data.upsertModel?.project;
      if (!project) throw new ServerError(`upsertModel gave no registry back for ${this.fullName}`);
      // keeps a rename not saved yet
      const name = s.name;
      loadRegistry(s, project);
      s.name = name;
    }
    if (renamed) {
      const newProjectName = `${REGISTRY_PROJECT_PREFIX}${s.name}`;
      const data = await s.ctx.request(
        (await documents()).RenameRegistryDocument,
        { input: { entityName: this.entity, oldProjectName: this.fullName, newProjectName } },
        { signal },
      );
      const project = data.renameProject?.project;
      if (!project) throw new ServerError(`renameProject gave no registry back for ${this.fullName}`);
      loadRegistry(s, project);
    }
  }

  override async delete(options: RegistryWriteOptions = {}): Promise<void> {
    const ctx = this.state.ctx;
    const o = optionsObject(options);
    const signal = optionalSignal(o.signal);
    const data = await ctx.request((await documents()).DeleteRegistryDocument, { id: this.id }, { signal });
    if (data.deleteModel?.success !== true) {
      throw new ServerError(`The server did not delete registry ${this.fullName} of ${this.organization}`);
    }
  }

  override collections(options: RegistryCollectionsOptions = {}): Collections {
    // The filter is checked at once, as the search code is here already.
    const parts = collectionsParts(this.#scope(), options);
    return new Collections(options, false, () => Promise.resolve(parts));
  }

  override versions(options: RegistryVersionsOptions = {}): Paginated<Artifact> {
    const parts = versionsParts(this.#scope(), options);
    return versionsListing(options, undefined, () => Promise.resolve(parts));
  }

  #scope(): SearchScope {
    const organization = this.organization;
    return {
      ctx: this.state.ctx,
      organization: () => Promise.resolve(organization),
      registryFilter: registryFilterFor(this.state.data.internalId, this.fullName),
    };
  }

  #members(): MemberTarget {
    return {
      ctx: this.state.ctx,
      projectId: this.id,
      fullName: this.fullName,
      entity: this.entity,
      describe: `registry ${JSON.stringify(this.state.savedName)} of organization ${JSON.stringify(this.organization)}`,
    };
  }

  override async userMembers(options?: RegistryMemberOptions): Promise<RegistryUserMember[]> {
    return listUserMembers(this.#members(), options);
  }

  override async teamMembers(options?: RegistryMemberOptions): Promise<RegistryTeamMember[]> {
    return listTeamMembers(this.#members(), options);
  }

  override async addMembers(...members: RegistryMemberLike[]): Promise<this> {
    await changeMembers(this.#members(), 'add', members);
    return this;
  }

  override async removeMembers(...members: RegistryMemberLike[]): Promise<this> {
    await changeMembers(this.#members(), 'remove', members);
    return this;
  }

  override async updateMember(
    member: RegistryMemberLike,
    role: RegistryRole | (string & {}),
    options?: RegistryMemberOptions,
  ): Promise<this> {
    await updateMemberRole(this.#members(), member, role, options);
    return this;
  }
}
