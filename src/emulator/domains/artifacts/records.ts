/**
 * Artifacts as the store keeps them (`store.artifacts`): artifact types per project, collections
 * (sequences, where versions are born, and portfolios, collections of links), artifacts (the
 * versions), their memberships in collections with version indexes and aliases, manifests, the
 * files of committed versions, upload slots of the publish flow and the content they store (in
 * memory, by entity and base64 MD5); plus the seed inputs and results.
 *
 * Global ids (`graphql/ids.ts`): `ArtifactType:<n>`, `ArtifactCollection:<n>` (sequences and
 * portfolios alike), `Artifact:<n>`, `ArtifactCollectionMembership:<n>`, `ArtifactAlias:<n>`,
 * `ArtifactManifest:<n>`, `Tag:<n>`, and `File:<n>` for artifact files as for run files.
 *
 * @example
 * ```ts
 * import { createArtifactData } from './records.js';
 * const data = createArtifactData();
 * data.artifacts.size; // 0
 * ```
 * @module
 */

/**
 * An artifact type of a project (`dataset`, `model`, ...), created on demand.
 *
 * @example
 * ```ts
 * const type: ArtifactTypeRecord = { id: 1, projectId: 1, name: 'dataset', description: null, createdAt: '2024-06-01T00:00:00Z' };
 * ```
 */
export interface ArtifactTypeRecord {
  id: number;
  projectId: number;
  name: string;
  description: string | null;
  createdAt: string;
}

/**
 * What a collection is: a `sequence` (`ArtifactSequence`, where versions are born) or a
 * `portfolio` (`ArtifactPortfolio`, a collection of links such as a registry collection).
 *
 * @example
 * ```ts
 * const kind: CollectionKind = 'portfolio';
 * ```
 */
export type CollectionKind = 'sequence' | 'portfolio';

/**
 * A collection. Names are unique in a project across types and kinds.
 *
 * @example
 * ```ts
 * store.artifacts.collections.get(1)?.name; // 'mnist'
 * ```
 */
export interface CollectionRecord {
  id: number;
  kind: CollectionKind;
  projectId: number;
  /** Its type (`defaultArtifactType`); a sequence's versions have this type. */
  typeId: number;
  name: string;
  description: string | null;
  /** Tag names, in the order they were added. */
  tags: string[];
  state: 'READY' | 'DELETED';
  /** The index the next version (or link) gets: indexes are never reused, even after a delete. */
  nextVersionIndex: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * The state of an artifact version (`ArtifactState`).
 *
 * @example
 * ```ts
 * const state: ArtifactStateName = 'COMMITTED';
 * ```
 */
export type ArtifactStateName = 'PENDING' | 'COMMITTED' | 'DELETED';

/**
 * Who logged a version (`Artifact.createdBy`, the union `Initiator = Run | User`).
 *
 * @example
 * ```ts
 * const byRun: ArtifactCreator = { kind: 'run', runId: 3 };
 * const byUser: ArtifactCreator = { kind: 'user', username: 'alice' };
 * ```
 */
export type ArtifactCreator = { kind: 'run'; runId: number } | { kind: 'user'; username: string };

/**
 * One entry of a manifest (`contents[path]`), as the emulator reads and writes manifests.
 *
 * @example
 * ```ts
 * const entry: ManifestEntry = { path: 'data/train.csv', digest: 'XUFAKrxLKna5cZ2REBfFkg==', size: 5 };
 * ```
 */
export interface ManifestEntry {
  /** Artifact-relative POSIX path (the key of `contents`). */
  path: string;
  /** Base64 MD5 for a stored file; for a reference what its handler computed (an ETag, the URL, ...). */
  digest: string;
  /** Size in bytes; `null` when the manifest gives none (a reference without `Content-Length`). */
  size: number | null;
  /** The URI of a reference; absent for a stored file. */
  ref?: string;
  /** The id of the version whose upload first stored this content. */
  birthArtifactID?: string;
  /** Free-form per-entry data (`etag`, `versionID`, ...), kept as given. */
  extra?: Record<string, unknown>;
}

/**
 * A stored (non-reference) file of a committed version: what `files` lists and downloads.
 *
 * @example
 * ```ts
 * artifact.files.get('train.csv')?.md5; // base64 MD5
 * ```
 */
export interface ArtifactFileRecord {
  /** Integer id (global id `File:<id>`, the run files' counter). */
  id: number;
  artifactId: number;
  /** The manifest path. */
  path: string;
  /** Base64 MD5 of the content (`File.md5`, `File.digest`, the manifest entry's `digest`). */
  md5: string;
  size: number;
  /** The integer id of the version that first stored the content. */
  birthArtifactId: number;
  createdAt: string;
}

/**
 * A multipart upload of one file (offered when the spec of `createArtifactFiles` carries
 * `uploadPartsInput`): the declared parts, the parts received so far.
 *
 * @example
 * ```ts
 * slot.multipart?.parts.length; // 3
 * ```
 */
export interface MultipartUpload {
  /** `UploadMultipartUrls.uploadID`, what `completeMultipartUploadArtifact` names. */
  uploadId: string;
  /** The parts the client declared, in part order: number and hex MD5. */
  parts: { partNumber: number; hexMD5: string }[];
  /** The bytes received by part number. */
  received: Map<number, Uint8Array>;
}

/**
 * A file the publish flow registered with `createArtifactFiles`: where to upload it, or (when the
 * entity already has the content) nothing to upload.
 *
 * @example
 * ```ts
 * store.artifacts.uploads.get(7)?.needsUpload; // false when the content was already stored
 * ```
 */
export interface UploadSlot {
  /** Integer id (global id `File:<id>`); also the id in its upload URL. */
  id: number;
  /** The artifact being published. */
  artifactId: number;
  /** The entity whose content store receives the upload. */
  entityName: string;
  /** The manifest path. */
  name: string;
  /** Base64 MD5 the content must have. */
  md5: string;
  mimetype: string | null;
  /** The version that stores the content: this artifact for a fresh upload, an older one when deduplicated. */
  birthArtifactId: number;
  /** `false` when the content was already stored: `uploadUrl` is then `null`. */
  needsUpload: boolean;
  /** The multipart upload, when the spec asked for one. */
  multipart: MultipartUpload | undefined;
  storagePath: string;
  createdAt: string;
}

/**
 * A manifest of an artifact (`createArtifactManifest`, or built by the seed).
 *
 * @example
 * ```ts
 * store.artifacts.manifests.get(artifact.manifestId ?? 0)?.content; // the JSON bytes once uploaded
 * ```
 */
export interface ManifestRecord {
  id: number;
  artifactId: number;
  /** Its file name, `wandb_manifest.json`. */
  name: string;
  type: 'FULL';
  /** Base64 MD5 the uploaded bytes must have; `''` for the placeholder of step P2. */
  digest: string;
  /** The uploaded bytes; `undefined` until uploaded. */
  content: Uint8Array | undefined;
  /** The id of its `File` (`ArtifactManifest.file`). */
  fileId: number;
  createdAt: string;
}

/**
 * An artifact version.
 *
 * @example
 * ```ts
 * store.artifacts.artifacts.get(1)?.state; // 'COMMITTED'
 * ```
 */
export interface ArtifactRecord {
  /** Integer id (global id `Artifact:<id>`). */
  id: number;
  /** The sequence it was born in. */
  sequenceId: number;
  /** The manifest digest (hex MD5, wandb-ops.md §7.4). */
  digest: string;
  /** A short hex string, unique per version (usable as an alias). */
  commitHash: string;
  state: ArtifactStateName;
  description: string | null;
  metadata: Record<string, unknown> | null;
  /** Tag names, in the order they were added. */
  tags: string[];
  /** Seconds; `-2` when there is no TTL. */
  ttlDurationSeconds: number;
  ttlIsInherited: boolean;
  historyStep: number | null;
  /** Bytes of every manifest entry, references included (set at commit). */
  size: number;
  /** Manifest entries, references included (set at commit). */
  fileCount: number;
  createdBy: ArtifactCreator;
  /** The runs that logged it as an output (`Run.outputArtifacts`), creator first. */
  outputRunIds: number[];
  /** The runs that used it (`Run.inputArtifacts`, `Artifact.usedBy`), in the order they did. */
  usedBy: { runId: number; usedAs: string[]; order: number }[];
  /** The current manifest (the last FULL one created for it). */
  manifestId: number | null;
  /** The stored files of the committed version, by path. */
  files: Map<string, ArtifactFileRecord>;
  /** The files registered by `createArtifactFiles`, by path. */
  uploads: Map<string, UploadSlot>;
  /** What `createArtifact` asked for, applied at commit: aliases of its sequence and tags. */
  pending: { aliases: string[]; tags: string[] };
  /** `CreateArtifactInput.storageRegion`, if given. */
  storageRegion: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * A version's appearance in a collection (`ArtifactCollectionMembership`): one in its sequence
 * (once committed), one per portfolio it is linked into.
 *
 * @example
 * ```ts
 * membership.versionIndex; // 3 for v3
 * ```
 */
export interface MembershipRecord {
  id: number;
  collectionId: number;
  artifactId: number;
  /** The index in this collection (`vN`). */
  versionIndex: number;
  /** The id of its version alias `vN` (`ArtifactAlias:<id>`). */
  versionAliasId: number;
  createdAt: string;
}

/**
 * A custom alias (`latest` included) of a collection, naming one membership: assigning it to
 * another version of the collection moves it. Version aliases (`vN`) are not stored as aliases.
 *
 * @example
 * ```ts
 * const alias: AliasRecord = { id: 1, collectionId: 1, alias: 'latest', membershipId: 4 };
 * ```
 */
export interface AliasRecord {
  id: number;
  collectionId: number;
  alias: string;
  membershipId: number;
}

/**
 * A tag (of versions and collections), one record per name.
 *
 * @example
 * ```ts
 * store.artifacts.tags.get('best')?.id;
 * ```
 */
export interface TagRecord {
  id: number;
  name: string;
}

/**
 * Content stored for an entity, by base64 MD5.
 *
 * @example
 * ```ts
 * store.artifacts.contents.get('alice')?.get(md5)?.bytes;
 * ```
 */
export interface StoredContent {
  bytes: Uint8Array;
  /** The integer id of the version whose upload (or seed) stored it. */
  birthArtifactId: number;
}

/**
 * Everything the artifacts domain stores (`store.artifacts`).
 *
 * @example
 * ```ts
 * [...store.artifacts.collections.values()].map((c) => c.name);
 * ```
 */
export interface ArtifactData {
  types: Map<number, ArtifactTypeRecord>;
  collections: Map<number, CollectionRecord>;
  artifacts: Map<number, ArtifactRecord>;
  memberships: Map<number, MembershipRecord>;
  aliases: Map<number, AliasRecord>;
  manifests: Map<number, ManifestRecord>;
  /** Tags by name. */
  tags: Map<string, TagRecord>;
  /** Content by entity name, then base64 MD5. */
  contents: Map<string, Map<string, StoredContent>>;
  /** Upload slots by id. */
  uploads: Map<number, UploadSlot>;
  /** A counter ordering the uses of artifacts by runs. */
  useCounter: number;
}

/**
 * An empty {@link ArtifactData}.
 *
 * @example
 * ```ts
 * const data = createArtifactData();
 * ```
 */
export function createArtifactData(): ArtifactData {
  return {
    types: new Map(),
    collections: new Map(),
    artifacts: new Map(),
    memberships: new Map(),
    aliases: new Map(),
    manifests: new Map(),
    tags: new Map(),
    contents: new Map(),
    uploads: new Map(),
    useCounter: 0,
  };
}

/**
 * A reference entry of a seeded artifact: a URL (its digest is then the URL itself, as the official
 * client records a reference added without checksumming), or the URL with the digest, size and
 * extra data its handler would record (an `http(s)://` reference checksummed by ETag has
 * `digest: <ETag without quotes>`, `extra: { etag: <ETag as sent> }`).
 *
 * @example
 * ```ts
 * const plain: SeedReference = 'https://example.com/big.bin';
 * const checked: SeedReference = { url: 'https://example.com/big.bin', digest: 'abc123', size: 1024, extra: { etag: '"abc123"' } };
 * ```
 */
export type SeedReference =
  | string
  | {
      /** The referenced URL (the manifest entry's `ref`). */
      url: string;
      /** The entry's digest. Default the URL itself. */
      digest?: string;
      /** The size in bytes. Default `null` (unknown). */
      size?: number | null;
      /** The entry's `extra` data (such as `{ etag }`). Default none. */
      extra?: Record<string, unknown>;
    };

/**
 * An artifact version to add with `emu.seed.artifact`. Versions count up per collection (`v0`,
 * `v1`, ...); the collection, its type and the project (and entity) are created when missing.
 *
 * @example
 * ```ts
 * emu.seed.artifact({
 *   project: 'vision',
 *   type: 'dataset',
 *   collection: 'mnist',
 *   aliases: ['production'],
 *   tags: ['curated'],
 *   metadata: { rows: 3 },
 *   files: { 'train.csv': 'a,b\n1,2\n', 'images/0.png': new Uint8Array([137, 80, 78, 71]) },
 *   references: { 'big.bin': 'https://example.com/big.bin' },
 *   createdBy: 'run00001',
 *   usedBy: ['run00002'],
 * });
 * ```
 */
export interface SeedArtifactInput {
  /** Entity. Default the viewer's entity. */
  entity?: string;
  /** Project (created when missing). */
  project: string;
  /** Artifact type (`dataset`, `model`, ...); a collection that exists must have this type. */
  type: string;
  /** The collection (sequence) name: no `/` or `:`. */
  collection: string;
  /**
   * Aliases in the collection besides its version alias (`vN`, assigned by the emulator), such as
   * `production` or `best`; an alias another version has moves to this one. `latest` always
   * moves to the newest committed version; listing it is allowed and changes nothing.
   * Default none.
   */
  aliases?: string[];
  /** Tags of the version (`^[-\w]+( +[-\w]+)*$`, at most 128 characters). Default none. */
  tags?: string[];
  /** Metadata, a JSON object. Default `null`. */
  metadata?: Record<string, unknown> | null;
  /** Description. Default `null`. */
  description?: string | null;
  /** Stored files by manifest path (text is stored as UTF-8). Default none. */
  files?: Record<string, string | Uint8Array>;
  /** Reference entries by manifest path (never downloadable from the emulator). Default none. */
  references?: Record<string, SeedReference>;
  /** Id of the run (in the same project) that logged it. Default: the viewer logged it without a run. */
  createdBy?: string;
  /** Ids of runs (in the same project) that used it, in order. Default none. */
  usedBy?: string[];
  /**
   * `COMMITTED` (the default) or `PENDING`: a pending version has no version index and is
   * invisible to names, aliases and listings, as an interrupted publish leaves it.
   */
  state?: 'COMMITTED' | 'PENDING';
  /**
   * Time to live in seconds (> 0), or `null` for none set on the version. Default: no TTL,
   * inherited (`ttlDurationSeconds: -2, ttlIsInherited: true`).
   */
  ttl?: number | null;
  /** `historyStep` (the step of the run when it was logged). Default `null`. */
  historyStep?: number | null;
  /** The manifest's storage layout (fallback URLs differ). Default `V2`. */
  storageLayout?: 'V1' | 'V2';
  /** Creation time. Default now (on the emulator clock). */
  createdAt?: Date | string;
}

/**
 * The result of `emu.seed.artifact`.
 *
 * @example
 * ```ts
 * const { id, name, version, digest } = emu.seed.artifact({ project: 'p', type: 'dataset', collection: 'mnist' });
 * // name 'mnist:v0', version 'v0', digest: hex MD5 of the manifest
 * ```
 */
export interface SeededArtifact {
  /** Global id (`Artifact.id`). */
  id: string;
  /** `collection:vN`; just the collection for a pending version. */
  name: string;
  /** `vN`; `null` for a pending version. */
  version: string | null;
  /** The manifest digest (`Artifact.digest`). */
  digest: string;
}

/**
 * A link to add with `emu.seed.link`: the version `artifact` joins the portfolio `collection`
 * (created, with the artifact's type, when missing) with the next index there.
 *
 * @example
 * ```ts
 * const { id } = emu.seed.artifact({ project: 'vision', type: 'model', collection: 'resnet' });
 * emu.seed.link({ artifact: id, entity: 'vision-team', project: 'model-registry', collection: 'classifier', aliases: ['production'] });
 * ```
 */
export interface SeedLinkInput {
  /** The global id of a committed version (`seed.artifact(...).id`). */
  artifact: string;
  /** Entity of the portfolio's project. Default the artifact's entity. */
  entity?: string;
  /** Project of the portfolio (created when missing). Default the artifact's project. */
  project?: string;
  /** The portfolio's name (a sequence of that name cannot take links). */
  collection: string;
  /** Aliases in the portfolio besides `vN`; `latest` moves to the newest link. Default none. */
  aliases?: string[];
  /** Creation time of the link. Default now (on the emulator clock). */
  createdAt?: Date | string;
}

/**
 * The result of `emu.seed.link`.
 *
 * @example
 * ```ts
 * const { name, version } = emu.seed.link({ artifact: id, project: 'registry', collection: 'classifier' }); // 'classifier:v0', 'v0'
 * ```
 */
export interface SeededLink {
  /** Global id of the membership (`ArtifactCollectionMembership.id`). */
  id: string;
  /** Global id of the portfolio (`ArtifactCollection.id`), what `unlinkArtifact` names. */
  collectionId: string;
  /** `collection:vN` in the portfolio. */
  name: string;
  /** `vN` in the portfolio. */
  version: string;
}

/**
 * What an `ArtifactAlias` resolves from: a custom alias, or the version alias `vN` of a membership
 * (`isVersion`).
 *
 * @example
 * ```ts
 * const view: AliasView = { id: 1, alias: 'latest', membership, isVersion: false };
 * ```
 */
export interface AliasView {
  id: number;
  alias: string;
  membership: MembershipRecord;
  isVersion: boolean;
}

/**
 * What a `File` of the artifacts domain resolves from: a stored file of a committed version
 * (`files` listings), an upload slot (`createArtifactFiles` answers) or a manifest's file.
 *
 * @example
 * ```ts
 * const listed: ArtifactFileView = { kind: 'artifactFile', artifact, file };
 * const slot: ArtifactFileView = { kind: 'artifactUpload', artifact, slot };
 * const manifest: ArtifactFileView = { kind: 'artifactManifest', manifest };
 * ```
 */
export type ArtifactFileView =
  | { kind: 'artifactFile'; artifact: ArtifactRecord; file: ArtifactFileRecord }
  | { kind: 'artifactUpload'; artifact: ArtifactRecord; slot: UploadSlot }
  | { kind: 'artifactManifest'; manifest: ManifestRecord };
