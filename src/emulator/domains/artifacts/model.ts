/**
 * The artifacts domain's rules over the store, shared by the seed, the resolvers and the writes:
 * types and collections created on demand, memberships and version indexes, alias resolution and
 * moves, `latest`, the content store, committing a version and deleting one.
 *
 * The rules (the emulator's decisions where the protocol leaves them open):
 * - a version gets its index (`vN`) when it is committed; a PENDING or DELETED version is in no
 *   collection: names, aliases, digests and listings never reach it;
 * - an alias names at most one version per collection: assigning it moves it; `latest` moves to
 *   each newly committed version, and in a portfolio to each new link; when the version it names
 *   leaves the collection it moves back to the newest one left;
 * - `collection:alias` resolves `vN`, then a custom alias, then a commit hash, then a digest;
 * - collection names are unique in a project across types and kinds.
 *
 * @example
 * ```ts
 * import { resolveMembership } from './model.js';
 * resolveMembership(store, collection, 'latest')?.versionIndex;
 * ```
 * @module
 */
import { createHash } from 'node:crypto';
import type { EmulatorStore } from '../../store/store.js';
import { toTimestamp } from '../../store/time.js';
import type { ProjectRecord } from '../projects/records.js';
import { guessMimetype } from '../files/records.js';
import { parseGlobalId, globalId } from '../../graphql/ids.js';
import { isVersionAlias } from './names.js';
import type {
  AliasRecord,
  AliasView,
  ArtifactCreator,
  ArtifactFileRecord,
  ArtifactRecord,
  ArtifactTypeRecord,
  CollectionKind,
  CollectionRecord,
  ManifestEntry,
  MembershipRecord,
  StoredContent,
  TagRecord,
} from './records.js';

/**
 * The project of a collection.
 *
 * @example
 * ```ts
 * projectOf(store, collection).entityName; // 'alice'
 * ```
 */
export function projectOf(store: EmulatorStore, collection: CollectionRecord): ProjectRecord {
  const project = store.projects.get(collection.projectId);
  if (!project) throw new Error(`The project of collection ${collection.name} is missing from the store`);
  return project;
}

/**
 * The type of a collection.
 *
 * @example
 * ```ts
 * typeOf(store, collection).name; // 'dataset'
 * ```
 */
export function typeOf(store: EmulatorStore, collection: CollectionRecord): ArtifactTypeRecord {
  const type = store.artifacts.types.get(collection.typeId);
  if (!type) throw new Error(`The type of collection ${collection.name} is missing from the store`);
  return type;
}

/**
 * The sequence an artifact was born in.
 *
 * @example
 * ```ts
 * sequenceOf(store, artifact).name; // 'mnist'
 * ```
 */
export function sequenceOf(store: EmulatorStore, artifact: ArtifactRecord): CollectionRecord {
  const sequence = store.artifacts.collections.get(artifact.sequenceId);
  if (!sequence) throw new Error(`The sequence of artifact ${artifact.id} is missing from the store`);
  return sequence;
}

/**
 * The entity whose content store holds an artifact's files: its sequence's project's entity.
 *
 * @example
 * ```ts
 * entityOf(store, artifact); // 'alice'
 * ```
 */
export function entityOf(store: EmulatorStore, artifact: ArtifactRecord): string {
  return projectOf(store, sequenceOf(store, artifact)).entityName;
}

/**
 * The global id of an artifact.
 *
 * @example
 * ```ts
 * artifactGlobalId(artifact); // base64 'Artifact:<id>'
 * ```
 */
export function artifactGlobalId(artifact: { id: number }): string {
  return globalId('Artifact', artifact.id);
}

/**
 * The artifact of a global id, or `undefined`.
 *
 * @example
 * ```ts
 * findArtifact(store, seeded.id)?.state; // 'COMMITTED'
 * ```
 */
export function findArtifact(store: EmulatorStore, id: unknown): ArtifactRecord | undefined {
  const n = parseGlobalId(id, 'Artifact');
  return n === undefined ? undefined : store.artifacts.artifacts.get(n);
}

/**
 * The collection (sequence or portfolio, not deleted) of a global id, or `undefined`.
 *
 * @example
 * ```ts
 * findCollectionById(store, link.collectionId)?.kind; // 'portfolio'
 * ```
 */
export function findCollectionById(store: EmulatorStore, id: unknown): CollectionRecord | undefined {
  const n = parseGlobalId(id, 'ArtifactCollection');
  const collection = n === undefined ? undefined : store.artifacts.collections.get(n);
  return collection?.state === 'READY' ? collection : undefined;
}

/**
 * The artifact type `name` of a project, or `undefined`.
 *
 * @example
 * ```ts
 * findType(store, project.id, 'dataset')?.id;
 * ```
 */
export function findType(
  store: EmulatorStore,
  projectId: number,
  name: string,
): ArtifactTypeRecord | undefined {
  for (const type of store.artifacts.types.values()) {
    if (type.projectId === projectId && type.name === name) return type;
  }
  return undefined;
}

/**
 * The types of a project, in creation order.
 *
 * @example
 * ```ts
 * typesOf(store, project.id).map((t) => t.name); // ['dataset', 'model']
 * ```
 */
export function typesOf(store: EmulatorStore, projectId: number): ArtifactTypeRecord[] {
  return [...store.artifacts.types.values()].filter((t) => t.projectId === projectId);
}

/**
 * The artifact type `name` of a project, created when missing.
 *
 * @example
 * ```ts
 * ensureType(store, project, 'model').name; // 'model'
 * ```
 */
export function ensureType(
  store: EmulatorStore,
  project: ProjectRecord,
  name: string,
  createdAt: string = toTimestamp(store.now()),
): ArtifactTypeRecord {
  const existing = findType(store, project.id, name);
  if (existing) return existing;
  const type: ArtifactTypeRecord = {
    id: store.nextId('artifactType'),
    projectId: project.id,
    name,
    description: null,
    createdAt,
  };
  store.artifacts.types.set(type.id, type);
  return type;
}

/**
 * The collection `name` of a project (not deleted), or `undefined`.
 *
 * @example
 * ```ts
 * findCollection(store, project.id, 'mnist')?.kind; // 'sequence'
 * ```
 */
export function findCollection(
  store: EmulatorStore,
  projectId: number,
  name: string,
): CollectionRecord | undefined {
  for (const collection of store.artifacts.collections.values()) {
    if (collection.projectId === projectId && collection.name === name && collection.state === 'READY') {
      return collection;
    }
  }
  return undefined;
}

/**
 * The collections of a project (not deleted), in creation order.
 *
 * @example
 * ```ts
 * collectionsOf(store, project.id).length;
 * ```
 */
export function collectionsOf(store: EmulatorStore, projectId: number): CollectionRecord[] {
  return [...store.artifacts.collections.values()].filter(
    (c) => c.projectId === projectId && c.state === 'READY',
  );
}

/**
 * The collection `name` of a project, created (of `kind` and `type`) when missing. Throws when it
 * exists with another type or kind.
 *
 * @example
 * ```ts
 * ensureCollection(store, project, 'sequence', 'dataset', 'mnist', 'seed.artifact');
 * ```
 */
export function ensureCollection(
  store: EmulatorStore,
  project: ProjectRecord,
  kind: CollectionKind,
  typeName: string,
  name: string,
  where: string,
  createdAt: string = toTimestamp(store.now()),
): CollectionRecord {
  const existing = findCollection(store, project.id, name);
  if (existing) {
    const existingType = typeOf(store, existing).name;
    if (existing.kind !== kind) {
      const what = existing.kind === 'sequence' ? 'an artifact sequence' : 'a portfolio of links';
      throw new Error(`${where}: ${project.entityName}/${project.name}/${name} is ${what}, not a ${kind}`);
    }
    if (existingType !== typeName) {
      throw new Error(
        `${where}: artifact collection ${project.entityName}/${project.name}/${name} has type ${existingType}, not ${typeName}`,
      );
    }
    return existing;
  }
  const type = ensureType(store, project, typeName, createdAt);
  const collection: CollectionRecord = {
    id: store.nextId('artifactCollection'),
    kind,
    projectId: project.id,
    typeId: type.id,
    name,
    description: null,
    tags: [],
    state: 'READY',
    nextVersionIndex: 0,
    createdAt,
    updatedAt: createdAt,
  };
  store.artifacts.collections.set(collection.id, collection);
  return collection;
}

/**
 * The memberships of a collection, by version index (oldest first).
 *
 * @example
 * ```ts
 * membershipsOf(store, collection).map((m) => m.versionIndex); // [0, 1, 2]
 * ```
 */
export function membershipsOf(store: EmulatorStore, collection: CollectionRecord): MembershipRecord[] {
  return [...store.artifacts.memberships.values()]
    .filter((m) => m.collectionId === collection.id)
    .sort((a, b) => a.versionIndex - b.versionIndex);
}

/**
 * The memberships of an artifact: its sequence's first, then its links in the order they were made.
 *
 * @example
 * ```ts
 * membershipsOfArtifact(store, artifact).length; // 2 for a version linked once
 * ```
 */
export function membershipsOfArtifact(store: EmulatorStore, artifact: ArtifactRecord): MembershipRecord[] {
  return [...store.artifacts.memberships.values()]
    .filter((m) => m.artifactId === artifact.id)
    .sort(
      (a, b) =>
        Number(b.collectionId === artifact.sequenceId) - Number(a.collectionId === artifact.sequenceId) ||
        a.id - b.id,
    );
}

/**
 * The membership of an artifact in a collection, or `undefined`.
 *
 * @example
 * ```ts
 * membershipIn(store, artifact, portfolio)?.versionIndex;
 * ```
 */
export function membershipIn(
  store: EmulatorStore,
  artifact: ArtifactRecord,
  collection: CollectionRecord,
): MembershipRecord | undefined {
  for (const m of store.artifacts.memberships.values()) {
    if (m.artifactId === artifact.id && m.collectionId === collection.id) return m;
  }
  return undefined;
}

/**
 * The artifact of a membership.
 *
 * @example
 * ```ts
 * artifactOf(store, membership).digest;
 * ```
 */
export function artifactOf(store: EmulatorStore, membership: MembershipRecord): ArtifactRecord {
  const artifact = store.artifacts.artifacts.get(membership.artifactId);
  if (!artifact) throw new Error(`The artifact of membership ${membership.id} is missing from the store`);
  return artifact;
}

/**
 * The collection of a membership.
 *
 * @example
 * ```ts
 * collectionOf(store, membership).name;
 * ```
 */
export function collectionOf(store: EmulatorStore, membership: MembershipRecord): CollectionRecord {
  const collection = store.artifacts.collections.get(membership.collectionId);
  if (!collection) throw new Error(`The collection of membership ${membership.id} is missing from the store`);
  return collection;
}

/**
 * The custom aliases of a collection (`latest` included), in the order they were first assigned.
 *
 * @example
 * ```ts
 * aliasesOfCollection(store, collection).map((a) => a.alias); // ['latest', 'production']
 * ```
 */
export function aliasesOfCollection(store: EmulatorStore, collection: CollectionRecord): AliasRecord[] {
  return [...store.artifacts.aliases.values()].filter((a) => a.collectionId === collection.id);
}

/**
 * The aliases of a membership: its custom aliases in the order they were first assigned, then its
 * version alias `vN`.
 *
 * @example
 * ```ts
 * aliasesOfMembership(store, membership).map((a) => a.alias); // ['latest', 'v3']
 * ```
 */
export function aliasesOfMembership(store: EmulatorStore, membership: MembershipRecord): AliasView[] {
  const custom = [...store.artifacts.aliases.values()]
    .filter((a) => a.membershipId === membership.id)
    .map((a): AliasView => ({ id: a.id, alias: a.alias, membership, isVersion: false }));
  return [
    ...custom,
    { id: membership.versionAliasId, alias: `v${membership.versionIndex}`, membership, isVersion: true },
  ];
}

/**
 * The membership `aliasName` names in a collection: `vN`, a custom alias, a commit hash or a
 * digest (in that order), or `undefined`.
 *
 * @example
 * ```ts
 * resolveMembership(store, collection, 'v0');
 * resolveMembership(store, collection, 'production');
 * resolveMembership(store, collection, artifact.digest);
 * ```
 */
export function resolveMembership(
  store: EmulatorStore,
  collection: CollectionRecord,
  aliasName: string,
): MembershipRecord | undefined {
  const memberships = membershipsOf(store, collection);
  if (isVersionAlias(aliasName)) {
    const index = Number(aliasName.slice(1));
    return memberships.find((m) => m.versionIndex === index);
  }
  const alias = aliasesOfCollection(store, collection).find((a) => a.alias === aliasName);
  if (alias) return store.artifacts.memberships.get(alias.membershipId);
  const newestFirst = [...memberships].reverse();
  return (
    newestFirst.find((m) => artifactOf(store, m).commitHash === aliasName) ??
    newestFirst.find((m) => artifactOf(store, m).digest === aliasName)
  );
}

/**
 * Assigns a custom alias to a membership of its collection, moving it from whichever version had it.
 *
 * @example
 * ```ts
 * assignAlias(store, membership, 'production');
 * ```
 */
export function assignAlias(store: EmulatorStore, membership: MembershipRecord, alias: string): void {
  for (const existing of store.artifacts.aliases.values()) {
    if (existing.collectionId === membership.collectionId && existing.alias === alias) {
      existing.membershipId = membership.id;
      return;
    }
  }
  const record: AliasRecord = {
    id: store.nextId('artifactAlias'),
    collectionId: membership.collectionId,
    alias,
    membershipId: membership.id,
  };
  store.artifacts.aliases.set(record.id, record);
}

/**
 * Removes a custom alias from a membership (nothing when the membership does not have it).
 * Returns whether it was removed.
 *
 * @example
 * ```ts
 * removeAlias(store, membership, 'staging'); // true
 * ```
 */
export function removeAlias(store: EmulatorStore, membership: MembershipRecord, alias: string): boolean {
  for (const existing of store.artifacts.aliases.values()) {
    if (existing.membershipId === membership.id && existing.alias === alias) {
      store.artifacts.aliases.delete(existing.id);
      return true;
    }
  }
  return false;
}

/**
 * Points `latest` of a collection at its newest version (the highest index), or removes it when
 * the collection has none left.
 *
 * @example
 * ```ts
 * repointLatest(store, collection);
 * ```
 */
export function repointLatest(store: EmulatorStore, collection: CollectionRecord): void {
  const newest = membershipsOf(store, collection).at(-1);
  if (newest) {
    assignAlias(store, newest, 'latest');
    return;
  }
  for (const alias of aliasesOfCollection(store, collection)) {
    if (alias.alias === 'latest') store.artifacts.aliases.delete(alias.id);
  }
}

/**
 * Adds an artifact to a collection with the collection's next version index, and moves `latest`
 * to it.
 *
 * @example
 * ```ts
 * const membership = addMembership(store, collection, artifact, toTimestamp(store.now()));
 * ```
 */
export function addMembership(
  store: EmulatorStore,
  collection: CollectionRecord,
  artifact: ArtifactRecord,
  createdAt: string,
): MembershipRecord {
  const membership: MembershipRecord = {
    id: store.nextId('artifactMembership'),
    collectionId: collection.id,
    artifactId: artifact.id,
    versionIndex: collection.nextVersionIndex++,
    versionAliasId: store.nextId('artifactAlias'),
    createdAt,
  };
  store.artifacts.memberships.set(membership.id, membership);
  assignAlias(store, membership, 'latest');
  collection.updatedAt = createdAt;
  return membership;
}

/**
 * Removes a membership and its aliases; `latest` moves back to the newest version left.
 *
 * @example
 * ```ts
 * removeMembership(store, membership);
 * ```
 */
export function removeMembership(store: EmulatorStore, membership: MembershipRecord): void {
  const collection = collectionOf(store, membership);
  const hadLatest = [...store.artifacts.aliases.values()].some(
    (a) => a.membershipId === membership.id && a.alias === 'latest',
  );
  for (const alias of [...store.artifacts.aliases.values()]) {
    if (alias.membershipId === membership.id) store.artifacts.aliases.delete(alias.id);
  }
  store.artifacts.memberships.delete(membership.id);
  if (hadLatest) repointLatest(store, collection);
}

/**
 * The tag record of a name, created when missing.
 *
 * @example
 * ```ts
 * ensureTag(store, 'best').id;
 * ```
 */
export function ensureTag(store: EmulatorStore, name: string): TagRecord {
  let tag = store.artifacts.tags.get(name);
  if (!tag) {
    tag = { id: store.nextId('tag'), name };
    store.artifacts.tags.set(name, tag);
  }
  return tag;
}

/**
 * The content an entity stores under a base64 MD5, or `undefined`.
 *
 * @example
 * ```ts
 * findContent(store, 'alice', md5)?.bytes.byteLength;
 * ```
 */
export function findContent(
  store: EmulatorStore,
  entityName: string,
  md5: string,
): StoredContent | undefined {
  return store.artifacts.contents.get(entityName)?.get(md5);
}

/**
 * Stores content for an entity under its base64 MD5 (content already stored is kept, with its
 * birth artifact).
 *
 * @example
 * ```ts
 * putContent(store, 'alice', md5, bytes, artifact.id);
 * ```
 */
export function putContent(
  store: EmulatorStore,
  entityName: string,
  md5: string,
  bytes: Uint8Array,
  birthArtifactId: number,
): StoredContent {
  let contents = store.artifacts.contents.get(entityName);
  if (!contents) {
    contents = new Map();
    store.artifacts.contents.set(entityName, contents);
  }
  let content = contents.get(md5);
  if (!content) {
    content = { bytes, birthArtifactId };
    contents.set(md5, content);
  }
  return content;
}

/**
 * A commit hash for a new artifact: 12 hex digits derived from its id and digest (deterministic),
 * unique among the store's artifacts.
 *
 * @example
 * ```ts
 * newCommitHash(store, 7, digest).length; // 12
 * ```
 */
export function newCommitHash(store: EmulatorStore, id: number, digest: string): string {
  const taken = new Set([...store.artifacts.artifacts.values()].map((a) => a.commitHash));
  for (let salt = 0; ; salt++) {
    const hash = createHash('md5').update(`commit:${id}:${digest}:${salt}`).digest('hex').slice(0, 12);
    if (!taken.has(hash)) return hash;
  }
}

/**
 * Commits a version: state `COMMITTED`, the next index in its sequence (`latest` moves to it),
 * the aliases and tags it was created with, and its size, file count and stored files from the
 * manifest entries (whose content must be stored for its entity).
 *
 * @example
 * ```ts
 * commitVersion(store, artifact, entries, toTimestamp(store.now()));
 * ```
 */
export function commitVersion(
  store: EmulatorStore,
  artifact: ArtifactRecord,
  entries: readonly ManifestEntry[],
  committedAt: string,
): MembershipRecord {
  const sequence = sequenceOf(store, artifact);
  const entity = projectOf(store, sequence).entityName;
  const stored = entries
    .filter((entry) => entry.ref === undefined)
    .map((entry) => {
      const content = findContent(store, entity, entry.digest);
      if (!content) throw new Error(`The content of ${entry.path} is missing from the store`);
      return { entry, content };
    });
  artifact.files = new Map();
  for (const { entry, content } of stored) {
    const file: ArtifactFileRecord = {
      id: store.nextId('file'),
      artifactId: artifact.id,
      path: entry.path,
      md5: entry.digest,
      size: content.bytes.byteLength,
      birthArtifactId: content.birthArtifactId,
      createdAt: committedAt,
    };
    artifact.files.set(entry.path, file);
  }
  artifact.size = entries.reduce(
    (sum, e) => sum + (e.size ?? (e.ref === undefined ? (artifact.files.get(e.path)?.size ?? 0) : 0)),
    0,
  );
  artifact.fileCount = entries.length;
  artifact.state = 'COMMITTED';
  artifact.updatedAt = committedAt;
  const membership = addMembership(store, sequence, artifact, committedAt);
  for (const alias of artifact.pending.aliases) assignAlias(store, membership, alias);
  addTags(store, artifact, artifact.pending.tags);
  artifact.pending = { aliases: [], tags: [] };
  return membership;
}

/**
 * Adds tags to an artifact (those it has are kept where they are).
 *
 * @example
 * ```ts
 * addTags(store, artifact, ['best']);
 * ```
 */
export function addTags(store: EmulatorStore, artifact: { tags: string[] }, names: readonly string[]): void {
  for (const name of names) {
    ensureTag(store, name);
    if (!artifact.tags.includes(name)) artifact.tags.push(name);
  }
}

/**
 * Deletes a version: state `DELETED`, out of every collection (its aliases go, `latest` moves back).
 *
 * @example
 * ```ts
 * deleteVersion(store, artifact, toTimestamp(store.now()));
 * ```
 */
export function deleteVersion(store: EmulatorStore, artifact: ArtifactRecord, deletedAt: string): void {
  for (const membership of membershipsOfArtifact(store, artifact)) removeMembership(store, membership);
  artifact.state = 'DELETED';
  artifact.updatedAt = deletedAt;
}

/**
 * The MIME type of an artifact file, from its path.
 *
 * @example
 * ```ts
 * artifactMimetype('data/train.csv'); // 'text/csv'
 * ```
 */
export function artifactMimetype(path: string): string {
  return guessMimetype(path);
}

/**
 * What a new version starts with besides its sequence and digest.
 *
 * @example
 * ```ts
 * const init: NewVersion = { digest, description: null, metadata: null, createdBy: { kind: 'user', username: 'alice' } };
 * ```
 */
export interface NewVersion {
  digest: string;
  description?: string | null;
  metadata?: Record<string, unknown> | null;
  createdBy: ArtifactCreator;
  /** Seconds; default `-2` (no TTL). */
  ttlDurationSeconds?: number;
  /** Default `true`. */
  ttlIsInherited?: boolean;
  historyStep?: number | null;
  /** Applied at commit. */
  aliases?: string[];
  /** Applied at commit. */
  tags?: string[];
  storageRegion?: string | null;
  createdAt: string;
}

/**
 * Adds a PENDING version to a sequence (no index, in no collection until committed), with the
 * creating run (if any) as its first output run.
 *
 * @example
 * ```ts
 * const artifact = addVersion(store, sequence, { digest, createdBy: { kind: 'run', runId: run.id }, createdAt });
 * ```
 */
export function addVersion(
  store: EmulatorStore,
  sequence: CollectionRecord,
  init: NewVersion,
): ArtifactRecord {
  const id = store.nextId('artifact');
  const artifact: ArtifactRecord = {
    id,
    sequenceId: sequence.id,
    digest: init.digest,
    commitHash: newCommitHash(store, id, init.digest),
    state: 'PENDING',
    description: init.description ?? null,
    metadata: init.metadata ?? null,
    tags: [],
    ttlDurationSeconds: init.ttlDurationSeconds ?? -2,
    ttlIsInherited: init.ttlIsInherited ?? true,
    historyStep: init.historyStep ?? null,
    size: 0,
    fileCount: 0,
    createdBy: init.createdBy,
    outputRunIds: init.createdBy.kind === 'run' ? [init.createdBy.runId] : [],
    usedBy: [],
    manifestId: null,
    files: new Map(),
    uploads: new Map(),
    pending: { aliases: [...(init.aliases ?? [])], tags: [...(init.tags ?? [])] },
    storageRegion: init.storageRegion ?? null,
    createdAt: init.createdAt,
    updatedAt: init.createdAt,
  };
  store.artifacts.artifacts.set(id, artifact);
  return artifact;
}

/**
 * Links a committed version into a portfolio: a new membership with the portfolio's next index
 * (`latest` moves to it), or the one it has there already; then the aliases are assigned to it.
 *
 * @example
 * ```ts
 * const membership = linkVersion(store, artifact, portfolio, ['production'], toTimestamp(store.now()));
 * ```
 */
export function linkVersion(
  store: EmulatorStore,
  artifact: ArtifactRecord,
  portfolio: CollectionRecord,
  aliases: readonly string[],
  linkedAt: string,
): MembershipRecord {
  const membership =
    membershipIn(store, artifact, portfolio) ?? addMembership(store, portfolio, artifact, linkedAt);
  for (const alias of aliases) assignAlias(store, membership, alias);
  return membership;
}

/**
 * Records that a run used a version (`Run.inputArtifacts`, `Artifact.usedBy`): once per run,
 * `usedAs` names accumulating.
 *
 * @example
 * ```ts
 * recordUse(store, artifact, run.id, 'mnist:v0');
 * ```
 */
export function recordUse(
  store: EmulatorStore,
  artifact: ArtifactRecord,
  runId: number,
  usedAs: string,
): void {
  const use = artifact.usedBy.find((u) => u.runId === runId);
  if (use) {
    if (!use.usedAs.includes(usedAs)) use.usedAs.push(usedAs);
    return;
  }
  artifact.usedBy.push({ runId, usedAs: [usedAs], order: ++store.artifacts.useCounter });
}

/**
 * Records that a run logged a version as an output (`Run.outputArtifacts`), once per run.
 *
 * @example
 * ```ts
 * recordOutput(artifact, run.id);
 * ```
 */
export function recordOutput(artifact: ArtifactRecord, runId: number): void {
  if (!artifact.outputRunIds.includes(runId)) artifact.outputRunIds.push(runId);
}
