/**
 * The error of code that failed to load on first use (a dynamic `import()` whose chunk the network
 * or the server did not deliver): shared by the facade's `lazy()` and the transport's storage
 * module, so that every such failure reads the same.
 *
 * @example
 * ```ts
 * const storage = () => import('./storage.js').catch((e: unknown) => Promise.reject(loadFailure('its transport/storage module', e)));
 * ```
 * @module
 */
import { NetworkError, WandbError } from './index.js';

/**
 * Errors of ours as they are (thrown while the module ran); anything else, such as the browser's
 * "Failed to fetch dynamically imported module", as a {@link NetworkError} naming `part` and the
 * reason, with the original error as its `cause`.
 *
 * @example
 * ```ts
 * throw loadFailure('its runs/run module', new TypeError('Failed to fetch dynamically imported module'));
 * ```
 */
export function loadFailure(part: string, e: unknown): WandbError {
  if (e instanceof WandbError) return e;
  const reason = e instanceof Error ? e.message : String(e);
  return new NetworkError(
    `wandb-api could not load ${part} (code it loads on first use): ${reason}. Check the network ` +
      'and that every chunk of your app was deployed; the next call tries again.',
    { cause: e },
  );
}
