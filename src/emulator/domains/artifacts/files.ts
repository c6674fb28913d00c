/**
 * `File` fields of the artifacts domain's files (`ArtifactFileView`): the stored files of a
 * committed version (`files` listings: `name` = `displayName` = the manifest path, `md5` =
 * `digest` = its base64 MD5, signed `directUrl` and `url`), the upload slots of
 * `createArtifactFiles` (signed `uploadUrl` and `uploadHeaders`, `null` when the content is
 * already stored; `uploadMultipartUrls` when the spec asked for parts; `artifact` = the version
 * that stores the content, the birth artifact) and a manifest's file (signed GET and PUT URLs).
 * The files domain's `File` resolvers dispatch here for these views.
 *
 * @example
 * ```ts
 * import { artifactFileFields } from './files.js';
 * artifactFileFields.name({ kind: 'artifactFile', artifact, file }); // 'data/train.csv'
 * ```
 * @module
 */
import type { EmulatorContext } from '../../graphql/context.js';
import { globalId } from '../../graphql/ids.js';
import { artifactMimetype, entityOf, findContent } from './model.js';
import type { ArtifactFileView, ArtifactRecord } from './records.js';
import { artifactFilePath, contentStoragePath, manifestPath, uploadPath } from './storage.js';

/** The `Content-Type` every artifact upload sends (listed in `uploadHeaders`). */
const UPLOAD_CONTENT_TYPE = 'application/octet-stream';

function signedGet(view: ArtifactFileView, { storage, origin }: EmulatorContext): string {
  switch (view.kind) {
    case 'artifactFile':
      return storage.signPath('GET', artifactFilePath(view.file.id), origin);
    case 'artifactUpload':
      return storage.signPath('GET', uploadPath(view.slot.id), origin);
    case 'artifactManifest':
      return storage.signPath('GET', manifestPath(view.manifest.id), origin);
  }
}

function bytesOf(view: ArtifactFileView, { store }: EmulatorContext): Uint8Array | undefined {
  switch (view.kind) {
    case 'artifactFile':
      return findContent(store, entityOf(store, view.artifact), view.file.md5)?.bytes;
    case 'artifactUpload':
      return findContent(store, view.slot.entityName, view.slot.md5)?.bytes;
    case 'artifactManifest':
      return view.manifest.content;
  }
}

function pathOf(view: ArtifactFileView): string {
  switch (view.kind) {
    case 'artifactFile':
      return view.file.path;
    case 'artifactUpload':
      return view.slot.name;
    case 'artifactManifest':
      return view.manifest.name;
  }
}

function md5Of(view: ArtifactFileView): string {
  switch (view.kind) {
    case 'artifactFile':
      return view.file.md5;
    case 'artifactUpload':
      return view.slot.md5;
    case 'artifactManifest':
      return view.manifest.digest;
  }
}

/**
 * The upload headers of a signed artifact upload: the `Content-Type` and, when the content's MD5
 * is known, `Content-MD5` (as a signed GCS or S3 URL that covers them requires).
 *
 * @example
 * ```ts
 * artifactUploadHeaders('1B2M2Y8AsgTpgAmY7PhCfg==');
 * // ['Content-Type:application/octet-stream', 'Content-MD5:1B2M2Y8AsgTpgAmY7PhCfg==']
 * ```
 */
export function artifactUploadHeaders(md5: string): string[] {
  return [`Content-Type:${UPLOAD_CONTENT_TYPE}`, ...(md5 === '' ? [] : [`Content-MD5:${md5}`])];
}

/**
 * The `File` fields of an artifact file view, one function per field.
 *
 * @example
 * ```ts
 * artifactFileFields.uploadUrl(view, context); // null once the content is stored
 * ```
 */
export const artifactFileFields = {
  id: (view: ArtifactFileView): string =>
    globalId(
      'File',
      view.kind === 'artifactFile'
        ? view.file.id
        : view.kind === 'artifactUpload'
          ? view.slot.id
          : view.manifest.fileId,
    ),
  name: pathOf,
  createdAt: (view: ArtifactFileView): string =>
    view.kind === 'artifactFile'
      ? view.file.createdAt
      : view.kind === 'artifactUpload'
        ? view.slot.createdAt
        : view.manifest.createdAt,
  mimetype: (view: ArtifactFileView): string =>
    view.kind === 'artifactManifest'
      ? 'application/json'
      : view.kind === 'artifactUpload'
        ? (view.slot.mimetype ?? artifactMimetype(view.slot.name))
        : artifactMimetype(view.file.path),
  sizeBytes: (view: ArtifactFileView, context: EmulatorContext): number =>
    view.kind === 'artifactFile' ? view.file.size : (bytesOf(view, context)?.byteLength ?? 0),
  md5: md5Of,
  directUrl: signedGet,
  /** `url(upload: true)` is the signed upload URL of a slot or manifest; else the signed GET URL. */
  url: (view: ArtifactFileView, upload: boolean, context: EmulatorContext): string | null =>
    upload ? artifactFileFields.uploadUrl(view, context) : signedGet(view, context),
  uploadUrl: (view: ArtifactFileView, { storage, origin }: EmulatorContext): string | null => {
    if (view.kind === 'artifactManifest')
      return storage.signPath('PUT', manifestPath(view.manifest.id), origin);
    if (view.kind === 'artifactUpload' && view.slot.needsUpload) {
      return storage.signPath('PUT', uploadPath(view.slot.id), origin);
    }
    return null;
  },
  uploadHeaders: (view: ArtifactFileView): string[] => {
    if (view.kind === 'artifactManifest') return artifactUploadHeaders(view.manifest.digest);
    if (view.kind === 'artifactUpload' && view.slot.needsUpload) return artifactUploadHeaders(view.slot.md5);
    return [];
  },
  uploadMultipartUrls: (view: ArtifactFileView, { storage, origin }: EmulatorContext) => {
    if (view.kind !== 'artifactUpload' || !view.slot.needsUpload || !view.slot.multipart) return null;
    const { slot } = view;
    return {
      uploadID: slot.multipart?.uploadId ?? '',
      uploadUrlParts: (slot.multipart?.parts ?? []).map((part) => ({
        partNumber: part.partNumber,
        uploadUrl: storage.signPath('PUT', uploadPath(slot.id, part.partNumber), origin),
      })),
    };
  },
  storagePath: (view: ArtifactFileView, { store }: EmulatorContext): string => {
    if (view.kind === 'artifactManifest') return `wandb_manifests/${view.manifest.id}/${view.manifest.name}`;
    if (view.kind === 'artifactUpload') return view.slot.storagePath;
    return contentStoragePath(entityOf(store, view.artifact), view.file.md5);
  },
  /** The version the file belongs to; for an upload slot the one that stores its content (its birth artifact). */
  artifact: (view: ArtifactFileView, { store }: EmulatorContext): ArtifactRecord | null => {
    if (view.kind === 'artifactManifest')
      return store.artifacts.artifacts.get(view.manifest.artifactId) ?? null;
    if (view.kind === 'artifactUpload')
      return store.artifacts.artifacts.get(view.slot.birthArtifactId) ?? null;
    return view.artifact;
  },
  exists: (view: ArtifactFileView, context: EmulatorContext): boolean => bytesOf(view, context) !== undefined,
};
