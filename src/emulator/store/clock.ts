/**
 * The emulator's clock: what "now" is (signed-URL expiry, the `createdAt` / `updatedAt` /
 * `heartbeatAt` the seeds and writes stamp) and when a wait ends (`latencyMs`, a fault's
 * `delayMs`). The default is the system clock; a test passes {@link createManualClock} to
 * `startEmulator({ clock })` and moves time itself, so nothing it asserts depends on wall time.
 *
 * @example
 * ```ts
 * import { createManualClock } from 'wandb-api/emulator';
 * const clock = createManualClock('2024-06-01T00:00:00Z');
 * const emu = await startEmulator({ clock, signedUrlLifetimeMs: 60_000 });
 * clock.advance(61_000); // every signed URL handed out so far has expired
 * ```
 * @module
 */

/**
 * A clock the emulator reads the time from and waits on.
 *
 * @example
 * ```ts
 * const clock: EmulatorClock = { now: () => Date.now(), setTimer: (ms, fn) => { const t = setTimeout(fn, ms); return () => clearTimeout(t); } };
 * ```
 */
export interface EmulatorClock {
  /**
   * The current time, in epoch milliseconds.
   *
   * @example
   * ```ts
   * new Date(clock.now()).toISOString();
   * ```
   */
  now(): number;
  /**
   * Calls `callback` once, when `ms` milliseconds have passed on this clock. Returns a function
   * that cancels the call.
   *
   * @example
   * ```ts
   * const cancel = clock.setTimer(50, () => console.log('50 ms later'));
   * cancel(); // never mind
   * ```
   */
  setTimer(ms: number, callback: () => void): () => void;
}

/**
 * The system clock: `Date.now()` and `setTimeout`. The default of `startEmulator`.
 *
 * @example
 * ```ts
 * await startEmulator({ clock: systemClock }); // the same as no clock option
 * ```
 */
export const systemClock: EmulatorClock = {
  now: () => Date.now(),
  setTimer(ms, callback) {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};

/**
 * A clock that moves only when told to (see {@link createManualClock}).
 *
 * @example
 * ```ts
 * const clock: ManualClock = createManualClock(0);
 * clock.advance(1_000);
 * clock.now(); // 1000
 * ```
 */
export interface ManualClock extends EmulatorClock {
  /**
   * Moves the time forward by `ms` (a finite number >= 0), running the timers due by then in the
   * order they are due, each with the clock at its due time (so a timer one of them sets runs
   * too, if it is due by then).
   *
   * @example
   * ```ts
   * clock.advance(50); // a request waiting out latencyMs: 50 is now handled
   * ```
   */
  advance(ms: number): void;
  /**
   * Moves the time forward to `time` (a clock never goes back: an earlier time throws), running
   * the timers due by then.
   *
   * @example
   * ```ts
   * clock.set('2024-06-02T00:00:00Z');
   * ```
   */
  set(time: Date | number | string): void;
  /**
   * How many timers are waiting: e.g. requests waiting out `latencyMs` or a fault's `delayMs`.
   *
   * @example
   * ```ts
   * await vi.waitFor(() => expect(clock.pendingTimers).toBe(1)); // the request has arrived and waits
   * ```
   */
  readonly pendingTimers: number;
}

function toMillis(time: Date | number | string, what: string): number {
  const millis = time instanceof Date ? time.getTime() : typeof time === 'number' ? time : Date.parse(time);
  if (!Number.isFinite(millis)) throw new Error(`${what}: invalid time ${String(time)}`);
  return millis;
}

/**
 * A {@link ManualClock} starting at `start` (a date, epoch milliseconds or an ISO 8601 text;
 * default the current time). Its timers run only from {@link ManualClock.advance} or
 * {@link ManualClock.set}: with it, `latencyMs` and fault delays end exactly when the test moves
 * the clock past them, and not before.
 *
 * @example
 * ```ts
 * const clock = createManualClock('2024-06-01T00:00:00Z');
 * const emu = await startEmulator({ clock, latencyMs: 50 });
 * const answer = fetch(`${emu.url}/healthz`); // waits on the clock
 * await vi.waitFor(() => expect(clock.pendingTimers).toBe(1));
 * clock.advance(50);
 * (await answer).status; // 200
 * ```
 */
export function createManualClock(start: Date | number | string = Date.now()): ManualClock {
  let now = toMillis(start, 'createManualClock');
  let sequence = 0;
  const timers: { due: number; order: number; callback: () => void }[] = [];

  /** Runs the timers due by `target` in due order, each at its own time, then settles at `target`. */
  const runUntil = (target: number): void => {
    for (;;) {
      let next: (typeof timers)[number] | undefined;
      for (const timer of timers) {
        if (timer.due > target) continue;
        if (!next || timer.due < next.due || (timer.due === next.due && timer.order < next.order))
          next = timer;
      }
      if (!next) break;
      timers.splice(timers.indexOf(next), 1);
      now = Math.max(now, next.due);
      next.callback();
    }
    now = target;
  };

  return {
    now: () => now,
    setTimer(ms, callback) {
      if (!(Number.isFinite(ms) && ms >= 0)) throw new Error(`setTimer: ms must be a number >= 0, got ${ms}`);
      const timer = { due: now + ms, order: sequence++, callback };
      timers.push(timer);
      return () => {
        const index = timers.indexOf(timer);
        if (index >= 0) timers.splice(index, 1);
      };
    },
    advance(ms) {
      if (!(Number.isFinite(ms) && ms >= 0)) throw new Error(`advance: ms must be a number >= 0, got ${ms}`);
      runUntil(now + ms);
    },
    set(time) {
      const target = toMillis(time, 'set');
      if (target < now)
        throw new Error(`set: a clock never goes back (${new Date(target).toISOString()} is earlier)`);
      runUntil(target);
    },
    get pendingTimers() {
      return timers.length;
    },
  };
}
