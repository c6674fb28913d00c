/**
 * Node's side of run files ({@link LocalFiles}): reading a file for upload, and writing a download
 * atomically (a temporary file in the target folder, renamed once complete). Used by the Node
 * build (`src/node.ts`).
 *
 * @example
 * ```ts
 * import { nodeFiles } from './files.node.js';
 * const target = await nodeFiles.prepareDownload('.', ['a.txt'], 'a.txt', false);
 * ```
 * @module
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { link, lstat, mkdir, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConflictError, ValidationError } from '../facade/errors.js';
import type { LocalFiles, UploadSource } from './files.js';

function codeOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

async function exists(path: string): Promise<fs.Stats | undefined> {
  try {
    return await lstat(path);
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return undefined;
    throw e;
  }
}

function conflict(target: string, isDirectory: boolean): ConflictError {
  return isDirectory
    ? new ConflictError(`Cannot download to ${target}: a folder of that name is in the way`)
    : new ConflictError(`${target} already exists; pass { replace: true } to overwrite it`);
}

/**
 * Reads a file for upload: its path relative to `root` (`/`-separated) and a file-backed `Blob`
 * (`fs.openAsBlob`: nothing is read into memory until sent), or its bytes where that is missing.
 *
 * @example
 * ```ts
 * const { relativeName } = await readUpload('out/logs/a.txt', 'out'); // 'logs/a.txt'
 * ```
 */
export async function readUpload(path: string, root: string): Promise<UploadSource> {
  const absolute = resolve(path);
  let info: fs.Stats;
  try {
    info = await stat(absolute);
  } catch (e) {
    throw new ValidationError('path', `cannot read ${JSON.stringify(path)} (${codeOf(e) ?? 'unreadable'})`);
  }
  if (!info.isFile()) throw new ValidationError('path', `${JSON.stringify(path)} is not a file`);
  const relativeName = relative(resolve(root), absolute).split(sep).join('/');
  const data =
    typeof fs.openAsBlob === 'function'
      ? await fs.openAsBlob(absolute)
      : new Uint8Array(await readFile(absolute));
  return { relativeName, data };
}

/**
 * Resolves `<root>/<segments>`, checks it is inside `root`, creates its folder and checks that
 * nothing is in the way (see {@link LocalFiles.prepareDownload}).
 *
 * @example
 * ```ts
 * await prepareDownload('out', ['logs', 'a.txt'], 'logs/a.txt', false); // '/abs/out/logs/a.txt'
 * ```
 */
export async function prepareDownload(
  root: string,
  segments: readonly string[],
  name: string,
  replace: boolean,
): Promise<string> {
  const rootPath = resolve(root);
  const target = resolve(rootPath, ...segments);
  const rel = relative(rootPath, target);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new ValidationError(
      'name',
      `refusing to download ${JSON.stringify(name)}: it would be written outside ${rootPath}`,
    );
  }
  await mkdir(dirname(target), { recursive: true });
  const existing = await exists(target);
  if (existing?.isDirectory()) throw conflict(target, true);
  if (existing && !replace) throw conflict(target, false);
  return target;
}

async function writeAll(handle: fs.promises.FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

/** Moves the finished temporary file to `target` without ever overwriting an existing one. */
async function placeExclusively(temp: string, target: string): Promise<void> {
  try {
    await link(temp, target);
  } catch (e) {
    if (codeOf(e) === 'EEXIST') throw conflict(target, false);
    // A file system without hard links: check, then rename (a narrow race instead of none).
    const existing = await exists(target);
    if (existing) throw conflict(target, existing.isDirectory());
    await rename(temp, target);
    return;
  }
  await unlink(temp).catch(() => undefined); // the download is in place; a stray link is only untidy
}

/**
 * Streams `body` to a temporary file next to `target`, then renames it over `target` (`replace`)
 * or places it only if `target` still does not exist. On any failure — a body that errors, an
 * abort, a full disk — the temporary file is removed and `target` is left untouched.
 *
 * @example
 * ```ts
 * await writeAtomic('/tmp/out/a.txt', response.body, { replace: true });
 * ```
 */
export async function writeAtomic(
  target: string,
  body: ReadableStream<Uint8Array>,
  options: { replace: boolean },
): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.partial`);
  const reader = body.getReader();
  let handle: fs.promises.FileHandle | undefined;
  let placed = false;
  try {
    handle = await open(temp, 'wx');
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await writeAll(handle, value);
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (options.replace) await rename(temp, target);
    else await placeExclusively(temp, target);
    placed = true;
  } catch (e) {
    await reader.cancel(e).catch(() => undefined);
    throw e;
  } finally {
    await handle?.close().catch(() => undefined);
    if (!placed) await rm(temp, { force: true }).catch(() => undefined);
    reader.releaseLock();
  }
}

/**
 * The Node implementation of {@link LocalFiles}.
 *
 * @example
 * ```ts
 * protected override fileSystem(): LocalFiles { return nodeFiles; }
 * ```
 */
export const nodeFiles: LocalFiles = { readUpload, prepareDownload, writeAtomic };
