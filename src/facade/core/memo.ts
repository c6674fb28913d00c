/**
 * Wraps an async function so that it runs at most once while it succeeds: later calls share the
 * first call's promise. A failure is not remembered: the next call tries again.
 *
 * @example
 * ```ts
 * const entity = once(() => api.defaultEntity());
 * await entity(); // one request
 * await entity(); // the same answer, no request
 * ```
 */
export function once<T>(fn: () => Promise<T>): { (): Promise<T>; reset(): void } {
  let pending: Promise<T> | undefined;
  const call = (): Promise<T> => {
    if (!pending) {
      const p = fn();
      pending = p;
      p.catch(() => {
        if (pending === p) pending = undefined;
      });
    }
    return pending;
  };
  return Object.assign(call, { reset: () => (pending = undefined) });
}
