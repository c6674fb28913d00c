/**
 * The files of an artifact version: {@link ArtifactFile} and the listing behind `artifact.files()`
 * (operation `ArtifactMembershipFiles`, protocol notes §4 R11). Contents are read from each file's
 * signed `directUrl` without W&B credentials, with the storage reads every domain shares
 * (`core/content.ts`): an expired URL is renewed once (the file's entry read again), and a download
 * is atomic and checked against the file's MD5.
 *
 * @example
 * ```ts
 * for await (const file of artifact.files()) console.log(file.name, file.size, file.md5);
 * const [labels] = await artifact.files({ names: ['labels.json'] }).toArray();
 * console.log(JSON.parse(await labels!.text()));
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { IntegrityError, NotFoundError, UnsupportedError, ValidationError } from '../../errors/index.js';
import type { ArtifactFileFieldsFragment, ArtifactFilePageFieldsFragment } from '../../generated/graphql.js';
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
import {
  connectionPosition,
  Paginated,
  type ListOptions,
  type Page,
  type PageFetcher,
  type PaginatedOptions,
} from '../core/pagination.js';
import { describeValue, optionalBoolean, optionalSignal, optionsObject } from '../core/validate.js';
import type { ArtifactCollectionRef } from '../paths/artifact-paths.js';

/** The server feature that makes the server count a version's files. */
export const FILE_TOTAL_FEATURE = 'TOTAL_COUNT_IN_FILE_CONNECTION';

/**
 * Where a version's files are: the collection it was reached through and its version there.
 * @internal
 */
export interface ArtifactVersionRef extends ArtifactCollectionRef {
  /** The version in that collection, `vN`. */
  version: string;
}

/** `entity/project/collection:vN`, for messages. */
function versionPath(where: ArtifactVersionRef): string {
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

function checkNames(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((n) => typeof n === 'string' && n !== '')) {
    throw new ValidationError(
      'names',
      `expected an array of file paths (non-empty strings), got ${describeValue(value)}`,
    );
  }
  return [...(value as string[])];
}

/** One page of a version's files; a missing version (or collection, or project) is a {@link NotFoundError}. */
async function fetchFilesPage(
  ctx: FacadeContext,
  where: ArtifactVersionRef,
  args: {
    names: string[];
    cursor: string | null;
    perPage: number;
    counted: boolean;
    /** Whether to ask for the total (when `counted`). Default `true`. */
    total?: boolean | undefined;
    signal?: AbortSignal | undefined;
    cache?: boolean;
  },
): Promise<Page<ArtifactFile>> {
  const variables = {
    entity: where.entity,
    project: where.project,
    collection: where.collection,
    alias: where.version,
    fileNames: args.names.length > 0 ? args.names : null,
    cursor: args.cursor,
    perPage: args.perPage,
  };
  const options = { signal: args.signal, cache: args.cache };
  let connection: (ArtifactFilePageFieldsFragment & { totalCount?: number | null }) | null | undefined;
  let projectFound: boolean;
  let membershipFound: boolean;
  if (args.counted) {
    const data = await ctx.request(
      (await documents()).ArtifactMembershipFilesDocument,
      { ...variables, withTotal: args.total ?? true },
      {
        ...options,
        cacheIf: (d) => d.project?.artifactCollection?.artifactMembership != null,
      },
    );
    projectFound = data.project != null;
    membershipFound = data.project?.artifactCollection?.artifactMembership != null;
    connection = data.project?.artifactCollection?.artifactMembership?.files;
  } else {
    const data = await ctx.request((await documents()).ArtifactMembershipFilesUncountedDocument, variables, {
      ...options,
      cacheIf: (d) => d.project?.artifactCollection?.artifactMembership != null,
    });
    projectFound = data.project != null;
    membershipFound = data.project?.artifactCollection?.artifactMembership != null;
    connection = data.project?.artifactCollection?.artifactMembership?.files;
  }
  if (!membershipFound) {
    throw new NotFoundError(
      projectFound
        ? `Artifact ${where.collection}:${where.version} not found in project ${where.entity}/${where.project}`
        : `Artifact ${where.collection}:${where.version} not found (project ${where.entity}/${where.project} not found)`,
    );
  }
  return {
    items: (connection?.edges ?? []).flatMap((e) => (e.node ? [new ArtifactFile(ctx, where, e.node)] : [])),
    ...connectionPosition(connection),
    totalCount: typeof connection?.totalCount === 'number' ? connection.totalCount : undefined,
  };
}

/** A version's files; `totalCount()` needs {@link FILE_TOTAL_FEATURE} and says so before any files request. */
class ArtifactFileListing extends Paginated<ArtifactFile> {
  readonly #ctx: FacadeContext;
  constructor(ctx: FacadeContext, fetch: PageFetcher<ArtifactFile>, opts: PaginatedOptions) {
    super(fetch, opts);
    this.#ctx = ctx;
  }

  override async totalCount(): Promise<number> {
    if ((await this.#ctx.serverFeatures()).get(FILE_TOTAL_FEATURE) !== true) {
      throw new UnsupportedError(
        `The server does not report a total count for ${this.what}: that needs the server feature ` +
          `${FILE_TOTAL_FEATURE}, which this W&B server does not report (an older W&B Server release); ` +
          "iterate and count them instead, or read the version's fileCount",
      );
    }
    return super.totalCount();
  }
}

/**
 * The files of a version, page by page, 50 per request by default. `totalCount()` is the number
 * of files the server lists for the version (every file, whatever `names` selects), on servers
 * with {@link FILE_TOTAL_FEATURE}; elsewhere it rejects with `UnsupportedError`.
 * @internal Use `artifact.files()`.
 * @example
 * ```ts
 * const files = listArtifactFiles(ctx, { entity: 'acme', project: 'vision', collection: 'mnist', version: 'v3' });
 * ```
 */
export function listArtifactFiles(
  ctx: FacadeContext,
  where: ArtifactVersionRef,
  options: ArtifactFilesOptions = {},
): Paginated<ArtifactFile> {
  const o = optionsObject(options);
  const names = checkNames(o.names);
  const signal = optionalSignal(o.signal);
  return new ArtifactFileListing(
    ctx,
    async ({ cursor, perPage, signal: pageSignal, total }) => {
      const counted = (await ctx.serverFeatures()).get(FILE_TOTAL_FEATURE) === true;
      return fetchFilesPage(ctx, where, { names, cursor, perPage, counted, total, signal: pageSignal });
    },
    {
      perPage: o.perPage ?? 50,
      start: o.start ?? null,
      signal,
      what: `files of artifact ${versionPath(where)}`,
      prefetch: o.prefetch,
    },
  );
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
export class ArtifactFile {
  #ctx: FacadeContext;
  #where: ArtifactVersionRef;
  #data: ArtifactFileFieldsFragment;

  /** @internal Made by `artifact.files()`. */
  constructor(ctx: FacadeContext, where: ArtifactVersionRef, data: ArtifactFileFieldsFragment) {
    this.#ctx = ctx;
    this.#where = where;
    this.#data = data;
  }

  /** The server's node id of the file. */
  get id(): string {
    return this.#data.id;
  }
  /** The file's path in the artifact, `/`-separated (e.g. `images/001.png`). */
  get name(): string {
    return this.#data.name;
  }
  /** Size in bytes. */
  get size(): number {
    return this.#data.sizeBytes;
  }
  /** The content's digest as the manifest gives it (for a stored file, its base64 MD5), or `undefined`. */
  get digest(): string | undefined {
    return this.#data.digest ?? undefined;
  }
  /** MD5 of the content, base64-encoded as W&B sends it (e.g. `XUFAKrxLKna5cZ2REBfFkg==`), or `undefined`. */
  get md5(): string | undefined {
    return this.#data.md5 ?? undefined;
  }
  /** MIME type, e.g. `application/json`, or `undefined`. */
  get mimetype(): string | undefined {
    return this.#data.mimetype ?? undefined;
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
  /** Where the storage keeps the content, or `undefined`. */
  get storagePath(): string | undefined {
    return this.#data.storagePath ?? undefined;
  }
  /** When the file was last written, or `undefined`. */
  get updatedAt(): Date | undefined {
    return parseServerDate(this.#data.updatedAt);
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
  stream(options: ArtifactFileRequestOptions = {}): ReadableStream<Uint8Array> {
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
  async arrayBuffer(options: ArtifactFileRequestOptions = {}): Promise<ArrayBuffer> {
    return (await readAll(this.stream(options))).buffer as ArrayBuffer;
  }

  /**
   * The content decoded as UTF-8 text.
   *
   * @example
   * ```ts
   * const labels = JSON.parse(await file.text());
   * ```
   */
  async text(options: ArtifactFileRequestOptions = {}): Promise<string> {
    return new TextDecoder('utf-8').decode(await readAll(this.stream(options)));
  }

  /**
   * The content as a `Blob` typed with the file's MIME type, e.g. to show an image in a browser.
   *
   * @example
   * ```ts
   * img.src = URL.createObjectURL(await file.blob());
   * ```
   */
  async blob(options: ArtifactFileRequestOptions = {}): Promise<Blob> {
    const bytes = await readAll(this.stream(options));
    return new Blob([bytes.buffer as ArrayBuffer], { type: this.mimetype ?? '' });
  }

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
  async download(options: ArtifactFileDownloadOptions = {}): Promise<string> {
    const o = optionsObject(options);
    const root = rootOption(o.root);
    const replace = optionalBoolean(o.replace, 'replace') ?? false;
    const signal = optionalSignal(o.signal);
    const given = this.md5 ?? this.digest;
    const expected = given === undefined ? undefined : md5AsBase64(given);
    return saveContent(this.#ctx, this.#content(), {
      root,
      replace,
      signal,
      ...(expected === undefined
        ? {}
        : {
            verify: (actual: string) => {
              if (actual === expected) return;
              throw new IntegrityError(
                `Download of ${JSON.stringify(this.name)} from artifact ${versionPath(this.#where)} is corrupt: the MD5 of ` +
                  `the bytes received is ${actual}, the server gives ${given ?? expected}; nothing was written. Try again`,
                { expected: given ?? expected, actual },
              );
            },
          }),
    });
  }

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
    return { id, name, size, digest, md5, mimetype, updatedAt, artifact: versionPath(this.#where) };
  }

  /** This file as the storage reads take it; renewing reads its entry again. */
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
      renew: (signal) => this.#renew(signal),
    };
  }

  /** Reads this file's entry again (for a fresh signed URL). */
  async #renew(signal: AbortSignal): Promise<void> {
    const page = await fetchFilesPage(this.#ctx, this.#where, {
      names: [this.name],
      cursor: null,
      perPage: 1,
      counted: false,
      signal,
      cache: false,
    });
    const fresh = page.items.find((f) => f.name === this.name);
    if (!fresh) {
      throw new NotFoundError(
        `File ${JSON.stringify(this.name)} no longer exists in artifact ${versionPath(this.#where)}`,
      );
    }
    this.#data = fresh.#data;
  }
}
