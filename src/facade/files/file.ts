/**
 * Run files: {@link File}, a light shell (its fields and getters); the code of its methods and
 * the listing behind `run.files()` / `run.file()` (operation `RunFiles`, wandb-ops.md §7.1, §7.3,
 * §8.3) are in `file-impl.ts`, loaded with the files domain.
 *
 * Contents are read from the file's signed `directUrl` without W&B credentials; a URL refused as
 * expired (HTTP 403) is replaced by a fresh one (the file entry is read again) and tried once more.
 *
 * @example
 * ```ts
 * const run = await api.run('acme/vision/a1b2c3d4');
 * for await (const file of run.files()) console.log(file.name, file.size);
 * const config = await (await run.file('config.yaml')).text();
 * ```
 * @module
 */
import type { FileFieldsFragment } from '../../generated/graphql.js';
import type { RequestOptions } from '../core/context.js';
import { parseServerDate } from '../core/dates.js';
import type { ListOptions } from '../core/pagination.js';
import { formatRunPath, type RunRef } from '../paths/paths.js';

/**
 * Options of `run.files()`: which files, plus the options of every listing (`perPage`, default
 * 50; `start`; `signal`).
 *
 * @example
 * ```ts
 * const files = run.files({ names: ['config.yaml', 'output.log'], perPage: 10 });
 * const json = run.files({ pattern: '%.json' });
 * ```
 */
export interface RunFilesOptions extends ListOptions {
  /**
   * Only these file names (exact names, e.g. `media/images/a.png`). Default (or `[]`): every file
   * of the run. Not together with `pattern`.
   */
  names?: string[];
  /**
   * Only the files whose whole name matches this SQL `LIKE` pattern, matched by the server: `%`
   * stands for any run of characters (none included), `_` for exactly one character, e.g.
   * `'%.json'`, `'media/images/%'` or `'checkpoint_.pt'`. The server's `LIKE` rules apply to
   * everything else (case sensitivity, escaping a literal `%` or `_`). A non-empty string; not
   * together with `names`. Default: every file of the run.
   */
  pattern?: string;
}

/**
 * Options of the methods of {@link File} that talk to the network. Aborting `signal` cancels the
 * request and the reading of the content.
 *
 * @example
 * ```ts
 * const text = await file.text({ signal: AbortSignal.timeout(60_000) });
 * ```
 */
export type FileRequestOptions = Pick<RequestOptions, 'signal'>;

/**
 * Options of {@link File.download}.
 *
 * @example
 * ```ts
 * await file.download({ root: 'downloads/run-1', replace: true });
 * ```
 */
export interface DownloadOptions extends FileRequestOptions {
  /** Folder to download into; the file goes to `<root>/<name>`. Default `.` (the working directory). */
  root?: string;
  /** Overwrite a file that is already there. Default `false`: an existing file is a `ConflictError`. */
  replace?: boolean;
}

/**
 * A file of a run (a config, a log, a checkpoint, a media file...). Get them with `run.files()`,
 * `run.file(name)` or `run.uploadFile(...)`.
 *
 * Reading the content (`text()`, `arrayBuffer()`, `blob()`, `stream()`) works anywhere `fetch`
 * does, browsers included; `download()` writes to disk and needs Node. The content comes from the
 * signed `directUrl`, fetched without your API key; a URL that has expired is renewed once.
 *
 * @example
 * ```ts
 * const file = await run.file('config.yaml');
 * console.log(file.name, file.size, file.md5, file.updatedAt);
 * console.log(await file.text());
 * await file.download({ root: 'out' }); // Node: writes out/config.yaml
 * ```
 */
export abstract class File {
  #ref: RunRef;
  #data: FileFieldsFragment;

  /** @internal Files are made by `run.files()`, `run.file()` and `run.uploadFile()`. */
  constructor(ref: RunRef, data: FileFieldsFragment) {
    this.#ref = ref;
    this.#data = data;
  }

  /** @internal The run of the file, for the methods of `file-impl.ts`. */
  protected get ref(): RunRef {
    return this.#ref;
  }

  /** @internal The file's entry, for the methods of `file-impl.ts`. */
  protected get entry(): FileFieldsFragment {
    return this.#data;
  }

  /** @internal A fresh entry of the file (read again by `file-impl.ts`). */
  protected replace(data: FileFieldsFragment): void {
    this.#data = data;
  }

  /** The server's node id of the file (what `delete()` sends). */
  get id(): string {
    return this.#data.id;
  }
  /** The file's name within the run, a `/`-separated path such as `media/images/a.png`. */
  get name(): string {
    return this.#data.name;
  }
  /** The W&B-hosted URL of the file, as the server gives it (it may need W&B credentials), or `undefined`. */
  get url(): string | undefined {
    return this.#data.url ?? undefined;
  }
  /**
   * A short-lived signed storage URL of the content, usable without credentials. Treat it as a
   * secret while it is valid: anyone holding it can read the file.
   */
  get directUrl(): string {
    return this.#data.directUrl;
  }
  /** MD5 of the content, base64-encoded as W&B sends it (e.g. `1B2M2Y8AsgTpgAmY7PhCfg==`), or `undefined`. */
  get md5(): string | undefined {
    return this.#data.md5 ?? undefined;
  }
  /** MIME type, e.g. `text/plain`, or `undefined`. */
  get mimetype(): string | undefined {
    return this.#data.mimetype ?? undefined;
  }
  /** Size in bytes. */
  get size(): number {
    return this.#data.sizeBytes;
  }
  /** When the file was last written. */
  get updatedAt(): Date | undefined {
    return parseServerDate(this.#data.updatedAt);
  }

  /**
   * The content as a stream of bytes. Nothing is requested until the stream is first read. The
   * stream fails with {@link NetworkError} when the content is cut short (fewer bytes than the
   * storage response's `Content-Length`, or a broken connection); cancelling it (or aborting
   * `signal`) cancels the download. The content may differ in length from `size` when the file
   * changed after it was listed (e.g. `output.log` of a running run): you get the current content.
   *
   * @example
   * ```ts
   * const stream = file.stream();
   * for await (const chunk of stream) hash.update(chunk); // Node: ReadableStream is async-iterable
   * ```
   */
  abstract stream(options?: FileRequestOptions): ReadableStream<Uint8Array>;

  /**
   * The content as an `ArrayBuffer`.
   *
   * @example
   * ```ts
   * const bytes = new Uint8Array(await file.arrayBuffer());
   * ```
   */
  abstract arrayBuffer(options?: FileRequestOptions): Promise<ArrayBuffer>;

  /**
   * The content decoded as UTF-8 text.
   *
   * @example
   * ```ts
   * const config = await (await run.file('config.yaml')).text();
   * ```
   */
  abstract text(options?: FileRequestOptions): Promise<string>;

  /**
   * The content as a `Blob` typed with the file's MIME type, e.g. to show an image in a browser.
   *
   * @example
   * ```ts
   * img.src = URL.createObjectURL(await (await run.file('media/images/sample.png')).blob());
   * ```
   */
  abstract blob(options?: FileRequestOptions): Promise<Blob>;

  /**
   * Downloads the file to `<root>/<name>` (Node only) and resolves with the absolute path
   * written. Missing folders are created. The content goes to a temporary file in the target
   * folder, renamed once complete: a failed or aborted download leaves no partial file and never
   * destroys the file already there. A name that would land outside `root` (absolute, or with `..`
   * segments), or a folder on the way that is a symbolic link leading outside `root`, is refused
   * with {@link ValidationError}; an existing file is a `ConflictError`
   * unless `replace` is set. In a browser it rejects with `UnsupportedError`: use `blob()` or
   * `stream()` there.
   *
   * The content is checked against the {@link File.md5} the server gave, hashed as it is written
   * (the file is not read a second time): on a mismatch the entry is read again — a file that
   * changed since it was listed (`output.log` of a running run) is accepted when the bytes match
   * its current MD5, and this `File` then shows its current entry — else the download rejects with
   * {@link IntegrityError} and nothing is written. Without an MD5 from the server there is no check.
   *
   * @example
   * ```ts
   * const path = await file.download({ root: 'downloads', replace: true });
   * console.log(`saved to ${path}`);
   * ```
   */
  abstract download(options?: DownloadOptions): Promise<string>;

  /**
   * Deletes the file from the run (mutation `DeleteFiles`).
   *
   * @example
   * ```ts
   * for await (const file of run.files()) if (file.name.endsWith('.tmp')) await file.delete();
   * ```
   */
  abstract delete(options?: FileRequestOptions): Promise<void>;

  /**
   * A plain-object form for logging and JSON. The URLs are left out: signed URLs are secrets.
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(file)); // {"id":"...","name":"config.yaml","size":42,...}
   * ```
   */
  toJSON(): Record<string, unknown> {
    const { id, name, size, md5, mimetype, updatedAt } = this;
    return { id, name, size, md5, mimetype, updatedAt, run: formatRunPath(this.#ref) };
  }
}
