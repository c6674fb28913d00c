/**
 * Where the CLI's writers put bytes: a file written atomically (a hidden temporary file in the
 * same folder, renamed over the target when complete, removed when aborted: a reader never sees
 * a partial file) or an output stream such as stdout (written with back-pressure, never ended).
 *
 * @example
 * ```ts
 * const sink = fileSink('out/runs.csv');
 * await sink.write('id\n');
 * await sink.close(); // out/runs.csv appears, whole
 * ```
 * @module
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * A stream {@link streamSink} writes to: `process.stdout`, the CLI's `env.stdout`, or a test's.
 *
 * @example
 * ```ts
 * const out: WritableLike = process.stdout;
 * ```
 */
export interface WritableLike {
  write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void): boolean;
}

/**
 * A destination of bytes.
 *
 * @example
 * ```ts
 * async function hello(sink: ByteSink) { await sink.write('hello\n'); await sink.close(); }
 * ```
 */
export interface ByteSink {
  /** Writes a chunk (text as UTF-8); resolves when it may be written again. */
  write(chunk: Uint8Array | string): Promise<void>;
  /** Completes the output: a file appears under its name. */
  close(): Promise<void>;
  /** Gives up: a file's temporary is removed, nothing appears. Never rejects. */
  abort(): Promise<void>;
}

/**
 * Whether a file name is one of the temporaries of {@link fileSink} (`.<name>.<pid>-<hex>.tmp`),
 * which a killed process may leave behind; readers such as Spark and Hive skip names that start
 * with a dot, DuckDB's `*.parquet` globs do not match them.
 *
 * @example
 * ```ts
 * isTemporaryName('.runs.csv.123-ab12cd34.tmp'); // true
 * ```
 */
export function isTemporaryName(name: string): boolean {
  return /^\..+\.\d+-[0-9a-f]{8}\.tmp$/.test(name);
}

/**
 * A sink writing `path` atomically: the bytes go to a temporary file beside it, which
 * {@link ByteSink.close} renames over `path` (creating missing folders first). Nothing is
 * created before the first write or close.
 *
 * @example
 * ```ts
 * const sink = fileSink('export/history/run=a1/part-0.parquet');
 * ```
 */
export function fileSink(path: string): ByteSink {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let handle: Promise<FileHandle> | undefined;
  let done = false;
  const opened = (): Promise<FileHandle> => {
    // The folder usually exists: try first, create it only when missing (one system call saved per file).
    handle ??= open(temp, 'w').catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      await mkdir(dirname(path), { recursive: true });
      return open(temp, 'w');
    });
    return handle;
  };
  return {
    async write(chunk) {
      if (done) throw new Error(`${path}: written after close`);
      const h = await opened();
      await h.write(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    },
    async close() {
      if (done) return;
      done = true;
      const h = await opened();
      await h.close();
      await rename(temp, path);
    },
    async abort() {
      if (done && !handle) return;
      done = true;
      if (!handle) return;
      try {
        await (await handle).close();
      } catch {
        // already closed, or never opened
      }
      await rm(temp, { force: true }).catch(() => undefined);
    },
  };
}

/**
 * Writes a whole file atomically (see {@link fileSink}).
 *
 * @example
 * ```ts
 * await writeFileAtomic('export/.wandb-export.json', JSON.stringify(state));
 * ```
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const sink = fileSink(path);
  try {
    await sink.write(data);
    await sink.close();
  } catch (error) {
    await sink.abort();
    throw error;
  }
}

/**
 * A sink over an output stream (stdout): each write waits for the stream to take the chunk;
 * `close` leaves the stream open, `abort` does nothing (what was written stays written).
 *
 * @example
 * ```ts
 * const sink = streamSink(env.stdout);
 * ```
 */
export function streamSink(stream: WritableLike): ByteSink {
  return {
    write: (chunk) =>
      new Promise<void>((resolve, reject) => {
        stream.write(chunk, (error) => (error ? reject(error) : resolve()));
      }),
    close: () => Promise.resolve(),
    abort: () => Promise.resolve(),
  };
}
