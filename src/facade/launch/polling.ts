/**
 * The options of a queued run's waits: {@link WaitOptions}, checked at the call by
 * {@link startWait} (which fixes the deadline), and the {@link LaunchClock} they sleep on (the
 * real one by default; tests pass their own, so they never sleep). The polling loop itself is in
 * `poll.ts`, loaded with the code of `QueuedRun`'s methods.
 *
 * @example
 * ```ts
 * const wait = startWait({ pollMs: 5_000, timeoutMs: 600_000 }); // throws ValidationError on a bad option
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import { sleep } from '../core/concurrency.js';
import { describeValue, optionalPositive, optionalSignal, optionsObject } from '../core/validate.js';

/**
 * The time source and sleep of the waits. The default is the real clock (`Date.now` and
 * `setTimeout`); pass your own to drive the waits in tests without sleeping.
 *
 * @example
 * ```ts
 * let now = 0;
 * const clock: LaunchClock = { now: () => now, sleep: async (ms) => { now += ms; emu.launch.advance(itemId, 'CLAIMED', { runId: 'r1' }); } };
 * const run = await queued.waitUntilRunning({ clock });
 * ```
 */
export interface LaunchClock {
  /** The current time in milliseconds. */
  now(): number;
  /** Resolves after `ms` milliseconds; rejects with the signal's reason when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * Options of `queuedRun.waitUntilRunning()` and `queuedRun.waitUntilFinished()`.
 *
 * @example
 * ```ts
 * const run = await queued.waitUntilFinished({ pollMs: 10_000, timeoutMs: 3_600_000, signal: controller.signal });
 * ```
 */
export interface WaitOptions {
  /** Time between two checks, in milliseconds. Default 5 000 (the official client's pace). */
  pollMs?: number;
  /** Give up after this long (on `clock`), rejecting with `TimeoutError`. Default: wait for ever. */
  timeoutMs?: number;
  /** Stops the wait (and the request in flight): it rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The time source and sleep. Default: the real clock. */
  clock?: LaunchClock;
}

/**
 * The default {@link WaitOptions.pollMs}: 5 s, as the official client polls.
 *
 * @example
 * ```ts
 * await queued.waitUntilRunning({ pollMs: DEFAULT_POLL_MS * 2 }); // every 10 s
 * ```
 */
export const DEFAULT_POLL_MS = 5_000;

/**
 * The real clock: `Date.now()` and an abortable `setTimeout`.
 *
 * @example
 * ```ts
 * await REAL_CLOCK.sleep(1_000, signal);
 * ```
 */
export const REAL_CLOCK: LaunchClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(ms, signal),
};

/** {@link WaitOptions}, checked, with the defaults filled in and the deadline fixed. */
export interface Wait {
  readonly pollMs: number;
  readonly signal: AbortSignal | undefined;
  readonly clock: LaunchClock;
  /** When the wait gives up (on `clock`), or `Infinity`. */
  readonly deadline: number;
  readonly timeoutMs: number | undefined;
}

/**
 * Checks {@link WaitOptions} and fixes the deadline from now.
 *
 * @throws {@link ValidationError} naming the bad option.
 * @example
 * ```ts
 * const wait = startWait({ pollMs: 1_000, timeoutMs: 60_000 });
 * ```
 */
export function startWait(options: WaitOptions | undefined): Wait {
  const o = optionsObject(options);
  const pollMs = optionalPositive(o.pollMs, 'pollMs') ?? DEFAULT_POLL_MS;
  const timeoutMs = optionalPositive(o.timeoutMs, 'timeoutMs');
  const signal = optionalSignal(o.signal);
  const clock = o.clock === undefined ? REAL_CLOCK : checkClock(o.clock);
  const deadline = timeoutMs === undefined ? Infinity : clock.now() + timeoutMs;
  return { pollMs, signal, clock, deadline, timeoutMs };
}

function checkClock(clock: unknown): LaunchClock {
  const c = clock as Partial<LaunchClock> | null;
  if (typeof c !== 'object' || c === null || typeof c.now !== 'function' || typeof c.sleep !== 'function')
    throw new ValidationError('clock', `expected { now(), sleep(ms, signal) }, got ${describeValue(clock)}`);
  return c as LaunchClock;
}
