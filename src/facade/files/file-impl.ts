/**
 * {@link FileImpl}: the code of {@link File}'s methods (reading the content from the signed URL,
 * renewing it, downloading with its MD5 check, deleting), and the listing behind `run.files()` /
 * `run.file()` (operation `RunFiles`, wandb-ops.md §7.1, §7.3, §8.3), loaded with the files domain.
 *
 * Contents are read from the file's signed `directUrl` without W&B credentials; a URL refused as
 * expired (HTTP 403) is replaced by a fresh one (the file entry is read again) and tried once more.
 *
 * @example
 * ```ts
 * const file = await fetchRunFile(ctx, { entity: 'acme', project: 'vision', runId: 'a1b2c3d4' }, 'config.yaml');
 * console.log(await file.text());
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { IntegrityError, ServerError, ValidationError } from '../../errors/index.js';
import type { FileFieldsFragment, RunFilesQuery } from '../../generated/graphql.js';
import {
  contentStream,
  liveContent,
  md5AsBase64,
  readAll,
  rootOption,
  saveContent,
  type SignedContent,
} from '../core/content.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { fileGone, fileNotFound, runNotFound } from '../core/notFound.js';
import { connectionPosition, Paginated, type Page } from '../core/pagination.js';
import { describeValue, optionalBoolean, optionalSignal, optionsObject } from '../core/validate.js';
import { formatRunPath, type RunRef } from '../paths/paths.js';
import { File, type DownloadOptions, type FileRequestOptions, type RunFilesOptions } from './file.js';

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
): Promise<Page<FileImpl>> {
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
      e.node ? [new FileImpl(ctx, ref, Number.isSafeInteger(projectId) ? projectId : undefined, e.node)] : [],
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
): Promise<FileImpl> {
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
 * A {@link File} with the code of its methods.
 * @internal Made by the listing of this module (`run.files()`, `run.file()`, `run.uploadFile()`).
 * @example
 * ```ts
 * const text = await new FileImpl(ctx, ref, projectId, data).text();
 * ```
 */
export class FileImpl extends File {
  // The name users see in `constructor.name` and logs is the public class's.
  static {
    Object.defineProperty(this, 'name', { value: 'File' });
  }

  #ctx: FacadeContext;
  #projectId: number | undefined;

  constructor(ctx: FacadeContext, ref: RunRef, projectId: number | undefined, data: FileFieldsFragment) {
    super(ref, data);
    this.#ctx = ctx;
    this.#projectId = projectId;
  }

  override stream(options: FileRequestOptions = {}): ReadableStream<Uint8Array> {
    const signal = optionalSignal(optionsObject(options).signal);
    return contentStream(this.#ctx, this.#content(), { signal });
  }

  override async arrayBuffer(options: FileRequestOptions = {}): Promise<ArrayBuffer> {
    return (await this.#readAll(options)).buffer as ArrayBuffer;
  }

  override async text(options: FileRequestOptions = {}): Promise<string> {
    return new TextDecoder('utf-8').decode(await this.#readAll(options));
  }

  override async blob(options: FileRequestOptions = {}): Promise<Blob> {
    const bytes = await this.#readAll(options);
    return new Blob([bytes.buffer as ArrayBuffer], { type: this.mimetype ?? '' });
  }

  override async download(options: DownloadOptions = {}): Promise<string> {
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
      `Download of ${JSON.stringify(this.name)} from run ${formatRunPath(this.ref)} is corrupt: the MD5 of the ` +
        `bytes received is ${actual}, the server gives ${this.md5 ?? listed}; nothing was written. Try again`,
      { expected: this.md5 ?? listed, actual },
    );
  }

  override async delete(options: FileRequestOptions = {}): Promise<void> {
    const signal = optionalSignal(optionsObject(options).signal);
    const data = await this.#ctx.request(
      (await documents()).DeleteFilesDocument,
      { files: [this.id], projectId: this.#projectId ?? null },
      { signal },
    );
    if (!data.deleteFiles?.success) {
      throw new ServerError(
        `DeleteFiles did not delete ${JSON.stringify(this.name)} from run ${formatRunPath(this.ref)}`,
      );
    }
  }

  /** This file as {@link contentStream} and {@link saveContent} read it; renewing reads the entry again. */
  #content(): SignedContent {
    return liveContent(this, (signal) => this.#refresh(signal));
  }

  #readAll(options: FileRequestOptions): Promise<Uint8Array> {
    return readAll(this.stream(options));
  }

  async #refresh(signal: AbortSignal | undefined): Promise<void> {
    const page = await fetchFilesPage(this.#ctx, this.ref, {
      names: [this.name],
      cursor: null,
      limit: 1,
      signal,
      cache: false,
    });
    const fresh = page.items.find((f) => f.name === this.name);
    if (!fresh) throw fileGone(this.name, formatRunPath(this.ref));
    this.replace(fresh.entry);
    this.#projectId = fresh.#projectId ?? this.#projectId;
  }
}
