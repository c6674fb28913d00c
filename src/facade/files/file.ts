/**
 * Run files: {@link File}, and the listing behind `run.files()` / `run.file()` (operation
 * `RunFiles`, wandb-ops.md §7.1, §7.3, §8.3).
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
import { documents } from '../core/lazy.js';
import { IntegrityError, ServerError, ValidationError } from '../../errors/index.js';
import type { FileFieldsFragment, RunFilesQuery } from '../../generated/graphql.js';
import {
  contentStream,
  md5AsBase64,
  readAll,
  rootOption,
  saveContent,
  type SignedContent,
} from '../core/content.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { parseServerDate } from '../core/dates.js';
import { fileGone, fileNotFound, runNotFound } from '../core/notFound.js';
import { connectionPosition, Paginated, type ListOptions, type Page } from '../core/pagination.js';
import { describeValue, optionalBoolean, optionalSignal, optionsObject } from '../core/validate.js';
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

/** One page of `RunFiles`; a missing run (or project) is a {@link NotFoundError}. */
async function fetchFilesPage(
  ctx: FacadeContext,
  ref: RunRef,
  args: {
    names: string[];
    pattern?: string;
    cursor: string | null;
    limit: number;
    signal?: AbortSignal;
    cache?: boolean;
    /** Whether to ask for the run's fileCount. Default `true`. */
    total?: boolean;
    /** Whether the answer may be cached. Default: when the run was found. */
    cacheIf?: (data: RunFilesQuery) => boolean;
  },
): Promise<Page<File>> {
  const data = await ctx.request(
    (await documents()).RunFilesDocument,
    {
      entity: ref.entity,
      project: ref.project,
      name: ref.runId,
      cursor: args.cursor,
      perPage: args.limit,
      fileNames: args.names,
      ...(args.pattern === undefined ? {} : { pattern: args.pattern }),
      withTotal: args.total ?? true,
    },
    {
      signal: args.signal,
      cache: args.cache,
      cacheIf: args.cacheIf ?? ((d) => d.project?.run != null),
    },
  );
  const run = data.project?.run;
  if (!run) throw runNotFound(ref.entity, ref.project, ref.runId, data.project != null);
  const projectId = Number(run.projectId);
  const edges = run.files?.edges ?? [];
  return {
    items: edges.flatMap((e) =>
      e.node ? [new File(ctx, ref, Number.isSafeInteger(projectId) ? projectId : undefined, e.node)] : [],
    ),
    ...connectionPosition(run.files),
    totalCount: run.fileCount ?? undefined,
  };
}

function checkNames(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((n) => typeof n === 'string' && n !== '')) {
    throw new ValidationError('names', 'expected an array of file names (non-empty strings)');
  }
  return [...(value as string[])];
}

/** The `pattern` option: a non-empty string, not together with a non-empty `names`. */
function checkPattern(value: unknown, names: string[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw new ValidationError(
      'pattern',
      `expected an SQL LIKE pattern (a non-empty string such as '%.json'), got ${describeValue(value)}`,
    );
  }
  if (names.length > 0) {
    throw new ValidationError(
      'pattern',
      'names and pattern cannot be combined (the server takes one or the other): give the exact names, or a pattern',
    );
  }
  return value;
}

function checkFileName(value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new ValidationError(
      'name',
      `expected a file name (a non-empty string), got ${describeValue(value)}`,
    );
  }
  return value;
}

/**
 * The files of a run, page by page; `totalCount()` is the run's `fileCount` (all its files,
 * whatever `names` or `pattern` selects — that is what the server counts).
 * @internal Use `run.files()`.
 * @example
 * ```ts
 * const files = listRunFiles(ctx, { entity: 'acme', project: 'vision', runId: 'a1b2c3d4' }, { pattern: '%.json' });
 * ```
 */
export function listRunFiles(
  ctx: FacadeContext,
  ref: RunRef,
  options: RunFilesOptions = {},
): Paginated<File> {
  const o = optionsObject(options);
  const names = checkNames(o.names);
  const pattern = checkPattern(o.pattern, names);
  const signal = optionalSignal(o.signal);
  return new Paginated<File>(
    ({ cursor, perPage, signal: pageSignal, total }) =>
      fetchFilesPage(ctx, ref, { names, pattern, cursor, limit: perPage, signal: pageSignal, total }),
    {
      perPage: o.perPage ?? 50,
      start: o.start ?? null,
      signal,
      what: `files of run ${formatRunPath(ref)}`,
      prefetch: o.prefetch,
    },
  );
}

/**
 * One file of a run by its exact name, or {@link NotFoundError} naming the file and the run. A
 * "not found" is not cached.
 * @internal Use `run.file(name)`.
 * @example
 * ```ts
 * const file = await fetchRunFile(ctx, { entity: 'acme', project: 'vision', runId: 'a1b2c3d4' }, 'config.yaml');
 * ```
 */
export async function fetchRunFile(
  ctx: FacadeContext,
  ref: RunRef,
  name: string,
  options: RequestOptions = {},
): Promise<File> {
  const fileName = checkFileName(name);
  const o = optionsObject(options);
  const signal = optionalSignal(o.signal);
  const cache = optionalBoolean(o.cache, 'cache');
  const page = await fetchFilesPage(ctx, ref, {
    names: [fileName],
    cursor: null,
    limit: 1,
    signal,
    cache,
    // A missing file is asked for again next time: it may be uploaded meanwhile (by another client).
    cacheIf: (d) => (d.project?.run?.files?.edges ?? []).some((e) => e.node?.name === fileName),
  });
  const file = page.items.find((f) => f.name === fileName);
  if (!file) throw fileNotFound(fileName, formatRunPath(ref));
  return file;
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
export class File {
  #ctx: FacadeContext;
  #ref: RunRef;
  #projectId: number | undefined;
  #data: FileFieldsFragment;

  /** @internal Files are made by `run.files()`, `run.file()` and `run.uploadFile()`. */
  constructor(ctx: FacadeContext, ref: RunRef, projectId: number | undefined, data: FileFieldsFragment) {
    this.#ctx = ctx;
    this.#ref = ref;
    this.#projectId = projectId;
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
  stream(options: FileRequestOptions = {}): ReadableStream<Uint8Array> {
    const signal = optionalSignal(optionsObject(options).signal);
    return contentStream(this.#ctx, this.#content(), { signal });
  }

  /**
   * The content as an `ArrayBuffer`.
   *
   * @example
   * ```ts
   * const bytes = new Uint8Array(await file.arrayBuffer());
   * ```
   */
  async arrayBuffer(options: FileRequestOptions = {}): Promise<ArrayBuffer> {
    return (await this.#readAll(options)).buffer as ArrayBuffer;
  }

  /**
   * The content decoded as UTF-8 text.
   *
   * @example
   * ```ts
   * const config = await (await run.file('config.yaml')).text();
   * ```
   */
  async text(options: FileRequestOptions = {}): Promise<string> {
    return new TextDecoder('utf-8').decode(await this.#readAll(options));
  }

  /**
   * The content as a `Blob` typed with the file's MIME type, e.g. to show an image in a browser.
   *
   * @example
   * ```ts
   * img.src = URL.createObjectURL(await (await run.file('media/images/sample.png')).blob());
   * ```
   */
  async blob(options: FileRequestOptions = {}): Promise<Blob> {
    const bytes = await this.#readAll(options);
    return new Blob([bytes.buffer as ArrayBuffer], { type: this.mimetype ?? '' });
  }

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
  async download(options: DownloadOptions = {}): Promise<string> {
    const o = optionsObject(options);
    const root = rootOption(o.root);
    const replace = optionalBoolean(o.replace, 'replace') ?? false;
    const signal = optionalSignal(o.signal);
    const listed = this.md5 === undefined ? undefined : md5AsBase64(this.md5);
    return saveContent(this.#ctx, this.#content(), {
      root,
      replace,
      signal,
      ...(listed === undefined
        ? {}
        : { verify: (actual: string) => this.#verifyMd5(listed, actual, signal) }),
    });
  }

  /** Accepts downloaded bytes whose MD5 is `actual` when it is the listed one, or the file's MD5 now. */
  async #verifyMd5(listed: string, actual: string, signal: AbortSignal | undefined): Promise<void> {
    if (actual === listed) return;
    await this.#refresh(signal);
    const now = this.md5 === undefined ? undefined : md5AsBase64(this.md5);
    if (now === undefined || now === actual) return;
    throw new IntegrityError(
      `Download of ${JSON.stringify(this.name)} from run ${formatRunPath(this.#ref)} is corrupt: the MD5 of the ` +
        `bytes received is ${actual}, the server gives ${this.md5 ?? listed}; nothing was written. Try again`,
      { expected: this.md5 ?? listed, actual },
    );
  }

  /**
   * Deletes the file from the run (mutation `DeleteFiles`).
   *
   * @example
   * ```ts
   * for await (const file of run.files()) if (file.name.endsWith('.tmp')) await file.delete();
   * ```
   */
  async delete(options: FileRequestOptions = {}): Promise<void> {
    const signal = optionalSignal(optionsObject(options).signal);
    const data = await this.#ctx.request(
      (await documents()).DeleteFilesDocument,
      { files: [this.id], projectId: this.#projectId ?? null },
      { signal },
    );
    if (!data.deleteFiles?.success) {
      throw new ServerError(
        `DeleteFiles did not delete ${JSON.stringify(this.name)} from run ${formatRunPath(this.#ref)}`,
      );
    }
  }

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

  /** This file as {@link contentStream} and {@link saveContent} read it; renewing reads the entry again. */
  #content(): SignedContent {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const file = this;
    return {
      get name() {
        return file.name;
      },
      get size() {
        return file.size;
      },
      get directUrl() {
        return file.directUrl;
      },
      renew: (signal) => this.#refresh(signal),
    };
  }

  #readAll(options: FileRequestOptions): Promise<Uint8Array> {
    return readAll(this.stream(options));
  }

  async #refresh(signal: AbortSignal | undefined): Promise<void> {
    const page = await fetchFilesPage(this.#ctx, this.#ref, {
      names: [this.name],
      cursor: null,
      limit: 1,
      signal,
      cache: false,
    });
    const fresh = page.items.find((f) => f.name === this.name);
    if (!fresh) throw fileGone(this.name, formatRunPath(this.#ref));
    this.#data = fresh.#data;
    this.#projectId = fresh.#projectId ?? this.#projectId;
  }
}
