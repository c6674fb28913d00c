/**
 * Reading TensorBoard logs: tfevents files to W&B history rows and images
 * ({@link readEventFile}, {@link eventsToRows}, {@link readTensorboardDir}).
 *
 * @example
 * ```ts
 * const result = await readTensorboardDir('logs', nodeTensorboardFiles);
 * console.log(result.rows.length, result.corrupt);
 * ```
 * @module
 */
import type { TensorboardFiles } from '../../io/tensorboard.js';
import { eventsToRows, type TbConversion } from './convert.js';
import { readEventFile, type CorruptRecord } from './reader.js';

export * from './convert.js';
export * from './reader.js';

/**
 * Everything read from a TensorBoard folder: the conversion, the event files found (to upload
 * as run files) and the corrupt records that cut files short.
 *
 * @example
 * ```ts
 * const { rows, files, corrupt }: TensorboardLogs = await readTensorboardDir('logs', io);
 * ```
 */
export interface TensorboardLogs extends TbConversion {
  /** The tfevents files, relative to the root (`/`-separated), in sync order. */
  files: string[];
  corrupt: CorruptRecord[];
}

/**
 * Reads every tfevents file under `rootDir` (see {@link TensorboardFiles.list} for the order)
 * and converts them with {@link eventsToRows}.
 *
 * @param rootDir - The TensorBoard log folder.
 * @param io - Disk access (`nodeTensorboardFiles` on Node).
 * @param options - `signal` stops between files (the promise rejects with its reason).
 * @example
 * ```ts
 * const { rows, skipped } = await readTensorboardDir('logs', nodeTensorboardFiles);
 * ```
 */
export async function readTensorboardDir(
  rootDir: string,
  io: TensorboardFiles,
  options: { signal?: AbortSignal } = {},
): Promise<TensorboardLogs> {
  const files = await io.list(rootDir);
  const read = [];
  for (const file of files) {
    options.signal?.throwIfAborted();
    read.push(await readEventFile(await io.read(rootDir, file), { file }));
  }
  return { ...eventsToRows(read), files, corrupt: read.flatMap((f) => f.corrupt) };
}
