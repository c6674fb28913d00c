/**
 * Artifacts over GraphQL, the writes (the protocol notes §5 and §6; wandb-ops.md §7.4–§7.7):
 *
 * Publishing (P1–P8):
 * - `createArtifact`: a PENDING version of the sequence (created with its type on demand), or,
 *   with `enableDigestDeduplication`, the latest committed version of that sequence when it has the
 *   same digest, returned COMMITTED with the given aliases (all but `latest`, which stays on the newest
 *   version) and tags applied and the run recorded as one that logged it. `runName` null or `""`:
 *   the viewer logged it (`createdBy` a `User`).
 * - `createArtifactManifest` (a second one for the same artifact and name replaces the first) and
 *   `updateArtifactManifest`: the manifest's `File` has a signed PUT URL whose upload must have the
 *   manifest's `digest` (base64 MD5) when it has one.
 * - `createArtifactFiles`: one `File` per spec, in request order, with `artifact` = the version
 *   whose upload stores the content (the birth artifact); `uploadUrl` null (nothing to upload)
 *   when the entity already stores content with that MD5, else a signed PUT URL and, only when the
 *   spec carries `uploadPartsInput`, `uploadMultipartUrls` with one signed URL per part.
 * - `completeMultipartUploadArtifact`: joins the parts (all declared parts uploaded, the listed
 *   ETags theirs); the whole must have the spec's MD5.
 * - `commitArtifact`: needs the manifest uploaded, its digest the artifact's, and every stored
 *   entry's content stored for the entity; else an error and the version stays PENDING (invisible
 *   to every read). Then COMMITTED, the next `vN`, the create-time aliases and tags, `latest`.
 *
 * The rest: `addAliases` / `deleteAliases`, `updateArtifact` (description, metadata, TTL, tags),
 * `deleteArtifact` (refused while the version has aliases unless `deleteAliases`), `linkArtifact`
 * (the portfolio is created on first link; linking again returns the existing link) and
 * `unlinkArtifact`, `useArtifact`, `updateArtifactSequence` / `updateArtifactPortfolio`,
 * `moveArtifactSequence`, `deleteArtifactSequence` / `deleteArtifactPortfolio`, and the collection
 * tag assignments. Every check of a write runs before it changes anything. Only the viewer's
 * own entity, default entity or teams may be written to.
 *
 * @example
 * ```ts
 * import { artifactMutations } from './mutations.js';
 * ```
 * @module
 */
import { randomBytes } from 'node:crypto';
import { handles, type EmulatorResolvers } from '../../graphql/arguments.js';
import { globalId, parseGlobalId } from '../../graphql/ids.js';
import { has, text } from '../../graphql/input.js';
import { parseJsonString } from '../../graphql/json-string.js';
import type {
  ArtifactAliasInput,
  ArtifactCollectionAliasInput,
  TagInput,
  UploadPartsInput,
} from '../../generated/resolvers.js';
import type { EmulatorStore } from '../../store/store.js';
import { toTimestamp } from '../../store/time.js';
import { md5Base64 } from '../files/records.js';
import { seedProject } from '../projects/seed.js';
import { checkRegistryAcceptsType } from '../registries/rules.js';
import type { RunRecord } from '../runs/records.js';
import { checkWritable } from '../users/permissions.js';
import {
  isBase64Md5,
  isHexMd5,
  manifestDigest,
  MANIFEST_FILE_NAME,
  md5Hex,
  parseManifest,
} from './manifest.js';
import {
  addTags,
  addVersion,
  aliasesOfMembership,
  artifactOf,
  assignAlias,
  collectionOf,
  deleteVersion,
  ensureCollection,
  ensureType,
  entityOf,
  findArtifact,
  findCollection,
  findCollectionById,
  findContent,
  linkVersion,
  membershipIn,
  membershipsOf,
  membershipsOfArtifact,
  projectOf,
  putContent,
  recordOutput,
  recordUse,
  removeAlias,
  removeMembership,
  commitVersion,
  sequenceOf,
  typeOf,
} from './model.js';
import { aliasProblem, isVersionAlias, nameProblem, tagNameProblem, uniqueNames } from './names.js';
import type {
  ArtifactFileView,
  ArtifactRecord,
  CollectionRecord,
  ManifestRecord,
  MembershipRecord,
  MultipartUpload,
  UploadSlot,
} from './records.js';
import { contentStoragePath } from './storage.js';

/** `ArtifactCollectionAlias`, as the alias and link payloads answer them. */
interface CollectionAliasView {
  alias: string;
  entityName: string;
  projectName: string;
  artifactCollectionName: string;
}

function now(store: EmulatorStore): string {
  return toTimestamp(store.now());
}

function checkName(m: string, what: string, name: string): string {
  const problem = nameProblem(name);
  if (problem) throw new Error(`${m}: ${what} ${JSON.stringify(name)} ${problem}`);
  return name;
}

function checkAlias(m: string, alias: string): string {
  const problem = aliasProblem(alias);
  if (problem) throw new Error(`${m}: alias ${JSON.stringify(alias)} ${problem}`);
  if (isVersionAlias(alias)) {
    throw new Error(`${m}: alias ${JSON.stringify(alias)} is a version alias, which the server assigns`);
  }
  return alias;
}

function checkTags(m: string, tags: readonly TagInput[] | null | undefined): string[] {
  for (const tag of tags ?? []) {
    const problem = tagNameProblem(tag.tagName);
    if (problem) throw new Error(`${m}: tag ${JSON.stringify(tag.tagName)} ${problem}`);
  }
  return uniqueNames((tags ?? []).map((t) => t.tagName));
}

function toInt(m: string, what: string, value: number | string): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (!Number.isSafeInteger(n)) throw new Error(`${m}: ${what} must be a whole number, got ${String(value)}`);
  return n;
}

/** A JSONString holding a JSON object (`NaN` read as null), or `null` for null. */
function jsonObject(
  m: string,
  what: string,
  value: string | null | undefined,
): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  let parsed: unknown;
  try {
    parsed = parseJsonString(value);
  } catch (error) {
    throw new Error(`${m}: ${what} is not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${m}: ${what} must be a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

/** A TTL in seconds as `updateArtifact` and `createArtifact` take it: > 0, −1 (inherit) or −2 (none). */
function ttlOf(m: string, value: number | string): { ttlDurationSeconds: number; ttlIsInherited: boolean } {
  const seconds = toInt(m, 'ttlDurationSeconds', value);
  if (seconds > 0) return { ttlDurationSeconds: seconds, ttlIsInherited: false };
  if (seconds === -1) return { ttlDurationSeconds: -2, ttlIsInherited: true };
  if (seconds === -2) return { ttlDurationSeconds: -2, ttlIsInherited: false };
  throw new Error(`${m}: ttlDurationSeconds must be > 0, -1 (inherit) or -2 (no TTL), got ${seconds}`);
}

function artifactById(store: EmulatorStore, m: string, id: unknown): ArtifactRecord {
  const artifact = findArtifact(store, id);
  if (!artifact || artifact.state === 'DELETED') {
    throw new Error(`${m}: artifact ${JSON.stringify(id)} not found`);
  }
  return artifact;
}

function committedArtifact(store: EmulatorStore, m: string, id: unknown): ArtifactRecord {
  const artifact = artifactById(store, m, id);
  if (artifact.state !== 'COMMITTED')
    throw new Error(`${m}: artifact ${JSON.stringify(id)} is not committed`);
  return artifact;
}

function pendingArtifact(store: EmulatorStore, m: string, id: unknown): ArtifactRecord {
  const artifact = artifactById(store, m, id);
  if (artifact.state !== 'PENDING') {
    throw new Error(`${m}: artifact ${JSON.stringify(id)} is already committed`);
  }
  return artifact;
}

function writableArtifact(store: EmulatorStore, m: string, artifact: ArtifactRecord): void {
  checkWritable(store, entityOf(store, artifact), m);
}

function collectionAlias(
  store: EmulatorStore,
  collection: CollectionRecord,
  alias: string,
): CollectionAliasView {
  const project = projectOf(store, collection);
  return {
    alias,
    entityName: project.entityName,
    projectName: project.name,
    artifactCollectionName: collection.name,
  };
}

/** The membership of an artifact in the collection an `ArtifactCollectionAliasInput` names. */
function aliasTarget(
  store: EmulatorStore,
  m: string,
  artifact: ArtifactRecord,
  input: ArtifactCollectionAliasInput,
): MembershipRecord {
  const project = store.findProject(input.entityName, input.projectName);
  const collection = project ? findCollection(store, project.id, input.artifactCollectionName) : undefined;
  const membership = collection ? membershipIn(store, artifact, collection) : undefined;
  if (!collection || !membership) {
    throw new Error(
      `${m}: the artifact is not in collection ${input.entityName}/${input.projectName}/${input.artifactCollectionName}`,
    );
  }
  checkWritable(store, input.entityName, m);
  return membership;
}

/** The aliases of an `ArtifactAliasInput` list meant for the collection `name` (others are refused). */
function aliasesFor(
  m: string,
  aliases: readonly ArtifactAliasInput[] | null | undefined,
  name: string,
): string[] {
  for (const alias of aliases ?? []) {
    if (alias.artifactCollectionName !== name) {
      throw new Error(
        `${m}: alias ${JSON.stringify(alias.alias)} is for collection ${JSON.stringify(alias.artifactCollectionName)}, not ${JSON.stringify(name)}`,
      );
    }
    if (alias.alias !== 'latest') checkAlias(m, alias.alias);
  }
  return uniqueNames((aliases ?? []).map((a) => a.alias));
}

function findRunIn(
  store: EmulatorStore,
  projectId: number,
  runName: string | null | undefined,
): RunRecord | undefined {
  return runName ? store.findRun(projectId, runName) : undefined;
}

function uploadId(): string {
  return randomBytes(16).toString('hex');
}

/** Checks the declared parts of a multipart spec: numbered 1..n in order, each with a hex MD5. */
function checkParts(m: string, name: string, parts: readonly UploadPartsInput[]): MultipartUpload['parts'] {
  const sorted = parts
    .map((p) => ({ partNumber: toInt(m, 'partNumber', p.partNumber), hexMD5: p.hexMD5.toLowerCase() }))
    .sort((a, b) => a.partNumber - b.partNumber);
  sorted.forEach((part, i) => {
    if (part.partNumber !== i + 1) {
      throw new Error(`${m}: the parts of ${JSON.stringify(name)} must be numbered 1 to ${sorted.length}`);
    }
    if (!isHexMd5(part.hexMD5)) {
      throw new Error(`${m}: part ${part.partNumber} of ${JSON.stringify(name)} has no hex MD5`);
    }
  });
  return sorted;
}

function stripQuotes(etag: string): string {
  const trimmed = etag.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    ? trimmed.slice(1, -1)
    : trimmed;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** The manifest of an artifact whose bytes were uploaded, parsed; throws saying what is missing. */
function uploadedManifest(store: EmulatorStore, m: string, artifact: ArtifactRecord) {
  const manifest: ManifestRecord | undefined =
    artifact.manifestId === null ? undefined : store.artifacts.manifests.get(artifact.manifestId);
  if (!manifest) throw new Error(`${m}: the artifact has no manifest (createArtifactManifest)`);
  if (!manifest.content) throw new Error(`${m}: the manifest ${manifest.name} has not been uploaded`);
  try {
    return parseManifest(new TextDecoder().decode(manifest.content));
  } catch (error) {
    throw new Error(`${m}: the uploaded manifest is invalid: ${(error as Error).message}`);
  }
}

function collectionOfKind(
  store: EmulatorStore,
  m: string,
  id: unknown,
  kind: CollectionRecord['kind'],
): CollectionRecord {
  const collection = findCollectionById(store, id);
  if (!collection || collection.kind !== kind) {
    throw new Error(
      `${m}: artifact ${kind === 'sequence' ? 'sequence' : 'portfolio'} ${JSON.stringify(id)} not found`,
    );
  }
  checkWritable(store, projectOf(store, collection).entityName, m);
  return collection;
}

/** Renames and describes a collection (`updateArtifactSequence` / `updateArtifactPortfolio`). */
function updateCollection(
  store: EmulatorStore,
  m: string,
  collection: CollectionRecord,
  input: { name?: string | null; description?: string | null },
): CollectionRecord {
  const name = text(input, 'name');
  if (typeof name === 'string' && name !== collection.name) {
    checkName(m, 'name', name);
    if (findCollection(store, collection.projectId, name)) {
      throw new Error(`${m}: a collection named ${JSON.stringify(name)} already exists in the project`);
    }
  }
  if (typeof name === 'string') collection.name = name;
  if (has(input, 'description')) collection.description = text(input, 'description') ?? null;
  collection.updatedAt = now(store);
  return collection;
}

function collectionByName(
  store: EmulatorStore,
  m: string,
  input: { entityName: string; projectName: string; artifactCollectionName: string },
): CollectionRecord {
  const project = store.findProject(input.entityName, input.projectName);
  const collection = project ? findCollection(store, project.id, input.artifactCollectionName) : undefined;
  if (!collection) {
    throw new Error(
      `${m}: artifact collection ${input.entityName}/${input.projectName}/${input.artifactCollectionName} not found`,
    );
  }
  checkWritable(store, input.entityName, m);
  return collection;
}

function collectionTags(m: string, tags: readonly TagInput[]): string[] {
  if (tags.length > 20) throw new Error(`${m}: at most 20 tags per call, got ${tags.length}`);
  return checkTags(m, tags);
}

/**
 * The artifact mutations and their payloads.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(artifactResolvers, artifactMutations);
 * ```
 */
export const artifactMutations: EmulatorResolvers = {
  Mutation: {
    createArtifact: handles(['input'], (_root, { input }, { store }) => {
      const m = 'createArtifact';
      checkWritable(store, input.entityName, m);
      const collectionName = input.artifactCollectionName ?? input.artifactCollectionNames?.[0];
      if (!collectionName) throw new Error(`${m}: artifactCollectionName is required`);
      if ((input.artifactCollectionNames?.length ?? 0) > 1) {
        throw new Error(`${m}: the emulator creates an artifact in one collection at a time`);
      }
      checkName(m, 'artifactCollectionName', collectionName);
      checkName(m, 'artifactTypeName', input.artifactTypeName);
      if (has(input, 'labels') && input.labels !== null) {
        throw new Error('The emulator does not implement input field CreateArtifactInput.labels');
      }
      if (input.digest === '') throw new Error(`${m}: digest is required`);
      const aliases = aliasesFor(m, input.aliases, collectionName);
      const tags = checkTags(m, input.tags);
      const metadata = jsonObject(m, 'metadata', input.metadata);
      const ttl =
        input.ttlDurationSeconds === null || input.ttlDurationSeconds === undefined
          ? {}
          : ttlOf(m, input.ttlDurationSeconds);
      const historyStep =
        input.historyStep === null || input.historyStep === undefined
          ? null
          : toInt(m, 'historyStep', input.historyStep);
      const existingProject = store.findProject(input.entityName, input.projectName);
      const run = existingProject ? findRunIn(store, existingProject.id, input.runName) : undefined;
      if (input.runName && !run) {
        throw new Error(`${m}: run ${input.entityName}/${input.projectName}/${input.runName} not found`);
      }
      const existing = existingProject
        ? findCollection(store, existingProject.id, collectionName)
        : undefined;
      if (existing) {
        // The same checks ensureCollection makes, before anything is created.
        if (existing.kind !== 'sequence') throw new Error(`${m}: ${collectionName} is a portfolio of links`);
        const existingType = typeOf(store, existing).name;
        if (existingType !== input.artifactTypeName) {
          throw new Error(
            `${m}: artifact collection ${collectionName} has type ${existingType}, not ${input.artifactTypeName}`,
          );
        }
      }
      const createdAt = now(store);
      const project =
        existingProject ?? seedProject(store, { entity: input.entityName, name: input.projectName }).record;
      const sequence = ensureCollection(
        store,
        project,
        'sequence',
        input.artifactTypeName,
        collectionName,
        m,
        createdAt,
      );

      if (input.enableDigestDeduplication === true) {
        // Only the latest committed version counts (protocol notes §8.3: "if an artifact has the
        // same digest as the current latest version, log_artifact is a no-op"); content equal to an
        // older version makes a new version, whose files are then already stored.
        const latest = membershipsOf(store, sequence)
          .filter((membership) => artifactOf(store, membership).state === 'COMMITTED')
          .at(-1);
        const same = latest && artifactOf(store, latest).digest === input.digest ? latest : undefined;
        if (same) {
          const artifact = artifactOf(store, same);
          for (const alias of aliases) if (alias !== 'latest') assignAlias(store, same, alias);
          addTags(store, artifact, tags);
          if (run) recordOutput(artifact, run.id);
          return { artifact, artifactActions: [], clientMutationId: input.clientMutationId ?? null };
        }
      }
      const artifact = addVersion(store, sequence, {
        digest: input.digest,
        description: input.description ?? null,
        metadata,
        createdBy: run ? { kind: 'run', runId: run.id } : { kind: 'user', username: store.viewerUsername },
        ...ttl,
        historyStep,
        aliases: aliases.filter((a) => a !== 'latest'),
        tags,
        storageRegion: input.storageRegion ?? null,
        createdAt,
      });
      return { artifact, artifactActions: [], clientMutationId: input.clientMutationId ?? null };
    }),

    createArtifactManifest: handles(['input'], (_root, { input }, { store }) => {
      const m = 'createArtifactManifest';
      const artifact = pendingArtifact(store, m, input.artifactID);
      writableArtifact(store, m, artifact);
      const type = input.type ?? 'FULL';
      if (type !== 'FULL') throw new Error(`${m}: the emulator takes FULL manifests only, not ${type}`);
      if (input.name !== MANIFEST_FILE_NAME) {
        throw new Error(
          `${m}: a FULL manifest is named ${MANIFEST_FILE_NAME}, not ${JSON.stringify(input.name)}`,
        );
      }
      if (input.digest !== '' && !isBase64Md5(input.digest)) {
        throw new Error(`${m}: digest must be the base64 MD5 of the manifest file (or "" for a placeholder)`);
      }
      if (input.baseArtifactID && !findArtifact(store, input.baseArtifactID)) {
        throw new Error(`${m}: base artifact ${JSON.stringify(input.baseArtifactID)} not found`);
      }
      // A manifest created again for the same artifact replaces the one it had.
      const previous =
        artifact.manifestId === null ? undefined : store.artifacts.manifests.get(artifact.manifestId);
      if (previous) store.artifacts.manifests.delete(previous.id);
      const manifest: ManifestRecord = {
        id: store.nextId('artifactManifest'),
        artifactId: artifact.id,
        name: input.name,
        type: 'FULL',
        digest: input.digest,
        content: undefined,
        fileId: store.nextId('file'),
        createdAt: now(store),
      };
      store.artifacts.manifests.set(manifest.id, manifest);
      artifact.manifestId = manifest.id;
      return { artifactManifest: manifest, clientMutationId: input.clientMutationId ?? null };
    }),

    updateArtifactManifest: handles(['input'], (_root, { input }, { store }) => {
      const m = 'updateArtifactManifest';
      const id = parseGlobalId(input.artifactManifestID, 'ArtifactManifest');
      const manifest = id === undefined ? undefined : store.artifacts.manifests.get(id);
      if (!manifest)
        throw new Error(`${m}: artifact manifest ${JSON.stringify(input.artifactManifestID)} not found`);
      const artifact = pendingArtifact(store, m, globalId('Artifact', manifest.artifactId));
      writableArtifact(store, m, artifact);
      const digest = input.digest;
      if (typeof digest === 'string' && digest !== '' && !isBase64Md5(digest)) {
        throw new Error(`${m}: digest must be the base64 MD5 of the manifest file`);
      }
      if (typeof digest === 'string' && digest !== manifest.digest) {
        manifest.digest = digest;
        if (manifest.content && md5Base64(manifest.content) !== digest) manifest.content = undefined;
      }
      return { artifactManifest: manifest, clientMutationId: input.clientMutationId ?? null };
    }),

    createArtifactFiles: handles(['input'], (_root, { input }, { store }) => {
      const m = 'createArtifactFiles';
      const checked = input.artifactFiles.map((spec) => {
        const artifact = pendingArtifact(store, m, spec.artifactID);
        writableArtifact(store, m, artifact);
        if (spec.name === '' || spec.name.includes('\0')) {
          throw new Error(`${m}: invalid file name ${JSON.stringify(spec.name)}`);
        }
        if (!isBase64Md5(spec.md5)) {
          throw new Error(
            `${m}: md5 of ${JSON.stringify(spec.name)} must be a base64 MD5, got ${JSON.stringify(spec.md5)}`,
          );
        }
        if (spec.artifactManifestID) {
          const manifestId = parseGlobalId(spec.artifactManifestID, 'ArtifactManifest');
          const manifest = manifestId === undefined ? undefined : store.artifacts.manifests.get(manifestId);
          if (manifest?.artifactId !== artifact.id) {
            throw new Error(
              `${m}: artifact manifest ${JSON.stringify(spec.artifactManifestID)} is not the artifact's`,
            );
          }
        }
        const parts = spec.uploadPartsInput?.length
          ? checkParts(m, spec.name, spec.uploadPartsInput)
          : undefined;
        return { spec, artifact, parts };
      });
      const createdAt = now(store);
      const views = checked.map(({ spec, artifact, parts }): ArtifactFileView => {
        const entityName = entityOf(store, artifact);
        const stored = findContent(store, entityName, spec.md5);
        const slot: UploadSlot = {
          id: store.nextId('file'),
          artifactId: artifact.id,
          entityName,
          name: spec.name,
          md5: spec.md5,
          mimetype: spec.mimetype ?? null,
          birthArtifactId: stored ? stored.birthArtifactId : artifact.id,
          needsUpload: !stored,
          multipart: !stored && parts ? { uploadId: uploadId(), parts, received: new Map() } : undefined,
          storagePath: contentStoragePath(entityName, spec.md5),
          createdAt,
        };
        const previous = artifact.uploads.get(spec.name);
        if (previous) store.artifacts.uploads.delete(previous.id);
        artifact.uploads.set(spec.name, slot);
        store.artifacts.uploads.set(slot.id, slot);
        return { kind: 'artifactUpload', artifact, slot };
      });
      return {
        files: {
          uploadHeaders: [],
          totalCount: views.length,
          pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
          edges: views.map((node) => ({ node, cursor: '' })),
        },
        clientMutationId: input.clientMutationId ?? null,
      };
    }),

    completeMultipartUploadArtifact: handles(['input'], (_root, { input }, { store }) => {
      const m = 'completeMultipartUploadArtifact';
      const slot = [...store.artifacts.uploads.values()].find(
        (s) => s.multipart?.uploadId === input.uploadID,
      );
      if (!slot?.multipart) throw new Error(`${m}: upload ${JSON.stringify(input.uploadID)} not found`);
      if (slot.storagePath !== input.storagePath) {
        throw new Error(`${m}: storagePath ${JSON.stringify(input.storagePath)} is not the upload's`);
      }
      const artifact = artifactById(store, m, input.artifactID);
      if (artifact.id !== slot.artifactId && artifact.id !== slot.birthArtifactId) {
        throw new Error(
          `${m}: upload ${JSON.stringify(input.uploadID)} is not of artifact ${JSON.stringify(input.artifactID)}`,
        );
      }
      writableArtifact(store, m, artifact);
      const { multipart } = slot;
      const completed = input.completedParts
        .map((p) => ({
          partNumber: toInt(m, 'partNumber', p.partNumber),
          etag: stripQuotes(p.hexMD5).toLowerCase(),
        }))
        .sort((a, b) => a.partNumber - b.partNumber);
      if (completed.length !== multipart.parts.length) {
        throw new Error(
          `${m}: the upload has ${multipart.parts.length} parts, ${completed.length} were listed`,
        );
      }
      const chunks = multipart.parts.map((part, i) => {
        const listed = completed[i];
        const received = multipart.received.get(part.partNumber);
        if (!received) throw new Error(`${m}: part ${part.partNumber} has not been uploaded`);
        if (listed?.partNumber !== part.partNumber || listed.etag !== md5Hex(received)) {
          throw new Error(`${m}: the ETag listed for part ${part.partNumber} is not the uploaded part's`);
        }
        return received;
      });
      const whole = concat(chunks);
      const md5 = md5Base64(whole);
      if (md5 !== slot.md5) {
        throw new Error(`${m}: the joined parts have MD5 ${md5}, not the registered ${slot.md5}`);
      }
      putContent(store, slot.entityName, slot.md5, whole, slot.birthArtifactId);
      multipart.received.clear();
      return { digest: md5 };
    }),

    commitArtifact: handles(['input'], (_root, { input }, { store }) => {
      const m = 'commitArtifact';
      const artifact = artifactById(store, m, input.artifactID);
      writableArtifact(store, m, artifact);
      const clientMutationId = input.clientMutationId ?? null;
      if (artifact.state === 'COMMITTED') return { artifact, clientMutationId }; // a retried commit
      const { entries } = uploadedManifest(store, m, artifact);
      const digest = manifestDigest(entries);
      if (digest !== artifact.digest) {
        throw new Error(`${m}: the manifest's digest ${digest} is not the artifact's ${artifact.digest}`);
      }
      const entity = entityOf(store, artifact);
      const missing = entries.filter((e) => e.ref === undefined && !findContent(store, entity, e.digest));
      if (missing.length > 0) {
        throw new Error(
          `${m}: ${missing.length} file(s) of the manifest have not been uploaded: ${missing
            .slice(0, 5)
            .map((e) => JSON.stringify(e.path))
            .join(', ')}`,
        );
      }
      commitVersion(store, artifact, entries, now(store));
      return { artifact, clientMutationId };
    }),

    addAliases: handles(['input'], (_root, { input }, { store }) => {
      const m = 'addAliases';
      const artifact = committedArtifact(store, m, input.artifactID);
      const targets = input.aliases.map((alias) => {
        if (alias.alias !== 'latest') checkAlias(m, alias.alias);
        return { membership: aliasTarget(store, m, artifact, alias), alias: alias.alias };
      });
      for (const { membership, alias } of targets) assignAlias(store, membership, alias);
      if (targets.length > 0) artifact.updatedAt = now(store);
      return {
        artifact,
        aliases: targets.map(({ membership, alias }) =>
          collectionAlias(store, collectionOf(store, membership), alias),
        ),
        success: true,
        clientMutationId: input.clientMutationId ?? null,
      };
    }),

    deleteAliases: handles(['input'], (_root, { input }, { store }) => {
      const m = 'deleteAliases';
      const artifact = committedArtifact(store, m, input.artifactID);
      const targets = input.aliases.map((alias) => ({
        membership: aliasTarget(store, m, artifact, alias),
        alias: alias.alias,
      }));
      for (const { membership, alias } of targets) removeAlias(store, membership, alias);
      if (targets.length > 0) artifact.updatedAt = now(store);
      return { success: true, clientMutationId: input.clientMutationId ?? null };
    }),

    updateArtifact: handles(['input'], (_root, { input }, { store }) => {
      const m = 'updateArtifact';
      const artifact = artifactById(store, m, input.artifactID);
      writableArtifact(store, m, artifact);
      for (const field of ['aliases', 'labels'] as const) {
        if (has(input, field) && input[field] !== null) {
          throw new Error(`The emulator does not implement input field UpdateArtifactInput.${field}`);
        }
      }
      const metadata = has(input, 'metadata') ? jsonObject(m, 'metadata', input.metadata) : undefined;
      const ttl =
        input.ttlDurationSeconds === null || input.ttlDurationSeconds === undefined
          ? undefined
          : ttlOf(m, input.ttlDurationSeconds);
      const toAdd = checkTags(m, input.tagsToAdd);
      const toDelete = checkTags(m, input.tagsToDelete);
      if (has(input, 'description')) artifact.description = text(input, 'description') ?? null;
      if (metadata !== undefined) artifact.metadata = metadata;
      if (ttl) Object.assign(artifact, ttl);
      artifact.tags = artifact.tags.filter((t) => !toDelete.includes(t));
      addTags(store, artifact, toAdd);
      artifact.updatedAt = now(store);
      return { artifact, artifactActions: [], clientMutationId: input.clientMutationId ?? null };
    }),

    deleteArtifact: handles(['input'], (_root, { input }, { store }) => {
      const m = 'deleteArtifact';
      const artifact = artifactById(store, m, input.artifactID);
      writableArtifact(store, m, artifact);
      const custom = membershipsOfArtifact(store, artifact).flatMap((membership) =>
        aliasesOfMembership(store, membership).filter((a) => !a.isVersion),
      );
      if (custom.length > 0 && input.deleteAliases !== true) {
        throw new Error(
          `${m}: the artifact has aliases (${custom.map((a) => a.alias).join(', ')}); delete them first or pass deleteAliases: true`,
        );
      }
      deleteVersion(store, artifact, now(store));
      return { artifact, clientMutationId: input.clientMutationId ?? null };
    }),

    linkArtifact: handles(['input'], (_root, { input }, { store }) => {
      const m = 'linkArtifact';
      if (input.clientID)
        throw new Error('The emulator does not implement input field LinkArtifactInput.clientID');
      if (!input.artifactID) throw new Error(`${m}: artifactID is required`);
      const artifact = committedArtifact(store, m, input.artifactID);
      const typeName = typeOf(store, sequenceOf(store, artifact)).name;
      let portfolio: CollectionRecord;
      const linkedAt = now(store);
      if (input.artifactPortfolioID) {
        portfolio = collectionOfKind(store, m, input.artifactPortfolioID, 'portfolio');
        if (
          portfolio.typeId !== sequenceOf(store, artifact).typeId &&
          typeOf(store, portfolio).name !== typeName
        ) {
          throw new Error(`${m}: the portfolio has type ${typeOf(store, portfolio).name}, not ${typeName}`);
        }
      } else {
        const { artifactPortfolioName: name, entityName, projectName } = input;
        if (!name || !entityName || !projectName) {
          throw new Error(
            `${m}: give artifactPortfolioID, or artifactPortfolioName, entityName and projectName`,
          );
        }
        checkName(m, 'artifactPortfolioName', name);
        checkWritable(store, entityName, m);
        const existingProject = store.findProject(entityName, projectName);
        const existing = existingProject ? findCollection(store, existingProject.id, name) : undefined;
        if (existing?.kind === 'sequence') {
          throw new Error(
            `${m}: ${entityName}/${projectName}/${name} is an artifact sequence, not a portfolio`,
          );
        }
        if (existing && typeOf(store, existing).name !== typeName) {
          throw new Error(
            `${m}: the portfolio ${name} has type ${typeOf(store, existing).name}, not ${typeName}`,
          );
        }
        const project =
          existingProject ?? seedProject(store, { entity: entityName, name: projectName }).record;
        checkRegistryAcceptsType(project, typeName, m);
        portfolio = ensureCollection(store, project, 'portfolio', typeName, name, m, linkedAt);
      }
      checkRegistryAcceptsType(projectOf(store, portfolio), typeName, m);
      const aliases = aliasesFor(m, input.aliases, portfolio.name);
      const membership = linkVersion(store, artifact, portfolio, aliases, linkedAt);
      return {
        artifactCollectionID: globalId('ArtifactCollection', portfolio.id),
        artifactID: globalId('Artifact', artifact.id),
        aliases: aliasesOfMembership(store, membership)
          .filter((a) => !a.isVersion)
          .map((a) => collectionAlias(store, portfolio, a.alias)),
        createdAt: membership.createdAt,
        versionIndex: membership.versionIndex,
        artifactMembership: membership,
        clientMutationId: input.clientMutationId ?? null,
      };
    }),

    unlinkArtifact: handles(['input'], (_root, { input }, { store }) => {
      const m = 'unlinkArtifact';
      const artifact = committedArtifact(store, m, input.artifactID);
      const portfolio = collectionOfKind(store, m, input.artifactPortfolioID, 'portfolio');
      const membership = membershipIn(store, artifact, portfolio);
      if (!membership) throw new Error(`${m}: the artifact is not linked into ${portfolio.name}`);
      removeMembership(store, membership);
      portfolio.updatedAt = now(store);
      return {
        artifactID: globalId('Artifact', artifact.id),
        success: true,
        clientMutationId: input.clientMutationId ?? null,
      };
    }),

    useArtifact: handles(['input'], (_root, { input }, { store }) => {
      const m = 'useArtifact';
      checkWritable(store, input.entityName, m);
      const project = store.findProject(input.entityName, input.projectName);
      const run = project ? store.findRun(project.id, input.runName) : undefined;
      if (!run)
        throw new Error(`${m}: run ${input.entityName}/${input.projectName}/${input.runName} not found`);
      const artifact = committedArtifact(store, m, input.artifactID);
      const [home] = membershipsOfArtifact(store, artifact);
      const usedAs = input.usedAs ?? (home ? `${collectionOf(store, home).name}:v${home.versionIndex}` : '');
      recordUse(store, artifact, run.id, usedAs);
      return { run, artifact, clientMutationId: input.clientMutationId ?? null };
    }),

    updateArtifactSequence: handles(['input'], (_root, { input }, { store }) => {
      const m = 'updateArtifactSequence';
      const collection = collectionOfKind(store, m, input.artifactSequenceID, 'sequence');
      return {
        artifactCollection: updateCollection(store, m, collection, input),
        clientMutationId: input.clientMutationId ?? null,
      };
    }),

    updateArtifactPortfolio: handles(['input'], (_root, { input }, { store }) => {
      const m = 'updateArtifactPortfolio';
      const collection = collectionOfKind(store, m, input.artifactPortfolioID, 'portfolio');
      return {
        artifactCollection: updateCollection(store, m, collection, input),
        clientMutationId: input.clientMutationId ?? null,
      };
    }),

    moveArtifactSequence: handles(['input'], (_root, { input }, { store }) => {
      const m = 'moveArtifactSequence';
      const collection = collectionOfKind(store, m, input.artifactSequenceID, 'sequence');
      checkName(m, 'destinationArtifactTypeName', input.destinationArtifactTypeName);
      const type = ensureType(store, projectOf(store, collection), input.destinationArtifactTypeName);
      collection.typeId = type.id;
      collection.updatedAt = now(store);
      return { artifactCollection: collection, clientMutationId: input.clientMutationId ?? null };
    }),

    deleteArtifactSequence: handles(['input'], (_root, { input }, { store }) => {
      const m = 'deleteArtifactSequence';
      const collection = collectionOfKind(store, m, input.artifactSequenceID, 'sequence');
      const at = now(store);
      for (const artifact of store.artifacts.artifacts.values()) {
        if (artifact.sequenceId === collection.id && artifact.state !== 'DELETED')
          deleteVersion(store, artifact, at);
      }
      collection.state = 'DELETED';
      collection.updatedAt = at;
      return { artifactCollection: collection, clientMutationId: input.clientMutationId ?? null };
    }),

    deleteArtifactPortfolio: handles(['input'], (_root, { input }, { store }) => {
      const m = 'deleteArtifactPortfolio';
      const collection = collectionOfKind(store, m, input.artifactPortfolioID, 'portfolio');
      for (const membership of membershipsOf(store, collection)) removeMembership(store, membership);
      collection.state = 'DELETED';
      collection.updatedAt = now(store);
      return { artifactCollection: collection, clientMutationId: input.clientMutationId ?? null };
    }),

    createArtifactCollectionTagAssignments: handles(['input'], (_root, { input }, { store }) => {
      const m = 'createArtifactCollectionTagAssignments';
      const collection = collectionByName(store, m, input);
      const names = collectionTags(m, input.tags);
      addTags(store, collection, names);
      collection.updatedAt = now(store);
      return {
        tags: names.map((name) => store.artifacts.tags.get(name)).filter((t) => t !== undefined),
        clientMutationID: input.clientMutationID ?? null,
      };
    }),

    deleteArtifactCollectionTagAssignments: handles(['input'], (_root, { input }, { store }) => {
      const m = 'deleteArtifactCollectionTagAssignments';
      const collection = collectionByName(store, m, input);
      const names = collectionTags(m, input.tags);
      collection.tags = collection.tags.filter((t) => !names.includes(t));
      collection.updatedAt = now(store);
      return { success: true, clientMutationID: input.clientMutationID ?? null };
    }),
  },
  CreateArtifactPayload: {
    artifact: (p) => p.artifact,
    artifactActions: (p) => p.artifactActions,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  UpdateArtifactPayload: {
    artifact: (p) => p.artifact,
    artifactActions: (p) => p.artifactActions,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  CommitArtifactPayload: { artifact: (p) => p.artifact, clientMutationId: (p) => p.clientMutationId ?? null },
  DeleteArtifactPayload: { artifact: (p) => p.artifact, clientMutationId: (p) => p.clientMutationId ?? null },
  UseArtifactPayload: {
    run: (p) => p.run,
    artifact: (p) => p.artifact,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  LinkArtifactPayload: {
    artifactCollectionID: (p) => p.artifactCollectionID,
    artifactID: (p) => p.artifactID,
    aliases: (p) => p.aliases,
    createdAt: (p) => p.createdAt,
    versionIndex: (p) => p.versionIndex ?? null,
    artifactMembership: (p) => p.artifactMembership ?? null,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  UnlinkArtifactPayload: {
    artifactID: (p) => p.artifactID,
    success: (p) => p.success,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  AddAliasesPayload: {
    artifact: (p) => p.artifact,
    aliases: (p) => p.aliases,
    success: (p) => p.success,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  DeleteAliasesPayload: { success: (p) => p.success, clientMutationId: (p) => p.clientMutationId ?? null },
  ArtifactCollectionAlias: {
    alias: (a) => a.alias,
    entityName: (a) => a.entityName,
    projectName: (a) => a.projectName,
    artifactCollectionName: (a) => a.artifactCollectionName,
  },
  CreateArtifactManifestPayload: {
    artifactManifest: (p) => p.artifactManifest,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  UpdateArtifactManifestPayload: {
    artifactManifest: (p) => p.artifactManifest,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  CreateArtifactFilesPayload: {
    files: handles([], (p) => p.files),
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  CompleteMultipartUploadArtifactPayload: { digest: (p) => p.digest ?? null },
  UploadMultipartUrls: { uploadID: (u) => u.uploadID, uploadUrlParts: (u) => u.uploadUrlParts },
  UploadUrlPart: { partNumber: (p) => p.partNumber, uploadUrl: (p) => p.uploadUrl },
  UpdateArtifactCollectionPayload: {
    artifactCollection: (p) => p.artifactCollection,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  MoveArtifactCollectionPayload: {
    artifactCollection: (p) => p.artifactCollection ?? null,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  DeleteArtifactCollectionPayload: {
    artifactCollection: (p) => p.artifactCollection,
    clientMutationId: (p) => p.clientMutationId ?? null,
  },
  Entity: {
    user: (entity, _args, { store }) => (entity.isTeam ? null : (store.findUser(entity.name) ?? null)),
  },
  CreateTagsPayload: { tags: (p) => p.tags, clientMutationID: (p) => p.clientMutationID ?? null },
  DeleteTagAssignmentPayload: {
    success: (p) => p.success,
    clientMutationID: (p) => p.clientMutationID ?? null,
  },
};
