/**
 * Downloading an artifact version to disk (Node): `artifact.download()` and `artifact.file()`
 * (protocol notes §4 R12, §7.3, §8.4). Every entry's path is checked first (nothing is written
 * if one would land outside `root`); the signed URLs come from `GetArtifactMembershipFileUrls`
 * (5000 a page), else from the fallback storage path of the manifest's layout (sent with W&B
 * credentials); files are fetched in parallel — at most `concurrency` at once, and never more
 * than the Api's transfer pool (`storageConcurrency`) allows across every call — each streamed to a
 * temporary file, hashed (MD5) as it is written, checked against the manifest, and renamed into
 * place. A file already there with the right MD5 is not fetched again; the local content cache
 * (see `io/artifact-files.ts`) turns a download of content seen before into a local copy.
 *
 * @example
 * ```ts
 * const root = await downloadArtifact(ctx, target, { root: 'data/mnist', concurrency: 8 });
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import {
  IntegrityError,
  NotFoundError,
  PermissionError,
  redactUrl,
  UnsupportedError,
  ValidationError,
  WandbError,
} from '../../errors/index.js';
import type { GetArtifactMembershipFileUrlsQuery } from '../../generated/graphql.js';
import type { ArtifactFiles } from '../../io/artifact-files.js';
import type { LocalFiles } from '../../io/files.js';
import { abortReason, createPool } from '../core/concurrency.js';
import { contentStream, md5AsBase64, type SignedContent } from '../core/content.js';
import type { FacadeContext } from '../core/context.js';
import {
  describeValue,
  optionalBoolean,
  optionalPositive,
  optionalSignal,
  optionsObject,
} from '../core/validate.js';
import type { ArtifactVersionRef } from './artifact-file.js';
import type { ArtifactManifest, ManifestEntry } from './manifest.js';

/** How many file URLs one `GetArtifactMembershipFileUrls` request asks for (the official client's default). */
export const FILE_URL_BATCH_SIZE = 5000;

/** Default number of files fetched at once by one download. */
export const DEFAULT_DOWNLOAD_CONCURRENCY = 16;

/** The server feature under which the V2 fallback URL carries the artifact id. */
export const V2_ARTIFACT_ID_FEATURE = 'ARTIFACT_V2_DOWNLOAD_HANDLER_SUPPORTS_ARTIFACT_ID';

/** Shortest interval between two `onProgress` calls while bytes flow, in ms (file completions and the last call are not held back longer). */
const PROGRESS_INTERVAL_MS = 100;

/**
 * Progress of a download, as `onProgress` gets it.
 *
 * @example
 * ```ts
 * const show = (p: ArtifactDownloadProgress) => console.log(`${p.filesDone}/${p.files} files, ${p.bytesDone}/${p.bytes} bytes`);
 * ```
 */
export interface ArtifactDownloadProgress {
  /** Files to download (the entries selected, references skipped by `allowMissingReferences` excepted). */
  readonly files: number;
  /** Files done so far: fetched, copied from the cache, or already there with the right MD5. */
  readonly filesDone: number;
  /** Bytes of the files to download, by the manifest's sizes. */
  readonly bytes: number;
  /** Bytes done so far (received, copied, or already there). */
  readonly bytesDone: number;
  /** Paths of the references not downloaded (other schemes than `http(s)`, with `allowMissingReferences`). */
  readonly skipped: readonly string[];
}

/**
 * Options of `artifact.download()`.
 *
 * @example
 * ```ts
 * await artifact.download({ root: 'data/mnist', pathPrefix: 'train/', concurrency: 8, onProgress: console.log });
 * ```
 */
export interface ArtifactDownloadOptions {
  /**
   * Folder to download into. Default `./artifacts/<name>` (`<name>` the artifact's `name`,
   * `collection:vN` of the collection it was reached through — for a link, not the source's as in
   * the Python client; `:` replaced by `-` on Windows; `WANDB_ARTIFACT_DIR` replaces `./artifacts`).
   *
   * @example
   * ```ts
   * await artifact.download({ root: 'data/mnist' });
   * ```
   */
  root?: string;
  /**
   * Only the entries whose path starts with this (`/`-separated, compared as text). Default all.
   *
   * @example
   * ```ts
   * await artifact.download({ pathPrefix: 'images/train/' });
   * ```
   */
  pathPrefix?: string;
  /**
   * Most files fetched at once by this call (a positive integer); the Api's `storageConcurrency`
   * bounds every transfer of the Api on top of this. Default `16`.
   *
   * @example
   * ```ts
   * await artifact.download({ concurrency: 4 });
   * ```
   */
  concurrency?: number;
  /**
   * Neither read nor fill the local content cache: every file not already in `root` is fetched.
   * Default `false`.
   *
   * @example
   * ```ts
   * await artifact.download({ skipCache: true });
   * ```
   */
  skipCache?: boolean;
  /**
   * Skip the references that cannot be fetched (schemes other than `http(s)`: `s3://`, `gs://`,
   * `file://`, ...) instead of rejecting with `UnsupportedError`; they are reported in
   * {@link ArtifactDownloadProgress.skipped}. Default `false`.
   *
   * @example
   * ```ts
   * await artifact.download({ allowMissingReferences: true, onProgress: (p) => console.log(p.skipped) });
   * ```
   */
  allowMissingReferences?: boolean;
  /**
   * Cancels the download: every transfer stops, no partial file is left (files already complete stay).
   *
   * @example
   * ```ts
   * await artifact.download({ signal: AbortSignal.timeout(600_000) });
   * ```
   */
  signal?: AbortSignal;
  /**
   * Called as the download progresses (at most every 100 ms while bytes flow, and at each file's
   * end) and always once at the end, with the final counts.
   *
   * @example
   * ```ts
   * await artifact.download({ onProgress: ({ filesDone, files }) => console.log(`${filesDone}/${files}`) });
   * ```
   */
  onProgress?: (progress: ArtifactDownloadProgress) => void;
}

/**
 * What a download needs of the artifact: its names, its version's place and its manifest.
 * @internal
 */
export interface DownloadTarget {
  /** `entity/project/collection:vN`, for messages. */
  readonly qualifiedName: string;
  /** The artifact's id (V2 fallback URLs). */
  readonly id: string;
  /** The default folder's name (`collection:vN`). */
  readonly rootName: string;
  /** Where the version's files are listed. */
  readonly where: ArtifactVersionRef;
  /** The manifest (read once by the artifact). */
  manifest(options: { signal?: AbortSignal | undefined }): Promise<ArtifactManifest>;
}

/**
 * The path segments of a manifest entry below the download folder, refusing anything that could
 * be written outside it or read differently on another platform: empty paths, NUL characters,
 * absolute paths (`/x`), backslashes, drive letters (`C:`, at the start or of any segment), and
 * `.` / `..` / empty segments.
 *
 * @throws {@link ValidationError} (parameter `path`) naming the entry.
 * @example
 * ```ts
 * entrySegments('images/train/0.png'); // ['images', 'train', '0.png']
 * entrySegments('../etc/passwd'); // throws ValidationError
 * ```
 */
export function entrySegments(path: string): string[] {
  const refuse = (why: string): ValidationError =>
    new ValidationError('path', `the manifest entry ${JSON.stringify(path)} ${why}; nothing was written`);
  if (path === '') throw refuse('has an empty path');
  if (path.includes('\0')) throw refuse('contains a NUL character');
  if (path.includes('\\')) throw refuse('contains a backslash (a Windows path separator)');
  if (path.startsWith('/'))
    throw refuse('is an absolute path and would be written outside the download folder');
  if (/^[A-Za-z]:/.test(path))
    throw refuse('starts with a drive letter and would be written outside the download folder');
  const segments = path.split('/');
  if (segments.includes('..'))
    throw refuse('has a ".." segment and would be written outside the download folder');
  if (segments.some((s) => s === '' || s === '.')) throw refuse('has an empty or "." segment');
  // `a/C:x`: on Windows a segment with a drive letter starts a path of its own, on that drive.
  if (segments.some((s) => /^[A-Za-z]:/.test(s)))
    throw refuse(
      'has a segment that starts with a drive letter and would be written outside the download folder on Windows',
    );
  return segments;
}

/**
 * Checks the name a default download folder is made from (a `collection:vN` whose collection may
 * hold path characters on older servers), as the official client does.
 *
 * @throws {@link ValidationError} (parameter `root`) when it would leave `./artifacts`.
 * @example
 * ```ts
 * checkRootName('mnist:v3'); // 'mnist:v3'
 * checkRootName('../x:v0'); // throws ValidationError: pass root
 * ```
 */
export function checkRootName(name: string): string {
  const segments = name.split(/[\\/]/);
  if (
    name === '' ||
    name.includes('\0') ||
    /^[\\/]/.test(name) ||
    /^[A-Za-z]:[\\/]/.test(name) ||
    segments.some((s) => s === '..' || s === '.' || s === '')
  ) {
    throw new ValidationError(
      'root',
      `the artifact name ${JSON.stringify(name)} cannot be used as a folder name; pass root`,
    );
  }
  return name;
}

/** The hex form of an MD5 given as base64 (or hex); `undefined` for anything else. */
export function md5Hex(digest: string): string | undefined {
  const b64 = md5AsBase64(digest);
  if (b64 === undefined) return undefined;
  const binary = atob(b64);
  let hex = '';
  for (let i = 0; i < binary.length; i++) hex += binary.charCodeAt(i).toString(16).padStart(2, '0');
  return hex;
}

/** Python's `urllib.parse.quote` (safe `/`): every byte but letters, digits, `_.-~/` percent-encoded. */
function quote(text: string): string {
  return encodeURIComponent(text)
    .replace(/%2F/gi, '/')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The fallback download path of a stored entry when the listing gives it no signed URL (protocol
 * §8.4), relative to the API base URL (so it is sent with W&B credentials): layout `V1`
 * `/artifacts/<entity>/<hex md5>`, layout `V2`
 * `/artifactsV2/<region>/<entity>/<project>/<collection>/[<artifact id>/]<birth id>/<hex md5>/<basename>`.
 * @internal
 * @example
 * ```ts
 * fallbackPath({ storageLayout: 'V1' }, where, 'QXJ0aWZhY3Q6MQ==', entry, false); // '/artifacts/alice/5d41...'
 * ```
 */
export function fallbackPath(
  config: ArtifactManifest['storagePolicyConfig'],
  where: ArtifactVersionRef,
  artifactId: string,
  entry: ManifestEntry,
  withArtifactId: boolean,
): string | undefined {
  const hex = md5Hex(entry.digest);
  if (hex === undefined) return undefined;
  if (config.storageLayout !== 'V2') return `/artifacts/${quote(where.entity)}/${hex}`;
  const region =
    typeof config.storageRegion === 'string' && config.storageRegion ? config.storageRegion : 'default';
  const basename = entry.path.split('/').at(-1) ?? entry.path;
  const parts = [region, where.entity, where.project, where.collection].map(quote);
  if (withArtifactId) parts.push(quote(artifactId));
  parts.push(quote(entry.birthArtifactId ?? ''), hex, basename);
  return `/artifactsV2/${parts.join('/')}`;
}

/**
 * The checked options of a download.
 * @internal
 */
export interface CheckedDownloadOptions {
  root: string | undefined;
  pathPrefix: string | undefined;
  concurrency: number;
  skipCache: boolean;
  allowMissingReferences: boolean;
  signal: AbortSignal | undefined;
  onProgress: ((progress: ArtifactDownloadProgress) => void) | undefined;
}

/**
 * Checks the options of `artifact.download()` (before any request).
 * @internal
 * @throws {@link ValidationError} naming the option.
 * @example
 * ```ts
 * checkDownloadOptions({ concurrency: 0 }); // throws ValidationError (concurrency)
 * ```
 */
export function checkDownloadOptions(options: ArtifactDownloadOptions | undefined): CheckedDownloadOptions {
  const o = optionsObject(options ?? {});
  if (o.root !== undefined && (typeof o.root !== 'string' || o.root === '')) {
    throw new ValidationError(
      'root',
      `expected a folder path (a non-empty string), got ${describeValue(o.root)}`,
    );
  }
  if (o.pathPrefix !== undefined && typeof o.pathPrefix !== 'string') {
    throw new ValidationError('pathPrefix', `expected a string, got ${describeValue(o.pathPrefix)}`);
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw new ValidationError('onProgress', `expected a function, got ${describeValue(o.onProgress)}`);
  }
  return {
    root: o.root,
    pathPrefix: o.pathPrefix === '' ? undefined : o.pathPrefix,
    concurrency:
      optionalPositive(o.concurrency, 'concurrency', { integer: true }) ?? DEFAULT_DOWNLOAD_CONCURRENCY,
    skipCache: optionalBoolean(o.skipCache, 'skipCache') ?? false,
    allowMissingReferences: optionalBoolean(o.allowMissingReferences, 'allowMissingReferences') ?? false,
    signal: optionalSignal(o.signal),
    onProgress: o.onProgress,
  };
}

/**
 * The artifact helpers of the local file system, or `UnsupportedError` (browsers).
 * @internal
 */
export function artifactDisk(
  ctx: Pick<FacadeContext, 'disk'>,
  method: string,
): { disk: LocalFiles; files: ArtifactFiles } {
  const disk = ctx.disk();
  const files = disk.artifacts;
  if (!files) {
    throw new UnsupportedError(
      `artifact.${method}() reads and writes files on disk, which needs Node (the Node build of wandb-api); ` +
        'in a browser read the files with artifact.files() (file.text(), file.blob(), file.stream()) or artifact.get()',
    );
  }
  return { disk, files };
}

/** Splits entries into stored files, fetchable references and the others, in manifest order. */
function classify(entries: readonly ManifestEntry[]): {
  stored: ManifestEntry[];
  http: ManifestEntry[];
  other: ManifestEntry[];
} {
  const stored: ManifestEntry[] = [];
  const http: ManifestEntry[] = [];
  const other: ManifestEntry[] = [];
  for (const entry of entries) {
    if (entry.ref === undefined) stored.push(entry);
    else if (/^https?:\/\//i.test(entry.ref)) http.push(entry);
    else other.push(entry);
  }
  return { stored, http, other };
}

function listPaths(paths: readonly string[], max = 5): string {
  const shown = paths.slice(0, max).map((p) => JSON.stringify(p));
  return paths.length > max ? `${shown.join(', ')} and ${paths.length - max} more` : shown.join(', ');
}

/** Every stored file's signed URL, by path (`GetArtifactMembershipFileUrls`, 5000 a page). */
async function fileUrls(
  ctx: FacadeContext,
  target: DownloadTarget,
  signal: AbortSignal,
): Promise<Map<string, string>> {
  const { where } = target;
  const urls = new Map<string, string>();
  let cursor: string | null = null;
  for (;;) {
    const data: GetArtifactMembershipFileUrlsQuery = await ctx.request(
      (await documents()).GetArtifactMembershipFileUrlsDocument,
      {
        entity: where.entity,
        project: where.project,
        collection: where.collection,
        alias: where.version,
        cursor,
        perPage: FILE_URL_BATCH_SIZE,
      },
      { signal, cache: false },
    );
    const membership = data.project?.artifactCollection?.artifactMembership;
    if (!membership) {
      throw new NotFoundError(
        `Artifact ${target.qualifiedName} not found while listing its files (was it deleted?)`,
      );
    }
    const connection = membership.files;
    for (const edge of connection?.edges ?? []) {
      if (edge.node?.directUrl) urls.set(edge.node.name, edge.node.directUrl);
    }
    const info = connection?.pageInfo;
    if (!info?.hasNextPage || !info.endCursor || info.endCursor === cursor) break;
    cursor = info.endCursor;
  }
  return urls;
}

/** A fresh signed URL for one file (`ArtifactMembershipFiles`, `names: [path]`, one per page; not cached). */
async function renewUrl(
  ctx: FacadeContext,
  target: DownloadTarget,
  path: string,
  signal: AbortSignal,
): Promise<string> {
  const { where } = target;
  const data = await ctx.request(
    (await documents()).ArtifactMembershipFilesUncountedDocument,
    {
      entity: where.entity,
      project: where.project,
      collection: where.collection,
      alias: where.version,
      fileNames: [path],
      cursor: null,
      perPage: 1,
    },
    { signal, cache: false },
  );
  const node = data.project?.artifactCollection?.artifactMembership?.files?.edges.find(
    (e) => e.node?.name === path,
  )?.node;
  if (!node?.directUrl) {
    throw new NotFoundError(
      `File ${JSON.stringify(path)} is no longer listed in artifact ${target.qualifiedName}`,
    );
  }
  return node.directUrl;
}

/** Progress counting, with throttled reports and an exact final one. */
class Progress {
  readonly #report: ((p: ArtifactDownloadProgress) => void) | undefined;
  readonly #files: number;
  readonly #bytes: number;
  readonly #skipped: readonly string[];
  #filesDone = 0;
  #bytesDone = 0;
  #last = 0;

  constructor(
    report: ((p: ArtifactDownloadProgress) => void) | undefined,
    files: number,
    bytes: number,
    skipped: readonly string[],
  ) {
    this.#report = report;
    this.#files = files;
    this.#bytes = bytes;
    this.#skipped = Object.freeze([...skipped]);
  }

  bytes(n: number): void {
    this.#bytesDone += n;
    this.#emit(false);
  }

  file(counted: number, size: number): void {
    this.#bytesDone += size - counted;
    this.#filesDone += 1;
    this.#emit(this.#filesDone === this.#files);
  }

  final(): void {
    this.#emit(true);
  }

  #emit(force: boolean): void {
    if (!this.#report) return;
    const now = Date.now();
    if (!force && now - this.#last < PROGRESS_INTERVAL_MS) return;
    this.#last = now;
    this.#report({
      files: this.#files,
      filesDone: this.#filesDone,
      bytes: this.#bytes,
      bytesDone: this.#bytesDone,
      skipped: this.#skipped,
    });
  }
}

/** A stream that passes its chunks through and counts them. */
function counting(
  body: ReadableStream<Uint8Array>,
  onBytes: (n: number) => void,
): ReadableStream<Uint8Array> {
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        onBytes(chunk.byteLength);
        controller.enqueue(chunk);
      },
    }),
  );
}

/** The error that marks a cache entry found corrupt (the file is then fetched instead). */
class CorruptCacheEntry extends Error {}

/**
 * Downloads the selected entries of a version to `root` (see the module description) and
 * resolves with the absolute folder.
 * @internal Users call `artifact.download()` / `artifact.file()`.
 * @example
 * ```ts
 * const root = await downloadArtifact(ctx, target, { root: 'out' });
 * ```
 */
export async function downloadArtifact(
  ctx: FacadeContext,
  target: DownloadTarget,
  options: ArtifactDownloadOptions = {},
  select?: (manifest: ArtifactManifest) => readonly ManifestEntry[],
): Promise<string> {
  const o = checkDownloadOptions(options);
  const { disk, files: local } = artifactDisk(ctx, select ? 'file' : 'download');
  const root = local.absolute(o.root ?? local.defaultRoot(checkRootName(target.rootName)));
  const userSignal = o.signal;
  if (userSignal?.aborted) throw abortReason(userSignal);

  const manifest = await target.manifest({ signal: userSignal });
  const chosen = (select ? select(manifest) : manifest.entries).filter(
    (e) => o.pathPrefix === undefined || e.path.startsWith(o.pathPrefix),
  );
  const segments = new Map(chosen.map((e) => [e.path, entrySegments(e.path)]));
  const { stored, http, other } = classify(chosen);
  if (other.length > 0 && !o.allowMissingReferences) {
    throw new UnsupportedError(
      `Artifact ${target.qualifiedName} has references this client cannot fetch: ${listPaths(other.map((e) => `${e.path} (${redactUrl(e.ref ?? '')})`))}. ` +
        'Only http(s) references are downloaded; pass { allowMissingReferences: true } to skip the others. Nothing was written',
    );
  }
  const todo = [...stored, ...http];
  const progress = new Progress(
    o.onProgress,
    todo.length,
    todo.reduce((n, e) => n + e.size, 0),
    other.map((e) => e.path),
  );

  const inner = new AbortController();
  const onUserAbort = (): void => inner.abort(abortReason(userSignal as AbortSignal));
  userSignal?.addEventListener('abort', onUserAbort, { once: true });
  const signal = inner.signal;
  // Each transfer has a controller of its own (a signal shared by hundreds of transfers would
  // collect hundreds of listeners); stopping aborts them all.
  const running = new Set<AbortController>();
  const stop = (reason: unknown): void => {
    if (!inner.signal.aborted) inner.abort(reason);
    for (const c of running) c.abort(reason);
  };
  inner.signal.addEventListener('abort', () => stop(inner.signal.reason), { once: true });
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown): void => {
    if (!failure) {
      failure = { error };
      stop(error);
    }
  };

  try {
    const urls = stored.length > 0 ? await fileUrls(ctx, target, signal) : new Map<string, string>();
    const withArtifactId =
      stored.some((e) => !urls.has(e.path)) &&
      (await ctx.serverFeatures()).get(V2_ARTIFACT_ID_FEATURE) === true;
    const cacheDir = o.skipCache ? undefined : local.cacheDir();
    const limit = createPool(o.concurrency);

    const one = async (entry: ManifestEntry, signal: AbortSignal): Promise<void> => {
      const path = local.join(root, segments.get(entry.path) as string[]);
      let counted = 0;
      const onBytes = (n: number): void => {
        counted += n;
        progress.bytes(n);
      };
      const expected = entry.ref === undefined ? md5AsBase64(entry.digest) : undefined;
      const corrupt = (actual: string, from: string): IntegrityError =>
        new IntegrityError(
          `Download of ${JSON.stringify(entry.path)} from artifact ${target.qualifiedName} is corrupt: the MD5 of the bytes ${from} ` +
            `is ${actual}, the manifest gives ${entry.digest}; the file was not written`,
          { expected: entry.digest, actual },
        );

      // Already there with the right content: nothing to fetch (an interrupted download resumes).
      if (expected !== undefined && (await local.fileMd5(path)) === expected) {
        progress.file(counted, entry.size);
        return;
      }
      const hex = expected === undefined ? undefined : md5Hex(expected);
      if (cacheDir !== undefined && hex !== undefined) {
        const cached = await local.openCached(cacheDir, hex, entry.size);
        if (cached) {
          try {
            await place(
              disk,
              root,
              segments.get(entry.path) as string[],
              entry.path,
              counting(cached, onBytes),
              (actual) => {
                if (actual !== expected) throw new CorruptCacheEntry();
              },
            );
            progress.file(counted, entry.size);
            return;
          } catch (e) {
            if (!(e instanceof CorruptCacheEntry)) throw e;
            await local.dropCached(cacheDir, hex);
            progress.bytes(-counted);
            counted = 0;
          }
        }
      }
      if (signal.aborted) throw abortReason(signal);
      if (entry.ref !== undefined) {
        await ctx.transfer(
          () =>
            fetchReference(ctx, target, entry, signal, (body) =>
              place(disk, root, segments.get(entry.path) as string[], entry.path, counting(body, onBytes)),
            ),
          signal,
        );
        progress.file(counted, entry.size);
        return;
      }
      let url = urls.get(entry.path);
      let fallback: string | undefined;
      if (url === undefined) {
        fallback = fallbackPath(manifest.storagePolicyConfig, target.where, target.id, entry, withArtifactId);
        if (fallback === undefined) {
          throw new WandbError(
            `Artifact ${target.qualifiedName}: the server gives no URL for ${JSON.stringify(entry.path)} and its digest is not an MD5`,
          );
        }
        url = fallback;
      }
      let current = url;
      const source: SignedContent = {
        name: entry.path,
        size: entry.size,
        // The fallback path is sent with W&B credentials: its 403 is a refusal, not an expiry.
        renewable: url !== fallback,
        get directUrl() {
          return current;
        },
        renew: async (s) => {
          current = await renewUrl(ctx, target, entry.path, s);
        },
      };
      await ctx.transfer(
        () =>
          place(
            disk,
            root,
            segments.get(entry.path) as string[],
            entry.path,
            counting(contentStream(ctx, source, { signal }), onBytes),
            expected === undefined
              ? undefined
              : (actual) => {
                  if (actual !== expected) throw corrupt(actual, 'received');
                },
          ),
        signal,
      );
      if (cacheDir !== undefined && hex !== undefined) await local.storeCached(cacheDir, hex, path);
      progress.file(counted, entry.size);
    };

    const tasks = todo.map((entry) =>
      limit
        .run(async () => {
          if (signal.aborted) throw abortReason(signal);
          const own = new AbortController();
          running.add(own);
          try {
            await one(entry, own.signal);
          } finally {
            running.delete(own);
          }
        })
        .catch((e: unknown) => fail(e)),
    );
    await Promise.all(tasks);
  } catch (e) {
    fail(e);
  } finally {
    userSignal?.removeEventListener('abort', onUserAbort);
  }
  if (userSignal?.aborted) throw abortReason(userSignal);
  if (failure) throw failure.error;
  progress.final();
  return root;
}

/** Prepares `<root>/<segments>` and writes `body` there atomically, checked by `verify` when given. */
async function place(
  disk: LocalFiles,
  root: string,
  segments: readonly string[],
  name: string,
  body: ReadableStream<Uint8Array>,
  verify?: (md5Base64: string) => void,
): Promise<void> {
  let target: string;
  try {
    target = await disk.prepareDownload(root, segments, name, true);
  } catch (e) {
    await body.cancel(e).catch(() => undefined);
    throw e;
  }
  // Not durable (no fsync): every file found in `root` or in the cache is checked against its MD5
  // before it is trusted, so a file torn by a power loss is fetched again.
  await disk.writeAtomic(target, body, { replace: true, durable: false, ...(verify ? { verify } : {}) });
}

/**
 * GETs an `http(s)` reference from its URL — without W&B credentials — and hands its body to
 * `write`. When the manifest's digest came from the reference's `ETag` (it is not the URL itself),
 * the response's `ETag` must match it (`IntegrityError`), as the official client checks.
 */
async function fetchReference(
  ctx: FacadeContext,
  target: DownloadTarget,
  entry: ManifestEntry,
  signal: AbortSignal,
  write: (body: ReadableStream<Uint8Array>) => Promise<void>,
): Promise<void> {
  const ref = entry.ref as string;
  let res: Response;
  try {
    res = await ctx.storage(ref, {
      method: 'GET',
      signal,
      what: `Download of reference ${JSON.stringify(entry.path)}`,
    });
  } catch (e) {
    if (e instanceof PermissionError || e instanceof NotFoundError) {
      throw new NotFoundError(
        `Artifact ${target.qualifiedName}: the reference ${JSON.stringify(entry.path)} (${redactUrl(ref)}) could not be read: ${e.message}`,
        { cause: e },
      );
    }
    throw e;
  }
  const etag = res.headers.get('etag');
  if (entry.digest !== ref) {
    // The digest was the reference's ETag when it was logged: the same ETag says the same content;
    // none at all, as for the official client (whose digest would then be the URL), is a change.
    const actual = etag === null ? ref : etag.replace(/^W\//, '').replace(/^"|"$/g, '');
    if (actual !== entry.digest) {
      await res.body?.cancel().catch(() => undefined);
      throw new IntegrityError(
        `The reference ${JSON.stringify(entry.path)} of artifact ${target.qualifiedName} changed: ` +
          `${etag === null ? 'it answers no ETag' : `its ETag is ${actual}`}, ` +
          `the manifest gives ${entry.digest}; the file was not written`,
        { expected: entry.digest, actual: etag === null ? redactUrl(ref) : actual },
      );
    }
  }
  await write(res.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() }));
}

/**
 * Options of `artifact.file()`.
 *
 * @example
 * ```ts
 * const path = await artifact.file({ root: 'models' });
 * ```
 */
export type ArtifactSingleFileOptions = Pick<ArtifactDownloadOptions, 'root' | 'skipCache' | 'signal'>;

/**
 * Downloads the one file of a single-file version and resolves with its absolute path.
 * @internal Users call `artifact.file()`.
 * @example
 * ```ts
 * const path = await downloadSingleFile(ctx, target, { root: 'models' });
 * ```
 */
export async function downloadSingleFile(
  ctx: FacadeContext,
  target: DownloadTarget,
  options: ArtifactSingleFileOptions = {},
): Promise<string> {
  const o = optionsObject(options);
  let only: ManifestEntry | undefined;
  const root = await downloadArtifact(
    ctx,
    target,
    {
      ...(o.root === undefined ? {} : { root: o.root }),
      skipCache: o.skipCache,
      signal: o.signal,
    } as ArtifactDownloadOptions,
    (manifest) => {
      if (manifest.entries.length !== 1) {
        throw new ValidationError(
          'artifact',
          `artifact ${target.qualifiedName} has ${manifest.entries.length} files, not one; use download() to get them all`,
        );
      }
      only = manifest.entries[0] as ManifestEntry;
      return [only];
    },
  );
  return artifactDisk(ctx, 'file').files.join(root, entrySegments((only as ManifestEntry).path));
}
