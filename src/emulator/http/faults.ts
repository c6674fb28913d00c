/**
 * Fault injection: statuses, `Retry-After`, delays, dropped connections and truncated bodies for
 * the GraphQL requests, the storage requests or the run `file_stream` requests a fault matches,
 * before the request is handled or (`afterApply`) after it was: a lost answer to a write that happened.
 *
 * Which requests a fault applies to, step by step, for each request (faults are tried in the
 * order they were added; the first that applies is the only one that does):
 * 1. it must **match**: its `target`, and `operationName`, `match.variables` (GraphQL) or
 *    `method` (storage) when given (a `file_stream` fault matches every `file_stream` request). A fault that does not match leaves the request alone and
 *    counts nothing;
 * 2. the first `skip` matching requests are **let through** (counted in `matched`);
 * 3. past those, with a `rate`, a draw from the fault's own seeded PRNG decides whether this one
 *    is faulted (a request let through by the draw counts in `matched` only). The draws depend
 *    only on the seed and on the requests this fault has matched, never on the faults of earlier
 *    tests: a fault without a `seed` is seeded by its position among the faults added since the
 *    last `clear()`, so the same faults added after a `clear()` draw the same way;
 * 4. a faulted request consumes one of its `times`; the fault is gone when none is left.
 *
 * A request one fault lets through (by `skip` or `rate`) is offered to the faults added after it.
 *
 * @example
 * ```ts
 * const faults = new FaultRegistry({ seed: 'test' });
 * faults.add({ operationName: 'RunsPage', match: { variables: { cursor: 'abc' } }, status: 503, skip: 1 });
 * faults.take({ target: 'graphql', operationName: 'RunsPage', variables: { cursor: 'abc' } }); // undefined: skipped
 * faults.take({ target: 'graphql', operationName: 'RunsPage', variables: { cursor: 'abc' } }); // the fault
 * ```
 * @module
 */
import { createPrng, type Prng } from '../store/random.js';

/**
 * What a GraphQL fault's request must look like besides its `operationName`.
 *
 * @example
 * ```ts
 * const match: FaultMatch = { variables: { entity: 'alice', cursor: null } };
 * const byPredicate: FaultMatch = { variables: (v) => typeof v.cursor === 'string' };
 * ```
 */
export interface FaultMatch {
  /**
   * The request's variables (`{}` when it sends none), either as a **subset** or a predicate.
   *
   * A subset matches when every key it gives matches the request's value for that key:
   * - a string, number or boolean must be equal (`===`); JSON-in-JSON variables such as
   *   `filters` are strings and compare as the text sent;
   * - `null` matches a variable that is `null` or absent (GraphQL treats both as no value), so
   *   `{ cursor: null }` matches a first page whether the client sends `"cursor": null` or no
   *   cursor at all;
   * - an object matches an object that has (at least) its keys, recursively;
   * - an array matches an array of the same length whose items match one by one;
   * - a key whose value is `undefined` is ignored.
   *
   * A function is called with the variables and matches when it returns `true`.
   */
  variables?: Record<string, unknown> | ((variables: Readonly<Record<string, unknown>>) => boolean);
}

/**
 * A fault to inject with `emu.faults.add`. It matches GraphQL requests (`POST /graphql`, the
 * default `target`) or, with `target: 'storage'`, requests to signed storage URLs, or with
 * `target: 'file_stream'`, `POST /files/<entity>/<project>/<run>/file_stream`; see the module
 * description for how `skip`, `rate` and `times` then pick the requests it applies to. Faults are
 * checked before authentication (and before a storage URL's signature), as a proxy, gateway or CDN
 * in front of the server would behave, and after `latencyMs`.
 *
 * What it does to a request, in this order: wait `delayMs`; then destroy the connection
 * (`dropConnection`), or answer `status` (with `Retry-After` and `body`), or let the server
 * answer; with `truncateBody`, whatever answer is sent is cut short. With `afterApply`, the server
 * handles the request first (its writes happen) and the fault then plays on the way back.
 *
 * @example
 * ```ts
 * emu.faults.add({ operationName: 'RunsPage', status: 429, retryAfterSeconds: 1, times: 2 });
 * emu.faults.add({ delayMs: 500 }); // a pure delay, then a normal answer
 * emu.faults.add({ dropConnection: true }); // the socket is destroyed without an answer
 * emu.faults.add({ status: 200, body: 'not json' }); // a malformed body
 * emu.faults.add({ target: 'storage', method: 'PUT', status: 503 }); // the next upload answers 503
 * emu.faults.add({ operationName: 'RunsPage', match: { variables: { cursor: 'Y3Vy' } }, status: 500 });
 * emu.faults.add({ operationName: 'RunsPage', skip: 2, status: 500 }); // pages 1 and 2 fine, then 500
 * emu.faults.add({ status: 503, rate: 0.2, times: Infinity, seed: 'flaky' }); // ~1 request in 5
 * emu.faults.add({ status: 429, rate: 0.3, times: Infinity, seed: 1, retryAfterMs: 50 }); // a 429 storm
 * emu.faults.add({ target: 'storage', truncateBody: 10 }); // the real file, cut after 10 bytes
 * emu.faults.add({ target: 'file_stream', status: 500 }); // the next file_stream request answers 500, nothing written
 * emu.faults.add({ target: 'file_stream', afterApply: true, dropConnection: true }); // written, answer lost
 * ```
 */
export interface FaultInput {
  /**
   * Which requests it applies to: `'graphql'` (`POST /graphql`), `'storage'` (GET / PUT of the
   * signed `/storage/...` URLs) or `'file_stream'` (`POST /files/<entity>/<project>/<run>/file_stream`).
   * Default `'graphql'`.
   */
  target?: FaultTarget;
  /**
   * Operation to match: the body's `operationName`, else (absent, `null` or `""`, as the official
   * client sends) the name of the document's operation. Omitted = every GraphQL request. Only for
   * `target: 'graphql'`.
   */
  operationName?: string;
  /** More to match in a GraphQL request: its variables (see {@link FaultMatch}). Only for `target: 'graphql'`. */
  match?: FaultMatch;
  /** HTTP method to match: `'GET'` (downloads) or `'PUT'` (uploads). Omitted = both. Only for `target: 'storage'`. */
  method?: 'GET' | 'PUT';
  /** How many matching requests to let through before it applies (an integer >= 0). Default `0`. */
  skip?: number;
  /**
   * The fraction of matching requests (past `skip`) it applies to, in `(0, 1]`: each one is
   * faulted when a draw from the fault's own PRNG is below `rate`. The PRNG is seeded by `seed`,
   * else by the emulator's `faultSeed` and the fault's position among the faults added since the
   * emulator started or since the last `faults.clear()` (1 for the first, counting faults with a
   * `seed` of their own too). So the draws depend only on that seed and on the requests this fault
   * has matched: a test that calls `faults.clear()` first (in `beforeEach`) and then adds the same
   * faults sees the same requests faulted on every run, whatever tests ran before it on the same
   * emulator. Default `1` (every one).
   */
  rate?: number;
  /**
   * Seed of this fault's PRNG for `rate` (any string or number): the same seed gives the same
   * draws, whatever was added or cleared before. Default: `<faultSeed>:<position>`, the position
   * counted from the last `faults.clear()` (see `rate`).
   */
  seed?: string | number;
  /** How many requests it applies to. Default `1`; `Infinity` for ever. */
  times?: number;
  /** Status to answer with. Omitted = no status fault (only a delay, a drop or a truncation). */
  status?: number;
  /** `Retry-After` header in seconds (with `status`). */
  retryAfterSeconds?: number;
  /**
   * `Retry-After` header in milliseconds (with `status`), sent as seconds with a fraction
   * (`250` → `Retry-After: 0.25`), which wandb-api and most clients read; a number >= 0. For
   * rate-limit storms that must not slow a test down by whole seconds. Give at most one of
   * `retryAfterSeconds`, `retryAfterMs` and `retryAfterDate`.
   *
   * @example
   * ```ts
   * emu.faults.add({ status: 429, rate: 0.3, times: Infinity, seed: 1, retryAfterMs: 50 });
   * ```
   */
  retryAfterMs?: number;
  /** `Retry-After` header as an HTTP date (with `status`). */
  retryAfterDate?: Date;
  /** Wait this long (on the emulator's clock) before answering or proceeding normally. */
  delayMs?: number;
  /** Response body of a `status` fault. Default `{"errors":[{"message":"emulated <status>"}]}`. */
  body?: string;
  /** Destroy the connection without answering (after `delayMs`, if any). */
  dropConnection?: boolean;
  /**
   * Send the status and the headers of the answer (its `Content-Length` included) and only the
   * first `truncateBody` bytes of its body, then destroy the connection: the client sees a
   * network error while reading the body, never a hang. The answer is the fault's own (with
   * `status`) or else the real one. A body no longer than `truncateBody` is sent whole, and the
   * connection is destroyed all the same. An integer >= 0.
   */
  truncateBody?: number;
  /**
   * Play the fault after the server has handled the request instead of before: the request is
   * authenticated and applied (a mutation's, an upload's or a `file_stream` request's writes
   * happen), then `delayMs`, `dropConnection` or `status` replace or delay its answer. What a
   * client sees when a response is lost after the server committed, to test that retrying is
   * safe (a retried `file_stream` request at the same offsets must not duplicate rows). Default
   * `false` (the fault plays before authentication and nothing is written).
   */
  afterApply?: boolean;
}

/**
 * An injected fault, as returned by `emu.faults.add` and listed by `emu.faults.list()`.
 *
 * @example
 * ```ts
 * const fault = emu.faults.add({ status: 500, times: 3, skip: 1 });
 * // ... after three matching requests:
 * fault.matched; // 3
 * fault.remaining; // 1
 * ```
 */
export interface Fault extends FaultInput {
  /** Requests it will still apply to. */
  readonly remaining: number;
  /** Matching requests seen so far, let through (by `skip` or `rate`) or faulted. */
  readonly matched: number;
}

/**
 * A request, as far as faults look at it.
 *
 * @example
 * ```ts
 * const request: FaultRequest = { target: 'storage', method: 'GET' };
 * ```
 */
export interface FaultRequest {
  target: FaultTarget;
  /** GraphQL: the operation name (body or document). */
  operationName?: string;
  /** GraphQL: the variables sent (`undefined` when none). */
  variables?: Readonly<Record<string, unknown>>;
  /** The HTTP method. */
  method?: string;
}

/**
 * Fault injection controls (`emu.faults`).
 *
 * @example
 * ```ts
 * emu.faults.add({ operationName: 'Viewer', status: 503 });
 * emu.faults.clear();
 * ```
 */
export interface FaultControls {
  /**
   * Adds a fault; faults are tried in the order they were added. Throws for an invalid one.
   *
   * @example
   * ```ts
   * const fault = emu.faults.add({ operationName: 'Viewer', status: 503, times: 2 });
   * ```
   */
  add(fault: FaultInput): Fault;
  /**
   * Removes every fault, and restarts the positions that seed the faults without a `seed` of their
   * own (see {@link FaultInput.rate}): faults added after `clear()` draw as on a fresh emulator.
   *
   * @example
   * ```ts
   * emu.faults.clear();
   * ```
   */
  clear(): void;
  /**
   * Faults that still have `remaining > 0`.
   *
   * @example
   * ```ts
   * emu.faults.list().length; // 0 once every fault is used up
   * ```
   */
  list(): readonly Fault[];
}

/**
 * The kinds of requests a fault can target.
 *
 * @example
 * ```ts
 * const target: FaultTarget = 'file_stream';
 * ```
 */
export type FaultTarget = 'graphql' | 'storage' | 'file_stream';

const FAULT_TARGETS: readonly FaultTarget[] = ['graphql', 'storage', 'file_stream'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether `actual` matches the subset `pattern` (see {@link FaultMatch.variables}).
 *
 * @example
 * ```ts
 * matchesSubset({ cursor: 'abc' }, { cursor: 'abc', perPage: 50 }); // true
 * matchesSubset({ cursor: null }, {}); // true
 * matchesSubset({ names: ['a'] }, { names: ['a', 'b'] }); // false
 * ```
 */
export function matchesSubset(pattern: unknown, actual: unknown): boolean {
  if (pattern === undefined) return true;
  if (pattern === null) return actual === null || actual === undefined;
  if (Array.isArray(pattern)) {
    return (
      Array.isArray(actual) &&
      actual.length === pattern.length &&
      pattern.every((item, i) => matchesSubset(item, actual[i]))
    );
  }
  if (isPlainObject(pattern)) {
    return isPlainObject(actual) && Object.entries(pattern).every(([k, v]) => matchesSubset(v, actual[k]));
  }
  return pattern === actual;
}

function checkCount(value: number | undefined, name: string, min: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min)) {
    throw new Error(`faults.add: ${name} must be an integer >= ${min}, got ${value}`);
  }
}

class FaultEntry implements Fault {
  remaining: number;
  matched = 0;
  readonly target: FaultTarget;
  readonly operationName?: string;
  readonly match?: FaultMatch;
  readonly method?: 'GET' | 'PUT';
  readonly skip?: number;
  readonly rate?: number;
  readonly seed?: string | number;
  readonly status?: number;
  readonly times: number;
  readonly retryAfterSeconds?: number;
  readonly retryAfterMs?: number;
  readonly retryAfterDate?: Date;
  readonly delayMs?: number;
  readonly body?: string;
  readonly dropConnection?: boolean;
  readonly truncateBody?: number;
  readonly afterApply?: boolean;
  private readonly random: Prng;

  constructor(input: FaultInput, defaultSeed: string) {
    const times = input.times ?? 1;
    if (!(times === Infinity || (Number.isInteger(times) && times >= 1))) {
      throw new Error(`faults.add: times must be a positive integer or Infinity, got ${times}`);
    }
    if (
      input.status !== undefined &&
      !(Number.isInteger(input.status) && input.status >= 100 && input.status <= 599)
    ) {
      throw new Error(`faults.add: status must be an HTTP status (100-599), got ${input.status}`);
    }
    if (input.delayMs !== undefined && !(Number.isFinite(input.delayMs) && input.delayMs >= 0)) {
      throw new Error(`faults.add: delayMs must be a number >= 0, got ${input.delayMs}`);
    }
    checkCount(input.skip, 'skip', 0);
    if (
      input.retryAfterMs !== undefined &&
      !(Number.isFinite(input.retryAfterMs) && input.retryAfterMs >= 0)
    ) {
      throw new Error(`faults.add: retryAfterMs must be a number >= 0, got ${input.retryAfterMs}`);
    }
    const retryAfters = [input.retryAfterSeconds, input.retryAfterMs, input.retryAfterDate].filter(
      (v) => v !== undefined,
    );
    if (retryAfters.length > 1) {
      throw new Error('faults.add: give at most one of retryAfterSeconds, retryAfterMs and retryAfterDate');
    }
    checkCount(input.truncateBody, 'truncateBody', 0);
    if (input.rate !== undefined && !(typeof input.rate === 'number' && input.rate > 0 && input.rate <= 1)) {
      throw new Error(`faults.add: rate must be a number in (0, 1], got ${String(input.rate)}`);
    }
    if (
      input.status === undefined &&
      !input.dropConnection &&
      input.delayMs === undefined &&
      input.truncateBody === undefined
    ) {
      throw new Error('faults.add: give at least one of status, delayMs, dropConnection or truncateBody');
    }
    if (input.afterApply !== undefined && typeof input.afterApply !== 'boolean') {
      throw new Error(`faults.add: afterApply must be a boolean, got ${typeof input.afterApply}`);
    }
    if (input.dropConnection && input.truncateBody !== undefined) {
      throw new Error('faults.add: dropConnection sends nothing, so there is no body to truncate');
    }
    const target = input.target ?? 'graphql';
    if (!FAULT_TARGETS.includes(target)) {
      throw new Error(
        `faults.add: target must be 'graphql', 'storage' or 'file_stream', got ${String(target)}`,
      );
    }
    if (target !== 'graphql' && (input.operationName !== undefined || input.match !== undefined)) {
      throw new Error(
        `faults.add: ${target} requests have no operation or variables; omit operationName and match`,
      );
    }
    if (target !== 'storage' && input.method !== undefined) {
      throw new Error(
        "faults.add: method matches storage requests (GET, PUT); use it with target: 'storage'",
      );
    }
    if (input.method !== undefined && input.method !== 'GET' && input.method !== 'PUT') {
      throw new Error(`faults.add: method must be 'GET' or 'PUT', got ${String(input.method)}`);
    }
    const variables = input.match?.variables;
    if (variables !== undefined && typeof variables !== 'function' && !isPlainObject(variables)) {
      throw new Error(
        'faults.add: match.variables must be an object (a subset of the variables) or a function',
      );
    }
    if (input.seed !== undefined && typeof input.seed !== 'string' && typeof input.seed !== 'number') {
      throw new Error(`faults.add: seed must be a string or a number, got ${typeof input.seed}`);
    }
    this.target = target;
    this.times = times;
    this.remaining = times;
    this.random = createPrng(input.seed === undefined ? defaultSeed : String(input.seed));
    if (input.operationName !== undefined) this.operationName = input.operationName;
    if (input.match !== undefined) this.match = input.match;
    if (input.method !== undefined) this.method = input.method;
    if (input.skip !== undefined) this.skip = input.skip;
    if (input.rate !== undefined) this.rate = input.rate;
    if (input.seed !== undefined) this.seed = input.seed;
    if (input.status !== undefined) this.status = input.status;
    if (input.retryAfterSeconds !== undefined) this.retryAfterSeconds = input.retryAfterSeconds;
    if (input.retryAfterMs !== undefined) this.retryAfterMs = input.retryAfterMs;
    if (input.retryAfterDate !== undefined) this.retryAfterDate = input.retryAfterDate;
    if (input.delayMs !== undefined) this.delayMs = input.delayMs;
    if (input.body !== undefined) this.body = input.body;
    if (input.dropConnection !== undefined) this.dropConnection = input.dropConnection;
    if (input.truncateBody !== undefined) this.truncateBody = input.truncateBody;
    if (input.afterApply !== undefined) this.afterApply = input.afterApply;
  }

  /** Whether the request is one this fault looks at (step 1 of the module description). */
  matches(request: FaultRequest): boolean {
    if (this.remaining <= 0 || this.target !== request.target) return false;
    if (this.operationName !== undefined && this.operationName !== request.operationName) return false;
    if (this.method !== undefined && this.method !== request.method) return false;
    const pattern = this.match?.variables;
    if (pattern !== undefined) {
      const variables = request.variables ?? {};
      return typeof pattern === 'function' ? pattern(variables) === true : matchesSubset(pattern, variables);
    }
    return true;
  }

  /** For a matching request: whether it is faulted (steps 2-4). */
  applies(): boolean {
    this.matched++;
    if (this.matched <= (this.skip ?? 0)) return false;
    if (this.rate !== undefined && this.rate < 1 && !(this.random() < this.rate)) return false;
    this.remaining--;
    return true;
  }
}

/**
 * The default seed of the faults' PRNGs (`startEmulator({ faultSeed })` overrides it).
 *
 * @example
 * ```ts
 * new FaultRegistry({ seed: DEFAULT_FAULT_SEED }); // the same as new FaultRegistry()
 * ```
 */
export const DEFAULT_FAULT_SEED = 'wandb-emulator-faults';

/**
 * The emulator's fault list (`emu.faults`); see the module description for the rules.
 *
 * @example
 * ```ts
 * const faults = new FaultRegistry({ seed: 42 });
 * faults.add({ status: 500 }); // the next GraphQL request answers 500
 * ```
 */
export class FaultRegistry implements FaultControls {
  private faults: FaultEntry[] = [];
  private added = 0;
  private readonly seed: string;

  /**
   * @param options `seed` seeds the PRNG of every fault without a `seed` of its own (with its
   * position since the last {@link clear}).
   */
  constructor(options: { seed?: string | number } = {}) {
    this.seed = String(options.seed ?? DEFAULT_FAULT_SEED);
  }

  /** Adds a fault. Throws for an invalid one (bad values, contradictions, or nothing to do). */
  add(fault: FaultInput): Fault {
    const entry = new FaultEntry(fault, `${this.seed}:${++this.added}`);
    this.faults.push(entry);
    return entry;
  }

  /** Removes every fault and restarts the positions that seed the next ones (see {@link FaultInput.rate}). */
  clear(): void {
    this.faults = [];
    this.added = 0;
  }

  /** Faults that still apply. */
  list(): readonly Fault[] {
    return this.faults.filter((f) => f.remaining > 0);
  }

  /**
   * The fault that applies to `request`, if any, consumed; see the module description.
   *
   * @example
   * ```ts
   * faults.take({ target: 'storage', method: 'PUT' })?.status; // 503 after add({ target: 'storage', method: 'PUT', status: 503 })
   * ```
   */
  take(request: FaultRequest): Fault | undefined {
    for (const entry of this.faults) {
      if (!entry.matches(request) || !entry.applies()) continue;
      if (entry.remaining <= 0) this.faults = this.faults.filter((f) => f !== entry);
      return entry;
    }
    return undefined;
  }
}
