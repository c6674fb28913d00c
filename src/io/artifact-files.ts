/**
 * What `artifact.download()`, `file()` and `verify()` need from a local file system beyond
 * `LocalFiles` (which places each download atomically): default folders, hashing files
 * already there, listing a folder, and the local content cache keyed by MD5. The Node build
 * implements it (`artifact-files.node.ts`, as `LocalFiles.artifacts`); the core (browser) build
 * has none, so those methods reject there with `UnsupportedError`. Types only: browser-safe.
 *
 * The cache (Node): `<WANDB_CACHE_DIR, default ~/.cache/wandb-api>/artifacts/obj/md5/<hex[0:2]>/<hex[2:]>`,
 * one file per content, named by the hex MD5 of its bytes — the layout of the official Python
 * client's cache, so with the same `WANDB_CACHE_DIR` both clients share entries. Entries are only
 * ever put in place whole (renamed from `tmp/`), and a hit is hashed again while it is copied out.
 *
 * @example
 * ```ts
 * const disk = ctx.disk().artifacts;
 * const md5 = await disk?.fileMd5('/abs/artifacts/mnist:v3/train.csv'); // base64, or undefined
 * ```
 * @module
 */
/**
 * Local file access for artifact downloads (see the module description).
 *
 * @example
 * ```ts
 * const root = disk.defaultRoot('mnist:v3'); // '/abs/cwd/artifacts/mnist:v3'
 * ```
 */
export interface ArtifactFiles {
  /**
   * The default download folder of an artifact version named `name` (`collection:vN`), absolute:
   * `<WANDB_ARTIFACT_DIR, default ./artifacts>/<name>`, with `:` replaced by `-` on Windows (as the
   * official client does).
   *
   * @example
   * ```ts
   * disk.defaultRoot('mnist:v3'); // '/home/me/project/artifacts/mnist:v3'
   * ```
   */
  defaultRoot(name: string): string;
  /**
   * `root` as an absolute path (relative to the working directory).
   *
   * @example
   * ```ts
   * disk.absolute('out'); // '/home/me/project/out'
   * ```
   */
  absolute(root: string): string;
  /**
   * The absolute path of `<root>/<segments...>` (not checked: callers check the segments first).
   *
   * @example
   * ```ts
   * disk.join('/abs/out', ['data', 'a.txt']); // '/abs/out/data/a.txt'
   * ```
   */
  join(root: string, segments: readonly string[]): string;
  /**
   * The base64 MD5 of the regular file at `path` (read once, streamed), or `undefined` when there
   * is no regular file there.
   *
   * @example
   * ```ts
   * await disk.fileMd5('/abs/out/a.txt'); // 'XUFAKrxLKna5cZ2REBfFkg=='
   * ```
   */
  fileMd5(path: string): Promise<string | undefined>;
  /**
   * Every regular file (and symbolic link) below `root`, as `/`-separated paths relative to it,
   * sorted; `[]` when `root` does not exist. The temporary file of a download killed mid-write
   * (`PARTIAL_DOWNLOAD`) is not listed.
   *
   * @example
   * ```ts
   * await disk.listFiles('/abs/out'); // ['a.txt', 'data/b.csv']
   * ```
   */
  listFiles(root: string): Promise<string[]>;
  /**
   * The content cache's folder, absolute: `<WANDB_CACHE_DIR, default ~/.cache/wandb-api>/artifacts`.
   *
   * @example
   * ```ts
   * disk.cacheDir(); // '/home/me/.cache/wandb-api/artifacts'
   * ```
   */
  cacheDir(): string;
  /**
   * The content stored in the cache for the hex MD5 `md5Hex`, as a stream, when there is an entry
   * of `size` bytes; else `undefined`. The caller checks the MD5 of what it reads.
   *
   * @example
   * ```ts
   * const body = await disk.openCached(cacheDir, 'd41d8cd98f00b204e9800998ecf8427e', 0);
   * ```
   */
  openCached(cacheDir: string, md5Hex: string, size: number): Promise<ReadableStream<Uint8Array> | undefined>;
  /**
   * Puts the (verified) file at `path` in the cache under `md5Hex`: a copy (a clone where the file
   * system can), placed under its final name only once complete. An entry
   * already there is kept. Failures are swallowed (the cache is an optimisation).
   *
   * @example
   * ```ts
   * await disk.storeCached(cacheDir, md5Hex, '/abs/out/a.txt');
   * ```
   */
  storeCached(cacheDir: string, md5Hex: string, path: string): Promise<void>;
  /**
   * Removes the cache entry of `md5Hex` (found corrupt). Failures are swallowed.
   *
   * @example
   * ```ts
   * await disk.dropCached(cacheDir, md5Hex);
   * ```
   */
  dropCached(cacheDir: string, md5Hex: string): Promise<void>;
}
