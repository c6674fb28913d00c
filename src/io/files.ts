/**
 * Local file access for run files, as an interface: the Node build implements it
 * (`files.node.ts`); the core (browser) build has none, so `File.download()` and
 * `Run.uploadFile(path)` reject there with `UnsupportedError`. Types only: browser-safe.
 *
 * @example
 * ```ts
 * const target = await disk.prepareDownload('out', ['logs', 'a.txt'], 'logs/a.txt', false);
 * await disk.writeAtomic(target, body, { replace: false });
 * ```
 * @module
 */
import type { ArtifactFiles } from './artifact-files.js';

/**
 * A file read for upload: its name relative to the upload root (with `/` separators, not yet made
 * upload-safe) and its content.
 *
 * @example
 * ```ts
 * const { relativeName, data } = await disk.readUpload('runs/out/model.ckpt', 'runs');
 * relativeName; // 'out/model.ckpt'
 * ```
 */
export interface UploadSource {
  /** The path relative to the root, `/`-separated; starts with `../` when the file is outside the root. */
  relativeName: string;
  /** The content: a file-backed `Blob` where the platform has one (nothing read into memory), else the bytes. */
  data: Blob | Uint8Array;
}

/**
 * What the facade needs from a local file system.
 *
 * @example
 * ```ts
 * class NodeApi extends CoreApi {
 *   protected override fileSystem(): LocalFiles { return nodeFiles; }
 * }
 * ```
 */
export interface LocalFiles {
  /** Artifact downloads' helpers (default folders, hashing, listing, the content cache); absent where there is no disk. */
  readonly artifacts?: ArtifactFiles;
  /**
   * Reads the file at `path` (relative to the working directory) for upload.
   * Rejects with `ValidationError` (parameter `path`) when there is no such regular file.
   *
   * @example
   * ```ts
   * const { relativeName, data } = await disk.readUpload('out/model.ckpt', 'out'); // 'model.ckpt'
   * ```
   */
  readUpload(path: string, root: string): Promise<UploadSource>;
  /**
   * Checks, synchronously, that `path` (relative to the working directory) is a regular file and
   * returns its name relative to `root` (`/`-separated; starts with `../` when outside the root)
   * and its size, without reading it: what `draft.addFile()` checks when it is called.
   * Throws `ValidationError` (parameter `path`) when there is no such regular file.
   *
   * @example
   * ```ts
   * const { relativeName, size } = disk.inspectUpload('data/train.csv', 'data'); // 'train.csv'
   * ```
   */
  inspectUpload(path: string, root: string): { relativeName: string; size: number };
  /**
   * Resolves where a download goes — `<root>/<segments...>`, which must stay inside `root`, also
   * through symbolic links (`ValidationError` naming `name` otherwise) — creates the missing
   * folders, and rejects with `ConflictError` when something exists there (or a file is where a
   * folder should be) and `replace` is false. Resolves with the absolute target path.
   *
   * @example
   * ```ts
   * const target = await disk.prepareDownload('out', ['logs', 'a.txt'], 'logs/a.txt', false); // '/abs/out/logs/a.txt'
   * ```
   */
  prepareDownload(root: string, segments: readonly string[], name: string, replace: boolean): Promise<string>;
  /**
   * Streams `body` into a temporary file next to `target` and renames it to `target` once the
   * body has been read completely; on any failure the temporary file is removed and an existing
   * `target` is left as it was. Without `replace`, an existing `target` is never overwritten
   * (`ConflictError`). With `verify`, the bytes are hashed (MD5) as they are written, and once all
   * are written `verify` gets the digest, base64-encoded; if it throws (or rejects), that is the
   * failure: nothing is put in place.
   *
   * @example
   * ```ts
   * await disk.writeAtomic(target, file.stream(), { replace: false, verify: (md5) => check(md5) });
   * ```
   */
  writeAtomic(target: string, body: ReadableStream<Uint8Array>, options: WriteAtomicOptions): Promise<void>;
}

/**
 * Options of {@link LocalFiles.writeAtomic}.
 *
 * @example
 * ```ts
 * const options: WriteAtomicOptions = { replace: true, verify: (md5) => { if (md5 !== expected) throw new Error('corrupt'); } };
 * ```
 */
export interface WriteAtomicOptions {
  /** Overwrite an existing `target`. */
  replace: boolean;
  /**
   * Called with the base64 MD5 digest of every byte written, before the file is put in place; what
   * it throws fails the write and removes the temporary file. Default: no hashing.
   */
  verify?: (md5Base64: string) => void | Promise<void>;
  /**
   * Flush the file to the device (`fsync`) before it is put in place, so that a power loss cannot
   * leave a torn file under `target`. Default `true`. Callers that check every file they find
   * against its MD5 before trusting it (artifact downloads, which resume that way) turn it off:
   * a torn file is then fetched again, and the download does not wait for the disk.
   */
  durable?: boolean;
}

/**
 * The name of a temporary file `writeAtomic` writes before it renames it into place. One is left
 * behind only when the process is killed mid-write; listings of downloaded folders skip them.
 *
 * @example
 * ```ts
 * PARTIAL_DOWNLOAD.test('.wandb-download-0a1b2c3d4e5f.partial'); // true
 * ```
 */
export const PARTIAL_DOWNLOAD = /^\.wandb-download-[0-9a-f]{12}\.partial$/;
