/**
 * The emulator's file storage (wandb-ops.md §7.3, §8.2, §8.3): run files behind signed URLs, the
 * GraphQL side of run files (`Run.fileCount`, `Run.files`, `File`) and the `createRunFiles` /
 * `markRunFilesUploaded` / `deleteFiles` mutations.
 *
 * Storage URLs look like `${origin}/storage/runs/<run>/<name>?expires=<ms>&signature=<hex>`: the
 * signature (HMAC-SHA256 with a random per-emulator secret over the method, path and expiry) is
 * the only authorization they need — like S3 or GCS signed URLs, they take no API key. A bad
 * signature, or one used with another method, is refused with 403; so is an expired URL
 * (`Request has expired`). `GET` serves the bytes with `Content-Length` and the file's MIME type;
 * `PUT` stores them and requires the `Content-Type` listed in `uploadHeaders`
 * ({@link UPLOAD_CONTENT_TYPE}), as a signed upload would. Contents live in memory: like every
 * request to the emulator, an upload body over 16 MiB is refused with HTTP 413 (real storage takes
 * far more), so tests of large uploads need a real server. With the feature
 * {@link MARK_RUN_FILES_UPLOADED} on, an upload is held back (not listed, not downloadable, and a
 * file it replaces keeps its old content) until `markRunFilesUploaded` names it.
 *
 * @example
 * ```ts
 * const signer = new StorageSigner({ lifetimeMs: 60_000 });
 * const url = signer.sign('GET', run.id, 'config.yaml', 'http://127.0.0.1:8080');
 * handleStorageRequest(store, signer, { method: 'GET', url: new URL(url), contentType: undefined, body: Buffer.alloc(0) });
 * ```
 * @module
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { checkWritable, inputOf, optionalNumber, optionalString, type Args } from './args.js';
import { globalId, parseGlobalId } from './ids.js';
import { connectionOf, paginate, type PageArgs } from './query.js';
import type { View } from './resolvers.js';
import type { EmulatorStore, FileRecord, RunRecord } from './store.js';

/**
 * Default lifetime of signed URLs: one hour.
 *
 * @example
 * ```ts
 * await startEmulator({ signedUrlLifetimeMs: DEFAULT_SIGNED_URL_LIFETIME_MS / 60 }); // one minute
 * ```
 */
export const DEFAULT_SIGNED_URL_LIFETIME_MS = 3_600_000;

/**
 * The `Content-Type` the emulator lists in `uploadHeaders` and requires on every upload.
 *
 * @example
 * ```ts
 * await fetch(uploadUrl, { method: 'PUT', headers: { 'Content-Type': UPLOAD_CONTENT_TYPE }, body });
 * ```
 */
export const UPLOAD_CONTENT_TYPE = 'application/octet-stream';

/**
 * The server feature under which uploads must be registered with `markRunFilesUploaded` before
 * they are listed (wandb-ops.md §3, §7.1). Off by default; on with
 * `startEmulator({ features: { MARK_RUN_FILES_UPLOADED: true } })`.
 *
 * @example
 * ```ts
 * store.features.get(MARK_RUN_FILES_UPLOADED); // undefined: off
 * ```
 */
export const MARK_RUN_FILES_UPLOADED = 'MARK_RUN_FILES_UPLOADED';

const MIME_TYPES: Record<string, string> = {
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  json: 'application/json',
  jsonl: 'application/jsonl',
  yaml: 'application/x-yaml',
  yml: 'application/x-yaml',
  py: 'text/x-python',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  mp4: 'video/mp4',
  wav: 'audio/wav',
};

/**
 * The MIME type the emulator gives a file, from its extension (`application/octet-stream` for
 * unknown ones).
 *
 * @example
 * ```ts
 * guessMimetype('logs/output.log'); // 'text/plain'
 * ```
 */
export function guessMimetype(name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > name.lastIndexOf('/') ? name.slice(dot + 1).toLowerCase() : '';
  return MIME_TYPES[ext] ?? 'application/octet-stream';
}

/**
 * MD5 of the content, base64-encoded, as W&B reports `File.md5`.
 *
 * @example
 * ```ts
 * md5Base64(new Uint8Array()); // '1B2M2Y8AsgTpgAmY7PhCfg=='
 * ```
 */
export function md5Base64(content: Uint8Array): string {
  return createHash('md5').update(content).digest('base64');
}

/**
 * Whether a file name can be stored: not empty, not `.` or `..` (names are otherwise stored as
 * given, hostile ones included, as a server that trusts its clients would).
 *
 * @example
 * ```ts
 * isStorableName('../evil.txt'); // true
 * isStorableName('..'); // false
 * ```
 */
export function isStorableName(name: unknown): name is string {
  return typeof name === 'string' && name !== '' && name !== '.' && name !== '..' && !name.includes('\0');
}

/** The path of a run file on the storage endpoint; the whole name is one encoded segment. */
function storagePath(runId: number, name: string): string {
  return `/storage/runs/${runId}/${encodeURIComponent(name)}`;
}

/** Reads a storage path (`/storage/runs/3/logs%2Fout.txt`) back into the run's integer id and the file name. */
function parseStoragePath(pathname: string): { runId: number; name: string } | undefined {
  const match = /^\/storage\/runs\/([1-9][0-9]*)\/([^/]+)$/.exec(pathname);
  if (!match?.[1] || !match[2]) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(match[2]);
  } catch {
    return undefined;
  }
  return { runId: Number(match[1]), name };
}

/** What {@link StorageSigner.verify} concluded. */
export type SignatureCheck = 'valid' | 'expired' | 'invalid';

/**
 * Signs storage URLs and checks signatures, with a random secret of its own.
 *
 * @example
 * ```ts
 * const signer = new StorageSigner();
 * const url = new URL(signer.sign('PUT', 1, 'a.txt', 'http://127.0.0.1:8080'));
 * signer.verify('PUT', url); // 'valid'
 * signer.verify('GET', url); // 'invalid'
 * ```
 */
export class StorageSigner {
  /** How long a signed URL stays valid, in ms. */
  readonly lifetimeMs: number;
  private readonly secret: Buffer;
  private readonly now: () => number;

  /**
   * @param options `lifetimeMs` (default {@link DEFAULT_SIGNED_URL_LIFETIME_MS}), `now` (a clock).
   */
  constructor(options: { lifetimeMs?: number; now?: () => number } = {}) {
    const lifetimeMs = options.lifetimeMs ?? DEFAULT_SIGNED_URL_LIFETIME_MS;
    if (!(Number.isFinite(lifetimeMs) && lifetimeMs > 0)) {
      throw new Error(`signedUrlLifetimeMs must be a positive number of milliseconds, got ${lifetimeMs}`);
    }
    this.lifetimeMs = lifetimeMs;
    this.secret = randomBytes(32);
    this.now = options.now ?? Date.now;
  }

  private mac(method: string, pathname: string, expires: string): Buffer {
    return createHmac('sha256', this.secret).update(`${method}\n${pathname}\n${expires}`).digest();
  }

  /** A signed URL for `method` on the file `name` of run `runId`, on the server at `origin`. */
  sign(method: 'GET' | 'PUT', runId: number, name: string, origin: string): string {
    const pathname = storagePath(runId, name);
    const expires = String(Math.ceil(this.now() + this.lifetimeMs));
    const signature = this.mac(method, pathname, expires).toString('hex');
    return `${origin}${pathname}?expires=${expires}&signature=${signature}`;
  }

  /** Checks the signature and expiry of a request URL for `method`. */
  verify(method: string, url: URL): SignatureCheck {
    const expires = url.searchParams.get('expires');
    const signature = url.searchParams.get('signature');
    if (!expires || !signature || !/^\d+$/.test(expires) || !/^[0-9a-f]{64}$/.test(signature))
      return 'invalid';
    const expected = this.mac(method, url.pathname, expires);
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return 'invalid';
    return Number(expires) < this.now() ? 'expired' : 'valid';
  }
}

/** A storage request, as the HTTP layer hands it over. */
export interface StorageRequestInput {
  method: string;
  url: URL;
  /** The `Content-Type` header, if any. */
  contentType: string | undefined;
  body: Buffer;
}

/** The answer to a storage request. */
export interface StorageResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

function errorResponse(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): StorageResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify({ errors: [{ message }] }),
  };
}

/**
 * Whether a path belongs to the storage endpoint this module serves.
 *
 * @example
 * ```ts
 * isStorageRequestPath('/storage/runs/1/a.txt'); // true
 * ```
 */
export function isStorageRequestPath(pathname: string): boolean {
  return pathname === '/storage' || pathname.startsWith('/storage/');
}

/**
 * Answers a storage request: GET a file, PUT a file (see the module description).
 *
 * @example
 * ```ts
 * const res = handleStorageRequest(store, signer, { method: 'GET', url, contentType: undefined, body: Buffer.alloc(0) });
 * res.status; // 200
 * ```
 */
export function handleStorageRequest(
  store: EmulatorStore,
  signer: StorageSigner,
  req: StorageRequestInput,
): StorageResponse {
  const target = parseStoragePath(req.url.pathname);
  if (!target) return errorResponse(404, `Not found: ${req.url.pathname}`);
  if (req.method !== 'GET' && req.method !== 'PUT') {
    return errorResponse(405, `Storage URLs accept GET and PUT, not ${req.method}`, {
      Allow: 'GET, PUT, OPTIONS',
    });
  }
  const check = signer.verify(req.method, req.url);
  if (check === 'invalid') {
    return errorResponse(
      403,
      `Access denied: the signature is missing or does not match this ${req.method} request`,
    );
  }
  if (check === 'expired') return errorResponse(403, 'Access denied: Request has expired');
  const run = store.runs.get(target.runId);
  if (!run) return errorResponse(404, 'The run of this file no longer exists');

  if (req.method === 'PUT') {
    const contentType = req.contentType?.split(';')[0]?.trim().toLowerCase();
    if (contentType !== UPLOAD_CONTENT_TYPE) {
      return errorResponse(
        403,
        `Access denied: the upload must send the headers listed in uploadHeaders (Content-Type: ${UPLOAD_CONTENT_TYPE}), got ${JSON.stringify(req.contentType ?? null)}`,
      );
    }
    const content = new Uint8Array(req.body);
    if (store.features.get(MARK_RUN_FILES_UPLOADED) === true) {
      run.pendingFiles.set(target.name, content);
    } else {
      run.pendingFiles.delete(target.name); // an older held-back upload must not overwrite this one later
      store.putRunFile(run, target.name, content);
    }
    return { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '' };
  }

  const file = run.files.get(target.name);
  if (!file) return errorResponse(404, `No such file: ${target.name}`);
  return {
    status: 200,
    headers: {
      'Content-Type': file.mimetype,
      'Content-Length': String(file.content.byteLength),
      'Cache-Control': 'private, no-store',
    },
    body: file.content,
  };
}

/**
 * What the GraphQL resolvers need to sign URLs, taken from the execution context: the signer and
 * the origin the client reached the server at (from its `Host` header).
 */
interface StorageContext {
  signer: StorageSigner;
  origin: string;
}

/** Reads the {@link StorageContext} from a GraphQL context value (`{ store, storage, origin }`). */
function storageContext(context: unknown): StorageContext {
  const c = context as { storage?: unknown; origin?: unknown } | null;
  if (!(c?.storage instanceof StorageSigner) || typeof c.origin !== 'string') {
    throw new Error('Emulator misconfigured: no storage signer in the GraphQL context');
  }
  return { signer: c.storage, origin: c.origin };
}

/** A `File` view of a stored run file. */
function fileView(run: RunRecord, file: FileRecord, ctx: StorageContext): View {
  const get = (): string => ctx.signer.sign('GET', run.id, file.name, ctx.origin);
  return {
    id: globalId('File', file.id),
    name: file.name,
    displayName: file.name,
    createdAt: file.createdAt,
    updatedAt: file.updatedAt,
    mimetype: file.mimetype,
    sizeBytes: file.content.byteLength,
    md5: file.md5,
    digest: file.md5,
    // The W&B-hosted URL; here a signed URL like directUrl (or a signed upload URL with `upload: true`).
    url: (args: Args) =>
      args.upload === true ? ctx.signer.sign('PUT', run.id, file.name, ctx.origin) : get(),
    directUrl: get,
    uploadUrl: null,
    uploadHeaders: [],
  };
}

/**
 * A test of whole file names against an SQL `LIKE` pattern (`Run.files(pattern)`, wandb-ops.md
 * §7.1): `%` matches any run of characters (none included), `_` exactly one character (a code
 * point), every other character only itself — no escape character, so `\`, `.`, `*`, `(` are
 * literal. Matching is case-sensitive. The real server's `LIKE` may differ on the last two points
 * (its database's escape character and collation); the reference does not say.
 *
 * @example
 * ```ts
 * const isJson = likeMatcher('%.json');
 * isJson('tables/a.json'); // true
 * likeMatcher('ckpt_.pt')('ckpt10.pt'); // false: `_` is one character
 * ```
 */
export function likeMatcher(pattern: string): (name: string) => boolean {
  let source = '';
  for (const ch of pattern) {
    if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  const re = new RegExp(`^${source}$`, 'su');
  return (name) => re.test(name);
}

/**
 * `Run.files(names, pattern, after, first)`: the run's files ordered by name, only `names` when a
 * non-empty list is given, only the names matching `pattern` (SQL `LIKE`, see {@link likeMatcher})
 * when one is given; both apply when both are given (clients send one or the other). Pages run
 * over the selected files. (The caller rejects the arguments the emulator does not implement.)
 *
 * @example
 * ```ts
 * runFilesConnection(run, { names: ['a.txt'], page: { first: 10 } }, context).edges;
 * runFilesConnection(run, { names: null, pattern: '%.json', page: { first: 10 } }, context).edges;
 * ```
 */
export function runFilesConnection(
  run: RunRecord,
  args: { names: unknown; pattern?: unknown; page: PageArgs },
  context: unknown,
): View {
  const ctx = storageContext(context);
  const wanted = Array.isArray(args.names) && args.names.length > 0 ? new Set(args.names) : null;
  const matches = typeof args.pattern === 'string' ? likeMatcher(args.pattern) : null;
  const files = [...run.files.values()].filter(
    (f) => (wanted === null || wanted.has(f.name)) && (matches === null || matches(f.name)),
  );
  const page = paginate(
    files,
    (f) => ({ missing: false, value: f.name, createdAt: '', id: f.id }),
    '+name',
    1,
    args.page,
    'Run.files',
  );
  return { uploadHeaders: [], ...connectionOf(page, (file) => fileView(run, file, ctx)) };
}

/** The input shared by `createRunFiles` and `markRunFilesUploaded`, checked. */
interface RunFilesInput {
  entityName: string;
  projectName: string;
  runName: string;
  files: string[];
  clientMutationId: string | null;
}

/** Reads and checks a {@link RunFilesInput}; throws `<mutation>: ...` for a bad one. */
function runFilesInput(args: Args, m: string): RunFilesInput {
  const input = inputOf(args, m);
  const { entityName, projectName, runName, files } = input;
  if (typeof entityName !== 'string' || typeof projectName !== 'string' || typeof runName !== 'string') {
    throw new Error(`${m}: entityName, projectName and runName are required`);
  }
  if (!Array.isArray(files) || !files.every(isStorableName)) {
    throw new Error(`${m}: files must be a list of file names (not empty, ".", ".." nor containing NUL)`);
  }
  return {
    entityName,
    projectName,
    runName,
    files,
    clientMutationId: optionalString(input, 'clientMutationId'),
  };
}

/**
 * The run file mutations, as root-value fields:
 * - `createRunFiles(input: { entityName, projectName, runName, files })`: signed PUT URLs, one per
 *   name, and the `uploadHeaders` to send with them. The file exists once it is uploaded. For a
 *   run (or project) that does not exist, `runID` is empty and `files` too (clients treat an empty
 *   `runID` as an error).
 * - `markRunFilesUploaded(input: { entityName, projectName, runName, files })` (wandb-ops.md §7.1
 *   step 3): with the feature {@link MARK_RUN_FILES_UPLOADED} on, registers the named uploads so
 *   they are listed and downloadable. All or nothing: when a name was neither uploaded nor is a
 *   file of the run already, it answers `success: false` and registers none; a name already
 *   registered (e.g. by an earlier call that is now retried) counts as done. With the feature off
 *   uploads need no registration: it answers `success: true` and changes nothing. A run (or
 *   project) that does not exist is a GraphQL error.
 * - `deleteFiles(input: { files: [ID], projectId })`: deletes the files (of that project, when
 *   `projectId` is given); an unknown id is an error and then nothing is deleted.
 *
 * Only the viewer's own entity, default entity or teams may be written to.
 *
 * @example
 * ```ts
 * const rootValue = { ...queries, ...fileMutations(store) };
 * ```
 */
export function fileMutations(store: EmulatorStore): View {
  return {
    createRunFiles: (args: Args, context: unknown) => {
      const m = 'createRunFiles';
      const { entityName, projectName, runName, files, clientMutationId } = runFilesInput(args, m);
      checkWritable(store, entityName, m);
      const project = store.findProject(entityName, projectName);
      const run = project ? store.findRun(project.id, runName) : undefined;
      if (!run) return { runID: '', uploadHeaders: [], files: [], clientMutationId };
      const ctx = storageContext(context);
      const uploadHeaders = [`Content-Type:${UPLOAD_CONTENT_TYPE}`];
      return {
        runID: globalId('Run', run.id),
        uploadHeaders,
        files: files.map((name) => ({
          name,
          displayName: name,
          uploadUrl: ctx.signer.sign('PUT', run.id, name, ctx.origin),
          uploadHeaders,
        })),
        clientMutationId,
      };
    },

    markRunFilesUploaded: (args: Args) => {
      const m = 'markRunFilesUploaded';
      const { entityName, projectName, runName, files, clientMutationId } = runFilesInput(args, m);
      checkWritable(store, entityName, m);
      const project = store.findProject(entityName, projectName);
      const run = project ? store.findRun(project.id, runName) : undefined;
      if (!run) throw new Error(`${m}: run ${entityName}/${projectName}/${runName} not found`);
      if (store.features.get(MARK_RUN_FILES_UPLOADED) !== true) return { success: true, clientMutationId };
      if (!files.every((name) => run.pendingFiles.has(name) || run.files.has(name))) {
        return { success: false, clientMutationId };
      }
      for (const name of files) {
        const content = run.pendingFiles.get(name);
        if (content === undefined) continue;
        store.putRunFile(run, name, content);
        run.pendingFiles.delete(name);
      }
      return { success: true, clientMutationId };
    },

    deleteFiles: (args: Args) => {
      const m = 'deleteFiles';
      const input = inputOf(args, m);
      const ids = input.files;
      const projectId = optionalNumber(input, 'projectId');
      if (!Array.isArray(ids)) throw new Error(`${m}: files must be a list of file ids`);
      const found: { run: RunRecord; file: FileRecord }[] = [];
      for (const id of ids) {
        const fileId = parseGlobalId(id, 'File');
        let hit: { run: RunRecord; file: FileRecord } | undefined;
        if (fileId !== undefined) {
          for (const run of store.runs.values()) {
            if (projectId !== null && run.projectId !== projectId) continue;
            const file = [...run.files.values()].find((f) => f.id === fileId);
            if (file) hit = { run, file };
          }
        }
        if (!hit) {
          throw new Error(
            `${m}: file ${JSON.stringify(id)} not found${projectId === null ? '' : ` in project ${projectId}`}`,
          );
        }
        const project = store.projects.get(hit.run.projectId);
        if (project) checkWritable(store, project.entityName, m);
        found.push(hit);
      }
      for (const { run, file } of found) run.files.delete(file.name);
      return {
        success: true,
        clientMutationId: optionalString(input, 'clientMutationId'),
      };
    },
  };
}
