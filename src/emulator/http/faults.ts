/**
 * Fault injection: statuses, `Retry-After`, delays and dropped connections for matching GraphQL
 * requests, or for storage requests (`target: 'storage'`).
 *
 * @example
 * ```ts
 * const faults = new FaultRegistry();
 * faults.add({ operationName: 'RunsPage', status: 503, times: 2 });
 * faults.take('RunsPage'); // the fault (remaining 1)
 * ```
 * @module
 */
/**
 * A fault to inject with `emu.faults.add`. It applies `times` times, to GraphQL requests whose
 * operation name is `operationName` (any GraphQL request when omitted) or, with
 * `target: 'storage'`, to any request to a signed storage URL. Faults are checked before
 * authentication (and before a storage URL's signature), like a proxy, gateway or CDN in front of
 * the server would behave.
 *
 * @example
 * ```ts
 * emu.faults.add({ operationName: 'RunsPage', status: 429, retryAfterSeconds: 1, times: 2 });
 * emu.faults.add({ delayMs: 500 }); // a pure delay, then a normal answer
 * emu.faults.add({ dropConnection: true }); // the socket is destroyed without an answer
 * emu.faults.add({ status: 200, body: 'not json' }); // a malformed body
 * emu.faults.add({ target: 'storage', status: 503 }); // the next storage GET or PUT answers 503
 * ```
 */
export interface FaultInput {
  /**
   * Which requests it applies to: `'graphql'` (`POST /graphql`) or `'storage'` (GET / PUT of the
   * signed `/storage/...` URLs; `operationName` must then be omitted). Default `'graphql'`.
   */
  target?: 'graphql' | 'storage';
  /** Operation to match; omitted = every GraphQL request. Only for `target: 'graphql'`. */
  operationName?: string;
  /** Status to answer with. Omitted = no status fault (only a delay or a dropped connection). */
  status?: number;
  /** How many matching requests it applies to. Default `1`; `Infinity` for ever. */
  times?: number;
  /** `Retry-After` header in seconds. */
  retryAfterSeconds?: number;
  /** `Retry-After` header as an HTTP date. */
  retryAfterDate?: Date;
  /** Wait this long before answering (or proceeding normally). */
  delayMs?: number;
  /** Response body. Default `{"errors":[{"message":"emulated <status>"}]}`. */
  body?: string;
  /** Destroy the connection without answering (after `delayMs`, if any). */
  dropConnection?: boolean;
}

/**
 * An injected fault, as returned by `emu.faults.add` and listed by `emu.faults.list()`.
 *
 * @example
 * ```ts
 * const fault = emu.faults.add({ status: 500, times: 3 });
 * // ... after two matching requests:
 * fault.remaining; // 1
 * ```
 */
export interface Fault extends FaultInput {
  /** Matching requests it will still apply to. */
  readonly remaining: number;
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
   * Adds a fault; faults are tried in the order they were added.
   *
   * @example
   * ```ts
   * const fault = emu.faults.add({ operationName: 'Viewer', status: 503, times: 2 });
   * ```
   */
  add(fault: FaultInput): Fault;
  /**
   * Removes every fault.
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

type FaultTarget = NonNullable<FaultInput['target']>;

class FaultEntry implements Fault {
  remaining: number;
  readonly target: FaultTarget;
  readonly operationName?: string;
  readonly status?: number;
  readonly times: number;
  readonly retryAfterSeconds?: number;
  readonly retryAfterDate?: Date;
  readonly delayMs?: number;
  readonly body?: string;
  readonly dropConnection?: boolean;

  constructor(input: FaultInput) {
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
    if (input.status === undefined && !input.dropConnection && input.delayMs === undefined) {
      throw new Error('faults.add: give at least one of status, delayMs or dropConnection');
    }
    const target = input.target ?? 'graphql';
    if (target !== 'graphql' && target !== 'storage') {
      throw new Error(`faults.add: target must be 'graphql' or 'storage', got ${String(target)}`);
    }
    if (target === 'storage' && input.operationName !== undefined) {
      throw new Error('faults.add: storage faults match every storage request; omit operationName');
    }
    this.target = target;
    this.times = times;
    this.remaining = times;
    if (input.operationName !== undefined) this.operationName = input.operationName;
    if (input.status !== undefined) this.status = input.status;
    if (input.retryAfterSeconds !== undefined) this.retryAfterSeconds = input.retryAfterSeconds;
    if (input.retryAfterDate !== undefined) this.retryAfterDate = input.retryAfterDate;
    if (input.delayMs !== undefined) this.delayMs = input.delayMs;
    if (input.body !== undefined) this.body = input.body;
    if (input.dropConnection !== undefined) this.dropConnection = input.dropConnection;
  }
}

/**
 * The emulator's fault list (`emu.faults`). Faults are tried in insertion order; the first one that
 * matches and has `remaining > 0` applies and is consumed.
 *
 * @example
 * ```ts
 * emu.faults.add({ status: 500 }); // the next GraphQL request answers 500
 * ```
 */
export class FaultRegistry implements FaultControls {
  private faults: FaultEntry[] = [];

  /** Adds a fault. Throws for an invalid one (bad status or times, or nothing to do). */
  add(fault: FaultInput): Fault {
    const entry = new FaultEntry(fault);
    this.faults.push(entry);
    return entry;
  }

  /** Removes every fault. */
  clear(): void {
    this.faults = [];
  }

  /** Faults that still apply. */
  list(): readonly Fault[] {
    return this.faults.filter((f) => f.remaining > 0);
  }

  /** Consumes and returns the first fault of `target` matching `operationName`, if any. */
  take(operationName: string | undefined, target: FaultTarget = 'graphql'): Fault | undefined {
    const entry = this.faults.find(
      (f) =>
        f.remaining > 0 &&
        f.target === target &&
        (f.operationName === undefined || f.operationName === operationName),
    );
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining <= 0) this.faults = this.faults.filter((f) => f !== entry);
    return entry;
  }
}
