/**
 * What the domains' parallel engines (artifact downloads, verification, uploads) need from the
 * transport layer, re-exported so that domains keep to their rule (they import `core`, `paths`,
 * `generated` and `errors` only): a bounded pool for local work and the reason an aborted signal
 * carries. Network transfers themselves go through `FacadeContext.transfer`, the Api's one pool.
 *
 * @example
 * ```ts
 * import { abortReason, createPool } from '../core/concurrency.js';
 * const pool = createPool(4);
 * await Promise.all(paths.map((p) => pool.run(() => hashFile(p))));
 * ```
 * @module
 */
export { abortReason } from '../../transport/fetchWithTimeout.js';
export { createPool, type Pool } from '../../transport/pool.js';
