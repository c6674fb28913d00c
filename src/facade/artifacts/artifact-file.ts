/**
 * The files of an artifact version: {@link ArtifactFile}, the light class `wandb-api` exports (its
 * fields and getters, and the declarations of the methods that read the content). The listing
 * behind `artifact.files()` and the reading code are in `artifact-file-impl.ts`, loaded with the
 * artifacts domain.
 *
 * @example
 * ```ts
 * for await (const file of artifact.files()) console.log(file.name, file.size, file.md5);
 * const [labels] = await artifact.files({ names: ['labels.json'] }).toArray();
 * console.log(JSON.parse(await labels!.text()));
 * ```
 * @module
 */
import type { ArtifactFileFieldsFragment } from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { parseServerDate } from '../core/dates.js';
import type { ListOptions } from '../core/pagination.js';
import type { ArtifactCollectionRef } from '../paths/artifact-paths.js';

/**
 * Where a version's files are: the collection it was reached through and its version there.
 * @internal
 */
export interface ArtifactVersionRef extends ArtifactCollectionRef {
  /** The version in that collection, `vN`. */
  version: string;
}

/**
 * `entity/project/collection:vN`, for messages.
 * @internal
 */
export function versionPath(where: ArtifactVersionRef): string {
  return `${where.entity}/${where.project}/${where.collection}:${where.version}`;
}

/**
 * Options of `artifact.files()`: which files, plus the options of every listing (`perPage`,
 * default 50; `start`; `signal`).
 *
 * @example
 * ```ts
 * const files = artifact.files({ names: ['train.csv', 'test.csv'], perPage: 100 });
 * ```
 */
export interface ArtifactFilesOptions extends ListOptions {
  /** Only the files at these paths in the artifact (e.g. `images/001.png`). Default (or `[]`): every file. */
  names?: readonly string[];
}

/**
 * Options of the methods of {@link ArtifactFile} that read its content. Aborting `signal` cancels
 * the request and the reading of the content.
 *
 * @example
 * ```ts
 * const text = await file.text({ signal: AbortSignal.timeout(60_000) });
 * ```
 */
export type ArtifactFileRequestOptions = Pick<RequestOptions, 'signal'>;

/**
 * Options of {@link ArtifactFile.download}.
 *
 * @example
 * ```ts
 * await file.download({ root: 'data/mnist', replace: true });
 * ```
 */
export interface ArtifactFileDownloadOptions extends ArtifactFileRequestOptions {
  /** Folder to download into; the file goes to `<root>/<name>` (its path in the artifact). Default `.`. */
  root?: string;
  /** Overwrite a file that is already there. Default `false`: an existing file is a `ConflictError`. */
  replace?: boolean;
}

/**
 * What an {@link ArtifactFile} holds; its implementation (`artifact-file-impl.ts`) reads it and
 * renews `data` (a fresh signed URL).
 * @internal
 */
export interface ArtifactFileFields {
  readonly ctx: FacadeContext;
  readonly where: ArtifactVersionRef;
  data: ArtifactFileFieldsFragment;
}

/**
 * A file of an artifact version: its path in the artifact (`name`), size, digest and MD5, and its
 * content. Get them with `artifact.files()`.
 *
 * Reading the content (`text()`, `arrayBuffer()`, `blob()`, `stream()`) works anywhere `fetch`
 * does, browsers included; `download()` writes to disk and needs Node. The content comes from the
 * signed `directUrl`, fetched without your API key; a URL that has expired is renewed once.
 *
 * @example
 * ```ts
 * const [file] = await artifact.files({ names: ['labels.json'] }).toArray();
 * console.log(file!.name, file!.size, file!.md5);
 * const labels = JSON.parse(await file!.text());
 * await file!.download({ root: 'data' }); // Node: writes data/labels.json
 * ```
 */
export abstract class ArtifactFile {
  readonly #f: ArtifactFileFields;

  /** @internal Made by `artifact.files()` (as an `ArtifactFileImpl`, `artifact-file-impl.ts`). */
  constructor(ctx: FacadeContext, where: ArtifactVersionRef, data: ArtifactFileFieldsFragment) {
    this.#f = { ctx, where, data };
  }

  /** @internal What the file holds, for its implementation (`artifact-file-impl.ts`). */
  protected get fields(): ArtifactFileFields {
    return this.#f;
  }
  /** The server's node id of the file. */
  get id(): string {
    return this.#f.data.id;
  }
  /** The file's path in the artifact, `/`-separated (e.g. `images/001.png`). */
  get name(): string {
    return this.#f.data.name;
  }
  /** Size in bytes. */
  get size(): number {
    return this.#f.data.sizeBytes;
  }
  /** The content's digest as the manifest gives it (for a stored file, its base64 MD5), or `undefined`. */
  get digest(): string | undefined {
    return this.#f.data.digest ?? undefined;
  }
  /** MD5 of the content, base64-encoded as W&B sends it (e.g. `XUFAKrxLKna5cZ2REBfFkg==`), or `undefined`. */
  get md5(): string | undefined {
    return this.#f.data.md5 ?? undefined;
  }
  /** MIME type, e.g. `application/json`, or `undefined`. */
  get mimetype(): string | undefined {
    return this.#f.data.mimetype ?? undefined;
  }
  /** The W&B-hosted URL of the file, as the server gives it (it may need W&B credentials), or `undefined`. */
  get url(): string | undefined {
    return this.#f.data.url ?? undefined;
  }
  /**
   * A short-lived signed storage URL of the content, usable without credentials. Treat it as a
   * secret while it is valid: anyone holding it can read the file.
   */
  get directUrl(): string {
    return this.#f.data.directUrl;
  }
  /** Where the storage keeps the content, or `undefined`. */
  get storagePath(): string | undefined {
    return this.#f.data.storagePath ?? undefined;
  }
  /** When the file was last written, or `undefined`. */
  get updatedAt(): Date | undefined {
    return parseServerDate(this.#f.data.updatedAt);
  }

  /**
   * The content as a stream of bytes. Nothing is requested until the stream is first read. The
   * stream fails with `NetworkError` when the content is cut short (fewer bytes than the storage
   * response's `Content-Length`, or a broken connection); cancelling it (or aborting `signal`)
   * cancels the download. Not checked against the MD5 (`download()` is).
   *
   * @example
   * ```ts
   * for await (const chunk of file.stream()) hash.update(chunk); // Node: ReadableStream is async-iterable
   * ```
   */
  abstract stream(options?: ArtifactFileRequestOptions): ReadableStream<Uint8Array>;

  /**
   * The content as an `ArrayBuffer`.
   *
   * @example
   * ```ts
   * const bytes = new Uint8Array(await file.arrayBuffer());
   * ```
   */
  abstract arrayBuffer(options?: ArtifactFileRequestOptions): Promise<ArrayBuffer>;

  /**
   * The content decoded as UTF-8 text.
   *
   * @example
   * ```ts
   * const labels = JSON.parse(await file.text());
   * ```
   */
  abstract text(options?: ArtifactFileRequestOptions): Promise<string>;

  /**
   * The content as a `Blob` typed with the file's MIME type, e.g. to show an image in a browser.
   *
   * @example
   * ```ts
   * img.src = URL.createObjectURL(await file.blob());
   * ```
   */
  abstract blob(options?: ArtifactFileRequestOptions): Promise<Blob>;

  /**
   * Downloads the file to `<root>/<name>` (Node only) and resolves with the absolute path written.
   * Missing folders are created. The content goes to a temporary file, renamed once complete and
   * checked: a failed, aborted or corrupt download leaves no partial file and never destroys the
   * file already there. The bytes are hashed as they are written and compared with the file's MD5
   * (its `md5`, else its `digest`): a mismatch rejects with {@link IntegrityError} and nothing is
   * written (an artifact's files never change, so there is nothing to read again). A name that
   * would land outside `root` (absolute, or with `..` segments), or a folder on the way that is a
   * symbolic link leading outside `root`, is refused with {@link ValidationError}; an existing file
   * is a `ConflictError` unless `replace` is set. In a browser it rejects with `UnsupportedError`:
   * use `blob()` or `stream()` there.
   *
   * @example
   * ```ts
   * const path = await file.download({ root: 'data/mnist' });
   * console.log(`saved to ${path}`);
   * ```
   */
  abstract download(options?: ArtifactFileDownloadOptions): Promise<string>;

  /**
   * A plain-object form for logging and JSON. The URLs are left out: signed URLs are secrets.
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(file)); // {"id":"...","name":"labels.json","size":42,...}
   * ```
   */
  toJSON(): Record<string, unknown> {
    const { id, name, size, digest, md5, mimetype, updatedAt } = this;
    return { id, name, size, digest, md5, mimetype, updatedAt, artifact: versionPath(this.#f.where) };
  }
}
