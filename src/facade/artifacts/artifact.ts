/**
 * Artifact versions: {@link Artifact}, built from the `ArtifactCollectionMembershipFields` and
 * `ArtifactFields` fragments (protocol notes §1.3, §1.6, §1.7, §3), with its manifest, files,
 * edits, links and lineage. The `Api` methods that get and list versions are in `artifacts.ts`.
 *
 * This module is the light part that `wandb-api` exports (and a browser app loads with the page):
 * the class with its fields, its synchronous getters and setters (and their checks), and the
 * declarations of its other methods. Their code is in `artifact-impl.ts` (`ArtifactImpl`, which
 * makes every `Artifact`, and the builders `artifactFromSource`, `fetchArtifactByName`, ...),
 * loaded with the domain code that gets or lists versions.
 *
 * @example
 * ```ts
 * const artifact = await api.artifact('acme/vision/mnist:latest');
 * console.log(artifact.name, artifact.version, artifact.aliases, artifact.size);
 * const manifest = await artifact.manifest();
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import type { ArtifactFieldsFragment } from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { parseServerDate } from '../core/dates.js';
import type { Paginated } from '../core/pagination.js';
import { describeValue } from '../core/validate.js';
import { artifactUrl } from '../paths/urls.js';
import type { Run } from '../runs/run.js';
import type { ArtifactFile, ArtifactFilesOptions, ArtifactVersionRef } from './artifact-file.js';
import type { ArtifactCollection } from './collection.js';
import type { ArtifactManifest } from './manifest.js';
import type { ArtifactDownloadOptions, ArtifactSingleFileOptions } from './download.js';
import type { ArtifactGetOptions, ArtifactMedia } from './media.js';
import type { ArtifactVerifyOptions } from './verify.js';
import { checkMetadata, checkTtl } from './rules.js';
import { checkAliases, checkTags } from './labels.js';

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

/**
 * How the TTL was edited since it was loaded.
 * @internal
 */
export type TtlEdit = { kind: 'seconds'; seconds: number | undefined } | { kind: 'inherit' };

/**
 * What an {@link Artifact} holds: where it was reached, the server's view and the edits not yet
 * saved. Its implementation (`artifact-impl.ts`) reads and edits it.
 * @internal
 */
export interface ArtifactFields {
  readonly ctx: FacadeContext;
  readonly place: ArtifactVersionRef;
  data: ArtifactFieldsFragment;
  savedAliases: readonly string[];
  aliases: readonly string[];
  tags: readonly string[];
  description: string | undefined;
  metadata: Record<string, unknown>;
  savedMetadata: string;
  ttl: TtlEdit | undefined;
  manifest: Promise<ArtifactManifest> | undefined;
}

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
export abstract class Artifact {
  readonly #f: ArtifactFields;

  /**
   * @internal Made by `api.artifact()`, the listings, `artifact.link()` and the builders of
   * `artifact-impl.ts` (as an `ArtifactImpl`).
   * The implementation reads `data` (aliases, tags, metadata...) into the fields.
   * @param place - the collection the version was reached through, and its version there.
   */
  constructor(ctx: FacadeContext, data: ArtifactFieldsFragment, place: ArtifactVersionRef) {
    this.#f = {
      ctx,
      place,
      data,
      savedAliases: [],
      aliases: [],
      tags: [],
      description: undefined,
      metadata: {},
      savedMetadata: '{}',
      ttl: undefined,
      manifest: undefined,
    };
  }

  /** @internal What the version holds, for its implementation (`artifact-impl.ts`). */
  protected get fields(): ArtifactFields {
    return this.#f;
  }

  /** The server's node id of the version (the same for a link and its source). */
  get id(): string {
    return this.#f.data.id;
  }
  /** `collection:vN`: the version in the collection it was reached through (see the class notes). */
  get name(): string {
    return `${this.#f.place.collection}:${this.#f.place.version}`;
  }
  /** `entity/project/collection:vN`. */
  get qualifiedName(): string {
    return `${this.#f.place.entity}/${this.#f.place.project}/${this.name}`;
  }
  /** `vN`: the version in the collection it was reached through. */
  get version(): string {
    return this.#f.place.version;
  }
  /** The collection it was reached through (for a link, the link's collection). */
  get collectionName(): string {
    return this.#f.place.collection;
  }
  /** Entity of the collection it was reached through (the server's spelling). */
  get entity(): string {
    return this.#f.place.entity;
  }
  /** Project of the collection it was reached through (the server's spelling). */
  get project(): string {
    return this.#f.place.project;
  }
  /** The artifact's type, e.g. `dataset` or `model`. */
  get type(): string {
    return this.#f.data.artifactType.name;
  }
  /** The manifest digest (hex MD5 over the entries' paths and digests): equal digests, equal contents. */
  get digest(): string {
    return this.#f.data.digest;
  }
  /** The server's short commit hash of the version (usable as an alias in paths), or `undefined`. */
  get commitHash(): string | undefined {
    return this.#f.data.commitHash ?? undefined;
  }
  /** Total size in bytes, references included. */
  get size(): number {
    return this.#f.data.size;
  }
  /** Number of files, references included. */
  get fileCount(): number {
    return this.#f.data.fileCount;
  }
  /** `PENDING`, `COMMITTED` or `DELETED`. */
  get state(): ArtifactState {
    return this.#f.data.state;
  }
  /** When the version was created. */
  get createdAt(): Date | undefined {
    return parseServerDate(this.#f.data.createdAt);
  }
  /** When the version last changed, or `undefined`. */
  get updatedAt(): Date | undefined {
    return parseServerDate(this.#f.data.updatedAt);
  }
  /** The history step of the run that logged it, as the Python client shows it (the server's step − 1, at least 0), or `undefined`. */
  get historyStep(): number | undefined {
    const step = this.#f.data.historyStep;
    return step === null || step === undefined ? undefined : Math.max(0, step - 1);
  }
  /** Whether it was reached through a link: its entity, project or collection differ from its source's. */
  get isLink(): boolean {
    const seq = this.#f.data.artifactSequence;
    const source = this.source;
    return (
      this.#f.place.entity !== source.entity ||
      this.#f.place.project !== source.project ||
      this.#f.place.collection !== seq.name
    );
  }
  /** The version in the collection it was born in (for a link, the original). */
  get source(): ArtifactSource {
    const seq = this.#f.data.artifactSequence;
    const project = (seq as { project: (typeof seq)['project'] | null }).project;
    const version = `v${this.#f.data.versionIndex ?? ''}`;
    return Object.freeze({
      entity: project?.entity.name ?? this.#f.place.entity,
      project: project?.name ?? this.#f.place.project,
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
    return artifactUrl(this.#f.ctx.appUrl, {
      entity: this.#f.place.entity,
      project: this.#f.place.project,
      type: this.type,
      collection: this.#f.place.collection,
      version: this.#f.place.version,
      isLink: this.isLink,
      organizationName: this.#f.place.organizationName,
    });
  }

  /** The version's aliases in the collection it was reached through (`latest`, `prod`, ...; never `vN`). */
  get aliases(): readonly string[] {
    return this.#f.aliases;
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
    this.#f.aliases = Object.freeze(checkAliases(value, 'aliases'));
  }

  /** The version's tags. */
  get tags(): readonly string[] {
    return this.#f.tags;
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
    this.#f.tags = Object.freeze(checkTags(value, 'tags'));
  }

  /** Description, or `undefined`. */
  get description(): string | undefined {
    return this.#f.description;
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
    this.#f.description = value || undefined;
  }

  /**
   * The version's metadata, a plain object parsed from the server's JSON (`{}` when there is none).
   * Edit it in place or assign a new object; {@link Artifact.save} sends it when it changed.
   */
  get metadata(): Record<string, unknown> {
    return this.#f.metadata;
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
    this.#f.metadata = checkMetadata(value, 'metadata');
  }

  /**
   * The version's time to live, in seconds — it is deleted that long after it was created — or
   * `undefined` when it has none. When it follows the team's default ({@link Artifact.ttlIsInherited}),
   * this is that default as the server applies it.
   */
  get ttl(): number | undefined {
    if (this.#f.ttl?.kind === 'seconds') return this.#f.ttl.seconds;
    if (this.#f.ttl?.kind === 'inherit') return undefined;
    const seconds = this.#f.data.ttlDurationSeconds;
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
    this.#f.ttl = { kind: 'seconds', seconds: checkTtl(value, 'ttl') };
  }
  /** Whether the TTL is the team's default (after {@link Artifact.inheritTtl}, until saved: `true`). */
  get ttlIsInherited(): boolean {
    if (this.#f.ttl !== undefined) return this.#f.ttl.kind === 'inherit';
    return this.#f.data.ttlIsInherited;
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
    this.#f.ttl = { kind: 'inherit' };
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
  abstract manifest(options?: ArtifactRequestOptions): Promise<ArtifactManifest>;

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
  abstract files(options?: ArtifactFilesOptions): Paginated<ArtifactFile>;

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
  abstract download(options?: ArtifactDownloadOptions): Promise<string>;

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
  abstract file(options?: ArtifactSingleFileOptions): Promise<string>;

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
  abstract verify(options?: ArtifactVerifyOptions): Promise<void>;

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
  abstract get(name: string, options?: ArtifactGetOptions): Promise<ArtifactMedia>;

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
  abstract save(options?: ArtifactRequestOptions): Promise<this>;

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
  abstract delete(options?: ArtifactDeleteOptions): Promise<void>;

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
  abstract link(target: string, options?: ArtifactLinkOptions): Promise<Artifact>;

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
  abstract unlink(options?: ArtifactRequestOptions): Promise<void>;

  /**
   * The runs that used this version (declared it as an input), as the server lists them in one
   * page; each a whole {@link Run} (no request per run).
   *
   * @example
   * ```ts
   * for (const run of await artifact.usedBy()) console.log(run.id, run.name, run.url);
   * ```
   */
  abstract usedBy(options?: ArtifactRequestOptions): Promise<Run[]>;

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
  abstract loggedBy(options?: ArtifactRequestOptions): Promise<Run | null>;

  /**
   * The collection this version was reached through (for a link, the link's collection).
   *
   * @example
   * ```ts
   * const collection = await artifact.collection();
   * console.log(collection.name, collection.isSequence, collection.tags);
   * ```
   */
  abstract collection(options?: RequestOptions): Promise<ArtifactCollection>;

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
