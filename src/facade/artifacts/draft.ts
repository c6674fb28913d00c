/**
 * A new artifact version being put together: {@link ArtifactDraft}, made by `api.newArtifact()`,
 * collects files (content, files on disk, references) and publishes them as the next version of
 * a collection (`publish.ts`, the official client's flow).
 *
 * Everything a draft is given is checked when it is given ({@link ValidationError}): the name,
 * type, description, metadata and TTL when the draft is made; each entry's name (a relative path
 * that cannot escape the artifact's root, not already taken unless `overwrite`) when it is added.
 * Content is hashed (MD5) when the draft is published, before any request.
 *
 * @example
 * ```ts
 * const draft = api.newArtifact({ name: 'mnist', type: 'dataset', metadata: { rows: 60_000 } });
 * draft.addFile('data/train.csv', { root: 'data' }).add('README.md', '# MNIST');
 * const artifact = await draft.publish({ project: 'vision', aliases: ['staging'] });
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import type { FacadeContext } from '../core/context.js';
import { lazy } from '../core/lazy.js';
import { describeValue, optionalBoolean, optionalString, optionsObject } from '../core/validate.js';
import { checkArtifactName } from '../paths/artifact-name.js';
import type { Artifact } from './artifact.js';
import type { PublishOptions } from './publish.js';
import { checkMetadata, checkTtl, checkTypeName, isReservedType } from './rules.js';

/**
 * Content to add to a draft: text (stored as UTF-8), bytes, or a `Blob` (read when published).
 *
 * @example
 * ```ts
 * const content: ArtifactContent = new TextEncoder().encode('label,pixels\n');
 * draft.add('train.csv', content);
 * ```
 */
export type ArtifactContent = string | Uint8Array | Blob;

/**
 * What `api.newArtifact()` takes: the collection the version goes to (`name`), its type and the
 * version's own properties.
 *
 * @example
 * ```ts
 * const options: NewArtifactOptions = { name: 'mnist', type: 'dataset', description: 'MNIST, 28x28', metadata: { rows: 60_000 } };
 * const draft = api.newArtifact(options);
 * ```
 */
export interface NewArtifactOptions {
  /**
   * The collection (artifact name): 1 to 128 characters, without `/` or `:`. A new name starts a
   * collection at `v0`; an existing one gets its next version.
   */
  name: string;
  /**
   * The artifact type (`dataset`, `model`, ...): at most 128 characters, without `/` or `:`; not one
   * W&B reserves (`wandb-*`, `job`, ...). An existing collection keeps its type: another one is refused.
   */
  type: string;
  /** The version's description. Default none. */
  description?: string | undefined;
  /** The version's metadata: a plain object of at most 100 top-level keys, JSON values. Default `{}`. */
  metadata?: Record<string, unknown> | undefined;
  /** Time to live in seconds (a positive integer), after which W&B deletes the version. Default none. */
  ttl?: number | undefined;
}

/**
 * Options of {@link ArtifactDraft.add}.
 *
 * @example
 * ```ts
 * draft.add('labels.json', '{"0":"zero"}', { overwrite: true });
 * ```
 */
export interface DraftAddOptions {
  /** Replace an entry already added under the same name; otherwise that is a `ValidationError`. Default `false`. */
  overwrite?: boolean | undefined;
}

/**
 * Options of {@link ArtifactDraft.addFile}.
 *
 * @example
 * ```ts
 * draft.addFile('out/data/train.csv', { root: 'out' }); // stored as "data/train.csv"
 * draft.addFile('/tmp/export-123.csv', { name: 'train.csv' });
 * ```
 */
export interface DraftAddFileOptions extends DraftAddOptions {
  /** The folder the entry's name is relative to (when no `name` is given). Default `.` (the working directory). */
  root?: string | undefined;
  /** The entry's name in the artifact, instead of the path relative to `root`. */
  name?: string | undefined;
}

/**
 * Options of {@link ArtifactDraft.addReference}.
 *
 * @example
 * ```ts
 * draft.addReference('https://example.com/big.bin', { name: 'big.bin', digest: '"5d41402abc4b2a76"', size: 1 << 30 });
 * ```
 */
export interface DraftAddReferenceOptions extends DraftAddOptions {
  /** The entry's name. Default: the last segment of the URI's path (`big.bin`). */
  name?: string | undefined;
  /**
   * The content's digest, as its storage names it (for `http(s)://`: the `ETag`). Given, nothing
   * is fetched. Default: for `http(s)://` with `checksum`, the `ETag` the URL answers (quotes
   * stripped), else the URI itself.
   */
  digest?: string | undefined;
  /** The content's size in bytes. Default: the `Content-Length` of the checksum request, else none (`0`). */
  size?: number | undefined;
  /**
   * For an `http(s)://` URI without `digest`: request the URL (a `GET` without W&B credentials,
   * whose body is not read) when the draft is published, and take its `ETag` and
   * `Content-Length`, as the official client does. `false`: the URI is the digest and nothing is
   * fetched. Default `true`.
   */
  checksum?: boolean | undefined;
}

/**
 * One entry of a draft, as {@link ArtifactDraft.entries} lists it.
 *
 * @example
 * ```ts
 * for (const entry of draft.entries) console.log(entry.name, entry.kind);
 * ```
 */
export type DraftEntry =
  | {
      /** Content given in memory ({@link ArtifactDraft.add}). */
      readonly kind: 'content';
      /** The entry's name in the artifact. */
      readonly name: string;
      /** The content (a string given to `add` is kept as its UTF-8 bytes). */
      readonly data: Uint8Array | Blob;
    }
  | {
      /** A file on disk, read when the draft is published ({@link ArtifactDraft.addFile}). */
      readonly kind: 'file';
      /** The entry's name in the artifact. */
      readonly name: string;
      /** The file's path as it was given. */
      readonly path: string;
      /** The folder the path was taken relative to (`root` option, default `.`). */
      readonly root: string;
    }
  | {
      /** A reference: content that stays at its URI ({@link ArtifactDraft.addReference}). */
      readonly kind: 'reference';
      /** The entry's name in the artifact. */
      readonly name: string;
      /** Where the content is (`https://...`, `s3://...`, ...). */
      readonly uri: string;
      /** The digest given (`undefined`: found when the draft is published, or the URI itself). */
      readonly digest: string | undefined;
      /** The size in bytes given (`undefined`: found when the draft is published, or none). */
      readonly size: number | undefined;
      /** Whether an `http(s)://` URI without a digest is requested for its `ETag` at publish time. */
      readonly checksum: boolean;
    };

/**
 * Checks and normalizes the name of an entry: a relative `/`-separated path; empty and `.`
 * segments are dropped (`./a//b` is `a/b`); a leading `/`, a `..` segment (it would escape the
 * artifact's root), a backslash, a NUL or a trailing `/` (a folder) is a {@link ValidationError}.
 *
 * @example
 * ```ts
 * checkEntryName('./data//train.csv', 'name'); // 'data/train.csv'
 * checkEntryName('../secrets.txt', 'name'); // throws ValidationError
 * ```
 */
export function checkEntryName(value: unknown, parameter: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new ValidationError(
      parameter,
      `expected a file name in the artifact (a non-empty string such as "data/train.csv"), got ${describeValue(value)}`,
    );
  }
  const quoted = JSON.stringify(value);
  if (value.includes('\0')) throw new ValidationError(parameter, `${quoted} contains a NUL character`);
  if (value.includes('\\')) {
    throw new ValidationError(parameter, `${quoted} contains "\\"; artifact paths are separated by "/"`);
  }
  if (value.startsWith('/')) {
    throw new ValidationError(
      parameter,
      `${quoted} is absolute; expected a path relative to the artifact's root`,
    );
  }
  if (value.endsWith('/')) throw new ValidationError(parameter, `${quoted} names a folder, not a file`);
  const segments = value.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) {
    throw new ValidationError(
      parameter,
      `${quoted} has a ".." segment: it would be outside the artifact's root`,
    );
  }
  if (segments.length === 0) throw new ValidationError(parameter, `${quoted} names no file`);
  if (segments.some((s) => /^[A-Za-z]:/.test(s))) {
    throw new ValidationError(
      parameter,
      `${quoted} has a segment that starts with a drive letter (on Windows, a path on another drive); expected a path relative to the artifact's root`,
    );
  }
  return segments.join('/');
}

/** The default name of a reference: its URI's last path segment. */
function referenceName(uri: string): string {
  let path = uri;
  try {
    path = new URL(uri).pathname;
  } catch {
    // checked by the caller: a URI with a scheme always parses
  }
  const last = path.split('/').filter((s) => s !== '');
  const name = last[last.length - 1];
  if (name === undefined) {
    throw new ValidationError('name', `${JSON.stringify(uri)} has no file name in its path; pass { name }`);
  }
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob;
}

// `api.newArtifact()` returns a draft at once, light: the upload code loads with `publish()`.
const publishModule = /* @__PURE__ */ lazy(() => import('./publish.js'), 'its artifacts/publish module');

/**
 * A new version of an artifact, before it is published: its collection `name`, `type`,
 * `description`, `metadata` and `ttl`, and its entries — content ({@link ArtifactDraft.add}),
 * files on disk ({@link ArtifactDraft.addFile}, Node) and references to content stored elsewhere
 * ({@link ArtifactDraft.addReference}). {@link ArtifactDraft.publish} uploads it and resolves with
 * the committed {@link Artifact}. Made by `api.newArtifact()`. A draft may be published more than
 * once (publishing the same content again gives the same version).
 *
 * @example
 * ```ts
 * const draft = api.newArtifact({ name: 'mnist', type: 'dataset' });
 * draft.addFile('data/train.csv', { root: 'data' });
 * draft.add('labels.json', JSON.stringify(labels));
 * draft.addReference('https://example.com/big.bin', { digest: 'etag-1', size: 1 << 30 });
 * const artifact = await draft.publish({ project: 'vision', aliases: ['staging'] });
 * console.log(artifact.name); // 'mnist:v0'
 * ```
 */
export class ArtifactDraft {
  readonly #ctx: FacadeContext;
  readonly #entries = new Map<string, DraftEntry>();
  #description: string | undefined;
  #metadata: Record<string, unknown>;
  #ttl: number | undefined;
  /** The collection (artifact name) the version is published to. */
  readonly name: string;
  /** The artifact type. */
  readonly type: string;

  /**
   * @internal Users call `api.newArtifact()`.
   * @example
   * ```ts
   * const draft = new ArtifactDraft(ctx, { name: 'mnist', type: 'dataset' });
   * ```
   */
  constructor(ctx: FacadeContext, options: NewArtifactOptions) {
    const o = optionsObject(options);
    const name = checkArtifactName(o.name, 'name');
    if (name.includes(':')) {
      throw new ValidationError(
        'name',
        `the artifact name ${JSON.stringify(name)} may not contain ":" (it separates the name from an alias in artifact paths)`,
      );
    }
    const type = checkTypeName(o.type, 'type');
    if (isReservedType(type, name)) {
      throw new ValidationError(
        'type',
        `the type ${JSON.stringify(type)} is reserved for W&B's own artifacts${type === 'job' || type.startsWith('wandb-') ? '' : ` with names like ${JSON.stringify(name)}`}; choose another type or name`,
      );
    }
    this.#ctx = ctx;
    this.name = name;
    this.type = type;
    this.#description = optionalString(o.description, 'description');
    this.#metadata = o.metadata === undefined ? {} : checkMetadata(o.metadata, 'metadata');
    this.#ttl = checkTtl(o.ttl, 'ttl');
  }

  /** The version's description, `undefined` for none; assignable. */
  get description(): string | undefined {
    return this.#description;
  }
  /**
   * Sets the description (`undefined` for none).
   *
   * @example
   * ```ts
   * draft.description = 'MNIST, 28x28 grayscale';
   * ```
   */
  set description(value: string | undefined) {
    this.#description = optionalString(value, 'description');
  }

  /** The version's metadata (a plain object); assignable, checked when assigned. */
  get metadata(): Record<string, unknown> {
    return this.#metadata;
  }
  /**
   * Replaces the metadata: a plain object of at most 100 top-level keys, JSON values.
   *
   * @example
   * ```ts
   * draft.metadata = { ...draft.metadata, rows: 70_000 };
   * ```
   */
  set metadata(value: Record<string, unknown>) {
    this.#metadata = checkMetadata(value, 'metadata');
  }

  /** Time to live in seconds, `undefined` for none; assignable. */
  get ttl(): number | undefined {
    return this.#ttl;
  }
  /**
   * Sets the time to live in seconds (a positive integer), or `undefined` for none.
   *
   * @example
   * ```ts
   * draft.ttl = 30 * 86_400; // deleted after 30 days
   * ```
   */
  set ttl(value: number | undefined) {
    this.#ttl = checkTtl(value, 'ttl');
  }

  /** The entries added so far, in the order they were added. */
  get entries(): readonly DraftEntry[] {
    return [...this.#entries.values()];
  }

  #put(entry: DraftEntry, overwrite: unknown): this {
    if (optionalBoolean(overwrite, 'overwrite') !== true && this.#entries.has(entry.name)) {
      throw new ValidationError(
        'name',
        `the draft already has an entry ${JSON.stringify(entry.name)}; pass { overwrite: true } to replace it`,
      );
    }
    this.#entries.set(entry.name, entry);
    return this;
  }

  /**
   * Adds content under `name` (a relative path such as `data/train.csv`): text (stored as UTF-8),
   * bytes (copied now, so later changes to the array do not count) or a `Blob` (read when
   * published). Returns the draft, for chaining.
   *
   * @throws {@link ValidationError} for a name that is absolute, has a `..` segment, names a
   *   folder, or is taken (without `overwrite`), and for content of another kind.
   * @example
   * ```ts
   * draft.add('README.md', '# MNIST').add('data/labels.bin', new Uint8Array([0, 1, 2]));
   * draft.add('images.zip', await (await fetch(url)).blob());
   * ```
   */
  add(name: string, data: ArtifactContent, options: DraftAddOptions = {}): this {
    const o = optionsObject(options);
    const entryName = checkEntryName(name, 'name');
    let content: Uint8Array | Blob;
    if (typeof data === 'string') content = new TextEncoder().encode(data);
    else if (data instanceof Uint8Array) content = data.slice();
    else if (isBlob(data)) content = data;
    else {
      throw new ValidationError(
        'data',
        `expected the content (a string, Uint8Array or Blob), got ${describeValue(data)}; use addFile(path) for a file on disk`,
      );
    }
    return this.#put({ kind: 'content', name: entryName, data: content }, o.overwrite);
  }

  /**
   * Adds the file at `path` on disk (Node only), named by its path relative to `root` (default
   * the working directory) or by `name`. The file must exist now; it is read when the draft is
   * published (streamed: never held in memory whole). Returns the draft, for chaining.
   *
   * @throws {@link ValidationError} when `path` is not a readable file, when the name would be
   *   outside the artifact's root (a file outside `root`), or is taken (without `overwrite`).
   * @throws {@link UnsupportedError} outside Node.
   * @example
   * ```ts
   * draft.addFile('data/train.csv', { root: 'data' }); // "train.csv"
   * draft.addFile('/tmp/export-123.csv', { name: 'test.csv' });
   * ```
   */
  addFile(path: string, options: DraftAddFileOptions = {}): this {
    const o = optionsObject(options);
    if (typeof path !== 'string' || path === '') {
      throw new ValidationError('path', `expected the path of a file, got ${describeValue(path)}`);
    }
    const root = optionalString(o.root, 'root') ?? '.';
    const found = this.#ctx.disk().inspectUpload(path, root);
    const entryName =
      o.name === undefined ? checkEntryName(found.relativeName, 'path') : checkEntryName(o.name, 'name');
    return this.#put({ kind: 'file', name: entryName, path, root }, o.overwrite);
  }

  /**
   * Adds a reference: an entry whose content stays at `uri` (`https://...`, `s3://...`, ...) and
   * is not uploaded. Its digest is `digest` when given; otherwise, for `http(s)://` (unless
   * `checksum: false`), the `ETag` the URL answers when the draft is published, else the URI
   * itself. Returns the draft, for chaining.
   *
   * @throws {@link ValidationError} for a URI without a scheme, a bad name, digest or size.
   * @example
   * ```ts
   * draft.addReference('https://example.com/data/big.bin'); // "big.bin", digest from its ETag
   * draft.addReference('s3://bucket/key.parquet', { name: 'data/key.parquet', digest: 'abc123', size: 2048 });
   * ```
   */
  addReference(uri: string, options: DraftAddReferenceOptions = {}): this {
    const o = optionsObject(options);
    if (typeof uri !== 'string' || !/^[a-z][a-z0-9+.-]*:\/\/./i.test(uri)) {
      throw new ValidationError(
        'uri',
        `expected a URI with a scheme (https://..., s3://..., gs://...), got ${describeValue(uri)}`,
      );
    }
    const entryName = checkEntryName(o.name ?? referenceName(uri), 'name');
    const digest = optionalString(o.digest, 'digest');
    if (digest === '') throw new ValidationError('digest', 'the digest may not be empty');
    if (o.size !== undefined && (typeof o.size !== 'number' || !Number.isSafeInteger(o.size) || o.size < 0)) {
      throw new ValidationError(
        'size',
        `expected a size in bytes (an integer >= 0), got ${describeValue(o.size)}`,
      );
    }
    const checksum = optionalBoolean(o.checksum, 'checksum') ?? true;
    return this.#put(
      { kind: 'reference', name: entryName, uri, digest, size: o.size, checksum },
      o.overwrite,
    );
  }

  /**
   * Removes the entry `name`; returns `true` when there was one.
   *
   * @example
   * ```ts
   * draft.remove('scratch.txt'); // true
   * ```
   */
  remove(name: string): boolean {
    return this.#entries.delete(checkEntryName(name, 'name'));
  }

  /**
   * Publishes the draft as the next version of `<entity>/<project>/<name>` and resolves with it,
   * committed, through the official client's flow: the content is hashed (every file read once)
   * before any request; a version with the same content as the collection's latest is returned
   * as it is (nothing uploaded, the aliases and tags added to it); content the entity already
   * stores is not uploaded again; large files go up in parts. Without `run`, the version is logged
   * by a run of its own (job type `auto`), finished afterwards. A failed upload rejects (a typed
   * error) and commits nothing: no new version appears.
   *
   * @throws {@link ValidationError} before any request for bad options (aliases, tags, project,
   *   thresholds) and for content that cannot be read.
   * @example
   * ```ts
   * const artifact = await draft.publish({
   *   project: 'vision',
   *   aliases: ['staging'],
   *   tags: ['raw'],
   *   onProgress: ({ filesDone, files, bytesDone, bytes }) => console.log(`${filesDone}/${files} files, ${bytesDone}/${bytes} bytes`),
   * });
   * console.log(artifact.name, artifact.aliases); // 'mnist:v3' ['latest', 'staging']
   * ```
   */
  publish(options: PublishOptions = {}): Promise<Artifact> {
    const draft = {
      name: this.name,
      type: this.type,
      description: this.#description,
      metadata: this.#metadata,
      ttl: this.#ttl,
      entries: this.entries,
    };
    return publishModule().then(({ publishDraft }) => publishDraft(this.#ctx, draft, options));
  }
}
