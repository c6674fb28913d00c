/**
 * Artifact versions: {@link Artifact}, built from the `ArtifactCollectionMembershipFields` and
 * `ArtifactFields` fragments (protocol notes §1.3, §1.6, §1.7, §3), with its manifest, files,
 * edits, links and lineage. The `Api` methods that get and list versions are in `artifacts.ts`.
 *
 * `Artifact.download()`, `file()`, `verify()`, `get()` and publishing are built on what is here:
 * {@link Artifact.manifest} (the parsed manifest, see `manifest.ts`), {@link Artifact.files}
 * (entries with signed URLs, read through `core/content.ts`), and the builders
 * {@link artifactFromSource} (a version by id, as `ArtifactByID` answers) and
 * {@link fetchArtifactByName}.
 *
 * @example
 * ```ts
 * const artifact = await api.artifact('acme/vision/mnist:latest');
 * console.log(artifact.name, artifact.version, artifact.aliases, artifact.size);
 * const manifest = await artifact.manifest();
 * ```
 * @module
 */
import { documents, lazy } from '../core/lazy.js';
import { PermissionError, ServerError, ValidationError, WandbError } from '../../errors/index.js';
import type {
  ArtifactCollectionMembershipFieldsFragment,
  ArtifactFieldsFragment,
  UpdateArtifactInput,
} from '../../generated/graphql.js';
import { abortable, abortReason } from '../core/concurrency.js';
import { contentStream, readAll, type SignedContent } from '../core/content.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { parseServerDate } from '../core/dates.js';
import { parseJsonString } from '../core/json.js';
import { artifactNotFound } from '../core/notFound.js';
import type { Paginated } from '../core/pagination.js';
import { describeValue, optionalBoolean, optionalSignal, optionsObject } from '../core/validate.js';
import { parseArtifactCollectionPath, type ArtifactCollectionRef } from '../paths/artifact-paths.js';
import { artifactUrl } from '../paths/urls.js';
import type { Run } from '../runs/run.js';
import {
  listArtifactFiles,
  type ArtifactFile,
  type ArtifactFilesOptions,
  type ArtifactVersionRef,
} from './artifact-file.js';
import { fetchCollection, type ArtifactCollection } from './collection.js';
import { parseManifest, type ArtifactManifest } from './manifest.js';
import type { ArtifactDownloadOptions, ArtifactSingleFileOptions, DownloadTarget } from './download.js';
import { getMedia, type ArtifactGetOptions, type ArtifactMedia } from './media.js';
import type { ArtifactVerifyOptions } from './verify.js';
import { resolveCollectionPlace } from './resolve.js';
import { checkAliases, checkMetadata, checkTags, checkTtl, comparableJson, isVersionAlias } from './rules.js';

// Downloading and verifying load on first use: an app that reads artifacts does not download them.
const downloads = /* @__PURE__ */ lazy(() => import('./download.js'), 'its artifacts/download module');
const verification = /* @__PURE__ */ lazy(() => import('./verify.js'), 'its artifacts/verify module');

/** The server feature that makes `linkArtifact` answer the new link. */
export const LINK_MEMBERSHIP_FEATURE = 'ARTIFACT_MEMBERSHIP_IN_LINK_ARTIFACT_RESPONSE';

/** The TTL value `updateArtifact` takes for "inherit the team's default". */
const TTL_INHERIT = -1;
/** The TTL value `updateArtifact` takes for "no TTL". */
const TTL_NONE = -2;

/**
 * The state of an artifact version: `PENDING` while it is being published, `COMMITTED` once
 * complete, `DELETED`. Other strings may appear on newer servers.
 *
 * @example
 * ```ts
 * if (artifact.state === 'COMMITTED') await artifact.manifest();
 * ```
 */
export type ArtifactState = 'PENDING' | 'COMMITTED' | 'DELETED' | (string & {});

/**
 * The version an artifact is, in the collection it was born in (its sequence): for a link, the
 * original; for anything else, the artifact itself.
 *
 * @example
 * ```ts
 * const { entity, project, name } = artifact.source; // e.g. 'acme', 'vision', 'mnist:v3'
 * const original = await api.artifact(`${entity}/${project}/${name}`);
 * ```
 */
export interface ArtifactSource {
  /** Entity of the source collection's project. */
  readonly entity: string;
  /** The source collection's project. */
  readonly project: string;
  /** The source collection. */
  readonly collection: string;
  /** `collection:vN`, the version in its source collection. */
  readonly name: string;
  /** `vN`, the version in its source collection. */
  readonly version: string;
}

/**
 * Options of the calls of {@link Artifact} that only read (`manifest()`, `usedBy()`, ...) or write
 * (`save()`, `unlink()`): a signal.
 *
 * @example
 * ```ts
 * await artifact.save({ signal: AbortSignal.timeout(30_000) });
 * ```
 */
export type ArtifactRequestOptions = Pick<RequestOptions, 'signal'>;

/**
 * Options of {@link Artifact.delete}.
 *
 * @example
 * ```ts
 * await artifact.delete({ deleteAliases: true });
 * ```
 */
export interface ArtifactDeleteOptions extends ArtifactRequestOptions {
  /** Also remove the version's aliases; without it the server refuses to delete a version that has any. Default `false`. */
  deleteAliases?: boolean;
}

/**
 * Options of {@link Artifact.link}.
 *
 * @example
 * ```ts
 * await artifact.link('acme/vision/best-models', { aliases: ['production'] });
 * ```
 */
export interface ArtifactLinkOptions extends ArtifactRequestOptions {
  /** Aliases of the new link in the target collection (the alias rules of {@link Artifact.aliases}). Default none. */
  aliases?: readonly string[];
}

/** The aliases the server gives for a version, of one collection only. */
type AliasEntry = NonNullable<ArtifactFieldsFragment['aliases']>[number];

function aliasesIn(entries: readonly AliasEntry[] | undefined, where: ArtifactCollectionRef): string[] {
  return (entries ?? [])
    .filter((a) => {
      const c = a.artifactCollection;
      const project = (c as { project: { name: string; entity: { name: string } } | null } | null)?.project;
      return (
        c?.name === where.collection &&
        project?.name === where.project &&
        project.entity.name === where.entity
      );
    })
    .map((a) => a.alias);
}

function withoutVersions(aliases: readonly string[]): string[] {
  return [...new Set(aliases.filter((a) => !isVersionAlias(a)))];
}

/** How the TTL was edited since it was loaded. */
type TtlEdit = { kind: 'seconds'; seconds: number | undefined } | { kind: 'inherit' };

/**
 * An artifact version: a dataset, a model, ... in one collection, with its aliases there. Get one
 * with {@link Api.artifact}, list them with {@link Api.artifacts}, `run.loggedArtifacts()` or
 * `run.usedArtifacts()`.
 *
 * Naming: {@link Artifact.name} is always `collection:vN` — the version in the collection it was
 * reached through — even when you asked for `mnist:latest` (the Python client keeps the name you
 * asked for; {@link Artifact.version} is the same in both). A version reached through a link (a
 * portfolio or registry collection) has `isLink` true, its link's collection, version and aliases,
 * and its original in {@link Artifact.source}.
 *
 * Editing: `aliases`, `tags`, `description`, `metadata` and `ttl` are assignable (and `metadata`
 * editable in place); {@link Artifact.save} sends the differences.
 *
 * @example
 * ```ts
 * const artifact = await api.artifact('acme/vision/mnist:latest', { type: 'dataset' });
 * console.log(artifact.name, artifact.aliases, artifact.metadata, artifact.url);
 * artifact.aliases = [...artifact.aliases, 'best'];
 * artifact.metadata.rows = 70_000;
 * await artifact.save();
 * ```
 */
export class Artifact {
  #ctx: FacadeContext;
  #place: ArtifactVersionRef;
  #data: ArtifactFieldsFragment;
  #savedAliases: readonly string[] = [];
  #aliases: readonly string[] = [];
  #tags: readonly string[] = [];
  #description: string | undefined;
  #metadata: Record<string, unknown> = {};
  #savedMetadata = '{}';
  #ttl: TtlEdit | undefined;
  #manifest: Promise<ArtifactManifest> | undefined;

  /**
   * @internal Made by `api.artifact()`, the listings, `artifact.link()` and the builders of this module.
   * @param place - the collection the version was reached through, and its version there.
   * @param aliases - its aliases in that collection (version aliases are dropped).
   */
  constructor(
    ctx: FacadeContext,
    data: ArtifactFieldsFragment,
    place: ArtifactVersionRef,
    aliases: readonly string[],
  ) {
    this.#ctx = ctx;
    this.#place = place;
    this.#data = data;
    this.#load(data, aliases);
  }

  #load(data: ArtifactFieldsFragment, aliases?: readonly string[]): void {
    this.#data = data;
    if (aliases !== undefined) {
      this.#savedAliases = Object.freeze(withoutVersions(aliases));
      this.#aliases = this.#savedAliases;
    }
    this.#tags = Object.freeze(data.tags.map((t) => t.name));
    this.#description = data.description || undefined;
    this.#metadata = parseJsonString(data.metadata, `metadata of artifact ${this.qualifiedName}`);
    this.#savedMetadata = comparableJson(this.#metadata);
    this.#ttl = undefined;
  }

  /** The server's node id of the version (the same for a link and its source). */
  get id(): string {
    return this.#data.id;
  }
  /** `collection:vN`: the version in the collection it was reached through (see the class notes). */
  get name(): string {
    return `${this.#place.collection}:${this.#place.version}`;
  }
  /** `entity/project/collection:vN`. */
  get qualifiedName(): string {
    return `${this.#place.entity}/${this.#place.project}/${this.name}`;
  }
  /** `vN`: the version in the collection it was reached through. */
  get version(): string {
    return this.#place.version;
  }
  /** The collection it was reached through (for a link, the link's collection). */
  get collectionName(): string {
    return this.#place.collection;
  }
  /** Entity of the collection it was reached through (the server's spelling). */
  get entity(): string {
    return this.#place.entity;
  }
  /** Project of the collection it was reached through (the server's spelling). */
  get project(): string {
    return this.#place.project;
  }
  /** The artifact's type, e.g. `dataset` or `model`. */
  get type(): string {
    return this.#data.artifactType.name;
  }
  /** The manifest digest (hex MD5 over the entries' paths and digests): equal digests, equal contents. */
  get digest(): string {
    return this.#data.digest;
  }
  /** The server's short commit hash of the version (usable as an alias in paths), or `undefined`. */
  get commitHash(): string | undefined {
    return this.#data.commitHash ?? undefined;
  }
  /** Total size in bytes, references included. */
  get size(): number {
    return this.#data.size;
  }
  /** Number of files, references included. */
  get fileCount(): number {
    return this.#data.fileCount;
  }
  /** `PENDING`, `COMMITTED` or `DELETED`. */
  get state(): ArtifactState {
    return this.#data.state;
  }
  /** When the version was created. */
  get createdAt(): Date | undefined {
    return parseServerDate(this.#data.createdAt);
  }
  /** When the version last changed, or `undefined`. */
  get updatedAt(): Date | undefined {
    return parseServerDate(this.#data.updatedAt);
  }
  /** The history step of the run that logged it, as the Python client shows it (the server's step − 1, at least 0), or `undefined`. */
  get historyStep(): number | undefined {
    const step = this.#data.historyStep;
    return step === null || step === undefined ? undefined : Math.max(0, step - 1);
  }
  /** Whether it was reached through a link: its entity, project or collection differ from its source's. */
  get isLink(): boolean {
    const seq = this.#data.artifactSequence;
    const source = this.source;
    return (
      this.#place.entity !== source.entity ||
      this.#place.project !== source.project ||
      this.#place.collection !== seq.name
    );
  }
  /** The version in the collection it was born in (for a link, the original). */
  get source(): ArtifactSource {
    const seq = this.#data.artifactSequence;
    const project = (seq as { project: (typeof seq)['project'] | null }).project;
    const version = `v${this.#data.versionIndex ?? ''}`;
    return Object.freeze({
      entity: project?.entity.name ?? this.#place.entity,
      project: project?.name ?? this.#place.project,
      collection: seq.name,
      name: `${seq.name}:${version}`,
      version,
    });
  }
  /**
   * The version's page in the W&B app: `{app}/{entity}/{project}/artifacts/{type}/{collection}/{vN}`;
   * for a link into a registry the registry's page (`''` when its organization's name is not known,
   * e.g. for a version listed from a registry project by its org entity), for a link of type `model`
   * the model registry's.
   *
   * @example
   * ```ts
   * console.log(artifact.url); // 'https://wandb.ai/acme/vision/artifacts/dataset/mnist/v3'
   * ```
   */
  get url(): string {
    return artifactUrl(this.#ctx.appUrl, {
      entity: this.#place.entity,
      project: this.#place.project,
      type: this.type,
      collection: this.#place.collection,
      version: this.#place.version,
      isLink: this.isLink,
      organizationName: this.#place.organizationName,
    });
  }

  /** The version's aliases in the collection it was reached through (`latest`, `prod`, ...; never `vN`). */
  get aliases(): readonly string[] {
    return this.#aliases;
  }
  /**
   * Replaces the aliases (in the collection it was reached through); saved by
   * {@link Artifact.save}, which sends only the aliases added and removed. Each alias is at most
   * 128 characters, without `/` or `:`, and not a version alias (`v3`); duplicates are dropped.
   * An alias names one version per collection: adding one moves it here.
   *
   * @example
   * ```ts
   * artifact.aliases = [...artifact.aliases, 'production'];
   * await artifact.save();
   * ```
   */
  set aliases(value: readonly string[]) {
    this.#aliases = Object.freeze(checkAliases(value, 'aliases'));
  }

  /** The version's tags. */
  get tags(): readonly string[] {
    return this.#tags;
  }
  /**
   * Replaces the tags; saved by {@link Artifact.save}, which sends only the tags added and
   * removed. Each tag is at most 128 characters of letters, digits, `-` and `_`, in words
   * separated by spaces; duplicates are dropped.
   *
   * @example
   * ```ts
   * artifact.tags = [...artifact.tags, 'cleaned'];
   * await artifact.save();
   * ```
   */
  set tags(value: readonly string[]) {
    this.#tags = Object.freeze(checkTags(value, 'tags'));
  }

  /** Description, or `undefined`. */
  get description(): string | undefined {
    return this.#description;
  }
  /**
   * Sets the description; `undefined` (or `''`) clears it. Saved by {@link Artifact.save}.
   *
   * @example
   * ```ts
   * artifact.description = 'MNIST with the 2024 label fixes';
   * await artifact.save();
   * ```
   */
  set description(value: string | undefined) {
    if (value !== undefined && typeof value !== 'string') {
      throw new ValidationError('description', `expected a string or undefined, got ${describeValue(value)}`);
    }
    this.#description = value || undefined;
  }

  /**
   * The version's metadata, a plain object parsed from the server's JSON (`{}` when there is none).
   * Edit it in place or assign a new object; {@link Artifact.save} sends it when it changed.
   */
  get metadata(): Record<string, unknown> {
    return this.#metadata;
  }
  /**
   * Replaces the metadata: a plain object of at most 100 top-level keys whose values JSON holds as
   * they are (no functions, `Map`s, class instances, circular references, `±Infinity`; `NaN` is
   * sent as `null`, a `Date` as its ISO-8601 string). Saved by {@link Artifact.save}.
   *
   * @example
   * ```ts
   * artifact.metadata = { ...artifact.metadata, rows: 70_000 };
   * await artifact.save();
   * ```
   */
  set metadata(value: Record<string, unknown>) {
    this.#metadata = checkMetadata(value, 'metadata');
  }

  /**
   * The version's time to live, in seconds — it is deleted that long after it was created — or
   * `undefined` when it has none. When it follows the team's default ({@link Artifact.ttlIsInherited}),
   * this is that default as the server applies it.
   */
  get ttl(): number | undefined {
    if (this.#ttl?.kind === 'seconds') return this.#ttl.seconds;
    if (this.#ttl?.kind === 'inherit') return undefined;
    const seconds = this.#data.ttlDurationSeconds;
    return seconds > 0 ? seconds : undefined;
  }
  /**
   * Sets the TTL: a positive whole number of seconds, or `undefined` for none (the version is kept
   * until deleted). Saved by {@link Artifact.save}; to follow the team's default instead, call
   * {@link Artifact.inheritTtl}. A link has its source's TTL: set it there.
   *
   * @example
   * ```ts
   * artifact.ttl = 30 * 24 * 3600; // deleted 30 days after it was created
   * await artifact.save();
   * ```
   */
  set ttl(value: number | undefined) {
    this.#ttl = { kind: 'seconds', seconds: checkTtl(value, 'ttl') };
  }
  /** Whether the TTL is the team's default (after {@link Artifact.inheritTtl}, until saved: `true`). */
  get ttlIsInherited(): boolean {
    if (this.#ttl !== undefined) return this.#ttl.kind === 'inherit';
    return this.#data.ttlIsInherited;
  }
  /**
   * Makes the version follow its team's default TTL; saved by {@link Artifact.save} (`ttl` then
   * shows the default the server applies).
   *
   * @example
   * ```ts
   * artifact.inheritTtl();
   * await artifact.save();
   * ```
   */
  inheritTtl(): void {
    this.#ttl = { kind: 'inherit' };
  }

  /** Where the version's files are: the collection it was reached through and its version there. */
  get #versionRef(): ArtifactVersionRef {
    return this.#place;
  }

  /**
   * The version's manifest: every entry (`path`, `digest`, `size`, and for a reference `ref`), read
   * once from its signed storage URL (without your API key; an expired URL is renewed once) and
   * kept: later calls answer without a request.
   *
   * @example
   * ```ts
   * const manifest = await artifact.manifest();
   * for (const entry of manifest.entries) console.log(entry.path, entry.size, entry.digest);
   * ```
   */
  manifest(options: ArtifactRequestOptions = {}): Promise<ArtifactManifest> {
    const signal = optionalSignal(optionsObject(options).signal);
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (!this.#manifest) {
      // Shared by every caller, so fetched without any one caller's signal: aborting one
      // download must not fail another caller's manifest(). Each caller races its own signal.
      const pending = this.#fetchManifest(undefined);
      this.#manifest = pending;
      pending.catch(() => {
        if (this.#manifest === pending) this.#manifest = undefined;
      });
    }
    return abortable(this.#manifest, signal);
  }

  async #manifestUrl(signal: AbortSignal | undefined, cache: boolean): Promise<string> {
    const data = await this.#ctx.request(
      (await documents()).FetchArtifactManifestDocument,
      { id: this.id },
      { signal, cache, cacheIf: (d) => d.artifact?.currentManifest != null },
    );
    const url = data.artifact?.currentManifest?.file.directUrl;
    if (!url)
      throw new WandbError(
        `Artifact ${this.qualifiedName} has no manifest (is it committed? its state is ${this.state})`,
      );
    return url;
  }

  async #fetchManifest(signal: AbortSignal | undefined): Promise<ArtifactManifest> {
    let url = await this.#manifestUrl(signal, true);
    const what = `the manifest of artifact ${this.qualifiedName}`;
    const source: SignedContent = {
      name: what,
      size: undefined,
      get directUrl() {
        return url;
      },
      renew: async (s) => {
        url = await this.#manifestUrl(s, false);
      },
    };
    const bytes = await readAll(contentStream(this.#ctx, source, { signal }));
    return parseManifest(new TextDecoder('utf-8').decode(bytes), what);
  }

  /**
   * The version's files, page by page (50 per request by default), each with its size, MD5 and
   * signed URL; `names` keeps only those paths. `totalCount()` is the number of files the server
   * lists for the version, on servers with the feature `TOTAL_COUNT_IN_FILE_CONNECTION` (elsewhere
   * it rejects with `UnsupportedError`; `fileCount` is always there).
   *
   * @example
   * ```ts
   * for await (const file of artifact.files()) console.log(file.name, file.size);
   * const [labels] = await artifact.files({ names: ['labels.json'] }).toArray();
   * ```
   */
  files(options: ArtifactFilesOptions = {}): Paginated<ArtifactFile> {
    return listArtifactFiles(this.#ctx, this.#versionRef, options);
  }

  // Downloads, verification and media objects: download.ts, verify.ts, media.ts.

  /**
   * Downloads the version's files to `root` (Node only; in a browser `UnsupportedError`) and
   * resolves with the absolute folder. Default folder `./artifacts/<name>` ({@link Artifact.name},
   * so a link downloads to its own `collection:vN`; `:` is `-` on Windows; `WANDB_ARTIFACT_DIR`
   * replaces `./artifacts`), the same for `file()` and `verify()`.
   *
   * Files are fetched in parallel, at most `concurrency` (16) at once and never more than the
   * Api's `storageConcurrency` across all its calls, from signed URLs (an expired one is renewed
   * once), without your API key. Each is streamed to a temporary file, hashed (MD5) as it is
   * written, checked against the manifest (`IntegrityError` naming the path, nothing written) and
   * renamed into place. A file already there with the right MD5 is not fetched again, so calling
   * it again after an interruption fetches only what is missing; files not in the manifest are
   * left alone. Content downloaded before (same MD5) is copied from the local cache
   * (`$WANDB_CACHE_DIR/artifacts`, default `~/.cache/wandb-api/artifacts`) unless `skipCache`.
   * `http(s)` references are fetched from their URL without W&B credentials; other references
   * are an `UnsupportedError` naming them unless `allowMissingReferences`. Every path is checked
   * first: one that would be written outside `root` (`..`, absolute, backslashes, drive letters)
   * is a `ValidationError` and nothing is written. The first failure cancels the other transfers
   * and is what the call rejects with; aborting `signal` stops every transfer; neither leaves a
   * partial file.
   *
   * @example
   * ```ts
   * const root = await artifact.download({ root: 'data/mnist', onProgress: (p) => console.log(p.filesDone, p.files) });
   * const images = await artifact.download({ pathPrefix: 'images/', concurrency: 32 });
   * ```
   */
  download(options: ArtifactDownloadOptions = {}): Promise<string> {
    const target = this.#downloadTarget(this.name);
    return downloads().then((m) => m.downloadArtifact(this.#ctx, target, options));
  }

  /**
   * Downloads the one file of a single-file version (as {@link Artifact.download} does) and
   * resolves with its absolute path; a version with another number of files is a
   * `ValidationError` saying how many it has. Default folder `./artifacts/<name>`. Node only.
   *
   * @example
   * ```ts
   * const modelPath = await (await api.artifact('acme/vision/resnet:production')).file({ root: 'models' });
   * ```
   */
  file(options: ArtifactSingleFileOptions = {}): Promise<string> {
    const target = this.#downloadTarget(this.name);
    return downloads().then((m) => m.downloadSingleFile(this.#ctx, target, options));
  }

  /**
   * Checks a downloaded folder against the manifest: resolves when every stored file is there
   * with its MD5 and the folder holds no other file; else rejects with `VerificationError`
   * (`missing`, `changed`, `extra`). References are not checked, as in the official client.
   * Default folder that of {@link Artifact.download}. Node only.
   *
   * @example
   * ```ts
   * await artifact.verify({ root: 'data/mnist' });
   * ```
   */
  verify(options: ArtifactVerifyOptions = {}): Promise<void> {
    const target = this.#downloadTarget(this.name);
    return verification().then((m) => m.verifyArtifact(this.#ctx, target, options));
  }

  /**
   * A media object stored in the version (`artifact.add(obj, name)` in the Python client, stored
   * as `<name>.<type>.json`), parsed: a W&B Table as `{ columns, rows }`, other media as their
   * JSON object. A missing one is a `NotFoundError`. Works in browsers too.
   *
   * @example
   * ```ts
   * const table = (await artifact.get('samples')) as ArtifactTable;
   * console.log(table.columns, table.rows.length);
   * ```
   */
  get(name: string, options: ArtifactGetOptions = {}): Promise<ArtifactMedia> {
    return getMedia(this.#ctx, this.#downloadTarget(this.name), name, options);
  }

  #downloadTarget(rootName: string): DownloadTarget {
    return {
      qualifiedName: this.qualifiedName,
      id: this.id,
      rootName,
      where: this.#versionRef,
      manifest: (o) => this.manifest(o),
    };
  }

  /**
   * Saves your edits to `aliases`, `tags`, `description`, `metadata` and `ttl`, sending only the
   * differences, and nothing at all when nothing changed: (1) the aliases added (`addAliases`)
   * and removed (`deleteAliases`) in the collection it was reached through; (2) one
   * `updateArtifact` with the fields that changed (the tags added and removed, the description,
   * the whole metadata, the TTL). Every rule is checked first ({@link ValidationError}, before any
   * request): the alias and tag rules, the metadata's, and that a link's TTL cannot be set (it is
   * its source's). For a link, the source project must be writable for (2) (else
   * `PermissionError`, before any request). Afterwards the artifact shows the server's view. If
   * a request fails, what was saved before it stays saved and your other edits stay on the
   * object: call `save()` again.
   *
   * @example
   * ```ts
   * artifact.aliases = ['production'];
   * artifact.tags = [...artifact.tags, 'reviewed'];
   * artifact.metadata.accuracy = 0.97;
   * await artifact.save();
   * ```
   */
  async save(options: ArtifactRequestOptions = {}): Promise<this> {
    const signal = optionalSignal(optionsObject(options).signal);
    const aliases = checkAliases(this.#aliases, 'aliases');
    const tags = checkTags(this.#tags, 'tags');
    const savedTags = this.#data.tags.map((t) => t.name);
    const aliasesToAdd = aliases.filter((a) => !this.#savedAliases.includes(a));
    const aliasesToDelete = this.#savedAliases.filter((a) => !aliases.includes(a));
    const tagsToAdd = tags.filter((t) => !savedTags.includes(t));
    const tagsToDelete = savedTags.filter((t) => !tags.includes(t));
    const input: UpdateArtifactInput = { artifactID: this.id };
    if ((this.#description ?? '') !== (this.#data.description ?? ''))
      input.description = this.#description ?? '';
    if (comparableJson(this.#metadata) !== this.#savedMetadata) {
      input.metadata = JSON.stringify(checkMetadata(this.#metadata, 'metadata'));
    }
    if (this.#ttl !== undefined) {
      if (this.isLink) {
        throw new ValidationError(
          'ttl',
          `${this.qualifiedName} is a link: its TTL is that of its source version ${this.source.entity}/${this.source.project}/${this.source.name}; set it there`,
        );
      }
      if (this.type === 'wandb-history') {
        throw new ValidationError(
          'ttl',
          'the TTL of a run history artifact (type wandb-history) cannot be set',
        );
      }
      input.ttlDurationSeconds = this.#ttl.kind === 'inherit' ? TTL_INHERIT : (this.#ttl.seconds ?? TTL_NONE);
    }
    if (tagsToAdd.length > 0 || tagsToDelete.length > 0) {
      input.tagsToAdd = tagsToAdd.map((tagName) => ({ tagName }));
      input.tagsToDelete = tagsToDelete.map((tagName) => ({ tagName }));
    }
    const update = Object.keys(input).length > 1;
    if (update && this.isLink) await this.#requireWritableSource(signal);

    const where = {
      entityName: this.#place.entity,
      projectName: this.#place.project,
      artifactCollectionName: this.#place.collection,
    };
    if (aliasesToAdd.length > 0) {
      const data = await this.#ctx.request(
        (await documents()).AddAliasesDocument,
        { input: { artifactID: this.id, aliases: aliasesToAdd.map((alias) => ({ ...where, alias })) } },
        { signal, idempotent: true },
      );
      if (!data.result?.success)
        throw new ServerError(`AddAliases did not add ${aliasesToAdd.join(', ')} to ${this.qualifiedName}`);
      this.#savedAliases = Object.freeze([...this.#savedAliases, ...aliasesToAdd]);
    }
    if (aliasesToDelete.length > 0) {
      const data = await this.#ctx.request(
        (await documents()).DeleteAliasesDocument,
        { input: { artifactID: this.id, aliases: aliasesToDelete.map((alias) => ({ ...where, alias })) } },
        { signal, idempotent: true },
      );
      if (!data.result?.success) {
        throw new ServerError(
          `DeleteAliases did not remove ${aliasesToDelete.join(', ')} from ${this.qualifiedName}`,
        );
      }
      this.#savedAliases = Object.freeze(this.#savedAliases.filter((a) => !aliasesToDelete.includes(a)));
    }
    if (update) {
      const data = await this.#ctx.request(
        (await documents()).UpdateArtifactDocument,
        { input },
        { signal, idempotent: true },
      );
      const artifact = data.result?.artifact;
      if (!artifact) throw new ServerError(`UpdateArtifact returned no artifact for ${this.qualifiedName}`);
      const serverAliases =
        artifact.aliases === undefined ? undefined : aliasesIn(artifact.aliases, this.#place);
      this.#load(artifact, serverAliases ?? this.#savedAliases);
    }
    return this;
  }

  /** Rejects unless the caller may write the source project of this link (`IsProjectReadOnly`). */
  async #requireWritableSource(signal: AbortSignal | undefined): Promise<void> {
    const { entity, project } = this.source;
    const data = await this.#ctx.request(
      (await documents()).IsProjectReadOnlyDocument,
      { entity, project },
      { signal, cache: false },
    );
    if (data.project && data.project.readOnly !== true) return;
    throw new PermissionError(
      `${this.qualifiedName} is a link: its tags, description, metadata and TTL are those of its source version ` +
        `${entity}/${project}/${this.source.name}, whose project ${data.project ? 'is read-only for you' : 'you cannot see'}; nothing was saved`,
    );
  }

  /**
   * Deletes the version (`deleteArtifact`); with `deleteAliases`, its aliases too — without it
   * the server refuses to delete a version that has aliases. On a link, removes the link instead
   * ({@link Artifact.unlink}).
   *
   * @example
   * ```ts
   * await (await api.artifact('acme/vision/scratch:v0')).delete({ deleteAliases: true });
   * ```
   */
  async delete(options: ArtifactDeleteOptions = {}): Promise<void> {
    const o = optionsObject(options);
    const deleteAliases = optionalBoolean(o.deleteAliases, 'deleteAliases') ?? false;
    const signal = optionalSignal(o.signal);
    if (this.isLink) return this.unlink({ signal });
    const data = await this.#ctx.request(
      (await documents()).DeleteArtifactDocument,
      { input: { artifactID: this.id, deleteAliases } },
      { signal },
    );
    if (!data.result) throw new ServerError(`DeleteArtifact returned nothing for ${this.qualifiedName}`);
  }

  /**
   * Links this version into another collection (a portfolio, e.g. a registry's) and resolves with
   * the link. `target` is `[entity/][project/]collection` (no alias): a missing project comes from
   * the `project` setting (none is a {@link ValidationError}: this client never falls back to
   * `uncategorized`), a missing entity is this version's source entity. In a registry project
   * (`wandb-registry-<name>`) the first segment names the organization (else the `organization`
   * setting, else the source entity's only organization), resolved to its org entity. The
   * collection is created on the first link; the server moves `latest` to the newest link.
   * Linking a link links its source; linking the same version again answers its existing link.
   * On servers without `ARTIFACT_MEMBERSHIP_IN_LINK_ARTIFACT_RESPONSE` the link is read back by
   * name (`target:vN`).
   *
   * @example
   * ```ts
   * const link = await artifact.link('acme/vision/best-models', { aliases: ['production'] });
   * const registered = await artifact.link('my-org/wandb-registry-model/resnet'); // a registry
   * console.log(registered.isLink, registered.name, registered.url);
   * ```
   */
  async link(target: string, options: ArtifactLinkOptions = {}): Promise<Artifact> {
    const o = optionsObject(options);
    const signal = optionalSignal(o.signal);
    const aliases = o.aliases === undefined ? [] : checkAliases(o.aliases, 'aliases');
    const settings = this.#ctx.settings;
    const parsed = parseArtifactCollectionPath(
      target,
      { project: settings.project, organization: settings.organization },
      'target',
    );
    const sourceEntity = (): Promise<string> => Promise.resolve(this.source.entity);
    const where = await resolveCollectionPlace(
      this.#ctx,
      parsed,
      { signal },
      { lookupEntity: sourceEntity, defaultEntity: sourceEntity, parameter: 'target' },
    );
    const input = {
      artifactID: this.id,
      artifactPortfolioName: where.collection,
      entityName: where.entity,
      projectName: where.project,
      aliases: aliases.map((alias) => ({ artifactCollectionName: where.collection, alias })),
    };
    const withMembership = (await this.#ctx.serverFeatures()).get(LINK_MEMBERSHIP_FEATURE) === true;
    let versionIndex: number | null | undefined;
    if (withMembership) {
      const data = await this.#ctx.request(
        (await documents()).LinkArtifactDocument,
        { input },
        { signal, idempotent: true },
      );
      const membership = data.result?.artifactMembership;
      if (membership) return artifactFromMembership(this.#ctx, membership, where);
      versionIndex = data.result?.versionIndex;
    } else {
      const data = await this.#ctx.request(
        (await documents()).LinkArtifactWithoutMembershipDocument,
        { input },
        { signal, idempotent: true },
      );
      versionIndex = data.result?.versionIndex;
    }
    if (versionIndex === null || versionIndex === undefined) {
      throw new ServerError(
        `linkArtifact gave no version for the link of ${this.qualifiedName} in ${where.entity}/${where.project}/${where.collection}`,
      );
    }
    return fetchArtifactByName(this.#ctx, where, `v${versionIndex}`, { signal, cache: false });
  }

  /**
   * Removes this link from its collection (`unlinkArtifact`; the collection's id is read first).
   * The source version is not touched. Only for links ({@link Artifact.isLink}): on anything else
   * it throws {@link ValidationError} before any request — use {@link Artifact.delete}.
   *
   * @example
   * ```ts
   * const link = await api.artifact('my-org/wandb-registry-model/resnet:production');
   * await link.unlink();
   * ```
   */
  async unlink(options: ArtifactRequestOptions = {}): Promise<void> {
    const signal = optionalSignal(optionsObject(options).signal);
    if (!this.isLink) {
      throw new ValidationError(
        'artifact',
        `${this.qualifiedName} is not a link (it is in the collection it was born in): only links can be unlinked; use delete() to delete the version`,
      );
    }
    const collection = await fetchCollection(
      this.#ctx,
      { ...this.#place, type: this.type },
      { signal, cache: false },
    );
    const data = await this.#ctx.request(
      (await documents()).UnlinkArtifactDocument,
      { input: { artifactID: this.id, artifactPortfolioID: collection.id } },
      { signal },
    );
    if (!data.result?.success) throw new ServerError(`unlinkArtifact did not remove ${this.qualifiedName}`);
  }

  /**
   * The runs that used this version (declared it as an input), as the server lists them in one
   * page; each a whole {@link Run} (no request per run).
   *
   * @example
   * ```ts
   * for (const run of await artifact.usedBy()) console.log(run.id, run.name, run.url);
   * ```
   */
  async usedBy(options: ArtifactRequestOptions = {}): Promise<Run[]> {
    const signal = optionalSignal(optionsObject(options).signal);
    const data = await this.#ctx.request(
      (await documents()).ArtifactUsedByDocument,
      { id: this.id },
      { signal, cacheIf: (d) => d.artifact != null },
    );
    return Promise.all(
      (data.artifact?.usedBy.edges ?? []).flatMap((e) => {
        const project = (e.node as { project: (typeof e.node)['project'] | null }).project;
        return project ? [this.#ctx.runFromData(project.entity.name, project.name, e.node)] : [];
      }),
    );
  }

  /**
   * The run that logged this version, or `null` when a user created it without a run (or the
   * run is gone).
   *
   * @example
   * ```ts
   * const run = await artifact.loggedBy();
   * console.log(run?.id ?? 'not logged by a run');
   * ```
   */
  async loggedBy(options: ArtifactRequestOptions = {}): Promise<Run | null> {
    const signal = optionalSignal(optionsObject(options).signal);
    const data = await this.#ctx.request(
      (await documents()).ArtifactCreatedByDocument,
      { id: this.id },
      { signal, cacheIf: (d) => d.artifact != null },
    );
    const creator = data.artifact?.createdBy;
    if (!creator || creator.__typename !== 'Run') return null;
    const project = (creator as { project: (typeof creator)['project'] | null }).project;
    return project ? this.#ctx.runFromData(project.entity.name, project.name, creator) : null;
  }

  /**
   * The collection this version was reached through (for a link, the link's collection).
   *
   * @example
   * ```ts
   * const collection = await artifact.collection();
   * console.log(collection.name, collection.isSequence, collection.tags);
   * ```
   */
  collection(options: RequestOptions = {}): Promise<ArtifactCollection> {
    const o = optionsObject(options);
    const signal = optionalSignal(o.signal);
    const cache = optionalBoolean(o.cache, 'cache');
    return fetchCollection(this.#ctx, { ...this.#place, type: this.type }, { signal, cache });
  }

  /**
   * A plain-object form, for logging and JSON (metadata included; no URLs but the app URL).
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(artifact, null, 2));
   * ```
   */
  toJSON(): Record<string, unknown> {
    const { id, name, qualifiedName, version, collectionName, entity, project, type, aliases, tags } = this;
    const {
      description,
      metadata,
      digest,
      size,
      fileCount,
      state,
      ttl,
      createdAt,
      updatedAt,
      isLink,
      source,
      url,
    } = this;
    return {
      id,
      name,
      qualifiedName,
      version,
      collectionName,
      entity,
      project,
      type,
      aliases,
      tags,
      description,
      metadata,
      digest,
      size,
      fileCount,
      state,
      ttl,
      createdAt,
      updatedAt,
      isLink,
      source,
      url,
    };
  }
}

/**
 * The version a membership (`ArtifactMembershipByName`, `linkArtifact`) describes, in the
 * collection it names: the membership's entity and project (the server's spelling) replace the
 * asked ones, its single version alias (else its index, else the artifact's) is the version, its
 * other aliases are the aliases.
 * @internal
 * @example
 * ```ts
 * const artifact = artifactFromMembership(ctx, data.project.artifactCollectionMembership, where);
 * ```
 */
export function artifactFromMembership(
  ctx: FacadeContext,
  membership: ArtifactCollectionMembershipFieldsFragment,
  asked: ArtifactCollectionRef,
): Artifact {
  const artifact = membership.artifact;
  if (!artifact)
    throw new WandbError(`The server gave a membership of ${asked.collection} without its artifact`);
  const collection = membership.artifactCollection;
  const project = (collection as { project: { name: string; entity: { name: string } } | null } | null)
    ?.project;
  const aliases = membership.aliases.map((a) => a.alias);
  const versions = [...new Set(aliases.filter(isVersionAlias))];
  if (versions.length > 1) {
    throw new WandbError(
      `Artifact ${asked.collection} has several version aliases in one collection: ${versions.join(', ')}`,
    );
  }
  const index = membership.versionIndex ?? artifact.versionIndex;
  const version = versions[0] ?? (index === null || index === undefined ? undefined : `v${index}`);
  if (version === undefined) {
    throw new WandbError(`Artifact ${asked.collection}:? has no version yet (state ${artifact.state})`);
  }
  const place: ArtifactVersionRef = {
    entity: project?.entity.name ?? asked.entity,
    project: project?.name ?? asked.project,
    collection: collection?.name ?? asked.collection,
    version,
    ...(asked.organizationName === undefined ? {} : { organizationName: asked.organizationName }),
  };
  return new Artifact(ctx, artifact, place, aliases);
}

/**
 * A version as a collection listing (`ProjectArtifacts`) gives it: named with the edge's version
 * in that collection, in the collection asked for, with that collection's aliases.
 * @internal
 * @example
 * ```ts
 * const artifact = artifactFromListing(ctx, edge.node, where, edge.version);
 * ```
 */
export function artifactFromListing(
  ctx: FacadeContext,
  node: ArtifactFieldsFragment,
  where: ArtifactCollectionRef,
  version: string,
): Artifact {
  return new Artifact(ctx, node, { ...where, version }, aliasesIn(node.aliases, where));
}

/**
 * A version by itself (`ArtifactByID`, a run's inputs and outputs), named in the sequence it was
 * born in (`sequence:vN` in the sequence's project), with that sequence's aliases; `undefined`
 * when the sequence's project is not visible (the official client skips those).
 * @internal
 * @example
 * ```ts
 * const artifact = artifactFromSource(ctx, data.artifact);
 * ```
 */
export function artifactFromSource(ctx: FacadeContext, node: ArtifactFieldsFragment): Artifact | undefined {
  const seq = node.artifactSequence;
  const project = (seq as { project: (typeof seq)['project'] | null }).project;
  if (!project || node.versionIndex === null) return undefined;
  const where = { entity: project.entity.name, project: project.name, collection: seq.name };
  return new Artifact(
    ctx,
    node,
    { ...where, version: `v${node.versionIndex}` },
    aliasesIn(node.aliases, where),
  );
}

/**
 * One version by `collection:alias` in a collection's project (`ArtifactMembershipByName`), or
 * {@link NotFoundError} saying whether the project or the version is missing (not cached).
 * @internal Users call `api.artifact()`.
 * @example
 * ```ts
 * const artifact = await fetchArtifactByName(ctx, { entity: 'acme', project: 'vision', collection: 'mnist' }, 'latest');
 * ```
 */
export async function fetchArtifactByName(
  ctx: FacadeContext,
  where: ArtifactCollectionRef,
  alias: string,
  options: RequestOptions = {},
): Promise<Artifact> {
  const name = `${where.collection}:${alias}`;
  const data = await ctx.request(
    (await documents()).ArtifactMembershipByNameDocument,
    { entity: where.entity, project: where.project, name },
    {
      signal: options.signal,
      cache: options.cache,
      cacheIf: (d) => d.project?.artifactCollectionMembership != null,
    },
  );
  const membership = data.project?.artifactCollectionMembership;
  if (!membership?.artifact) throw artifactNotFound(name, where.entity, where.project, data.project != null);
  return artifactFromMembership(ctx, membership, where);
}
