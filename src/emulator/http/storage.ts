/**
 * The storage endpoint (wandb-ops.md §7.3, §8.2, §8.3, §8.4): run files behind signed URLs, and
 * the artifacts' files, manifests and uploads behind signed URLs and their fallback download
 * endpoints (`/artifacts/...`, `/artifactsV2/...`, which take the W&B credentials instead; see
 * `domains/artifacts/storage.ts`). The GraphQL side of files (`Run.files`, `File`,
 * `createRunFiles`, ...) is `domains/files/`.
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
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  handleArtifactFallback,
  handleArtifactStorage,
  isArtifactFallbackPath,
  isArtifactStoragePath,
} from '../domains/artifacts/storage.js';
import { MARK_RUN_FILES_UPLOADED } from '../domains/files/records.js';
import type { EmulatorStore } from '../store/store.js';

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

/**
 * What {@link StorageSigner.verify} concluded.
 *
 * @example
 * ```ts
 * const check: SignatureCheck = signer.verify('GET', url); // 'valid' | 'expired' | 'invalid'
 * ```
 */
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
    return this.signPath(method, storagePath(runId, name), origin);
  }

  /** A signed URL for `method` on a storage path (`/storage/...`), on the server at `origin`. */
  signPath(method: 'GET' | 'PUT', pathname: string, origin: string): string {
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

/**
 * A storage request, as the HTTP layer hands it over.
 *
 * @example
 * ```ts
 * const req: StorageRequestInput = { method: 'GET', url, contentType: undefined, body: Buffer.alloc(0) };
 * ```
 */
export interface StorageRequestInput {
  method: string;
  url: URL;
  /** The `Content-Type` header, if any. */
  contentType: string | undefined;
  body: Buffer;
  /** The other request headers, lower-cased (`content-md5`, `range`, ...). Default none. */
  headers?: Record<string, string | undefined>;
  /**
   * Whether the request carries the W&B credentials (what the artifacts' fallback download
   * endpoints need instead of a signature). Default `false`.
   */
  authorized?: boolean;
}

/**
 * The answer to a storage request.
 *
 * @example
 * ```ts
 * const res: StorageResponse = { status: 404, headers: {}, body: '' };
 * ```
 */
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
 * The 403 answer to a signed storage request whose signature is missing, wrong (another method
 * or path) or expired; `undefined` when it is valid.
 *
 * @example
 * ```ts
 * const refused = signatureRefusal(signer, 'GET', url);
 * if (refused) return refused; // 403 "Access denied: Request has expired", ...
 * ```
 */
export function signatureRefusal(
  signer: StorageSigner,
  method: string,
  url: URL,
): StorageResponse | undefined {
  const check = signer.verify(method, url);
  if (check === 'invalid') {
    return errorResponse(
      403,
      `Access denied: the signature is missing or does not match this ${method} request`,
    );
  }
  if (check === 'expired') return errorResponse(403, 'Access denied: Request has expired');
  return undefined;
}

/**
 * An error answer of the storage endpoint: its status and `{"errors": [{"message"}]}`.
 *
 * @example
 * ```ts
 * storageError(404, 'No such file: a.txt').status; // 404
 * ```
 */
export function storageError(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): StorageResponse {
  return errorResponse(status, message, headers);
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
  return pathname === '/storage' || pathname.startsWith('/storage/') || isArtifactFallbackPath(pathname);
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
  const pathname = req.url.pathname;
  const artifactRequest = {
    method: req.method,
    pathname,
    headers: { 'content-type': req.contentType, ...req.headers },
    body: req.body,
  };
  if (isArtifactFallbackPath(pathname)) {
    if (!req.authorized) {
      return errorResponse(
        401,
        'Unauthorized: artifact downloads by content need the W&B credentials (Basic api:<key> or Bearer)',
        {
          'WWW-Authenticate': 'Basic realm="wandb"',
        },
      );
    }
    return handleArtifactFallback(store, artifactRequest);
  }
  if (isArtifactStoragePath(pathname)) {
    if (req.method !== 'GET' && req.method !== 'PUT') {
      return errorResponse(405, `Storage URLs accept GET and PUT, not ${req.method}`, {
        Allow: 'GET, PUT, OPTIONS',
      });
    }
    const refused = signatureRefusal(signer, req.method, req.url);
    if (refused) return refused;
    return handleArtifactStorage(store, artifactRequest);
  }
  const target = parseStoragePath(pathname);
  if (!target) return errorResponse(404, `Not found: ${req.url.pathname}`);
  if (req.method !== 'GET' && req.method !== 'PUT') {
    return errorResponse(405, `Storage URLs accept GET and PUT, not ${req.method}`, {
      Allow: 'GET, PUT, OPTIONS',
    });
  }
  const refused = signatureRefusal(signer, req.method, req.url);
  if (refused) return refused;
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
