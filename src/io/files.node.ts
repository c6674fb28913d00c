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
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { link, lstat, mkdir, open, readFile, realpath, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConflictError, ValidationError } from '../errors/index.js';
import { nodeArtifactFiles } from './artifact-files.node.js';
import type { LocalFiles, UploadSource, WriteAtomicOptions } from './files.js';

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
 * Checks that `path` is a regular file, synchronously, and gives its name relative to `root`
 * (`/`-separated) and its size; nothing is read (see {@link LocalFiles.inspectUpload}).
 *
 * @example
 * ```ts
 * inspectUpload('data/train.csv', 'data'); // { relativeName: 'train.csv', size: 1024 }
 * ```
 */
export function inspectUpload(path: string, root: string): { relativeName: string; size: number } {
  const absolute = resolve(path);
  let info: fs.Stats;
  try {
    info = fs.statSync(absolute);
  } catch (e) {
    throw new ValidationError('path', `cannot read ${JSON.stringify(path)} (${codeOf(e) ?? 'unreadable'})`);
  }
  if (!info.isFile()) throw new ValidationError('path', `${JSON.stringify(path)} is not a file`);
  return { relativeName: relative(resolve(root), absolute).split(sep).join('/'), size: info.size };
}

/** Whether `path` is `root` itself or below it. */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Makes the folder `segments` below `rootPath` one level at a time, so that no folder is made and
 * nothing is written through a symbolic link that leads outside `rootPath` (a link to a folder
 * inside it is followed). A file in the way of a folder is a `ConflictError`.
 */
async function makeFoldersInside(rootPath: string, segments: readonly string[], name: string): Promise<void> {
  await mkdir(rootPath, { recursive: true });
  const realRoot = await realpath(rootPath);
  let folder = rootPath;
  for (const segment of segments) {
    folder = join(folder, segment);
    let info = await exists(folder);
    if (!info) {
      try {
        await mkdir(folder);
      } catch (e) {
        if (codeOf(e) !== 'EEXIST') throw e;
      }
      info = await lstat(folder);
    }
    if (info.isSymbolicLink()) {
      let real: string | undefined;
      try {
        real = await realpath(folder);
      } catch {
        // a dangling link: it leads nowhere we could check
      }
      if (real === undefined || !isInside(realRoot, real)) {
        throw new ValidationError(
          'name',
          `refusing to download ${JSON.stringify(name)}: ${folder} is a symbolic link that leads outside ${rootPath}`,
        );
      }
      info = await stat(folder);
    }
    if (!info.isDirectory()) {
      throw new ConflictError(`Cannot download ${JSON.stringify(name)}: ${folder} is a file, not a folder`);
    }
  }
}

/**
 * Resolves `<root>/<segments>`, checks it is inside `root`, creates its folder and checks that
 * nothing is in the way (see {@link LocalFiles.prepareDownload}). Folders are created one by one
 * and a symbolic link on the way that leads outside `root` is refused, so a link planted in the
 * download folder cannot redirect the write.
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
  if (target === rootPath || !isInside(rootPath, target)) {
    throw new ValidationError(
      'name',
      `refusing to download ${JSON.stringify(name)}: it would be written outside ${rootPath}`,
    );
  }
  const folders = relative(rootPath, dirname(target))
    .split(sep)
    .filter((s) => s !== '');
  await makeFoldersInside(rootPath, folders, name);
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
 * abort, a full disk, a `verify` that throws — the temporary file is removed and `target` is left
 * untouched. With `verify`, each chunk is hashed (MD5) as it is written — the file is never read
 * back — and `verify` gets the base64 digest before the file is put in place.
 *
 * @example
 * ```ts
 * await writeAtomic('/tmp/out/a.txt', response.body, { replace: true });
 * await writeAtomic('/tmp/out/b.bin', response.body, { replace: false, verify: (md5) => expectMd5(md5) });
 * ```
 */
export async function writeAtomic(
  target: string,
  body: ReadableStream<Uint8Array>,
  options: WriteAtomicOptions,
): Promise<void> {
  // A short name of its own: the target's name may already be as long as the file system allows.
  // (Named as PARTIAL_DOWNLOAD says, so that listings of downloaded folders skip one left by a crash.)
  const temp = join(dirname(target), `.wandb-download-${randomBytes(6).toString('hex')}.partial`);
  const reader = body.getReader();
  let handle: fs.promises.FileHandle | undefined;
  let placed = false;
  const hash = options.verify ? createHash('md5') : undefined;
  try {
    handle = await open(temp, 'wx');
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      hash?.update(value);
      await writeAll(handle, value);
    }
    if (options.durable !== false) await handle.sync();
    await handle.close();
    handle = undefined;
    if (hash) await options.verify?.(hash.digest('base64'));
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
export const nodeFiles: LocalFiles = {
  readUpload,
  inspectUpload,
  prepareDownload,
  writeAtomic,
  artifacts: nodeArtifactFiles,
};
