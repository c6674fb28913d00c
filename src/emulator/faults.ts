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
import type { Fault, FaultControls, FaultInput } from './types.js';

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
