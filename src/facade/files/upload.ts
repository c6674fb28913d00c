/**
 * `run.uploadFile()` (wandb-ops.md §7.1 `upload_file`, §8.2): ask the server for a signed upload URL
 * (mutation `CreateRunFiles`), PUT the bytes there with the headers it lists and no W&B
 * credentials, register the upload (mutation `MarkRunFilesUploaded`) when the server has the
 * feature `MARK_RUN_FILES_UPLOADED` (§3; self-hosted servers list a file only then), then read the
 * file entry back.
 *
 * @example
 * ```ts
 * const file = await run.uploadFile('notes/summary.md', '# Results\n...');
 * const fromDisk = await run.uploadFile('out/model.onnx', { root: 'out' }); // stored as "model.onnx"
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { ServerError, ValidationError } from '../../errors/index.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { uploadRunNotFound } from '../core/notFound.js';
import { describeValue, isPlainObject, optionalSignal, optionsObject } from '../core/validate.js';
import { formatRunPath, type RunRef } from '../paths/paths.js';
import type { File } from './file.js';
import { fetchRunFile } from './file-impl.js';
import { rootOption, uploadSafeName } from './filenames.js';

/**
 * Content to upload: text (sent as UTF-8), bytes, or a `Blob`.
 *
 * @example
 * ```ts
 * const data: UploadData = new TextEncoder().encode('hello');
 * ```
 */
export type UploadData = string | Uint8Array | Blob;

/** The server feature under which an upload is listed only once registered (wandb-ops.md §3). */
const MARK_RUN_FILES_UPLOADED = 'MARK_RUN_FILES_UPLOADED';

/**
 * Options of `run.uploadFile(name, data)`: aborting `signal` cancels the upload (it rejects with
 * the signal's reason).
 *
 * @example
 * ```ts
 * await run.uploadFile('a.txt', 'hi', { signal: AbortSignal.timeout(30_000) });
 * ```
 */
export type UploadDataOptions = Pick<RequestOptions, 'signal'>;

/**
 * Options of `run.uploadFile(path, options)` (Node only).
 *
 * @example
 * ```ts
 * await run.uploadFile('results/plots/loss.png', { root: 'results' }); // stored as "plots/loss.png"
 * ```
 */
export interface UploadFileOptions extends UploadDataOptions {
  /** The folder the stored name is relative to. Default `.` (the working directory). */
  root?: string;
}

/**
 * Parses W&B's `uploadHeaders` (`"Name:Value"` strings; the value may itself contain `:`) into a
 * header object. Entries without a name are skipped.
 *
 * @example
 * ```ts
 * parseUploadHeaders(['Content-Type:text/plain', 'x-goog-meta-run:a:b']);
 * // { 'Content-Type': 'text/plain', 'x-goog-meta-run': 'a:b' }
 * ```
 */
export function parseUploadHeaders(headers: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of headers) {
    const at = entry.indexOf(':');
    if (at <= 0) continue;
    const name = entry.slice(0, at).trim();
    if (name === '') continue;
    out[name] = entry.slice(at + 1).trim();
  }
  return out;
}

function isUploadData(value: unknown): value is UploadData {
  return (
    typeof value === 'string' ||
    value instanceof Uint8Array ||
    (typeof Blob !== 'undefined' && value instanceof Blob)
  );
}

/**
 * Uploads one file to a run and resolves with its entry. `second` decides the form: content
 * (`string | Uint8Array | Blob`) uploads it under the name `target`; an options object (or
 * nothing) reads the file at path `target` from disk (Node only), named by its path relative to
 * `root`. Names are made upload-safe ({@link uploadSafeName}).
 * @internal Use `run.uploadFile()`.
 * @example
 * ```ts
 * const file = await uploadRunFile(ctx, { entity: 'acme', project: 'vision', runId: 'a1b2c3d4' }, 'notes.md', '# Notes');
 * ```
 */
export async function uploadRunFile(
  ctx: FacadeContext,
  ref: RunRef,
  target: unknown,
  second?: unknown,
  third?: unknown,
): Promise<File> {
  let name: string;
  let body: Uint8Array | Blob;
  let signal: AbortSignal | undefined;
  if (isUploadData(second)) {
    name = uploadSafeName(target, 'name');
    signal = optionalSignal(optionsObject(third as UploadDataOptions | undefined).signal);
    body = typeof second === 'string' ? new TextEncoder().encode(second) : second;
  } else if (second === undefined || isPlainObject(second)) {
    if (typeof target !== 'string' || target === '') {
      throw new ValidationError(
        'path',
        `expected the path of a file to upload, got ${describeValue(target)}`,
      );
    }
    if (third !== undefined) {
      throw new ValidationError('options', 'uploadFile(path, options) takes no third argument');
    }
    const o = (second ?? {}) as UploadFileOptions;
    const root = rootOption(o.root);
    signal = optionalSignal(o.signal);
    const source = await ctx.disk().readUpload(target, root);
    name = uploadSafeName(source.relativeName, 'path');
    body = source.data;
  } else {
    throw new ValidationError(
      'data',
      'expected the content (a string, Uint8Array or Blob), or an options object such as { root } to upload a file from disk',
    );
  }

  const path = formatRunPath(ref);
  const data = await ctx.request(
    (await documents()).CreateRunFilesDocument,
    { entity: ref.entity, project: ref.project, run: ref.runId, files: [name] },
    // Asking for an upload URL again changes nothing: safe to retry.
    { idempotent: true, signal },
  );
  const payload = data.createRunFiles;
  if (!payload?.runID) throw uploadRunNotFound(path, name);
  const entry =
    payload.files.find((f) => f.name === name) ?? (payload.files.length === 1 ? payload.files[0] : undefined);
  if (!entry?.uploadUrl) {
    throw new ServerError(`CreateRunFiles gave no upload URL for ${JSON.stringify(name)} in run ${path}`);
  }
  const res = await ctx.storage(entry.uploadUrl, {
    method: 'PUT',
    headers: parseUploadHeaders(payload.uploadHeaders),
    body,
    signal,
    what: `Upload of ${JSON.stringify(name)}`,
  });
  await res.body?.cancel().catch(() => undefined);
  if ((await ctx.serverFeatures()).get(MARK_RUN_FILES_UPLOADED) === true) {
    const marked = await ctx.request(
      (await documents()).MarkRunFilesUploadedDocument,
      { entity: ref.entity, project: ref.project, run: ref.runId, files: [name] },
      // Registering an uploaded file again changes nothing: safe to retry.
      { idempotent: true, signal },
    );
    if (!marked.markRunFilesUploaded?.success) {
      throw new ServerError(
        `Upload of ${JSON.stringify(name)} to run ${path}: the bytes were stored but the server did not register the file (MarkRunFilesUploaded answered success: false), so it is not listed; upload it again`,
      );
    }
  }
  return fetchRunFile(ctx, ref, name, { cache: false, signal });
}
