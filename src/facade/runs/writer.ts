/**
 * Writing a run's history and summary from TypeScript: {@link RunWriter}, made by
 * `run.writer()`, sends rows through the run's `file_stream` endpoint (wandb-ops.md §8.1) the way
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
import { ValidationError } from '../../errors/index.js';
import type { FacadeContext } from '../core/context.js';
import { checkSendableJson } from '../core/json.js';
import {
  describeValue,
  isPlainObject,
  optionalPositive,
  optionalSignal,
  optionsObject,
} from '../core/validate.js';
import { fileStreamPath } from '../paths/urls.js';
import { stringifyJsonWithNonFinite } from './encode.js';

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

/** Room left in a request for its JSON wrapper (file names, offsets, flags). */
const ENVELOPE_BYTES = 512;

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

interface Line {
  /** The row as a JSON line. */
  text: string;
  /** Bytes it takes in a request body (JSON-escaped, as an item of `content`). */
  bytes: number;
}

const encoder = new TextEncoder();

function escapedBytes(text: string): number {
  return encoder.encode(JSON.stringify(text)).length + 1;
}

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
export class RunWriter {
  readonly #ctx: FacadeContext;
  readonly #path: string;
  readonly #label: string;
  readonly #load: () => Promise<{
    historyLineCount: number;
    lastStep: number;
    summary: Record<string, unknown>;
  }>;
  readonly #rowsPerRequest: number;
  readonly #maxBytes: number;
  readonly #onProgress: ((p: RunWriterProgress) => void) | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #now: () => number;
  readonly #startedAt: number;
  readonly #timeoutMs: number;
  readonly #flushIntervalMs: number;
  readonly #retryBounds: { maxAttempts: number; maxElapsedMs: number };
  #timer: ReturnType<typeof setTimeout> | undefined;

  #chain: Promise<void> = Promise.resolve();
  #ready = false;
  #finished = false;
  /** History line index of the first line in `#lines`. */
  #offset = 0;
  /** The step of the last row logged (-1 before any). */
  #lastStep = -1;
  #runtimeBase = 0;
  /** Rows committed (final), not acknowledged yet, in order. */
  #lines: Line[] = [];
  /** The last row, still open: a row logged with the same `_step` is merged into it. */
  #pending: Record<string, unknown> | undefined;
  #pendingLine: Line | undefined;
  /** Last value of each history key, and the run's summary when the writer started. */
  #fromHistory: Record<string, unknown> = {};
  /** Keys set with `summary()`: they win over the history's last values. */
  #explicit: Record<string, unknown> = {};
  #summarySent: string | undefined;
  #progress: RunWriterProgress = { rowsSent: 0, rowsPending: 0, requests: 0, bytesSent: 0, finished: false };

  /**
   * @internal Made by `run.writer()`.
   * @example
   * ```ts
   * const writer = run.writer();
   * ```
   */
  constructor(
    ctx: FacadeContext,
    where: { entity: string; project: string; runId: string },
    load: () => Promise<{ historyLineCount: number; lastStep: number; summary: Record<string, unknown> }>,
    options: RunWriterOptions = {},
  ) {
    const o = optionsObject(options);
    this.#ctx = ctx;
    this.#path = fileStreamPath(where.entity, where.project, where.runId);
    this.#label = `${where.entity}/${where.project}/${where.runId}`;
    this.#load = load;
    this.#rowsPerRequest =
      optionalPositive(o.rowsPerRequest, 'rowsPerRequest', { integer: true }) ?? DEFAULT_ROWS_PER_REQUEST;
    this.#maxBytes =
      optionalPositive(o.maxRequestBytes, 'maxRequestBytes', { integer: true }) ?? DEFAULT_MAX_REQUEST_BYTES;
    if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
      throw new ValidationError('onProgress', `expected a function, got ${describeValue(o.onProgress)}`);
    }
    if (o.now !== undefined && typeof o.now !== 'function') {
      throw new ValidationError(
        'now',
        `expected a function returning ms since the epoch, got ${describeValue(o.now)}`,
      );
    }
    this.#timeoutMs = optionalPositive(o.timeoutMs, 'timeoutMs') ?? DEFAULT_FILE_STREAM_TIMEOUT_MS;
    if (o.retry !== undefined && !isPlainObject(o.retry)) {
      throw new ValidationError(
        'retry',
        `expected { maxAttempts?, maxElapsedMs }, got ${describeValue(o.retry)}`,
      );
    }
    this.#retryBounds = {
      maxAttempts:
        optionalPositive(o.retry?.maxAttempts, 'retry.maxAttempts', { integer: true }) ??
        DEFAULT_FILE_STREAM_RETRY.maxAttempts,
      maxElapsedMs:
        optionalPositive(o.retry?.maxElapsedMs, 'retry.maxElapsedMs') ??
        DEFAULT_FILE_STREAM_RETRY.maxElapsedMs,
    };
    const interval = o.flushIntervalMs === 0 ? Infinity : o.flushIntervalMs;
    if (interval !== Infinity) optionalPositive(interval, 'flushIntervalMs');
    this.#flushIntervalMs = interval ?? DEFAULT_FLUSH_INTERVAL_MS;
    this.#onProgress = o.onProgress;
    this.#signal = optionalSignal(o.signal);
    this.#now = o.now ?? Date.now;
    this.#startedAt = this.#now();
  }

  /**
   * What has been sent so far (a copy).
   *
   * @example
   * ```ts
   * console.log(`${writer.progress.rowsSent} rows written`);
   * ```
   */
  get progress(): RunWriterProgress {
    return { ...this.#progress, rowsPending: this.#rowsPending };
  }

  /**
   * Whether {@link RunWriter.finish} has completed: the run is marked complete and further calls reject.
   *
   * @example
   * ```ts
   * if (!writer.finished) await writer.finish();
   * ```
   */
  get finished(): boolean {
    return this.#finished;
  }

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
  log(row: HistoryInput): Promise<void> {
    let copy: Record<string, unknown>;
    try {
      copy = checkRow(row);
    } catch (e) {
      return Promise.reject(e);
    }
    return this.#enqueue(async () => {
      await this.#start();
      this.#add(copy);
      if (this.#lines.length >= this.#rowsPerRequest) await this.#sendLines(this.#rowsPerRequest);
      this.#arm();
    });
  }

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
  summary(values: Record<string, unknown>): Promise<void> {
    if (!isPlainObject(values)) {
      return Promise.reject(
        new ValidationError(
          'summary',
          `expected a plain object of summary values, got ${describeValue(values)}`,
        ),
      );
    }
    try {
      checkSendableJson(values, 'summary');
      stringifyJsonWithNonFinite(values, 'summary');
    } catch (e) {
      return Promise.reject(e);
    }
    const copy = { ...values };
    return this.#enqueue(async () => {
      await this.#start();
      Object.assign(this.#explicit, copy);
      this.#arm();
    });
  }

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
  flush(): Promise<void> {
    return this.#enqueue(async () => {
      await this.#start();
      await this.#drain(false);
    });
  }

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
  finish(options: RunWriterFinishOptions = {}): Promise<void> {
    let exitCode: number;
    try {
      const o = optionsObject(options);
      exitCode = o.exitCode ?? 0;
      if (typeof exitCode !== 'number' || !Number.isInteger(exitCode) || Math.abs(exitCode) > 2 ** 31 - 1) {
        throw new ValidationError('exitCode', `expected an integer, got ${describeValue(exitCode)}`);
      }
    } catch (e) {
      return Promise.reject(e);
    }
    return this.#enqueue(async () => {
      await this.#start();
      await this.#drain(true, exitCode);
      this.#disarm();
      this.#finished = true;
      this.#progress.finished = true;
      this.#report();
    });
  }

  get #rowsPending(): number {
    return this.#lines.length + (this.#pending ? 1 : 0);
  }

  /** Runs `task` after every earlier call settled; rejects at once when finished or aborted. */
  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = async (): Promise<void> => {
      if (this.#finished) {
        throw new ValidationError(
          'writer',
          `the RunWriter of ${this.#label} is finished; make a new one with run.writer() to write more`,
        );
      }
      if (this.#signal?.aborted) {
        this.#disarm();
        this.#signal.throwIfAborted();
      }
      try {
        await task();
      } catch (e) {
        // Nothing is sent in the background after a failure: the rows stay buffered until the
        // caller's next call, so a caller that gave up (or started another writer on the same run)
        // never sees this one write later at the same offsets.
        this.#disarm();
        throw e;
      }
    };
    const result = this.#chain.then(run);
    this.#chain = result.catch(() => undefined);
    return result;
  }

  async #start(): Promise<void> {
    if (this.#ready) return;
    const state = await this.#load();
    this.#offset = state.historyLineCount;
    this.#lastStep = state.lastStep;
    this.#fromHistory = { ...state.summary };
    const runtime = state.summary['_runtime'];
    this.#runtimeBase = typeof runtime === 'number' && Number.isFinite(runtime) ? runtime : 0;
    this.#ready = true;
  }

  /** Adds a checked row: merged into the open row of the same step, or opening a new one. */
  #add(row: Record<string, unknown>): void {
    const given = row['_step'];
    const openStep = this.#pending ? (this.#pending['_step'] as number) : undefined;
    if (given !== undefined && openStep !== undefined && given === openStep) {
      const merged = { ...this.#pending, ...row };
      const line = this.#encode(merged);
      this.#pending = merged;
      this.#pendingLine = line;
      return;
    }
    const step = given === undefined ? this.#lastStep + 1 : (given as number);
    if (step <= this.#lastStep) {
      throw new ValidationError(
        'row._step',
        `${step} goes back: the last step written is ${this.#lastStep}, and steps must increase`,
      );
    }
    const nowMs = this.#now();
    const full: Record<string, unknown> = {
      ...row,
      _step: step,
      _runtime: row['_runtime'] ?? this.#runtimeBase + (nowMs - this.#startedAt) / 1000,
      _timestamp: row['_timestamp'] ?? nowMs / 1000,
    };
    const line = this.#encode(full);
    this.#commit();
    this.#pending = full;
    this.#pendingLine = line;
    this.#lastStep = step;
  }

  #encode(row: Record<string, unknown>): Line {
    const text = stringifyJsonWithNonFinite(row, 'row');
    const line = { text, bytes: escapedBytes(text) };
    if (line.bytes + ENVELOPE_BYTES > this.#maxBytes) {
      throw new ValidationError(
        'row',
        `it takes ${line.bytes} bytes as JSON, more than maxRequestBytes (${this.#maxBytes}) allows`,
      );
    }
    if (text.length > MAX_HISTORY_LINE_BYTES / 4 && encoder.encode(text).length > MAX_HISTORY_LINE_BYTES) {
      throw new ValidationError(
        'row',
        `it takes more than ${MAX_HISTORY_LINE_BYTES} bytes as JSON, the longest history line W&B accepts`,
      );
    }
    return line;
  }

  /** Makes the open row final: it joins the rows to send, and its values the summary. */
  #commit(): void {
    if (!this.#pending || !this.#pendingLine) return;
    this.#lines.push(this.#pendingLine);
    Object.assign(this.#fromHistory, this.#pending);
    this.#pending = undefined;
    this.#pendingLine = undefined;
  }

  #summaryLine(): string {
    return stringifyJsonWithNonFinite({ ...this.#fromHistory, ...this.#explicit }, 'summary');
  }

  /** Sends every committed row (the open one first committed), then the summary / completion. */
  async #drain(complete: boolean, exitCode = 0, commit = true): Promise<void> {
    if (commit) this.#commit();
    while (this.#lines.length > 0) {
      // The summary and completion ride with the last batch when they fit.
      const last = await this.#sendLines(this.#rowsPerRequest, complete ? exitCode : undefined);
      if (last === 'completed') return;
    }
    const summary = this.#summaryLine();
    if (!complete && summary === this.#summarySent) return;
    await this.#post(
      [],
      summary === this.#summarySent ? undefined : summary,
      complete ? exitCode : undefined,
    );
  }

  /**
   * Sends up to `maxRows` committed rows in one request (fewer if `maxRequestBytes` says so),
   * with the summary when it changed and, when this is the last batch and `exitCode` is given, the
   * completion. Answers `'completed'` when the completion went with it.
   */
  async #sendLines(maxRows: number, exitCode?: number): Promise<'sent' | 'completed'> {
    const summary = this.#summaryLine();
    const summaryBytes = summary === this.#summarySent ? 0 : escapedBytes(summary);
    let budget = this.#maxBytes - ENVELOPE_BYTES;
    const batch: Line[] = [];
    for (const line of this.#lines) {
      if (batch.length >= maxRows || (batch.length > 0 && line.bytes > budget)) break;
      batch.push(line);
      budget -= line.bytes;
    }
    const all = batch.length === this.#lines.length;
    const withSummary = summaryBytes > 0 && summaryBytes <= budget ? summary : undefined;
    const complete = all && exitCode !== undefined && (withSummary !== undefined || summaryBytes === 0);
    await this.#post(batch, withSummary, complete ? exitCode : undefined);
    return complete ? 'completed' : 'sent';
  }

  async #post(batch: Line[], summary: string | undefined, exitCode: number | undefined): Promise<void> {
    const files: Record<string, { offset: number; content: string[] }> = {};
    if (batch.length > 0) files[HISTORY_FILE] = { offset: this.#offset, content: batch.map((l) => l.text) };
    if (summary !== undefined) files[SUMMARY_FILE] = { offset: 0, content: [summary] };
    const body: Record<string, unknown> = { files, dropped: 0 };
    if (exitCode !== undefined) Object.assign(body, { complete: true, exitcode: exitCode });
    const text = JSON.stringify(body);
    await this.#ctx.postJson(this.#path, text, {
      signal: this.#signal,
      timeoutMs: this.#timeoutMs,
      retryBounds: this.#retryBounds,
      what: `file_stream of ${this.#label}`,
    });
    // Acknowledged: these lines are on the server at their offsets.
    this.#lines.splice(0, batch.length);
    this.#offset += batch.length;
    if (summary !== undefined) this.#summarySent = summary;
    this.#progress.rowsSent += batch.length;
    this.#progress.requests += 1;
    this.#progress.bytesSent += encoder.encode(text).length;
    this.#report();
  }

  /** Starts the flush timer when something waits to be sent (see `flushIntervalMs`). */
  #arm(): void {
    if (this.#timer !== undefined || this.#flushIntervalMs === Infinity) return;
    if (this.#lines.length === 0 && this.#summaryLine() === this.#summarySent) return;
    const timer = setTimeout(() => {
      this.#timer = undefined;
      // Only the finished rows: the open one may still get a row of its step merged into it.
      this.#enqueue(() => this.#drain(false, 0, false)).catch(() => undefined);
    }, this.#flushIntervalMs);
    (timer as { unref?: () => void }).unref?.();
    this.#timer = timer;
  }

  #disarm(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #report(): void {
    try {
      this.#onProgress?.(this.progress);
    } catch {
      // a progress hook must not break the writing
    }
  }
}

/** Checks one row (see {@link RunWriter.log}) and returns a shallow copy. */
function checkRow(row: unknown): Record<string, unknown> {
  if (!isPlainObject(row)) {
    throw new ValidationError('row', `expected a plain object of history values, got ${describeValue(row)}`);
  }
  checkSendableJson(row, 'row');
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value !== undefined) copy[key] = value;
  }
  const step = copy['_step'];
  if (step !== undefined && (typeof step !== 'number' || !Number.isSafeInteger(step) || step < 0)) {
    throw new ValidationError('row._step', `expected a non-negative integer, got ${describeValue(step)}`);
  }
  for (const key of ['_timestamp', '_runtime']) {
    const v = copy[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) {
      throw new ValidationError(`row.${key}`, `expected a finite number of seconds, got ${describeValue(v)}`);
    }
  }
  return copy;
}
