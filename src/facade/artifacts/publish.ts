/**
 * Publishing a draft as a new version (`draft.publish()`), the flow of the official client's Go
 * saver (`core/pkg/artifacts/saver.go`; the protocol notes §6 P1–P8):
 *
 * 0. Everything is checked and every entry hashed (base64 MD5, and each part's hex MD5 for a
 *    file that goes up in parts) before any request; `http(s)://` references without a digest
 *    are asked for their `ETag` (a `GET` without credentials whose body is not read).
 * 1. Without a `run`, a run of the draft's own (`CreateArtifactRun`, job type `auto`, as the
 *    official `Artifact.save()` outside a run does), marked finished (or failed) at the end.
 * 2. `createArtifact` with the manifest digest and digest deduplication: a COMMITTED answer is a
 *    version with that content already (the server added the aliases and tags): it is returned,
 *    nothing is uploaded.
 * 3. A placeholder manifest (`createArtifactManifest`, digest `""`), then `createArtifactFiles` in
 *    growing batches (25 specs, doubling up to 2000); each file is PUT to its signed URL with the
 *    listed headers, or skipped when the server already stores it (`uploadUrl` null); a file of at
 *    least `multipartThreshold` bytes goes up in parts when the server offers part URLs
 *    (`completeMultipartUploadArtifact` with the parts' ETags). Every transfer runs in the Api's
 *    bounded pool (`ctx.transfer`) and is retried on transient failures by `ctx.storage`.
 * 4. The final manifest (each entry with its birth artifact) is created again with its MD5 and
 *    PUT; then `commitArtifact`, and the version is read back (`ArtifactByID`).
 *
 * A failure anywhere before the commit leaves the version PENDING, which no read shows.
 *
 * @example
 * ```ts
 * const artifact = await publishDraft(ctx, snapshot, { project: 'vision', aliases: ['staging'] });
 * ```
 * @module
 */
import { DEFAULT_MULTIPART_THRESHOLD, DEFAULT_PART_SIZE } from './publish-defaults.js';
import { documents } from '../core/lazy.js';
import { ServerError, ValidationError, WandbError } from '../../errors/index.js';
import type {
  CreateArtifactFileSpecInput,
  CreateArtifactFilesMutation,
  CreateArtifactInput,
} from '../../generated/graphql.js';
import { bytesToBase64, Md5 } from '../core/hashing.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { randomId } from '../core/random.js';
import { describeValue, optionalName, optionalSignal, optionsObject } from '../core/validate.js';
import type { Run } from '../runs/run.js';
import type { Artifact } from './artifact.js';
import { artifactFromSource } from './artifact-impl.js';
import type { DraftEntry } from './draft.js';
import { buildManifest, manifestDigest, type ManifestEntry } from './manifest.js';
import { serializeManifest } from './manifest-write.js';
import { checkAliases, checkTags } from './labels.js';

/**
 * Where a publish stands, as `onProgress` gets it: the stored files (references are not counted)
 * and their bytes, and how many are done (uploaded, or already stored by the server).
 *
 * @example
 * ```ts
 * const onProgress = (p: PublishProgress) => console.log(`${p.filesDone}/${p.files} files, ${p.bytesDone}/${p.bytes} bytes`);
 * ```
 */
export interface PublishProgress {
  /** Stored files of the version (references excluded). */
  files: number;
  /** Files done: uploaded, or already stored by the server. */
  filesDone: number;
  /** Total bytes of those files. */
  bytes: number;
  /** Bytes done (a file's, or a part's, when its upload completes). */
  bytesDone: number;
}

/** The most parts of one multipart upload (S3's limit). */
export const MAX_PARTS = 10_000;

/**
 * Options of `draft.publish()`.
 *
 * @example
 * ```ts
 * const options: PublishOptions = { project: 'vision', aliases: ['staging'], tags: ['raw'], signal: AbortSignal.timeout(600_000) };
 * await draft.publish(options);
 * ```
 */
export interface PublishOptions extends Pick<RequestOptions, 'signal'> {
  /** The project. Default: the run's project, else the Api's `project` option (`WANDB_PROJECT`); without one, a `ValidationError`. */
  project?: string | undefined;
  /** The entity. Default: the run's entity, else the Api's `entity` option (`WANDB_ENTITY`), else the viewer's. */
  entity?: string | undefined;
  /**
   * Aliases of the new version in its collection (at most 128 characters, no `/` or `:`, not
   * `vN`). `latest` is always added, as the official client does. Default `['latest']`.
   */
  aliases?: readonly string[] | undefined;
  /** Tags of the version (letters, digits, `-`, `_`, in words separated by spaces). Default none. */
  tags?: readonly string[] | undefined;
  /**
   * The run that logs the version: a `Run` (its entity and project are the defaults) or the id of
   * a run in the target project. Default: a run of its own, job type `auto`, finished afterwards.
   */
  run?: Run | string | undefined;
  /**
   * Called as the upload advances, and always once more at the end (also when it fails).
   * Default none.
   */
  onProgress?: ((progress: PublishProgress) => void) | undefined;
  /**
   * Files of at least this many bytes go up in parts (when the server offers part URLs); a
   * positive integer. Default 2 GiB ({@link DEFAULT_MULTIPART_THRESHOLD}), the official client's.
   */
  multipartThreshold?: number | undefined;
  /**
   * The size of each part of a multipart upload, in bytes (a positive integer); larger when a
   * file would need more than 10,000 parts. Default 100 MiB ({@link DEFAULT_PART_SIZE}).
   */
  partSize?: number | undefined;
}

/**
 * What a draft hands to {@link publishDraft}: its properties and entries at that moment.
 * @internal
 */
export interface DraftSnapshot {
  name: string;
  type: string;
  description: string | undefined;
  metadata: Record<string, unknown>;
  ttl: number | undefined;
  entries: readonly DraftEntry[];
}

/** An entry once hashed: its manifest entry, and for stored content its bytes and parts. */
interface Prepared {
  entry: ManifestEntry;
  /** Stored content (absent for references). */
  content?: Uint8Array | Blob;
  /** Parts of a multipart upload: `[start, end)` byte ranges and hex MD5s, numbered from 1. */
  parts?: { partNumber: number; start: number; end: number; hexMD5: string }[];
}

/**
 * The part size of a multipart upload of `size` bytes: `partSize`, unless that needs more than
 * 10,000 parts; then `ceil(size / 10000)` rounded up to a multiple of 4096 (the official client's
 * `getChunkSize`).
 *
 * @example
 * ```ts
 * multipartPartSize(5 * 1024 ** 3, 100 * 1024 ** 2); // 104857600
 * multipartPartSize(2 * 1024 ** 4, 100 * 1024 ** 2); // 219902328832 / 10000 rounded up to 4096
 * ```
 */
export function multipartPartSize(size: number, partSize: number): number {
  if (size <= partSize * MAX_PARTS) return partSize;
  return Math.ceil(Math.ceil(size / MAX_PARTS) / 4096) * 4096;
}

/**
 * The `[start, end)` ranges of the parts of `size` bytes in parts of `partSize` (the last may be
 * shorter), numbered from 1.
 *
 * @example
 * ```ts
 * partRanges(10, 4); // [{ partNumber: 1, start: 0, end: 4 }, { partNumber: 2, start: 4, end: 8 }, { partNumber: 3, start: 8, end: 10 }]
 * ```
 */
export function partRanges(
  size: number,
  partSize: number,
): { partNumber: number; start: number; end: number }[] {
  const ranges: { partNumber: number; start: number; end: number }[] = [];
  for (let start = 0, n = 1; start < size; start += partSize, n++) {
    ranges.push({ partNumber: n, start, end: Math.min(size, start + partSize) });
  }
  return ranges;
}

/**
 * Parses W&B's `uploadHeaders` (`"Name:Value"`, split at the first `:`, both trimmed; entries
 * without a name skipped).
 *
 * @example
 * ```ts
 * uploadHeaderObject(['Content-Type:application/octet-stream', 'Content-MD5:XUFAKrxLKna5cZ2REBfFkg==']);
 * ```
 */
export function uploadHeaderObject(headers: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of headers) {
    const at = entry.indexOf(':');
    if (at <= 0) continue;
    const name = entry.slice(0, at).trim();
    if (name !== '') out[name] = entry.slice(at + 1).trim();
  }
  return out;
}

/**
 * The digest of an `http(s)://` reference from the `ETag` its URL answers, as the official
 * client's `http_handler.py` computes it: the ETag without surrounding quotes (kept verbatim in
 * `extra.etag`), or the URL itself when there is none.
 *
 * @example
 * ```ts
 * referenceDigest('https://example.com/a.bin', '"abc"'); // { digest: 'abc', extra: { etag: '"abc"' } }
 * referenceDigest('https://example.com/a.bin', null); // { digest: 'https://example.com/a.bin' }
 * ```
 */
export function referenceDigest(
  uri: string,
  etag: string | null,
): { digest: string; extra?: Record<string, unknown> } {
  if (etag === null || etag === '') return { digest: uri };
  const stripped = etag.replace(/^"+|"+$/g, '');
  return { digest: stripped === '' ? uri : stripped, extra: { etag } };
}

function checkRun(value: unknown): Run | string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') {
    const id = optionalName(value, 'run');
    if (id === undefined) throw new ValidationError('run', 'expected a run id, got an empty string');
    return id;
  }
  const run = value as Partial<Run> | null;
  if (
    typeof run === 'object' &&
    run !== null &&
    typeof run.id === 'string' &&
    typeof run.entity === 'string' &&
    typeof run.project === 'string'
  ) {
    return value as Run;
  }
  throw new ValidationError(
    'run',
    `expected a Run (from api.run()) or a run id, got ${describeValue(value)}`,
  );
}

function positiveInteger(value: unknown, parameter: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new ValidationError(
      parameter,
      `expected a positive whole number of bytes, got ${describeValue(value)}`,
    );
  }
  return value;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}

/** Hashes content (base64 MD5 of the whole, hex MD5 of each part when `partSize` is given), streamed. */
async function hashContent(
  content: Uint8Array | Blob,
  partSize: number | undefined,
  signal: AbortSignal | undefined,
): Promise<{ md5: string; size: number; partMd5s: string[] }> {
  const whole = new Md5();
  const partMd5s: string[] = [];
  let part = partSize === undefined ? undefined : new Md5();
  let inPart = 0;
  const feed = (chunk: Uint8Array): void => {
    whole.update(chunk);
    if (part === undefined || partSize === undefined) return;
    let offset = 0;
    while (offset < chunk.byteLength) {
      const take = Math.min(partSize - inPart, chunk.byteLength - offset);
      part.update(chunk.subarray(offset, offset + take));
      inPart += take;
      offset += take;
      if (inPart === partSize) {
        partMd5s.push(part.digestHex());
        part = new Md5();
        inPart = 0;
      }
    }
  };
  if (content instanceof Uint8Array) {
    feed(content);
  } else {
    const reader = content.stream().getReader();
    try {
      for (;;) {
        throwIfAborted(signal);
        const { done, value } = await reader.read();
        if (done) break;
        feed(value);
      }
    } finally {
      reader.releaseLock();
    }
  }
  if (part !== undefined && inPart > 0) partMd5s.push(part.digestHex());
  return {
    md5: whole.digestBase64(),
    size: content instanceof Uint8Array ? content.byteLength : content.size,
    partMd5s,
  };
}

/** Reads (and hashes) every entry of a draft, before any request of the publish. */
async function prepareEntries(
  ctx: FacadeContext,
  entries: readonly DraftEntry[],
  threshold: number,
  partSize: number,
  signal: AbortSignal | undefined,
): Promise<Prepared[]> {
  const prepared: Prepared[] = [];
  for (const e of entries) {
    throwIfAborted(signal);
    if (e.kind === 'reference') continue;
    const content = e.kind === 'content' ? e.data : (await ctx.disk().readUpload(e.path, e.root)).data;
    const size = content instanceof Uint8Array ? content.byteLength : content.size;
    const parts = size >= threshold && size > 0 ? multipartPartSize(size, partSize) : undefined;
    const hashed = await hashContent(content, parts, signal);
    const item: Prepared = { entry: { path: e.name, digest: hashed.md5, size: hashed.size }, content };
    if (parts !== undefined) {
      item.parts = partRanges(hashed.size, parts).map((r, i) => ({ ...r, hexMD5: hashed.partMd5s[i] ?? '' }));
    }
    prepared.push(item);
  }
  // References last: the local content is checked (and its errors thrown) before anything is fetched.
  for (const e of entries) {
    if (e.kind !== 'reference') continue;
    throwIfAborted(signal);
    const entry: ManifestEntry = { path: e.name, digest: e.digest ?? e.uri, size: e.size ?? 0, ref: e.uri };
    if (e.digest === undefined && e.checksum && /^https?:\/\//i.test(e.uri)) {
      const res = await ctx.transfer(
        () =>
          ctx.storage(e.uri, {
            method: 'GET',
            signal,
            what: `Checksum of reference ${JSON.stringify(e.name)}`,
          }),
        signal,
      );
      await res.body?.cancel().catch(() => undefined);
      const { digest, extra } = referenceDigest(e.uri, res.headers.get('etag'));
      entry.digest = digest;
      if (extra) entry.extra = extra;
      const length = res.headers.get('content-length');
      if (e.size === undefined && length !== null && /^\d+$/.test(length)) entry.size = Number(length);
    }
    prepared.push({ entry });
  }
  return prepared;
}

/** A signal that aborts with `outer`, or when {@link Linked.abort} is called (the first failure). */
class Linked {
  readonly #controller = new AbortController();
  readonly #outer: AbortSignal | undefined;
  readonly #onAbort = (): void => this.#controller.abort(this.#outer?.reason);
  constructor(outer: AbortSignal | undefined) {
    this.#outer = outer;
    if (outer?.aborted) this.#controller.abort(outer.reason);
    else outer?.addEventListener('abort', this.#onAbort, { once: true });
  }
  get signal(): AbortSignal {
    return this.#controller.signal;
  }
  abort(reason: unknown): void {
    this.#controller.abort(reason);
  }
  dispose(): void {
    this.#outer?.removeEventListener('abort', this.#onAbort);
  }
}

type FileNode = NonNullable<
  NonNullable<CreateArtifactFilesMutation['createArtifactFiles']>['files']['edges'][number]['node']
>;

/**
 * Publishes a draft: see the module description.
 * @internal Users call `draft.publish()`.
 * @example
 * ```ts
 * const artifact = await publishDraft(ctx, snapshot, { project: 'vision' });
 * ```
 */
export async function publishDraft(
  ctx: FacadeContext,
  draft: DraftSnapshot,
  options: PublishOptions = {},
): Promise<Artifact> {
  // Every check first: nothing is sent for bad input.
  const o = optionsObject(options);
  const signal = optionalSignal(o.signal);
  const run = checkRun(o.run);
  const aliases = checkAliases([
    'latest',
    ...(o.aliases === undefined ? [] : checkAliases(o.aliases, 'aliases')),
  ]);
  const tags = o.tags === undefined ? [] : checkTags(o.tags, 'tags');
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw new ValidationError('onProgress', `expected a function, got ${describeValue(o.onProgress)}`);
  }
  const onProgress = o.onProgress;
  const threshold =
    positiveInteger(o.multipartThreshold, 'multipartThreshold') ?? DEFAULT_MULTIPART_THRESHOLD;
  const partSize = positiveInteger(o.partSize, 'partSize') ?? DEFAULT_PART_SIZE;
  const runObject = typeof run === 'object' ? run : undefined;
  const project = optionalName(o.project, 'project') ?? runObject?.project ?? ctx.settings.project;
  if (project === undefined) {
    throw new ValidationError(
      'project',
      'no project given and no default project: pass { project }, or set the project option or WANDB_PROJECT',
    );
  }
  const explicitEntity = optionalName(o.entity, 'entity') ?? runObject?.entity;
  if (
    runObject &&
    (runObject.project !== project || (explicitEntity !== undefined && runObject.entity !== explicitEntity))
  ) {
    throw new ValidationError(
      'run',
      `the run ${runObject.entity}/${runObject.project}/${runObject.id} is not in the target project ${explicitEntity ?? runObject.entity}/${project}: a run logs artifacts of its own project`,
    );
  }

  const prepared = await prepareEntries(ctx, draft.entries, threshold, partSize, signal);
  const stored = prepared.filter((p) => p.content !== undefined);
  const progress: PublishProgress = {
    files: stored.length,
    filesDone: 0,
    bytes: stored.reduce((n, p) => n + p.entry.size, 0),
    bytesDone: 0,
  };
  const report = (): void => onProgress?.({ ...progress });
  const digest = manifestDigest(prepared.map((p) => p.entry));
  const entity = await ctx.resolveEntity(explicitEntity);
  const qualified = `${entity}/${project}/${draft.name}`;

  let ownRun: { id: string; name: string } | undefined;
  let committed = false;
  try {
    let runName: string;
    if (run === undefined) {
      const created = await ctx.request(
        (await documents()).CreateArtifactRunDocument,
        { entity, project, name: randomId(8), jobType: 'auto' },
        // An upsert by a fresh id with fixed values: safe to repeat.
        { signal, idempotent: true },
      );
      const bucket = created.upsertBucket?.bucket;
      if (!bucket)
        throw new ServerError(`Could not create a run to publish ${qualified}: upsertBucket returned no run`);
      ownRun = bucket;
      runName = bucket.name;
    } else {
      runName = typeof run === 'string' ? run : run.id;
    }

    // P1
    const input: CreateArtifactInput = {
      entityName: entity,
      projectName: project,
      artifactTypeName: draft.type,
      artifactCollectionName: draft.name,
      runName,
      digest,
      digestAlgorithm: 'MANIFEST_MD5',
      description: draft.description === undefined || draft.description === '' ? null : draft.description,
      aliases: aliases.map((alias) => ({ artifactCollectionName: draft.name, alias })),
      metadata: Object.keys(draft.metadata).length === 0 ? null : JSON.stringify(draft.metadata),
      ttlDurationSeconds: draft.ttl ?? null,
      historyStep: null,
      enableDigestDeduplication: true,
      clientID: randomId(128),
      sequenceClientID: randomId(128),
      ...(tags.length === 0 ? {} : { tags: tags.map((tagName) => ({ tagName })) }),
    };
    const createdArtifact = (
      await ctx.request((await documents()).CreateArtifactDocument, { input }, { signal })
    ).createArtifact?.artifact;
    if (!createdArtifact) throw new ServerError(`createArtifact returned no artifact for ${qualified}`);
    const artifactId = createdArtifact.id;

    if (createdArtifact.state !== 'COMMITTED') {
      if (createdArtifact.state !== 'PENDING' && createdArtifact.state !== 'DELETED') {
        throw new ServerError(
          `createArtifact answered ${qualified} in state ${createdArtifact.state}, expected PENDING or COMMITTED`,
        );
      }
      const latest = createdArtifact.artifactSequence.latestArtifact?.id;
      const baseArtifactID = latest !== undefined && latest !== artifactId ? latest : null;
      const manifestVars = {
        artifactID: artifactId,
        baseArtifactID,
        name: 'wandb_manifest.json',
        entityName: entity,
        projectName: project,
        runName,
      };
      // P2: the placeholder manifest, whose id the file specs name.
      const placeholder = await ctx.request(
        (await documents()).CreateArtifactManifestDocument,
        { ...manifestVars, digest: '', includeUpload: false },
        { signal, idempotent: true },
      );
      const manifestId = placeholder.createArtifactManifest?.artifactManifest.id;
      if (manifestId === undefined)
        throw new ServerError(`createArtifactManifest returned nothing for ${qualified}`);

      report();
      const births = await uploadFiles(ctx, stored, {
        artifactId,
        manifestId,
        qualified,
        signal,
        progress,
        report,
      });

      // P5–P7: the final manifest, each stored entry with its birth artifact.
      const manifest = buildManifest(
        prepared.map((p) => {
          const birth = births.get(p.entry.path);
          return birth === undefined ? p.entry : { ...p.entry, birthArtifactId: birth };
        }),
        { storagePolicyConfig: { storageLayout: 'V2' } },
      );
      const bytes = new TextEncoder().encode(serializeManifest(manifest));
      const final = await ctx.request(
        (await documents()).CreateArtifactManifestDocument,
        { ...manifestVars, digest: new Md5().update(bytes).digestBase64(), includeUpload: true },
        { signal, idempotent: true },
      );
      const file = final.createArtifactManifest?.artifactManifest.file;
      if (!file?.uploadUrl)
        throw new ServerError(`createArtifactManifest gave no upload URL for the manifest of ${qualified}`);
      const uploadUrl = file.uploadUrl;
      const res = await ctx.transfer(
        () =>
          ctx.storage(uploadUrl, {
            method: 'PUT',
            headers: uploadHeaderObject(file.uploadHeaders),
            body: bytes,
            signal,
            what: `Upload of the manifest of ${qualified}`,
          }),
        signal,
      );
      await res.body?.cancel().catch(() => undefined);

      // P8
      const commit = await ctx.request(
        (await documents()).CommitArtifactDocument,
        { artifactID: artifactId },
        { signal, idempotent: true },
      );
      if (commit.commitArtifact?.artifact.state !== 'COMMITTED') {
        throw new ServerError(`commitArtifact did not commit ${qualified}`);
      }
    } else {
      // The same content as an existing version: nothing to upload.
      progress.filesDone = progress.files;
      progress.bytesDone = progress.bytes;
    }
    committed = true;
    if (ownRun) {
      await ctx.request(
        (await documents()).FinishArtifactRunDocument,
        { id: ownRun.id, state: 'finished' },
        { signal, idempotent: true },
      );
      ownRun = undefined;
    }
    const found = await ctx.request(
      (await documents()).ArtifactByIdDocument,
      { id: artifactId },
      { signal, cache: false },
    );
    const artifact = found.artifact ? artifactFromSource(ctx, found.artifact) : undefined;
    if (!artifact)
      throw new ServerError(`The published version ${artifactId} of ${qualified} could not be read back`);
    report();
    return artifact;
  } catch (error) {
    if (ownRun) {
      // Best effort, and without the signal: an aborted publish still closes the run it opened.
      const id = ownRun.id;
      await ctx
        .request(
          (await documents()).FinishArtifactRunDocument,
          { id, state: committed ? 'finished' : 'failed' },
          { idempotent: true },
        )
        .catch(() => undefined);
    }
    try {
      report();
    } catch {
      // the publish failed already: that failure is what it rejects with
    }
    throw error;
  }
}

interface UploadContext {
  artifactId: string;
  manifestId: string;
  qualified: string;
  signal: AbortSignal | undefined;
  progress: PublishProgress;
  report: () => void;
}

/**
 * P3/P4: registers the stored files in growing batches and uploads what the server asks for, all
 * transfers in the Api's pool; resolves with each path's birth artifact id. The first failure
 * cancels the other transfers and is what rejects.
 */
async function uploadFiles(
  ctx: FacadeContext,
  stored: readonly Prepared[],
  u: UploadContext,
): Promise<Map<string, string>> {
  const births = new Map<string, string>();
  const linked = new Linked(u.signal);
  const running: Promise<void>[] = [];
  let failure: { error: unknown } | undefined;
  const track = (task: Promise<void>): void => {
    running.push(
      task.catch((error: unknown) => {
        if (!failure) {
          failure = { error };
          linked.abort(error);
        }
      }),
    );
  };
  const done = (size: number): void => {
    u.progress.filesDone += 1;
    u.progress.bytesDone += size;
    u.report();
  };
  try {
    let batchSize = 25;
    for (
      let start = 0;
      start < stored.length && !failure;
      start += batchSize, batchSize = Math.min(2000, batchSize * 2)
    ) {
      const batch = stored.slice(start, start + batchSize);
      const specs: CreateArtifactFileSpecInput[] = batch.map((p) => ({
        artifactID: u.artifactId,
        name: p.entry.path,
        md5: p.entry.digest,
        artifactManifestID: u.manifestId,
        uploadPartsInput: p.parts
          ? p.parts.map((part) => ({ partNumber: part.partNumber, hexMD5: part.hexMD5 }))
          : null,
        mimetype: null,
      }));
      const data = await ctx.request(
        (await documents()).CreateArtifactFilesDocument,
        { artifactFiles: specs, storageLayout: 'V2' },
        // Registering the same files again replaces their upload slots: safe to repeat.
        { signal: linked.signal, idempotent: true },
      );
      const edges = data.createArtifactFiles?.files.edges ?? [];
      if (edges.length !== batch.length) {
        throw new ServerError(
          `createArtifactFiles answered ${edges.length} files for the ${batch.length} registered of ${u.qualified}`,
        );
      }
      batch.forEach((p, i) => {
        const node = edges[i]?.node;
        if (!node)
          throw new ServerError(`createArtifactFiles answered no file for ${JSON.stringify(p.entry.path)}`);
        births.set(p.entry.path, node.artifact?.id ?? u.artifactId);
        if (node.uploadUrl === null) {
          done(p.entry.size); // the server stores this content already
          return;
        }
        track(uploadOne(ctx, p, node, u, linked.signal, done));
      });
    }
    await Promise.all(running);
  } catch (error) {
    if (!failure) {
      failure = { error };
      linked.abort(error);
    }
    await Promise.all(running);
  } finally {
    linked.dispose();
  }
  if (failure) throw failure.error;
  return births;
}

function slice(content: Uint8Array | Blob, start: number, end: number): Uint8Array | Blob {
  return content instanceof Uint8Array ? content.subarray(start, end) : content.slice(start, end);
}

/** Uploads one file: one PUT, or its parts and the completion when the server offers part URLs. */
async function uploadOne(
  ctx: FacadeContext,
  p: Prepared,
  node: FileNode,
  u: UploadContext,
  signal: AbortSignal,
  done: (size: number) => void,
): Promise<void> {
  const content = p.content as Uint8Array | Blob;
  const headers = uploadHeaderObject(node.uploadHeaders);
  const name = JSON.stringify(p.entry.path);
  const multipart = node.uploadMultipartUrls;
  if (!multipart || !p.parts) {
    const res = await ctx.transfer(
      () =>
        ctx.storage(node.uploadUrl as string, {
          method: 'PUT',
          headers,
          body: content,
          signal,
          what: `Upload of ${name} to ${u.qualified}`,
        }),
      signal,
    );
    await res.body?.cancel().catch(() => undefined);
    done(p.entry.size);
    return;
  }
  const contentType = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  const urls = new Map(multipart.uploadUrlParts.map((part) => [Number(part.partNumber), part.uploadUrl]));
  const parts = p.parts;
  const etags = await Promise.all(
    parts.map(async (part) => {
      const url = urls.get(part.partNumber);
      if (url === undefined) {
        throw new ServerError(`createArtifactFiles gave no URL for part ${part.partNumber} of ${name}`);
      }
      const md5 = bytesToBase64(hexToBytes(part.hexMD5));
      const res = await ctx.transfer(
        () =>
          ctx.storage(url, {
            method: 'PUT',
            headers: { 'Content-MD5': md5, ...(contentType === '' ? {} : { 'Content-Type': contentType }) },
            body: slice(content, part.start, part.end),
            signal,
            what: `Upload of part ${part.partNumber} of ${name} to ${u.qualified}`,
          }),
        signal,
      );
      await res.body?.cancel().catch(() => undefined);
      const etag = res.headers.get('etag');
      if (etag === null) {
        throw new ServerError(`Upload of part ${part.partNumber} of ${name}: the storage answered no ETag`);
      }
      u.progress.bytesDone += part.end - part.start;
      u.report();
      return { partNumber: part.partNumber, hexMD5: etag };
    }),
  );
  const completed = await ctx.request(
    (await documents()).CompleteMultipartUploadArtifactDocument,
    {
      completeMultipartAction: 'Complete',
      completedParts: etags,
      artifactID: node.artifact?.id ?? u.artifactId,
      storagePath: node.storagePath ?? '',
      uploadID: multipart.uploadID,
    },
    { signal },
  );
  if (!completed.completeMultipartUploadArtifact) {
    throw new WandbError(`completeMultipartUploadArtifact returned nothing for ${name} of ${u.qualified}`);
  }
  u.progress.filesDone += 1;
  u.report();
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
