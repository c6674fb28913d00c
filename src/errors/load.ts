/**
 * Code loaded on first use ({@link lazy}: a memoized dynamic `import()`), and the error of code that
 * failed to load (a chunk the network or the server did not deliver). Shared by the facade's
 * domains and the transport's chunks, so that every such load behaves and fails the same way.
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

/**
 * A module (or any value) loaded once, on first call: the call resolves with it; `loaded` is
 * the value once it has loaded (for synchronous callers that can use it when it is there). A
 * failed load (a chunk the network did not deliver) is not kept: the next call tries again.
 *
 * @example
 * ```ts
 * const docs: Lazy<typeof import('../../generated/graphql.js')> = lazy(() => import('../generated/graphql.js'));
 * ```
 */
export interface Lazy<T> {
  (): Promise<T>;
  /** The value, once a call has loaded it; `undefined` before. */
  readonly loaded: T | undefined;
}

/**
 * Memoizes `load` (e.g. `() => import('./x.js')`): see {@link Lazy}. `part` names what it loads
 * for the error of a failed load (a chunk the network or the server did not deliver): that
 * rejects with a `NetworkError` saying which part of wandb-api failed to load and why, the
 * bundler's error as its `cause` (an error of ours, such as a `WandbError` thrown while the
 * module ran, is passed on as it is). Mark a module-level call with a `@__PURE__` annotation
 * comment, so that a bundler drops it (and what it would load) when nothing uses it.
 *
 * @example
 * ```ts
 * const users = lazy(() => import('../facade/users/users.js'), 'the users domain');
 * const user = await (await users()).findUser(ctx, 'alice', {});
 * ```
 */
export function lazy<T>(load: () => Promise<T>, part = 'a part of wandb-api'): Lazy<T> {
  let value: { v: T } | undefined;
  // The pending load is shared; a failed one is forgotten, so the next call tries again.
  let pending: Promise<T> | undefined;
  const get = (): Promise<T> =>
    (pending ??= Promise.resolve()
      .then(load)
      .then(
        (v) => {
          value = { v };
          return v;
        },
        (e: unknown) => {
          pending = undefined;
          throw loadFailure(part, e);
        },
      ));
  return Object.defineProperty(get, 'loaded', { get: () => value?.v }) as Lazy<T>;
}
