/**
 * The code of {@link ArtifactFile} (`ArtifactFileImpl`, what every `ArtifactFile` is) and the
 * listing behind `artifact.files()` (operation `ArtifactMembershipFiles`, protocol notes §4 R11).
 * Contents are read from each file's signed `directUrl` without W&B credentials, with the storage
 * reads every domain shares (`core/content.ts`): an expired URL is renewed once (the file's entry
 * read again), and a download is atomic and checked against the file's MD5.
 *
 * @example
 * ```ts
 * const files = listArtifactFiles(ctx, { entity: 'acme', project: 'vision', collection: 'mnist', version: 'v3' });
 * for await (const file of files) console.log(file.name, await file.text());
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { IntegrityError, NotFoundError, UnsupportedError, ValidationError } from '../../errors/index.js';
import type { ArtifactFilePageFieldsFragment } from '../../generated/graphql.js';
import {
  contentStream,
  liveContent,
  md5AsBase64,
  readAll,
  rootOption,
  saveContent,
  type SignedContent,
} from '../core/content.js';
import type { FacadeContext } from '../core/context.js';
import {
  connectionPosition,
  Paginated,
  type Page,
  type PageFetcher,
  type PaginatedOptions,
} from '../core/pagination.js';
import { describeValue, optionalBoolean, optionalSignal, optionsObject } from '../core/validate.js';
import {
  ArtifactFile,
  versionPath,
  type ArtifactFileDownloadOptions,
  type ArtifactFileRequestOptions,
  type ArtifactFilesOptions,
  type ArtifactVersionRef,
} from './artifact-file.js';

/** The server feature that makes the server count a version's files. */
export const FILE_TOTAL_FEATURE = 'TOTAL_COUNT_IN_FILE_CONNECTION';

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
): Promise<Page<ArtifactFileImpl>> {
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
    items: (connection?.edges ?? []).flatMap((e) =>
      e.node ? [new ArtifactFileImpl(ctx, where, e.node)] : [],
    ),
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
 * What every {@link ArtifactFile} is: the methods that read its content (their TSDoc is on
 * `ArtifactFile`).
 * @internal
 */
export class ArtifactFileImpl extends ArtifactFile {
  // The name users see in `constructor.name` and logs is the public class's.
  static {
    Object.defineProperty(this, 'name', { value: 'ArtifactFile' });
  }

  override stream(options: ArtifactFileRequestOptions = {}): ReadableStream<Uint8Array> {
    const signal = optionalSignal(optionsObject(options).signal);
    return contentStream(this.fields.ctx, this.#content(), { signal });
  }

  override async arrayBuffer(options: ArtifactFileRequestOptions = {}): Promise<ArrayBuffer> {
    return (await readAll(this.stream(options))).buffer as ArrayBuffer;
  }

  override async text(options: ArtifactFileRequestOptions = {}): Promise<string> {
    return new TextDecoder('utf-8').decode(await readAll(this.stream(options)));
  }

  override async blob(options: ArtifactFileRequestOptions = {}): Promise<Blob> {
    const bytes = await readAll(this.stream(options));
    return new Blob([bytes.buffer as ArrayBuffer], { type: this.mimetype ?? '' });
  }

  override async download(options: ArtifactFileDownloadOptions = {}): Promise<string> {
    const o = optionsObject(options);
    const root = rootOption(o.root);
    const replace = optionalBoolean(o.replace, 'replace') ?? false;
    const signal = optionalSignal(o.signal);
    const given = this.md5 ?? this.digest;
    const expected = given === undefined ? undefined : md5AsBase64(given);
    return saveContent(this.fields.ctx, this.#content(), {
      root,
      replace,
      signal,
      ...(expected === undefined
        ? {}
        : {
            verify: (actual: string) => {
              if (actual === expected) return;
              throw new IntegrityError(
                `Download of ${JSON.stringify(this.name)} from artifact ${versionPath(this.fields.where)} is corrupt: the MD5 of ` +
                  `the bytes received is ${actual}, the server gives ${given ?? expected}; nothing was written. Try again`,
                { expected: given ?? expected, actual },
              );
            },
          }),
    });
  }

  /** This file as the storage reads take it; renewing reads its entry again. */
  #content(): SignedContent {
    return liveContent(this, (signal) => this.#renew(signal));
  }

  /** Reads this file's entry again (for a fresh signed URL). */
  async #renew(signal: AbortSignal): Promise<void> {
    const page = await fetchFilesPage(this.fields.ctx, this.fields.where, {
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
        `File ${JSON.stringify(this.name)} no longer exists in artifact ${versionPath(this.fields.where)}`,
      );
    }
    this.fields.data = fresh.fields.data;
  }
}
