/**
 * Registries over GraphQL, the reads (notes R1–R6, §8.2, §8.5): `Entity.projects(filters, order)`
 * (the registries of an org entity), `Entity.artifactCollections(projectFilters, filters, ...)`
 * and `Entity.artifactMemberships(projectFilters, collectionFilters, filters)` (one query over
 * every matching registry), `Project.allowAllArtifactTypesInRegistry`, and `User.projects` (the
 * viewer's projects, for the legacy automation walk).
 *
 * The projects listing of an organization's org entity holds only its registries (the
 * `wandb-registry-*` projects); the collections and versions listings of an entity look only at
 * the projects that listing holds. A `restricted` registry is visible to its members only
 * (`members.ts`).
 *
 * @example
 * ```ts
 * import { registryResolvers } from './resolvers.js';
 * ```
 * @module
 */
import { handles, pageArgs, type EmulatorResolvers } from '../../graphql/arguments.js';
import { byCreation, connectionOf, paginate, type SortKey } from '../../graphql/connections.js';
import type { FeatureGates } from '../../graphql/feature-arguments.js';
import type { EmulatorStore } from '../../store/store.js';
import { parseListOrder, type ListOrderSpec } from '../artifacts/filters.js';
import {
  aliasesOfMembership,
  artifactOf,
  collectionsOf,
  ensureType,
  membershipsOf,
  typesOf,
} from '../artifacts/model.js';
import type { ArtifactTypeRecord, CollectionRecord, MembershipRecord } from '../artifacts/records.js';
import { organizationOfOrgEntity } from '../organizations/seed.js';
import type { ProjectRecord } from '../projects/records.js';
import type { EntityRecord } from '../users/records.js';
import {
  compileRegistryCollectionFilter,
  compileRegistryFilter,
  compileRegistryVersionFilter,
} from './filters.js';
import { projectVisible } from './members.js';
import { isRegistry } from './records.js';

const millis = (timestamp: string): number => Date.parse(timestamp);

/**
 * What a server without one of the registry features lacks in its schema (notes §8.6):
 * - `ARTIFACT_COLLECTIONS_FILTERING_SORTING`: `Organization.advancedRegistryFeatures`;
 * - `INCLUDE_ARTIFACT_TYPES_IN_REGISTRY_CREATION`: `UpsertModelInput.allowAllArtifactTypesInRegistry`
 *   and `artifactTypes`.
 * (`ARTIFACT_REGISTRY_SEARCH` gates nothing on the server: the client checks it.)
 *
 * @example
 * ```ts
 * registryFeatureGates.fields.map((f) => f.field); // ['Organization.advancedRegistryFeatures']
 * ```
 */
export const registryFeatureGates: Pick<FeatureGates, 'fields' | 'inputFields'> = {
  fields: [
    { feature: 'ARTIFACT_COLLECTIONS_FILTERING_SORTING', field: 'Organization.advancedRegistryFeatures' },
  ],
  inputFields: [
    {
      feature: 'INCLUDE_ARTIFACT_TYPES_IN_REGISTRY_CREATION',
      inputField: 'UpsertModelInput.allowAllArtifactTypesInRegistry',
    },
    { feature: 'INCLUDE_ARTIFACT_TYPES_IN_REGISTRY_CREATION', inputField: 'UpsertModelInput.artifactTypes' },
  ],
};

/** Orders of the registry and registry-collection listings (the official client's `name | created_at | updated_at`). */
const REGISTRY_ORDER: ListOrderSpec = {
  fields: {
    name: 'name',
    created_at: 'createdAt',
    updated_at: 'updatedAt',
    createdAt: 'createdAt',
    updatedAt: 'updatedAt',
  },
  default: '+createdAt',
};

const COLLECTION_ORDER: ListOrderSpec = { ...REGISTRY_ORDER, default: '-createdAt' };

/** Orders of the registry versions listing (never sent by the official client). */
const VERSION_ORDER: ListOrderSpec = {
  fields: {
    created_at: 'createdAt',
    createdAt: 'createdAt',
    version_index: 'versionIndex',
    versionIndex: 'versionIndex',
  },
  default: '-createdAt',
};

function sortKey(
  record: { id: number; name?: string; createdAt: string; updatedAt?: string },
  field: string,
): SortKey {
  const value =
    field === 'name'
      ? (record.name ?? '')
      : millis(field === 'updatedAt' ? (record.updatedAt ?? record.createdAt) : record.createdAt);
  return { missing: false, value, createdAt: record.createdAt, id: record.id };
}

/**
 * The projects `Entity.projects` lists: an org entity's registries (the restricted ones only
 * when the viewer is a member), or every project of another entity.
 *
 * @example
 * ```ts
 * entityProjects(store, 'acme-org').map((p) => p.name); // ['wandb-registry-models']
 * ```
 */
export function entityProjects(store: EmulatorStore, entityName: string): ProjectRecord[] {
  const projects = store.projectsOfEntity(entityName);
  return organizationOfOrgEntity(store, entityName)
    ? projects.filter((p) => isRegistry(p) && projectVisible(store, p))
    : projects;
}

/** The projects of an entity matching a registry filter. */
function matchingProjects(store: EmulatorStore, entity: EntityRecord, filters: string | null | undefined) {
  const matches = compileRegistryFilter(filters);
  return entityProjects(store, entity.name).filter((p) =>
    matches({
      id: p.id,
      name: p.name,
      entityId: entity.id,
      description: p.description,
      createdAt: millis(p.createdAt),
      updatedAt: millis(p.updatedAt),
    }),
  );
}

function collectionsMatching(
  store: EmulatorStore,
  projects: ProjectRecord[],
  filters: string | null | undefined,
  collectionTypes: readonly string[] | null | undefined,
): CollectionRecord[] {
  const matches = compileRegistryCollectionFilter(filters);
  const kinds = collectionTypes?.map((t) => (t === 'SEQUENCE' ? 'sequence' : 'portfolio'));
  return projects
    .flatMap((p) => collectionsOf(store, p.id))
    .filter((c) => kinds === undefined || kinds.includes(c.kind))
    .filter((c) =>
      matches({
        id: c.id,
        name: c.name,
        tags: c.tags,
        description: c.description,
        createdAt: millis(c.createdAt),
        updatedAt: millis(c.updatedAt),
      }),
    );
}

function membershipsMatching(
  store: EmulatorStore,
  collections: CollectionRecord[],
  filters: string | null | undefined,
): MembershipRecord[] {
  const matches = compileRegistryVersionFilter(filters);
  return collections
    .flatMap((c) => membershipsOf(store, c))
    .filter((m) => {
      const artifact = artifactOf(store, m);
      return matches({
        id: artifact.id,
        versionIndex: m.versionIndex,
        version: `v${m.versionIndex}`,
        tags: artifact.tags,
        aliases: aliasesOfMembership(store, m).map((a) => a.alias),
        metadata: artifact.metadata,
        createdAt: millis(artifact.createdAt),
        updatedAt: millis(artifact.updatedAt),
        size: artifact.size,
      });
    });
}

/**
 * The read resolvers of the registries domain.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(artifactResolvers, registryResolvers);
 * ```
 */
export const registryResolvers: EmulatorResolvers = {
  Entity: {
    project: handles(['name'], (entity, args, { store }) => {
      const project = typeof args.name === 'string' ? store.findProject(entity.name, args.name) : undefined;
      return project && projectVisible(store, project) ? project : null;
    }),
    projects: handles(['filters', 'order', 'after', 'first'], (entity, args, { store }) => {
      const order = parseListOrder(args.order, REGISTRY_ORDER);
      const projects = matchingProjects(store, entity, args.filters);
      const page = paginate(
        projects,
        (p) => sortKey(p, order.field),
        order.tag,
        order.direction,
        pageArgs(args),
      );
      return connectionOf(page, (p) => p);
    }),
    artifactCollections: handles(
      ['projectFilters', 'filters', 'collectionTypes', 'order', 'after', 'first'],
      (entity, args, { store }) => {
        const order = parseListOrder(args.order, COLLECTION_ORDER);
        const projects = matchingProjects(store, entity, args.projectFilters);
        const collections = collectionsMatching(store, projects, args.filters, args.collectionTypes);
        const page = paginate(
          collections,
          (c) => sortKey(c, order.field),
          order.tag,
          order.direction,
          pageArgs(args),
        );
        return { totalCount: page.totalCount, ...connectionOf(page, (c) => c) };
      },
    ),
    artifactMemberships: handles(
      ['projectFilters', 'collectionFilters', 'filters', 'order', 'after', 'first'],
      (entity, args, { store }) => {
        const order = parseListOrder(args.order, VERSION_ORDER);
        const projects = matchingProjects(store, entity, args.projectFilters);
        const collections = collectionsMatching(store, projects, args.collectionFilters, null);
        const memberships = membershipsMatching(store, collections, args.filters);
        const page = paginate(
          memberships,
          (m) =>
            order.field === 'versionIndex'
              ? { missing: false, value: m.versionIndex, createdAt: m.createdAt, id: m.id }
              : sortKey(m, 'createdAt'),
          order.tag,
          order.direction,
          pageArgs(args),
        );
        return connectionOf(page, (m) => m);
      },
    ),
  },
  Project: {
    allowAllArtifactTypesInRegistry: (project) => project.allowAllArtifactTypesInRegistry,
  },
  User: {
    // `restrictTo` keeps its default (OWNED): the projects of the user's own entity.
    projects: handles(['after', 'first'], (user, args, { store }) =>
      connectionOf(
        paginate(store.projectsOfEntity(user.username), byCreation, 'userProjects', 1, pageArgs(args)),
        (p) => p,
      ),
    ),
  },
};

/**
 * The artifact types `Project.artifactTypes` lists. With `includeAll: true`: for a registry that
 * allows only some types, those; otherwise every type of the project (saved for the registry or
 * used by a collection). Without it, the types used by a collection, plus any not saved for a
 * registry (the 2024 listing: every type the project's artifacts created).
 *
 * @example
 * ```ts
 * projectArtifactTypes(store, registry, true).map((t) => t.name); // ['model']
 * ```
 */
export function projectArtifactTypes(
  store: EmulatorStore,
  project: ProjectRecord,
  includeAll: boolean,
): ArtifactTypeRecord[] {
  const types = typesOf(store, project.id);
  if (includeAll) {
    if (isRegistry(project) && !project.allowAllArtifactTypesInRegistry) {
      return types.filter((t) => project.registryArtifactTypes.includes(t.name));
    }
    return types;
  }
  const used = new Set(collectionsOf(store, project.id).map((c) => c.typeId));
  return types.filter((t) => used.has(t.id) || !project.registryArtifactTypes.includes(t.name));
}

/**
 * Saves artifact types for a registry (add-only): each gets its `ArtifactType` in the project.
 *
 * @example
 * ```ts
 * saveRegistryTypes(store, project, ['model']);
 * ```
 */
export function saveRegistryTypes(
  store: EmulatorStore,
  project: ProjectRecord,
  names: readonly string[],
): void {
  for (const name of names) {
    ensureType(store, project, name);
    if (!project.registryArtifactTypes.includes(name)) project.registryArtifactTypes.push(name);
  }
}
