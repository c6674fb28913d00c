/**
 * Node's side of artifact downloads ({@link ArtifactFiles}): default folders, hashing a file
 * already on disk, listing a folder, and the local content cache keyed by MD5.
 *
 * Cache layout: `<cacheDir>/obj/md5/<hex[0:2]>/<hex[2:]>` (the hex MD5 of the content; the
 * official Python client's layout), `cacheDir` = `$WANDB_CACHE_DIR/artifacts`, default
 * `~/.cache/wandb-api/artifacts`. An entry is made in `<cacheDir>/tmp/` (a copy of the downloaded
 * file, a clone where the file system can) and renamed into place, so an entry is never partial
 * and editing a downloaded file does not change it.
 *
 * @example
 * ```ts
 * import { nodeArtifactFiles } from './artifact-files.node.js';
 * const md5 = await nodeArtifactFiles.fileMd5('artifacts/mnist:v3/train.csv');
 * ```
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants as fsConstants, createReadStream } from 'node:fs';
import { copyFile, lstat, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { ArtifactFiles } from './artifact-files.js';
import { readEnv } from './env.js';
import { PARTIAL_DOWNLOAD } from './files.js';

function codeOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The cache path of a hex MD5 below `cacheDir`: `obj/md5/<hex[0:2]>/<hex[2:]>`.
 *
 * @example
 * ```ts
 * cachePath('/c', 'd41d8cd98f00b204e9800998ecf8427e'); // '/c/obj/md5/d4/1d8cd98f00b204e9800998ecf8427e'
 * ```
 */
export function cachePath(cacheDir: string, md5Hex: string): string {
  const hex = md5Hex.toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`not a hex MD5: ${JSON.stringify(md5Hex)}`);
  return join(cacheDir, 'obj', 'md5', hex.slice(0, 2), hex.slice(2));
}

/**
 * The default download folder of `name`: `<WANDB_ARTIFACT_DIR, default ./artifacts>/<name>`,
 * absolute, `:` replaced by `-` on Windows.
 *
 * @example
 * ```ts
 * defaultRoot('mnist:v3'); // '/cwd/artifacts/mnist:v3' ('C:\\cwd\\artifacts\\mnist-v3' on Windows)
 * ```
 */
export function defaultRoot(name: string): string {
  const base = resolve(readEnv('WANDB_ARTIFACT_DIR') ?? join('.', 'artifacts'));
  return join(base, process.platform === 'win32' ? name.replace(/:/g, '-') : name);
}

async function fileMd5(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return undefined;
  } catch (e) {
    if (codeOf(e) === 'ENOENT' || codeOf(e) === 'ENOTDIR') return undefined;
    throw e;
  }
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (folder: string, prefix: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (e) {
      if (prefix === '' && codeOf(e) === 'ENOENT') return;
      throw e;
    }
    for (const entry of entries) {
      const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) await walk(join(folder, entry.name), rel);
      else if (!PARTIAL_DOWNLOAD.test(entry.name)) out.push(rel); // a crashed download's temporary file
    }
  };
  await walk(resolve(root), '');
  return out.sort();
}

function cacheDir(): string {
  return join(readEnv('WANDB_CACHE_DIR') ?? join(homedir(), '.cache', 'wandb-api'), 'artifacts');
}

async function openCached(
  dir: string,
  md5Hex: string,
  size: number,
): Promise<ReadableStream<Uint8Array> | undefined> {
  const path = cachePath(dir, md5Hex);
  try {
    const info = await lstat(path);
    if (!info.isFile() || info.size !== size) return undefined;
  } catch {
    return undefined;
  }
  return Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
}

async function storeCached(dir: string, md5Hex: string, path: string): Promise<void> {
  const target = cachePath(dir, md5Hex);
  const tmpDir = join(dir, 'tmp');
  const temp = join(tmpDir, `${md5Hex}-${randomBytes(6).toString('hex')}`);
  try {
    if (
      await lstat(target).then(
        () => true,
        () => false,
      )
    )
      return;
    await mkdir(tmpDir, { recursive: true });
    await mkdir(join(target, '..'), { recursive: true });
    // A copy (a clone where the file system can), not a hard link: a downloaded file edited in
    // place must not rewrite the cache entry too.
    await copyFile(path, temp, fsConstants.COPYFILE_FICLONE);
    await rename(temp, target);
  } catch {
    // the cache is an optimisation: a full disk or a read-only cache folder is not an error
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

async function dropCached(dir: string, md5Hex: string): Promise<void> {
  await rm(cachePath(dir, md5Hex), { force: true }).catch(() => undefined);
}

/**
 * The Node implementation of {@link ArtifactFiles}.
 *
 * @example
 * ```ts
 * const files: LocalFiles = { ...nodeFiles, artifacts: nodeArtifactFiles };
 * ```
 */
export const nodeArtifactFiles: ArtifactFiles = {
  defaultRoot,
  absolute: (root) => resolve(root),
  join: (root, segments) => resolve(root, ...segments),
  fileMd5,
  listFiles,
  cacheDir,
  openCached,
  storeCached,
  dropCached,
};
