/**
 * Artifacts over GraphQL, the reads (wandb-ops.md §6.7, §7.4–§7.7; the protocol notes' R1–R18):
 * `Project` (`artifactType(s)`, `artifact(name)`, `artifactCollection(s)`,
 * `artifactCollectionMembership(name)`), `Query.artifact(id)` / `artifactCollection(id)` /
 * `artifactSequence(id)`, `ArtifactType`, `ArtifactSequence` and `ArtifactPortfolio`,
 * `ArtifactCollectionMembership` (with its `files`), `Artifact`, `ArtifactAlias`, `Tag`,
 * `ArtifactManifest`, and `Run.outputArtifacts` / `Run.inputArtifacts`.
 *
 * Lookups that find nothing answer `null`, never an error. Listings page with opaque cursors and
 * give `totalCount` where the schema has it; PENDING and DELETED versions are in none of them.
 *
 * @example
 * ```ts
 * import { artifactResolvers } from './resolvers.js';
 * ```
 * @module
 */
import { handles, pageArgs, type EmulatorResolvers } from '../../graphql/arguments.js';
import {
  byCreation,
  connectionOf,
  paginate,
  type PageArgs,
  type SortKey,
} from '../../graphql/connections.js';
import type { EmulatorContext } from '../../graphql/context.js';
import type { FeatureArgument, FeatureField, FeatureInputField } from '../../graphql/feature-arguments.js';
import { globalId } from '../../graphql/ids.js';
import { stringifyJsonString } from '../../graphql/json-string.js';
import type { EmulatorStore } from '../../store/store.js';
import type { FileView } from '../files/records.js';
import type { ProjectRecord } from '../projects/records.js';
import type { RunRecord } from '../runs/records.js';
import { projectArtifactTypes } from '../registries/resolvers.js';
import {
  COLLECTION_ORDER,
  compileCollectionFilter,
  compileVersionFilter,
  parseListOrder,
  VERSION_ORDER,
  type ListOrder,
} from './filters.js';
import {
  aliasesOfCollection,
  aliasesOfMembership,
  artifactOf,
  collectionOf,
  collectionsOf,
  findArtifact,
  findCollection,
  findCollectionById,
  findType,
  membershipsOf,
  membershipsOfArtifact,
  projectOf,
  resolveMembership,
  sequenceOf,
  typeOf,
} from './model.js';
import { splitMembershipName } from './names.js';
import type {
  AliasView,
  ArtifactRecord,
  ArtifactTypeRecord,
  CollectionRecord,
  MembershipRecord,
} from './records.js';

/**
 * The server feature that gates filtering and ordering collection listings.
 *
 * @example
 * ```ts
 * store.features.get(COLLECTIONS_FILTERING_FEATURE); // true by default
 * ```
 */
export const COLLECTIONS_FILTERING_FEATURE = 'ARTIFACT_COLLECTIONS_FILTERING_SORTING';

/**
 * What a server without one of the artifact features lacks in its schema (notes §2): a document
 * that names one fails validation, as on that older server.
 * - `ARTIFACT_COLLECTIONS_FILTERING_SORTING`: `Project.artifactCollections(filters:)`;
 * - `TOTAL_COUNT_IN_FILE_CONNECTION`: `FileConnection.totalCount`;
 * - `ARTIFACT_MEMBERSHIP_IN_LINK_ARTIFACT_RESPONSE`: `LinkArtifactPayload.artifactMembership`;
 * - `PROJECT_ARTIFACT_COLLECTION_MEMBERSHIP`: `Project.artifactCollectionMembership`;
 * - `USE_ARTIFACT_WITH_ENTITY_AND_PROJECT_INFORMATION`: `UseArtifactInput.artifactEntityName` and
 *   `artifactProjectName`.
 *
 * @example
 * ```ts
 * artifactFeatureGates.fields.map((f) => f.field); // ['FileConnection.totalCount', ...]
 * ```
 */
export const artifactFeatureGates: {
  arguments: readonly FeatureArgument[];
  fields: readonly FeatureField[];
  inputFields: readonly FeatureInputField[];
} = {
  arguments: [
    { feature: COLLECTIONS_FILTERING_FEATURE, field: 'Project.artifactCollections', argument: 'filters' },
  ],
  fields: [
    { feature: 'TOTAL_COUNT_IN_FILE_CONNECTION', field: 'FileConnection.totalCount' },
    {
      feature: 'ARTIFACT_MEMBERSHIP_IN_LINK_ARTIFACT_RESPONSE',
      field: 'LinkArtifactPayload.artifactMembership',
    },
    { feature: 'PROJECT_ARTIFACT_COLLECTION_MEMBERSHIP', field: 'Project.artifactCollectionMembership' },
  ],
  inputFields: [
    {
      feature: 'USE_ARTIFACT_WITH_ENTITY_AND_PROJECT_INFORMATION',
      inputField: 'UseArtifactInput.artifactEntityName',
    },
    {
      feature: 'USE_ARTIFACT_WITH_ENTITY_AND_PROJECT_INFORMATION',
      inputField: 'UseArtifactInput.artifactProjectName',
    },
  ],
};

function millis(timestamp: string): number {
  return Date.parse(timestamp);
}

/** The membership a `collection:alias` name reaches in a project (only collections of `type` when given). */
function membershipByName(
  store: EmulatorStore,
  projectId: number,
  name: string,
  type?: ArtifactTypeRecord,
): MembershipRecord | undefined {
  const { collection: collectionName, alias } = splitMembershipName(name);
  const collection = findCollection(store, projectId, collectionName);
  if (!collection || (type && collection.typeId !== type.id)) return undefined;
  return resolveMembership(store, collection, alias);
}

/** Refuses `filters` and `order` on collection listings of a server without the feature. */
function checkCollectionsFiltering(
  store: EmulatorStore,
  args: { filters?: string | null; order?: string | null },
): void {
  if (store.features.get(COLLECTIONS_FILTERING_FEATURE) === true) return;
  if ((args.filters ?? null) !== null || (args.order ?? null) !== null) {
    throw new Error(
      `This server does not support filtering and ordering artifact collections (${COLLECTIONS_FILTERING_FEATURE} is off)`,
    );
  }
}

function collectionSortKey(collection: CollectionRecord, order: ListOrder): SortKey {
  const value =
    order.field === 'name'
      ? collection.name
      : millis(order.field === 'updatedAt' ? collection.updatedAt : collection.createdAt);
  return { missing: false, value, createdAt: collection.createdAt, id: collection.id };
}

/** A page of collections, filtered and ordered. */
function collectionsPage(
  store: EmulatorStore,
  collections: CollectionRecord[],
  args: PageArgs & {
    filters?: string | null;
    order?: string | null;
    collectionTypes?: readonly string[] | null;
  },
) {
  checkCollectionsFiltering(store, args);
  const order = parseListOrder(args.order, COLLECTION_ORDER);
  const matches = compileCollectionFilter(args.filters);
  const kinds = args.collectionTypes?.map((t) => (t === 'SEQUENCE' ? 'sequence' : 'portfolio'));
  const selected = collections.filter(
    (c) =>
      (!kinds || kinds.length === 0 || kinds.includes(c.kind)) &&
      matches({
        name: c.name,
        description: c.description,
        tags: c.tags,
        type: typeOf(store, c).name,
        createdAt: millis(c.createdAt),
        updatedAt: millis(c.updatedAt),
      }),
  );
  const page = paginate(
    selected,
    (c) => collectionSortKey(c, order),
    order.tag,
    order.direction,
    pageArgs(args),
  );
  return { totalCount: page.totalCount, ...connectionOf(page, (c) => c) };
}

function versionSortKey(membership: MembershipRecord, artifact: ArtifactRecord, order: ListOrder): SortKey {
  const value =
    order.field === 'versionIndex'
      ? membership.versionIndex
      : order.field === 'size'
        ? artifact.size
        : millis(order.field === 'updatedAt' ? artifact.updatedAt : artifact.createdAt);
  return { missing: false, value, createdAt: membership.createdAt, id: membership.id };
}

/** A page of the versions of a collection, filtered and ordered, each edge with its `vN` there. */
function versionsPage(
  store: EmulatorStore,
  collection: CollectionRecord,
  args: PageArgs & { filters?: string | null; order?: string | null },
) {
  const order = parseListOrder(args.order, VERSION_ORDER);
  const matches = compileVersionFilter(args.filters);
  const selected = membershipsOf(store, collection)
    .map((membership) => ({ membership, artifact: artifactOf(store, membership) }))
    .filter(({ membership, artifact }) =>
      matches({
        state: artifact.state,
        versionIndex: membership.versionIndex,
        version: `v${membership.versionIndex}`,
        aliases: aliasesOfMembership(store, membership).map((a) => a.alias),
        tags: artifact.tags,
        digest: artifact.digest,
        commitHash: artifact.commitHash,
        description: artifact.description,
        size: artifact.size,
        metadata: artifact.metadata,
        createdAt: millis(artifact.createdAt),
        updatedAt: millis(artifact.updatedAt),
      }),
    );
  const page = paginate(
    selected,
    ({ membership, artifact }) => versionSortKey(membership, artifact, order),
    order.tag,
    order.direction,
    pageArgs(args),
  );
  return {
    totalCount: page.totalCount,
    pageInfo: page.pageInfo,
    edges: page.edges.map((e) => ({
      node: e.node.artifact,
      version: `v${e.node.membership.versionIndex}`,
      cursor: e.cursor,
    })),
  };
}

/**
 * A page of the stored files of a committed version, by path (only `names` when a non-empty list
 * is given), with `totalCount`. References are not listed: the server never registers them.
 *
 * @example
 * ```ts
 * artifactFilesPage(artifact, { names: ['train.csv'], first: 1 }).edges[0]?.node;
 * ```
 */
export function artifactFilesPage(
  artifact: ArtifactRecord,
  args: PageArgs & { names?: readonly string[] | null },
) {
  const wanted = args.names && args.names.length > 0 ? new Set(args.names) : null;
  const files = [...artifact.files.values()].filter((f) => wanted === null || wanted.has(f.path));
  const page = paginate(
    files,
    (f) => ({ missing: false, value: f.path, createdAt: '', id: f.id }),
    '+name',
    1,
    pageArgs(args),
  );
  return {
    uploadHeaders: [],
    totalCount: page.totalCount,
    ...connectionOf(page, (file): FileView => ({ kind: 'artifactFile', artifact, file })),
  };
}

/** The memberships of an artifact in collections named `name` (or all when no name is given). */
function membershipsNamed(store: EmulatorStore, artifact: ArtifactRecord, name: string | null | undefined) {
  const all = membershipsOfArtifact(store, artifact);
  return name === null || name === undefined ? all : all.filter((m) => collectionOf(store, m).name === name);
}

/** A page of runs (`Artifact.usedBy`), in the order they used it. */
function runsPage(store: EmulatorStore, runs: RunRecord[], args: PageArgs) {
  const page = paginate(
    runs,
    (run) => ({ missing: false, value: runs.indexOf(run), createdAt: '', id: run.id }),
    'usedBy',
    1,
    pageArgs(args),
  );
  return { totalCount: page.totalCount, pageInfo: page.pageInfo, edges: page.edges };
}

function existingRuns(store: EmulatorStore, ids: readonly number[]): RunRecord[] {
  return ids.map((id) => store.runs.get(id)).filter((r): r is RunRecord => r !== undefined);
}

/** The fields ArtifactSequence and ArtifactPortfolio share. */
const collectionFields = {
  id: (c: CollectionRecord) => globalId('ArtifactCollection', c.id),
  name: (c: CollectionRecord) => c.name,
  description: (c: CollectionRecord) => c.description,
  createdAt: (c: CollectionRecord) => c.createdAt,
  updatedAt: (c: CollectionRecord) => c.updatedAt,
  state: (c: CollectionRecord) => c.state,
  project: (c: CollectionRecord, _args: unknown, { store }: EmulatorContext) => projectOf(store, c),
  defaultArtifactType: (c: CollectionRecord, _args: unknown, { store }: EmulatorContext) => typeOf(store, c),
  artifacts: handles(
    ['after', 'first', 'order', 'filters'],
    (
      c: CollectionRecord,
      args: PageArgs & { order?: string | null; filters?: string | null },
      { store }: EmulatorContext,
    ) => versionsPage(store, c, args),
  ),
  aliases: handles(['after', 'first'], (c: CollectionRecord, args: PageArgs, { store }: EmulatorContext) => {
    const aliases = aliasesOfCollection(store, c).map((a): AliasView => {
      const membership = store.artifacts.memberships.get(a.membershipId);
      if (!membership) throw new Error(`Alias ${a.alias} names a membership missing from the store`);
      return { id: a.id, alias: a.alias, membership, isVersion: false };
    });
    return connectionOf(paginate(aliases, byCreation, 'aliases', 1, pageArgs(args), 1000), (a) => a);
  }),
  artifactMemberships: handles(
    ['after', 'first'],
    (c: CollectionRecord, args: PageArgs, { store }: EmulatorContext) => {
      const memberships = membershipsOf(store, c);
      const page = paginate(
        memberships,
        (m) => ({ missing: false, value: m.versionIndex, createdAt: m.createdAt, id: m.id }),
        '-versionIndex',
        -1,
        pageArgs(args),
      );
      return connectionOf(page, (m) => m);
    },
  ),
  artifactMembership: handles(
    ['aliasName'],
    (c: CollectionRecord, args: { aliasName: string }, { store }: EmulatorContext) =>
      resolveMembership(store, c, args.aliasName) ?? null,
  ),
  tags: handles(['after', 'first'], (c: CollectionRecord, args: PageArgs, { store }: EmulatorContext) => {
    const tags = c.tags.map((name) => store.artifacts.tags.get(name)).filter((t) => t !== undefined);
    return connectionOf(paginate(tags, byCreation, 'tags', 1, pageArgs(args), 1000), (t) => t);
  }),
};

/** The project's own artifact fields. */
function projectArtifactCollections(
  store: EmulatorStore,
  project: ProjectRecord,
  args: PageArgs & {
    filters?: string | null;
    order?: string | null;
    collectionTypes?: readonly string[] | null;
  },
) {
  return collectionsPage(store, collectionsOf(store, project.id), args);
}

/**
 * The read resolvers of the artifacts domain (its writes are in `mutations.ts` and `publish.ts`).
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(projectResolvers, artifactResolvers);
 * ```
 */
export const artifactResolvers: EmulatorResolvers = {
  Query: {
    artifact: handles(['id'], (_root, args, { store }) => findArtifact(store, args.id) ?? null),
    artifactCollection: handles(
      ['id'],
      (_root, args, { store }) => findCollectionById(store, args.id) ?? null,
    ),
    artifactSequence: handles(['id'], (_root, args, { store }) => {
      const collection = findCollectionById(store, args.id);
      return collection?.kind === 'sequence' ? collection : null;
    }),
  },
  Project: {
    artifactType: handles(
      ['name'],
      (project, args, { store }) => findType(store, project.id, args.name) ?? null,
    ),
    artifactTypes: handles(['after', 'first', 'includeAll'], (project, args, { store }) =>
      connectionOf(
        paginate(
          projectArtifactTypes(store, project, args.includeAll === true),
          byCreation,
          'artifactTypes',
          1,
          pageArgs(args),
        ),
        (t) => t,
      ),
    ),
    artifact: handles(['name'], (project, args, { store }) => {
      const membership = membershipByName(store, project.id, args.name);
      return membership ? artifactOf(store, membership) : null;
    }),
    artifactCollection: handles(
      ['name'],
      (project, args, { store }) => findCollection(store, project.id, args.name) ?? null,
    ),
    artifactCollectionMembership: handles(
      ['name'],
      (project, args, { store }) => membershipByName(store, project.id, args.name) ?? null,
    ),
    artifactCollections: handles(
      ['after', 'first', 'order', 'filters', 'collectionTypes'],
      (project, args, { store }) => projectArtifactCollections(store, project, args),
    ),
  },
  ArtifactType: {
    id: (type) => globalId('ArtifactType', type.id),
    name: (type) => type.name,
    description: (type) => type.description,
    createdAt: (type) => type.createdAt,
    project: (type, _args, { store }) => {
      const project = store.projects.get(type.projectId);
      if (!project) throw new Error(`The project of artifact type ${type.name} is missing from the store`);
      return project;
    },
    artifact: handles(['name'], (type, args, { store }) => {
      const membership = membershipByName(store, type.projectId, args.name, type);
      return membership ? artifactOf(store, membership) : null;
    }),
    artifactCollection: handles(['name'], (type, args, { store }) => {
      const collection = findCollection(store, type.projectId, args.name);
      return collection?.typeId === type.id ? collection : null;
    }),
    artifactSequence: handles(['name'], (type, args, { store }) => {
      const collection = findCollection(store, type.projectId, args.name);
      return collection?.typeId === type.id && collection.kind === 'sequence' ? collection : null;
    }),
    artifactCollections: handles(
      ['after', 'first', 'order', 'filters', 'collectionTypes'],
      (type, args, { store }) =>
        collectionsPage(
          store,
          collectionsOf(store, type.projectId).filter((c) => c.typeId === type.id),
          args,
        ),
    ),
  },
  ArtifactCollection: {
    __resolveType: (c) => (c.kind === 'sequence' ? 'ArtifactSequence' : 'ArtifactPortfolio'),
  },
  ArtifactSequence: {
    ...collectionFields,
    latestArtifact: (c, _args, { store }) => {
      const newest = membershipsOf(store, c).at(-1);
      return newest ? artifactOf(store, newest) : null;
    },
  },
  ArtifactPortfolio: { ...collectionFields },
  ArtifactCollectionMembership: {
    id: (m) => globalId('ArtifactCollectionMembership', m.id),
    artifactCollection: (m, _args, { store }) => collectionOf(store, m),
    artifact: (m, _args, { store }) => artifactOf(store, m),
    createdAt: (m) => m.createdAt,
    commitHash: (m, _args, { store }) => artifactOf(store, m).commitHash,
    versionIndex: (m) => m.versionIndex,
    aliases: (m, _args, { store }) => aliasesOfMembership(store, m),
    files: handles(['names', 'after', 'first'], (m, args, { store }) =>
      artifactFilesPage(artifactOf(store, m), args),
    ),
  },
  Artifact: {
    id: (a) => globalId('Artifact', a.id),
    digest: (a) => a.digest,
    description: (a) => a.description,
    commitHash: handles(['artifactCollectionName'], (a, args, { store }) =>
      membershipsNamed(store, a, args.artifactCollectionName).length > 0 || !args.artifactCollectionName
        ? a.commitHash
        : null,
    ),
    versionIndex: handles(['artifactCollectionName'], (a, args, { store }) => {
      const [membership] = args.artifactCollectionName
        ? membershipsNamed(store, a, args.artifactCollectionName)
        : membershipsOfArtifact(store, a).filter((m) => m.collectionId === a.sequenceId);
      return membership?.versionIndex ?? null;
    }),
    aliases: handles(['artifactCollectionName'], (a, args, { store }) =>
      membershipsNamed(store, a, args.artifactCollectionName).flatMap((m) => aliasesOfMembership(store, m)),
    ),
    metadata: (a) => (a.metadata === null ? null : stringifyJsonString(a.metadata)),
    state: (a) => a.state,
    size: (a) => a.size,
    storageBytes: (a) => [...a.files.values()].reduce((sum, f) => sum + f.size, 0),
    fileCount: (a) => a.fileCount,
    artifactType: (a, _args, { store }) => typeOf(store, sequenceOf(store, a)),
    artifactSequence: (a, _args, { store }) => sequenceOf(store, a),
    artifactCollections: (a, _args, { store }) => {
      const collections = membershipsOfArtifact(store, a).map((m) => collectionOf(store, m));
      const page = paginate(collections, byCreation, 'artifactCollections', 1, { first: collections.length });
      return { totalCount: page.totalCount, ...connectionOf(page, (c) => c) };
    },
    artifactMemberships: (a, _args, { store }) => {
      const memberships = membershipsOfArtifact(store, a);
      const page = paginate(
        memberships,
        (m) => ({ missing: false, value: memberships.indexOf(m), createdAt: '', id: m.id }),
        'artifactMemberships',
        1,
        { first: memberships.length },
      );
      return connectionOf(page, (m) => m);
    },
    createdAt: (a) => a.createdAt,
    updatedAt: (a) => a.updatedAt,
    createdBy: (a, _args, { store }) =>
      a.createdBy.kind === 'run'
        ? (store.runs.get(a.createdBy.runId) ?? null)
        : (store.findUser(a.createdBy.username) ?? null),
    usedCount: (a, _args, { store }) =>
      existingRuns(
        store,
        a.usedBy.map((u) => u.runId),
      ).length,
    usedBy: handles(['after', 'first'], (a, args, { store }) =>
      runsPage(
        store,
        existingRuns(
          store,
          [...a.usedBy].sort((x, y) => x.order - y.order).map((u) => u.runId),
        ),
        args,
      ),
    ),
    currentManifest: (a, _args, { store }) =>
      (a.manifestId === null ? undefined : store.artifacts.manifests.get(a.manifestId)) ?? null,
    files: handles(['names', 'after', 'first'], (a, args) => artifactFilesPage(a, args)),
    historyStep: (a) => a.historyStep,
    ttlDurationSeconds: (a) => a.ttlDurationSeconds,
    ttlIsInherited: (a) => a.ttlIsInherited,
    tags: (a, _args, { store }) =>
      a.tags.map((name) => store.artifacts.tags.get(name)).filter((t) => t !== undefined),
  },
  Initiator: {
    __resolveType: (initiator) => ('projectId' in initiator ? 'Run' : 'User'),
  },
  ArtifactAlias: {
    id: (view) => globalId('ArtifactAlias', view.id),
    alias: (view) => view.alias,
    artifactCollectionName: (view, _args, { store }) => collectionOf(store, view.membership).name,
    artifactCollection: (view, _args, { store }) => collectionOf(store, view.membership),
    artifact: (view, _args, { store }) => artifactOf(store, view.membership),
  },
  Tag: {
    id: (tag) => globalId('Tag', tag.id),
    name: (tag) => tag.name,
    attributes: () => '{}',
  },
  ArtifactManifest: {
    id: (manifest) => globalId('ArtifactManifest', manifest.id),
    type: (manifest) => manifest.type,
    createdAt: (manifest) => manifest.createdAt,
    digest: (manifest) => manifest.digest,
    artifact: (manifest, _args, { store }) => {
      const artifact = store.artifacts.artifacts.get(manifest.artifactId);
      if (!artifact) throw new Error(`The artifact of manifest ${manifest.id} is missing from the store`);
      return artifact;
    },
    file: (manifest) => ({ kind: 'artifactManifest', manifest }),
  },
  Run: {
    outputArtifacts: handles(['after', 'first'], (run, args, { store }) => {
      const artifacts = [...store.artifacts.artifacts.values()].filter(
        (a) => a.state === 'COMMITTED' && a.outputRunIds.includes(run.id),
      );
      const page = paginate(artifacts, byCreation, 'outputArtifacts', 1, pageArgs(args), 100);
      return { totalCount: page.totalCount, ...connectionOf(page, (a) => a) };
    }),
    inputArtifacts: handles(['after', 'first'], (run, args, { store }) => {
      const uses = [...store.artifacts.artifacts.values()]
        .filter((a) => a.state === 'COMMITTED')
        .flatMap((artifact) =>
          artifact.usedBy.filter((u) => u.runId === run.id).map((use) => ({ artifact, use })),
        );
      const page = paginate(
        uses,
        ({ use }) => ({ missing: false, value: use.order, createdAt: '', id: use.order }),
        'inputArtifacts',
        1,
        pageArgs(args),
        100,
      );
      return {
        totalCount: page.totalCount,
        pageInfo: page.pageInfo,
        edges: page.edges.map((e) => ({
          node: e.node.artifact,
          usedAs: [...e.node.use.usedAs],
          cursor: e.cursor,
        })),
      };
    }),
  },
  ArtifactTypeConnection: { pageInfo: (c) => c.pageInfo, edges: (c) => c.edges },
  ArtifactTypeEdge: { node: (e) => e.node ?? null, cursor: (e) => e.cursor },
  ArtifactCollectionConnection: {
    totalCount: (c) => c.totalCount,
    pageInfo: (c) => c.pageInfo,
    edges: (c) => c.edges,
  },
  ArtifactCollectionEdge: { node: (e) => e.node ?? null, cursor: (e) => e.cursor },
  VersionedArtifactConnection: {
    totalCount: (c) => c.totalCount,
    pageInfo: (c) => c.pageInfo,
    edges: (c) => c.edges,
  },
  VersionedArtifactEdge: { node: (e) => e.node, version: (e) => e.version, cursor: (e) => e.cursor },
  ArtifactAliasConnection: { pageInfo: (c) => c.pageInfo, edges: (c) => c.edges },
  ArtifactAliasEdge: { node: (e) => e.node ?? null, cursor: (e) => e.cursor },
  ArtifactCollectionMembershipConnection: { pageInfo: (c) => c.pageInfo, edges: (c) => c.edges },
  ArtifactCollectionMembershipEdge: { node: (e) => e.node ?? null, cursor: (e) => e.cursor },
  TagConnection: { pageInfo: (c) => c.pageInfo, edges: (c) => c.edges },
  TagEdge: { node: (e) => e.node, cursor: (e) => e.cursor },
  ArtifactConnection: { totalCount: (c) => c.totalCount, pageInfo: (c) => c.pageInfo, edges: (c) => c.edges },
  ArtifactEdge: { node: (e) => e.node ?? null, cursor: (e) => e.cursor },
  InputArtifactConnection: {
    totalCount: (c) => c.totalCount,
    pageInfo: (c) => c.pageInfo,
    edges: (c) => c.edges,
  },
  InputArtifactEdge: { node: (e) => e.node ?? null, cursor: (e) => e.cursor, usedAs: (e) => e.usedAs },
};
