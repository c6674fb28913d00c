/**
 * Polling for the waits of a queued run: ask, and until the answer is there, sleep `pollMs` on a
 * {@link LaunchClock} (the real one by default; tests pass their own, so they never sleep), stop
 * with the signal's reason when `signal` aborts, and with a {@link TimeoutError} once `timeoutMs`
 * has passed on that clock.
 *
 * @example
 * ```ts
 * const run = await poll(async () => (await item()).runId, { pollMs: 5_000, timeoutMs: 600_000 }, 'queued run 42 to start');
 * ```
 * @module
 */
import { TimeoutError, ValidationError } from '../../errors/index.js';
import { abortReason, sleep } from '../core/concurrency.js';
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

/**
 * Asks `check` until it answers something other than `undefined`, sleeping `wait.pollMs` between
 * two asks (less before the deadline). `what` says what was awaited, in the timeout's message.
 *
 * @throws {@link TimeoutError} once the deadline has passed; the signal's reason when it aborts.
 * @example
 * ```ts
 * const state = await poll(async () => ((await read()) === 'finished' ? 'finished' : undefined), wait, 'run r1 to finish');
 * ```
 */
export async function poll<T>(check: () => Promise<T | undefined>, wait: Wait, what: string): Promise<T> {
  const { clock, signal } = wait;
  for (;;) {
    if (signal?.aborted) throw abortReason(signal);
    const result = await check();
    if (result !== undefined) return result;
    const remaining = wait.deadline - clock.now();
    if (remaining <= 0) throw timedOut(wait, what);
    await clock.sleep(Math.min(wait.pollMs, remaining), signal);
    if (signal?.aborted) throw abortReason(signal);
    if (clock.now() >= wait.deadline) throw timedOut(wait, what);
  }
}

function timedOut(wait: Wait, what: string): TimeoutError {
  return new TimeoutError(`Gave up waiting for ${what} after ${wait.timeoutMs ?? 0} ms (timeoutMs)`);
}
