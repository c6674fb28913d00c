/**
 * What the domains' parallel engines (artifact downloads, verification, uploads) need from the
 * transport layer, re-exported so that domains keep to their rule (they import `core`, `paths`,
 * `generated` and `errors` only): a bounded pool for local work, the reason an aborted signal
 * carries, and a race of a shared promise against one caller's signal. Network transfers themselves go through `FacadeContext.transfer`, the Api's one pool.
 *
 * @example
 * ```ts
 * import { abortReason, createPool } from '../core/concurrency.js';
 * const pool = createPool(4);
 * await Promise.all(paths.map((p) => pool.run(() => hashFile(p))));
 * ```
 * @module
 */
export { abortable, abortReason } from '../../transport/fetchWithTimeout.js';
export { createPool, type Pool } from '../../transport/pool.js';
export { sleep } from '../../transport/retryLoop.js';

/**
 * Throws the signal's reason when it has aborted; does nothing otherwise (or without a signal).
 *
 * @example
 * ```ts
 * throwIfAborted(options.signal); // before each request of a long loop
 * ```
 */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}
