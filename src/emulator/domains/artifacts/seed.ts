/**
 * Seeding artifacts (`emu.seed.artifact`) and links (`emu.seed.link`). A seeded version is what a
 * publish would have made: its files in the entity's content store (base64 MD5 digests), a
 * manifest (layout `V2` unless asked, each stored entry with its `birthArtifactID`) served by a
 * signed URL, the manifest digest, and, unless `state: 'PENDING'`, the next version index of its
 * collection with `latest` moved to it.
 *
 * @example
 * ```ts
 * import { seedArtifact, seedLink } from './seed.js';
 * const { id } = seedArtifact(store, { project: 'vision', type: 'model', collection: 'resnet', files: { 'model.pt': bytes } });
 * seedLink(store, { artifact: id, project: 'registry', collection: 'classifier', aliases: ['production'] });
 * ```
 * @module
 */
import { globalId } from '../../graphql/ids.js';
import type { EmulatorStore } from '../../store/store.js';
import { toTimestamp } from '../../store/time.js';
import { md5Base64 } from '../files/records.js';
import { seedProject } from '../projects/seed.js';
import { checkRegistryAcceptsType } from '../registries/rules.js';
import type { RunRecord } from '../runs/records.js';
import { buildManifest, MANIFEST_FILE_NAME, manifestDigest } from './manifest.js';
import {
  addVersion,
  artifactGlobalId,
  commitVersion,
  ensureCollection,
  findArtifact,
  linkVersion,
  projectOf,
  putContent,
  recordUse,
  sequenceOf,
  typeOf,
} from './model.js';
import { aliasProblem, nameProblem, tagNameProblem, uniqueNames } from './names.js';
import type {
  ArtifactRecord,
  ManifestEntry,
  ManifestRecord,
  SeedArtifactInput,
  SeededArtifact,
  SeededLink,
  SeedLinkInput,
} from './records.js';

function checkName(where: string, what: string, name: unknown): string {
  const problem = typeof name === 'string' ? nameProblem(name) : 'is not a string';
  if (problem) throw new Error(`${where}: ${what} ${JSON.stringify(name)} ${problem}`);
  return name as string;
}

/**
 * Checks custom aliases (`latest` allowed) and returns them without duplicates.
 *
 * @example
 * ```ts
 * checkedAliases('seed.link', ['production', 'production']); // ['production']
 * ```
 */
export function checkedAliases(where: string, aliases: readonly unknown[] | undefined): string[] {
  for (const alias of aliases ?? []) {
    const problem = typeof alias === 'string' ? aliasProblem(alias) : 'is not a string';
    if (problem) throw new Error(`${where}: alias ${JSON.stringify(alias)} ${problem}`);
  }
  return uniqueNames((aliases ?? []) as string[]);
}

/**
 * Checks tag names and returns them without duplicates (the first occurrence kept).
 *
 * @example
 * ```ts
 * checkedTags('seed.artifact', ['best', 'best']); // ['best']
 * ```
 */
export function checkedTags(where: string, tags: readonly unknown[] | undefined): string[] {
  for (const tag of tags ?? []) {
    const problem = typeof tag === 'string' ? tagNameProblem(tag) : 'is not a string';
    if (problem) throw new Error(`${where}: tag ${JSON.stringify(tag)} ${problem}`);
  }
  return uniqueNames((tags ?? []) as string[]);
}

/**
 * The TTL fields of a TTL in seconds (> 0), `null` (none set on the version) or `undefined` (none,
 * inherited).
 *
 * @example
 * ```ts
 * ttlFields('seed.artifact', 3600); // { ttlDurationSeconds: 3600, ttlIsInherited: false }
 * ttlFields('seed.artifact', undefined); // { ttlDurationSeconds: -2, ttlIsInherited: true }
 * ```
 */
export function ttlFields(
  where: string,
  ttl: number | null | undefined,
): { ttlDurationSeconds: number; ttlIsInherited: boolean } {
  if (ttl === undefined) return { ttlDurationSeconds: -2, ttlIsInherited: true };
  if (ttl === null) return { ttlDurationSeconds: -2, ttlIsInherited: false };
  if (!(Number.isSafeInteger(ttl) && ttl > 0)) {
    throw new Error(`${where}: ttl must be a whole number of seconds > 0 or null, got ${ttl}`);
  }
  return { ttlDurationSeconds: ttl, ttlIsInherited: false };
}

function findProjectRun(store: EmulatorStore, projectId: number, id: string, where: string): RunRecord {
  const run = store.findRun(projectId, id);
  if (!run) throw new Error(`${where}: run ${JSON.stringify(id)} not found in the artifact's project`);
  return run;
}

/**
 * Stores a manifest for an artifact as already uploaded, and makes it the artifact's current one.
 *
 * @example
 * ```ts
 * storeManifest(store, artifact, buildManifest(entries, { storageLayout: 'V2' }), createdAt);
 * ```
 */
export function storeManifest(
  store: EmulatorStore,
  artifact: ArtifactRecord,
  text: string,
  createdAt: string,
): ManifestRecord {
  const content = new TextEncoder().encode(text);
  const manifest: ManifestRecord = {
    id: store.nextId('artifactManifest'),
    artifactId: artifact.id,
    name: MANIFEST_FILE_NAME,
    type: 'FULL',
    digest: md5Base64(content),
    content,
    fileId: store.nextId('file'),
    createdAt,
  };
  store.artifacts.manifests.set(manifest.id, manifest);
  artifact.manifestId = manifest.id;
  return manifest;
}

/**
 * Adds an artifact version (see {@link SeedArtifactInput}); every check runs before anything is
 * stored.
 *
 * @example
 * ```ts
 * seedArtifact(store, { project: 'vision', type: 'dataset', collection: 'mnist', files: { 'a.txt': 'a' } }).version; // 'v0'
 * ```
 */
export function seedArtifact(
  store: EmulatorStore,
  input: SeedArtifactInput,
): SeededArtifact & { record: ArtifactRecord } {
  const m = 'seed.artifact';
  if (!input.project) throw new Error(`${m}: project is required`);
  const typeName = checkName(m, 'type', input.type);
  const collectionName = checkName(m, 'collection', input.collection);
  const aliases = checkedAliases(m, input.aliases);
  const tags = checkedTags(m, input.tags);
  const state = input.state ?? 'COMMITTED';
  if (state !== 'COMMITTED' && state !== 'PENDING') {
    throw new Error(`${m}: state must be COMMITTED or PENDING, got ${JSON.stringify(state)}`);
  }
  const metadata = input.metadata ?? null;
  if (metadata !== null && (typeof metadata !== 'object' || Array.isArray(metadata))) {
    throw new Error(`${m}: metadata must be a JSON object`);
  }
  const ttl = ttlFields(m, input.ttl);
  const files = Object.entries(input.files ?? {}).map(([path, content]) => {
    if (path === '' || path.includes('\0'))
      throw new Error(`${m}: invalid file path ${JSON.stringify(path)}`);
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);
    return { path, bytes, md5: md5Base64(bytes) };
  });
  const references = Object.entries(input.references ?? {}).map(([path, reference]) => {
    if (path === '' || path.includes('\0'))
      throw new Error(`${m}: invalid reference path ${JSON.stringify(path)}`);
    if (files.some((f) => f.path === path))
      throw new Error(`${m}: ${JSON.stringify(path)} is both a file and a reference`);
    const spec = typeof reference === 'string' ? { url: reference } : reference;
    if (typeof spec.url !== 'string' || spec.url === '') {
      throw new Error(`${m}: reference ${JSON.stringify(path)} needs a URL`);
    }
    return { path, spec };
  });
  const layout = input.storageLayout ?? 'V2';
  if (layout !== 'V1' && layout !== 'V2') throw new Error(`${m}: storageLayout must be V1 or V2`);
  const createdAt = toTimestamp(input.createdAt ?? store.now());
  const project = seedProject(store, { entity: input.entity, name: input.project }).record;
  const creator =
    input.createdBy === undefined ? undefined : findProjectRun(store, project.id, input.createdBy, m);
  const users = (input.usedBy ?? []).map((id) => findProjectRun(store, project.id, id, m));
  const sequence = ensureCollection(store, project, 'sequence', typeName, collectionName, m, createdAt);

  // The digest counts only paths and entry digests, so it is known before the artifact's id.
  const entriesWithoutBirth: ManifestEntry[] = [
    ...files.map(({ path, bytes, md5 }) => ({ path, digest: md5, size: bytes.byteLength })),
    ...references.map(({ path, spec }) => ({
      path,
      digest: spec.digest ?? spec.url,
      size: spec.size ?? null,
      ref: spec.url,
      ...(spec.extra ? { extra: spec.extra } : {}),
    })),
  ];
  const digest = manifestDigest(entriesWithoutBirth);
  const artifact = addVersion(store, sequence, {
    digest,
    description: input.description ?? null,
    metadata,
    createdBy: creator
      ? { kind: 'run', runId: creator.id }
      : { kind: 'user', username: store.viewerUsername },
    ...ttl,
    historyStep: input.historyStep ?? null,
    aliases,
    tags,
    createdAt,
  });
  const entries = entriesWithoutBirth.map((entry) => {
    if (entry.ref !== undefined) return entry;
    const file = files.find((f) => f.path === entry.path);
    if (!file) return entry;
    const content = putContent(store, project.entityName, file.md5, file.bytes, artifact.id);
    return { ...entry, birthArtifactID: globalId('Artifact', content.birthArtifactId) };
  });
  storeManifest(store, artifact, buildManifest(entries, { storageLayout: layout }), createdAt);
  let version: string | null = null;
  if (state === 'COMMITTED') {
    version = `v${commitVersion(store, artifact, entries, createdAt).versionIndex}`;
  } else {
    artifact.fileCount = entries.length;
  }
  const name = version === null ? collectionName : `${collectionName}:${version}`;
  for (const run of users) recordUse(store, artifact, run.id, name);
  return { id: artifactGlobalId(artifact), name, version, digest, record: artifact };
}

/**
 * Links a committed version into a portfolio (see {@link SeedLinkInput}).
 *
 * @example
 * ```ts
 * seedLink(store, { artifact: id, project: 'registry', collection: 'classifier' }).version; // 'v0'
 * ```
 */
export function seedLink(store: EmulatorStore, input: SeedLinkInput): SeededLink {
  const m = 'seed.link';
  const artifact = findArtifact(store, input.artifact);
  if (!artifact) throw new Error(`${m}: artifact ${JSON.stringify(input.artifact)} not found`);
  if (artifact.state !== 'COMMITTED') throw new Error(`${m}: only a committed version can be linked`);
  const collectionName = checkName(m, 'collection', input.collection);
  const aliases = checkedAliases(m, input.aliases);
  const sequence = sequenceOf(store, artifact);
  const source = projectOf(store, sequence);
  const linkedAt = toTimestamp(input.createdAt ?? store.now());
  const project = seedProject(store, {
    entity: input.entity ?? source.entityName,
    name: input.project ?? source.name,
  }).record;
  const typeName = typeOf(store, sequence).name;
  checkRegistryAcceptsType(project, typeName, m);
  const portfolio = ensureCollection(store, project, 'portfolio', typeName, collectionName, m, linkedAt);
  const membership = linkVersion(store, artifact, portfolio, aliases, linkedAt);
  const version = `v${membership.versionIndex}`;
  return {
    id: globalId('ArtifactCollectionMembership', membership.id),
    collectionId: globalId('ArtifactCollection', portfolio.id),
    name: `${collectionName}:${version}`,
    version,
  };
}
