/**
 * Writing a run's history and summary from TypeScript: {@link RunWriter}, made by
 * `run.writer()` (a light shell here, with the options, their defaults and the limits; its code
 * in `writer-impl.ts`, loaded with the runs domain), sends rows through the run's `file_stream` endpoint (wandb-ops.md §8.1) the way
 * the official client does — `wandb-history.jsonl` lines at their line offsets (a resumed run
 * continues after its `historyLineCount`), the whole `wandb-summary.json` at offset 0, and a final
 * `{ "complete": true, "exitcode": n }`. Requests carry at most `rowsPerRequest` rows and about
 * `maxRequestBytes` bytes, and are retried with the Api's retry policy: since every line travels
 * with its offset, a repeated request replaces what the first one wrote, so a lost response never
 * duplicates a row.
 *
 * @example
 * ```ts
 * const run = await api.createRun({ project: 'vision' });
 * const writer = run.writer();
 * for (let epoch = 0; epoch < 3; epoch++) await writer.log({ loss: 1 / (epoch + 1) });
 * await writer.summary({ best_loss: 1 / 3 });
 * await writer.finish();
 * ```
 * @module
 */

/**
 * Name of the history file in a `file_stream` request.
 *
 * @example
 * ```ts
 * body.files[HISTORY_FILE]; // { offset: 0, content: ['{"_step":0}'] }
 * ```
 */
export const HISTORY_FILE = 'wandb-history.jsonl';
/**
 * Name of the summary file in a `file_stream` request.
 *
 * @example
 * ```ts
 * body.files[SUMMARY_FILE]; // { offset: 0, content: ['{"loss":0.1}'] }
 * ```
 */
export const SUMMARY_FILE = 'wandb-summary.json';
/**
 * Default of {@link RunWriterOptions.maxRequestBytes}: 10 MiB, as the official client.
 *
 * @example
 * ```ts
 * run.writer({ maxRequestBytes: DEFAULT_MAX_REQUEST_BYTES / 2 });
 * ```
 */
export const DEFAULT_MAX_REQUEST_BYTES = 10 * 1024 * 1024;
/**
 * Default of {@link RunWriterOptions.rowsPerRequest}.
 *
 * @example
 * ```ts
 * run.writer({ rowsPerRequest: DEFAULT_ROWS_PER_REQUEST * 2 });
 * ```
 */
export const DEFAULT_ROWS_PER_REQUEST = 1000;

/**
 * Longest history line the W&B backend accepts, in bytes: 10 MiB less 100 KiB, as the official
 * client's `defaultMaxFileLineBytes` (Go `core/internal/filestream`).
 *
 * @example
 * ```ts
 * if (JSON.stringify(row).length > MAX_HISTORY_LINE_BYTES) console.warn('too large for W&B');
 * ```
 */
export const MAX_HISTORY_LINE_BYTES = 10 * 1024 * 1024 - 100 * 1024;
/**
 * Default of {@link RunWriterOptions.timeoutMs}: 180 s per request, as the official Go client.
 *
 * @example
 * ```ts
 * run.writer({ timeoutMs: DEFAULT_FILE_STREAM_TIMEOUT_MS * 2 });
 * ```
 */
export const DEFAULT_FILE_STREAM_TIMEOUT_MS = 180_000;

/**
 * Default of {@link RunWriterOptions.retry}: up to 100 attempts within 30 minutes per request.
 *
 * @example
 * ```ts
 * run.writer({ retry: { ...DEFAULT_FILE_STREAM_RETRY, maxElapsedMs: 3_600_000 } }); // an hour
 * ```
 */
export const DEFAULT_FILE_STREAM_RETRY = Object.freeze({
  /** Attempts per request, the first one included. */
  maxAttempts: 100,
  /** Milliseconds from a request's first attempt after which no new attempt starts (30 minutes). */
  maxElapsedMs: 1_800_000,
});

/**
 * Default of {@link RunWriterOptions.flushIntervalMs}: 15 s, the official client's transmit interval.
 *
 * @example
 * ```ts
 * run.writer({ flushIntervalMs: DEFAULT_FLUSH_INTERVAL_MS * 4 });
 * ```
 */
export const DEFAULT_FLUSH_INTERVAL_MS = 15_000;

/**
 * What a {@link RunWriter} has done so far, as passed to {@link RunWriterOptions.onProgress}
 * after each acknowledged request.
 *
 * @example
 * ```ts
 * const onProgress = (p: RunWriterProgress) => console.log(`${p.rowsSent} rows sent, ${p.rowsPending} waiting`);
 * ```
 */
export interface RunWriterProgress {
  /** History rows the server has acknowledged, by this writer. */
  rowsSent: number;
  /** Rows logged but not acknowledged yet (the last row counts until it is sent). */
  rowsPending: number;
  /** `file_stream` requests acknowledged. */
  requests: number;
  /** Bytes of the acknowledged request bodies. */
  bytesSent: number;
  /** Whether the run has been marked complete (after {@link RunWriter.finish}). */
  finished: boolean;
}

/**
 * Options of `run.writer()`.
 *
 * @example
 * ```ts
 * const writer = run.writer({ rowsPerRequest: 200, onProgress: (p) => console.log(p.rowsSent), signal });
 * ```
 */
export interface RunWriterOptions {
  /**
   * Most history rows per request; when that many are waiting, {@link RunWriter.log} sends them
   * before it resolves.
   * @defaultValue 1000
   */
  rowsPerRequest?: number;
  /**
   * Approximate largest request body, in bytes; rows are split over requests to stay below it. A
   * single row larger than this, or than the backend's line limit (10 MiB less 100 KiB), is
   * refused with a `ValidationError`.
   * @defaultValue 10_485_760 (10 MiB)
   */
  maxRequestBytes?: number;
  /**
   * Longest time one request (one attempt, its body included) may take, in ms; retries get a fresh
   * one. Longer than the Api's `timeoutMs`, as a 10 MiB request may take a while to send.
   * @defaultValue 180_000
   */
  timeoutMs?: number;
  /**
   * Longest time a finished row (or a summary change) waits before the writer sends it on its own,
   * in ms, so that slowly logged rows reach W&B (and the run does not look idle) without a
   * `flush()`; the last row logged waits for the next `log`, `flush` or `finish`, since a row of
   * the same step may still be merged into it. A failure of such a send is not thrown: the rows
   * stay buffered and the next call sends them again. `Infinity` (or `0`) turns it off. The timer
   * never keeps a Node process alive.
   * @defaultValue 15_000
   */
  flushIntervalMs?: number;
  /**
   * How long the writer keeps retrying one request that fails with a retryable error (a network
   * error, 408, 429, 5xx): at most `maxAttempts` attempts within `maxElapsedMs`, over the Api's
   * retry policy (its delays and `onRetry` are kept; an Api made with `retry: false` never
   * retries). Longer than the Api's default, as the official client retries its file_stream for
   * a long time: a request repeated after a lost answer replaces what it wrote, so retrying is safe.
   * @defaultValue { maxAttempts: 100, maxElapsedMs: 1_800_000 } (30 minutes)
   */
  retry?: {
    /** Attempts per request, the first one included (a positive integer). */
    maxAttempts?: number;
    /** Milliseconds from a request's first attempt after which no new attempt starts. */
    maxElapsedMs?: number;
  };
  /** Called after each acknowledged request with the {@link RunWriterProgress}. What it throws is ignored. */
  onProgress?: (progress: RunWriterProgress) => void;
  /**
   * Stops sending: the call in progress and every later one reject with the signal's reason.
   * What the server acknowledged before stays written; the run stays `running`.
   */
  signal?: AbortSignal;
  /**
   * Clock for `_timestamp` and `_runtime`, in ms since the epoch (e.g. a fake clock in tests, or
   * the time of the events being replayed).
   * @defaultValue Date.now
   */
  now?: () => number;
}

/**
 * Options of {@link RunWriter.finish}.
 *
 * @example
 * ```ts
 * await writer.finish({ exitCode: 1 }); // the run ends "failed"
 * ```
 */
export interface RunWriterFinishOptions {
  /** The exit code the run ends with: `0` marks it `finished`, anything else `failed`. Default `0`. */
  exitCode?: number;
}

/**
 * One history row: string keys, JSON values (`NaN` and `±Infinity` are kept). `_step`,
 * `_timestamp` (seconds since the epoch) and `_runtime` (seconds since the run started) are
 * filled in when absent.
 *
 * @example
 * ```ts
 * const row: HistoryInput = { loss: 0.25, acc: 0.9, _step: 10 };
 * ```
 */
export type HistoryInput = Record<string, unknown>;

/**
 * Writes history rows and the summary of one run through its `file_stream` (see the module
 * description). Made by `run.writer()`. Calls run one after another in the order they were made,
 * so un-awaited `log` calls keep their order; each returns a promise that rejects with a
 * `ValidationError` for bad input (nothing of that call is sent) or with the typed error of a
 * request that failed after its retries (its rows stay buffered: the next `flush` or `finish`
 * sends them again, at the same offsets).
 *
 * Rows are kept until `rowsPerRequest` are waiting, then sent; `flush()` sends what waits,
 * `finish()` sends the rest and marks the run complete. After `finish`, every call rejects.
 *
 * @example
 * ```ts
 * const writer = (await api.run('acme/vision/a1b2c3d4')).writer(); // resumes after the existing rows
 * await writer.log({ loss: 0.1 });
 * await writer.finish();
 * ```
 */
export abstract class RunWriter {
  /**
   * @internal Made by `run.writer()`.
   * @example
   * ```ts
   * const writer = run.writer();
   * ```
   */
  protected constructor() {}

  /**
   * What has been sent so far (a copy).
   *
   * @example
   * ```ts
   * console.log(`${writer.progress.rowsSent} rows written`);
   * ```
   */
  abstract get progress(): RunWriterProgress;

  /**
   * Whether {@link RunWriter.finish} has completed: the run is marked complete and further calls reject.
   *
   * @example
   * ```ts
   * if (!writer.finished) await writer.finish();
   * ```
   */
  abstract get finished(): boolean;

  /**
   * Logs one history row. `_step` is the previous row's step plus one (the first row of a resumed
   * run continues after its last step) unless the row gives one; a row with the same `_step` as
   * the previous one is merged into it (its keys win), as the official client does while that row
   * is not sent yet. `_timestamp` (seconds since the epoch) and `_runtime` (seconds since the run
   * started; a resumed run continues its `_runtime`) are added unless given. Resolves once the row
   * is buffered — or, when that fills a batch of `rowsPerRequest`, once the batch is acknowledged.
   *
   * @throws {@link ValidationError} (nothing of this row is sent) for a row that is not a plain
   *   object, a value JSON cannot hold (functions, BigInt, class instances, circular references),
   *   a `_step` that is not a non-negative integer or is lower than the previous row's (or the
   *   step of a row already sent), a `_timestamp` / `_runtime` that is not a number, a row larger
   *   than `maxRequestBytes`, or a finished writer. When the batch it fills still fails after
   *   the retries, `log` rejects with that request's typed error **but the row is kept**: do not
   *   log it again (that would add it twice, at the next step); call `flush()` or `finish()`
   *   to send it and the rest again.
   * @example
   * ```ts
   * await writer.log({ loss: 0.31, acc: 0.88 });            // _step 0
   * await writer.log({ loss: 0.27 });                       // _step 1
   * await writer.log({ 'val/loss': 0.3, _step: 1 });        // merged into step 1
   * await writer.log({ loss: NaN, _step: 5 });              // NaN is kept; steps 2-4 are skipped
   * ```
   */
  abstract log(row: HistoryInput): Promise<void>;

  /**
   * Sets summary values: merged into the run's summary key by key (a nested object replaces the
   * key's whole value). The summary sent is the last logged value of each history key, except for
   * keys set here, which keep the value set here. It is sent with the next request (`flush`,
   * `finish`, or a full batch).
   *
   * @throws {@link ValidationError} for anything but a plain object of JSON values, or a finished writer.
   * @example
   * ```ts
   * await writer.summary({ best_acc: 0.93, notes: { optimizer: 'adam' } });
   * ```
   */
  abstract summary(values: Record<string, unknown>): Promise<void>;

  /**
   * Sends every row logged so far (the last one included) and the summary if it changed, in as
   * many requests as the limits need, and resolves once the server acknowledged them.
   *
   * @throws the typed error of a request that still failed after its retries (the rows stay
   *   buffered), the signal's reason when it aborted, or a {@link ValidationError} when finished.
   * @example
   * ```ts
   * await writer.log({ loss: 0.2 });
   * await writer.flush(); // the row is on the server now
   * ```
   */
  abstract flush(): Promise<void>;

  /**
   * Sends the rest (rows and summary) and marks the run complete with `exitCode` (`0`: the run
   * ends `finished`; anything else: `failed`). Further calls reject. If a request fails, the
   * writer is not finished: call `finish` again to retry (nothing is duplicated).
   *
   * @throws {@link ValidationError} for an exit code that is not an integer, or when already finished.
   * @example
   * ```ts
   * await writer.finish();                 // state "finished"
   * await otherWriter.finish({ exitCode: 1 }); // state "failed"
   * ```
   */
  abstract finish(options?: RunWriterFinishOptions): Promise<void>;
}
