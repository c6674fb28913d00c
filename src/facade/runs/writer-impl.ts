/**
 * {@link RunWriterImpl}: the code of {@link RunWriter} (the buffering of rows, their encoding as
 * `wandb-history.jsonl` lines, the summary, the `file_stream` requests and their timer), loaded
 * with the runs domain.
 *
 * @example
 * ```ts
 * const writer = new RunWriterImpl(ctx, { entity: 'acme', project: 'vision', runId: 'a1b2c3d4' }, load, {});
 * await writer.log({ loss: 0.1 });
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
import {
  DEFAULT_FILE_STREAM_RETRY,
  DEFAULT_FILE_STREAM_TIMEOUT_MS,
  DEFAULT_FLUSH_INTERVAL_MS,
  DEFAULT_MAX_REQUEST_BYTES,
  DEFAULT_ROWS_PER_REQUEST,
  HISTORY_FILE,
  MAX_HISTORY_LINE_BYTES,
  RunWriter,
  SUMMARY_FILE,
  type HistoryInput,
  type RunWriterFinishOptions,
  type RunWriterOptions,
  type RunWriterProgress,
} from './writer.js';

/** Room left in a request for its JSON wrapper (file names, offsets, flags). */
const ENVELOPE_BYTES = 512;

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
 * A {@link RunWriter} with its code.
 * @internal Made by `run.writer()`.
 * @example
 * ```ts
 * const writer = new RunWriterImpl(ctx, ref, load, { rowsPerRequest: 500 });
 * ```
 */
export class RunWriterImpl extends RunWriter {
  // The name users see in `constructor.name` and logs is the public class's.
  static {
    Object.defineProperty(this, 'name', { value: 'RunWriter' });
  }

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

  /** Checks the options at once (a bad one throws {@link ValidationError} from `run.writer()`). */
  constructor(
    ctx: FacadeContext,
    where: { entity: string; project: string; runId: string },
    load: () => Promise<{ historyLineCount: number; lastStep: number; summary: Record<string, unknown> }>,
    options: RunWriterOptions = {},
  ) {
    super();
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

  override get progress(): RunWriterProgress {
    return { ...this.#progress, rowsPending: this.#rowsPending };
  }

  override get finished(): boolean {
    return this.#finished;
  }

  override log(row: HistoryInput): Promise<void> {
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

  override summary(values: Record<string, unknown>): Promise<void> {
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

  override flush(): Promise<void> {
    return this.#enqueue(async () => {
      await this.#start();
      await this.#drain(false);
    });
  }

  override finish(options: RunWriterFinishOptions = {}): Promise<void> {
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
