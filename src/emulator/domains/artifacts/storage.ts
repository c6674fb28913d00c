/**
 * The artifacts' side of storage (wandb-ops.md §8.2, §8.4): signed URLs for the files of versions,
 * manifests and uploads, and the fallback download endpoints that take W&B credentials instead of
 * a signature.
 *
 * Signed paths (the signature, method and expiry are checked by `http/storage.ts`):
 * - `GET /storage/artifacts/files/<file id>`: a stored file of a committed version;
 * - `GET|PUT /storage/artifacts/manifests/<manifest id>`: a manifest (the PUT must carry the MD5 the
 *   manifest was created with, when it has one);
 * - `GET|PUT /storage/artifacts/uploads/<slot id>`: a file registered by `createArtifactFiles`;
 *   the body's base64 MD5 must be the spec's `md5` (else 400 `BadDigest`, nothing stored);
 * - `PUT /storage/artifacts/uploads/<slot id>/parts/<n>`: a part of a multipart upload; its MD5
 *   must be the declared one; the answer's `ETag` is the part's hex MD5 in quotes, as S3 sends it.
 * Every PUT requires `Content-Type: application/octet-stream` (listed in `uploadHeaders`); a
 * `Content-MD5` (also listed when the MD5 is known) must be the body's base64 MD5 when it is sent
 * (else 400 `BadDigest`). The body's MD5 is checked against the registered one either way.
 *
 * Fallback paths (W&B credentials, Basic `api:<key>` or Bearer; 401 without):
 * - `GET /artifacts/<entity>/<hex md5>` (layout V1): content the entity stores, or that a version
 *   in one of its projects' collections has;
 * - `GET /artifactsV2/<region>/<entity>/<project>/<collection>/<birth artifact id>/<hex md5>/<name>`
 *   and, with `ARTIFACT_V2_DOWNLOAD_HANDLER_SUPPORTS_ARTIFACT_ID`, `.../<collection>/<artifact id>/<birth artifact id>/<hex md5>/<name>`
 *   (layout V2): the content of a committed version in that collection (that version when the
 *   artifact id is given), whose manifest has an entry with that MD5 (and that birth artifact id,
 *   when the entry records one and the URL gives one).
 *
 * @example
 * ```ts
 * import { artifactFilePath, isArtifactFallbackPath } from './storage.js';
 * artifactFilePath(7); // '/storage/artifacts/files/7'
 * isArtifactFallbackPath('/artifacts/alice/d41d8cd98f00b204e9800998ecf8427e'); // true
 * ```
 * @module
 */
import { rangedAnswer } from '../../http/ranges.js';
import type { EmulatorStore } from '../../store/store.js';
import { md5Base64 } from '../files/records.js';
import { b64ToHex, hexToB64, isHexMd5, md5Hex, parseManifest } from './manifest.js';
import {
  artifactGlobalId,
  artifactMimetype,
  entityOf,
  findCollection,
  findContent,
  membershipsOf,
  artifactOf,
  putContent,
} from './model.js';
import type { ArtifactRecord, UploadSlot } from './records.js';

/**
 * The server feature under which the V2 fallback URL carries the artifact id segment.
 *
 * @example
 * ```ts
 * store.features.get(V2_ARTIFACT_ID_FEATURE); // true by default
 * ```
 */
export const V2_ARTIFACT_ID_FEATURE = 'ARTIFACT_V2_DOWNLOAD_HANDLER_SUPPORTS_ARTIFACT_ID';

/**
 * The signed path of a stored file of a committed version.
 *
 * @example
 * ```ts
 * artifactFilePath(7); // '/storage/artifacts/files/7'
 * ```
 */
export function artifactFilePath(fileId: number): string {
  return `/storage/artifacts/files/${fileId}`;
}

/**
 * The signed path of a manifest.
 *
 * @example
 * ```ts
 * manifestPath(3); // '/storage/artifacts/manifests/3'
 * ```
 */
export function manifestPath(manifestId: number): string {
  return `/storage/artifacts/manifests/${manifestId}`;
}

/**
 * The signed path of an upload slot, or of one part of its multipart upload.
 *
 * @example
 * ```ts
 * uploadPath(9); // '/storage/artifacts/uploads/9'
 * uploadPath(9, 2); // '/storage/artifacts/uploads/9/parts/2'
 * ```
 */
export function uploadPath(slotId: number, partNumber?: number): string {
  const base = `/storage/artifacts/uploads/${slotId}`;
  return partNumber === undefined ? base : `${base}/parts/${partNumber}`;
}

/**
 * A storage request as the artifacts domain receives it.
 *
 * @example
 * ```ts
 * const req: ArtifactStorageRequest = { method: 'GET', pathname: '/storage/artifacts/files/7', headers: {}, body: new Uint8Array() };
 * ```
 */
export interface ArtifactStorageRequest {
  method: string;
  pathname: string;
  /** Lower-cased request headers. */
  headers: Record<string, string | undefined>;
  body: Uint8Array;
}

/**
 * An answer of the artifacts' storage.
 *
 * @example
 * ```ts
 * const res: ArtifactStorageResponse = { status: 200, headers: { ETag: '"d41d8cd98f00b204e9800998ecf8427e"' }, body: new Uint8Array() };
 * ```
 */
export interface ArtifactStorageResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

function error(status: number, code: string, message: string): ArtifactStorageResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ errors: [{ message: `${code}: ${message}` }] }),
  };
}

const OK_EMPTY = (headers: Record<string, string> = {}): ArtifactStorageResponse => ({
  status: 200,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers },
  body: '',
});

/**
 * Whether a path is one of the signed artifact paths of {@link handleArtifactStorage}.
 *
 * @example
 * ```ts
 * isArtifactStoragePath('/storage/artifacts/files/7'); // true
 * ```
 */
export function isArtifactStoragePath(pathname: string): boolean {
  return pathname.startsWith('/storage/artifacts/');
}

/**
 * Whether a path is one of the fallback download endpoints (`/artifacts/...`, `/artifactsV2/...`).
 *
 * @example
 * ```ts
 * isArtifactFallbackPath('/artifactsV2/default/alice/p/mnist/QXJ0aWZhY3Q6MQ==/d41d8cd98f00b204e9800998ecf8427e/a.txt'); // true
 * ```
 */
export function isArtifactFallbackPath(pathname: string): boolean {
  return pathname.startsWith('/artifacts/') || pathname.startsWith('/artifactsV2/');
}

/** A GET answer for stored bytes: the bytes (or the requested range), their type, length and ETag. */
function content(bytes: Uint8Array, mimetype: string, range: string | undefined): ArtifactStorageResponse {
  const headers: Record<string, string> = {
    'Content-Type': mimetype,
    ETag: `"${md5Hex(bytes)}"`,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'private, no-store',
  };
  return rangedAnswer(bytes, range, headers);
}

/** Checks the upload headers of a signed PUT: the listed Content-Type, and the body's MD5 against a `Content-MD5` when one is sent. */
function checkUploadHeaders(req: ArtifactStorageRequest): ArtifactStorageResponse | undefined {
  const contentType = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/octet-stream') {
    return error(
      403,
      'AccessDenied',
      `the upload must send the headers listed in uploadHeaders (Content-Type: application/octet-stream), got ${JSON.stringify(req.headers['content-type'] ?? null)}`,
    );
  }
  const contentMd5 = req.headers['content-md5'];
  if (contentMd5 !== undefined && contentMd5.trim() !== md5Base64(req.body)) {
    return error(400, 'BadDigest', 'the Content-MD5 you specified did not match what was received');
  }
  return undefined;
}

function parseId(text: string | undefined): number | undefined {
  return text !== undefined && /^[1-9][0-9]*$/.test(text) ? Number(text) : undefined;
}

/** PUT of a whole file to its upload slot. */
function putUpload(
  store: EmulatorStore,
  slot: UploadSlot,
  req: ArtifactStorageRequest,
): ArtifactStorageResponse {
  const md5 = md5Base64(req.body);
  if (md5 !== slot.md5) {
    return error(400, 'BadDigest', `the content's MD5 ${md5} is not the registered ${slot.md5}`);
  }
  putContent(store, slot.entityName, slot.md5, new Uint8Array(req.body), slot.birthArtifactId);
  return OK_EMPTY({ ETag: `"${md5Hex(req.body)}"` });
}

/** PUT of one part of a multipart upload. */
function putPart(slot: UploadSlot, partNumber: number, req: ArtifactStorageRequest): ArtifactStorageResponse {
  const part = slot.multipart?.parts.find((p) => p.partNumber === partNumber);
  if (!slot.multipart || !part) return error(404, 'NoSuchUpload', `no part ${partNumber} in this upload`);
  const hex = md5Hex(req.body);
  if (hex !== part.hexMD5) {
    return error(400, 'BadDigest', `part ${partNumber} has MD5 ${hex}, not the declared ${part.hexMD5}`);
  }
  slot.multipart.received.set(partNumber, new Uint8Array(req.body));
  return OK_EMPTY({ ETag: `"${hex}"` });
}

/**
 * Answers a request to a signed artifact path whose signature was checked (see the module
 * description).
 *
 * @example
 * ```ts
 * handleArtifactStorage(store, { method: 'GET', pathname: '/storage/artifacts/files/7', headers: {}, body: new Uint8Array() }).status;
 * ```
 */
export function handleArtifactStorage(
  store: EmulatorStore,
  req: ArtifactStorageRequest,
): ArtifactStorageResponse {
  const segments = req.pathname.slice('/storage/artifacts/'.length).split('/');
  const [kind, idText, partsWord, partText] = segments;
  const id = parseId(idText);
  const range = req.headers.range;
  if (id === undefined) return error(404, 'NoSuchKey', `Not found: ${req.pathname}`);

  if (kind === 'files' && segments.length === 2 && req.method === 'GET') {
    for (const artifact of store.artifacts.artifacts.values()) {
      if (artifact.state !== 'COMMITTED') continue;
      for (const file of artifact.files.values()) {
        if (file.id !== id) continue;
        const stored = findContent(store, entityOf(store, artifact), file.md5);
        if (!stored) break;
        return content(stored.bytes, artifactMimetype(file.path), range);
      }
    }
    return error(404, 'NoSuchKey', 'The artifact file no longer exists');
  }

  if (kind === 'manifests' && segments.length === 2) {
    const manifest = store.artifacts.manifests.get(id);
    if (!manifest) return error(404, 'NoSuchKey', 'The manifest no longer exists');
    if (req.method === 'GET') {
      if (!manifest.content) return error(404, 'NoSuchKey', 'The manifest has not been uploaded');
      return content(manifest.content, 'application/json', range);
    }
    const refused = checkUploadHeaders(req);
    if (refused) return refused;
    const artifact = store.artifacts.artifacts.get(manifest.artifactId);
    if (artifact?.state !== 'PENDING') {
      return error(403, 'AccessDenied', 'the manifest of a committed artifact cannot be replaced');
    }
    const md5 = md5Base64(req.body);
    if (manifest.digest !== '' && md5 !== manifest.digest) {
      return error(
        400,
        'BadDigest',
        `the manifest's MD5 ${md5} is not the digest it was created with, ${manifest.digest}`,
      );
    }
    manifest.content = new Uint8Array(req.body);
    return OK_EMPTY({ ETag: `"${md5Hex(req.body)}"` });
  }

  if (kind === 'uploads') {
    const slot = store.artifacts.uploads.get(id);
    if (!slot) return error(404, 'NoSuchUpload', 'No such upload');
    if (segments.length === 2 && req.method === 'GET') {
      const stored = findContent(store, slot.entityName, slot.md5);
      if (!stored) return error(404, 'NoSuchKey', 'The file has not been uploaded');
      return content(stored.bytes, slot.mimetype ?? artifactMimetype(slot.name), range);
    }
    if (req.method !== 'PUT') return error(405, 'MethodNotAllowed', `Uploads take PUT, not ${req.method}`);
    const refused = checkUploadHeaders(req);
    if (refused) return refused;
    if (segments.length === 2) return putUpload(store, slot, req);
    const partNumber = parseId(partText);
    if (segments.length === 4 && partsWord === 'parts' && partNumber !== undefined) {
      return putPart(slot, partNumber, req);
    }
  }
  return error(404, 'NoSuchKey', `Not found: ${req.method} ${req.pathname}`);
}

/** The committed versions in a collection of a project whose manifest has an entry with `md5`. */
function versionsHolding(
  store: EmulatorStore,
  projectId: number,
  collectionName: string,
  md5: string,
  birth: string,
  artifactId: string | undefined,
): ArtifactRecord | undefined {
  const collection = findCollection(store, projectId, collectionName);
  if (!collection) return undefined;
  for (const membership of membershipsOf(store, collection).reverse()) {
    const artifact = artifactOf(store, membership);
    if (artifactId !== undefined && artifactGlobalId(artifact) !== artifactId) continue;
    if (hasEntry(store, artifact, md5, birth)) return artifact;
  }
  return undefined;
}

/** Whether a version's manifest has a stored entry with `md5` (and birth artifact `birth`, when both say one). */
function hasEntry(store: EmulatorStore, artifact: ArtifactRecord, md5: string, birth: string): boolean {
  const manifest =
    artifact.manifestId === null ? undefined : store.artifacts.manifests.get(artifact.manifestId);
  if (!manifest?.content) return false;
  let entries;
  try {
    entries = parseManifest(new TextDecoder().decode(manifest.content)).entries;
  } catch {
    return false;
  }
  return entries.some(
    (e) =>
      e.ref === undefined &&
      e.digest === md5 &&
      (birth === '' || e.birthArtifactID === undefined || e.birthArtifactID === birth),
  );
}

function decodeSegments(rest: string): string[] | undefined {
  try {
    return rest.split('/').map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/**
 * Answers a GET of a fallback download endpoint, for a caller whose credentials were checked (see
 * the module description): 404 when nothing matches.
 *
 * @example
 * ```ts
 * handleArtifactFallback(store, { method: 'GET', pathname: '/artifacts/alice/d41d8cd98f00b204e9800998ecf8427e', headers: {}, body: new Uint8Array() });
 * ```
 */
export function handleArtifactFallback(
  store: EmulatorStore,
  req: ArtifactStorageRequest,
): ArtifactStorageResponse {
  if (req.method !== 'GET') return error(405, 'MethodNotAllowed', `Downloads take GET, not ${req.method}`);
  const notFound = error(404, 'NoSuchKey', `Not found: ${req.pathname}`);
  const range = req.headers.range;
  if (req.pathname.startsWith('/artifacts/')) {
    const segments = decodeSegments(req.pathname.slice('/artifacts/'.length));
    if (!segments || segments.length !== 2) return notFound;
    const [entity = '', hex = ''] = segments;
    if (!isHexMd5(hex)) return notFound;
    const md5 = hexToB64(hex);
    const own = findContent(store, entity, md5);
    if (own) return content(own.bytes, 'application/octet-stream', range);
    // A version linked into a collection of the entity (a registry's org entity, say) keeps its
    // content in its own entity.
    for (const project of store.projectsOfEntity(entity)) {
      for (const artifact of store.artifacts.artifacts.values()) {
        if (artifact.state !== 'COMMITTED') continue;
        const inProject = [...store.artifacts.memberships.values()].some(
          (m) =>
            m.artifactId === artifact.id &&
            store.artifacts.collections.get(m.collectionId)?.projectId === project.id,
        );
        if (!inProject || !hasEntry(store, artifact, md5, '')) continue;
        const stored = findContent(store, entityOf(store, artifact), md5);
        if (stored) return content(stored.bytes, 'application/octet-stream', range);
      }
    }
    return notFound;
  }
  const segments = decodeSegments(req.pathname.slice('/artifactsV2/'.length));
  const withArtifactId = store.features.get(V2_ARTIFACT_ID_FEATURE) === true;
  if (!segments || !(segments.length === 7 || (segments.length === 8 && withArtifactId))) return notFound;
  const [, entity = '', projectName = '', collection = ''] = segments;
  const artifactId = segments.length === 8 ? segments[4] : undefined;
  const [birth = '', hex = '', name = ''] = segments.slice(-3);
  if (!isHexMd5(hex) || name === '') return notFound;
  const project = store.findProject(entity, projectName);
  if (!project) return notFound;
  const md5 = hexToB64(hex);
  const artifact = versionsHolding(store, project.id, collection, md5, birth, artifactId || undefined);
  const stored = artifact ? findContent(store, entityOf(store, artifact), md5) : undefined;
  if (!stored) return notFound;
  return content(stored.bytes, artifactMimetype(name), range);
}

/**
 * The `storagePath` the emulator reports for content of an entity (opaque to clients).
 *
 * @example
 * ```ts
 * contentStoragePath('alice', '1B2M2Y8AsgTpgAmY7PhCfg=='); // 'wandb_artifacts/alice/d41d8cd98f00b204e9800998ecf8427e'
 * ```
 */
export function contentStoragePath(entityName: string, md5: string): string {
  return `wandb_artifacts/${entityName}/${b64ToHex(md5)}`;
}
