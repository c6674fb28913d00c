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
  const bar = countsBar(env, `${label} [{bar}] {percentage}% | {filesDone}/{files} files | {bytesText}`);
  return {
    update: (p) =>
      bar.update(p.bytesDone, Math.max(p.bytes, 1), {
        filesDone: p.filesDone,
        files: p.files,
        bytesText: `${showBytes(p.bytesDone)} / ${showBytes(p.bytes)}`,
      }),
    stop: () => bar.stop(),
  };
}

/**
 * A bar over `value` of `total` with a `cli-progress` format (`{bar}`, `{value}`, `{total}`,
 * `{percentage}` and the payload's keys), drawn on `env.stderr` once first updated; a no-op
 * where {@link CliEnv.progress} does not allow progress.
 *
 * @example
 * ```ts
 * const bar = countsBar(env, 'export [{bar}] {value}/{total} runs | {rows} rows');
 * bar.update(10, 100, { rows: 5000 });
 * bar.stop();
 * ```
 */
export function countsBar(
  env: CliEnv,
  format: string,
): { update(value: number, total: number, payload: Record<string, unknown>): void; stop(): void } {
  if (!env.progress) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream: env.stderr as NodeJS.WritableStream,
      format,
      hideCursor: true,
      clearOnComplete: true,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(value, total, payload) {
      if (!started) {
        bar.start(total, value, payload);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(value, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
