/**
 * The polling loop of a queued run's waits: ask, and until the answer is there, sleep `pollMs`
 * on the wait's clock (`LaunchClock`), stop with the signal's reason when `signal` aborts, and with
 * a {@link TimeoutError} once the deadline has passed on that clock. Loaded with the code of
 * `QueuedRun`'s methods; the options and the clocks are in `polling.ts`.
 *
 * @example
 * ```ts
 * const run = await poll(async () => (await item()).runId, startWait({ pollMs: 5_000, timeoutMs: 600_000 }), 'queued run 42 to start');
 * ```
 * @module
 */
import { TimeoutError } from '../../errors/index.js';
import { abortReason } from '../core/concurrency.js';
import type { Wait } from './polling.js';

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
