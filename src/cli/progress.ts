/**
 * Progress bars for transfers (files and bytes), drawn with `cli-progress` on stderr, and only
 * where {@link CliEnv.progress} allows it (a terminal, no `--quiet`); elsewhere nothing is drawn.
 *
 * @example
 * ```ts
 * const bar = transferBar(env, 'download');
 * await artifact.download({ onProgress: (p) => bar.update(p) });
 * bar.stop();
 * ```
 * @module
 */
import cliProgress from 'cli-progress';
import type { CliEnv } from './env.js';
import { showBytes } from './table.js';

/**
 * Counts of a transfer, as the library's `onProgress` callbacks report them.
 *
 * @example
 * ```ts
 * const p: TransferProgress = { files: 3, filesDone: 1, bytes: 2048, bytesDone: 1024 };
 * ```
 */
export interface TransferProgress {
  /** Files in all. */
  files: number;
  /** Files done. */
  filesDone: number;
  /** Bytes in all. */
  bytes: number;
  /** Bytes done. */
  bytesDone: number;
}

/**
 * A bar that can be updated and stopped; a no-op where progress is not allowed.
 *
 * @example
 * ```ts
 * const bar: ProgressBar = transferBar(env, 'upload');
 * bar.update({ files: 1, filesDone: 1, bytes: 10, bytesDone: 10 });
 * bar.stop();
 * ```
 */
export interface ProgressBar {
  /** Shows the new counts. */
  update(progress: TransferProgress): void;
  /** Removes the bar (call it in `finally`). */
  stop(): void;
}

/**
 * A files-and-bytes progress bar labelled `label` on `env.stderr`, or a no-op bar.
 *
 * @example
 * ```ts
 * const bar = transferBar(env, 'download');
 * ```
 */
export function transferBar(env: CliEnv, label: string): ProgressBar {
  if (!env.progress) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream: env.stderr as NodeJS.WritableStream,
      format: `${label} [{bar}] {percentage}% | {filesDone}/{files} files | {bytesText}`,
      hideCursor: true,
      clearOnComplete: true,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const payload = {
        filesDone: p.filesDone,
        files: p.files,
        bytesText: `${showBytes(p.bytesDone)} / ${showBytes(p.bytes)}`,
      };
      const total = Math.max(p.bytes, 1);
      if (!started) {
        bar.start(total, p.bytesDone, payload);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(p.bytesDone, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
