/**
 * Ordered read-ahead: runs a task per item of a source, up to a width at once, and hands the
 * results back in the source's order. The engine behind the parallel history windows of
 * `scanHistory` and the histories of `runs.histories()`.
 *
 * - At most `width()` tasks are started and not yet handed back (in flight or done and waiting),
 *   so memory stays at `width()` results plus the one the reader holds; a slow reader stops the
 *   scheduling.
 * - An error (of a task, or of the source) is thrown when the reader reaches its position, after
 *   every earlier result; nothing after it is started once it is known.
 * - Every task gets its own signal, aborted when the caller's `signal` aborts (the iteration then
 *   rejects with its reason), when the reader stops early (`break`, `return`) or when an earlier
 *   task failed and the reader reached it. A task that is abandoned never surfaces as an
 *   unhandled rejection.
 *
 * @example
 * ```ts
 * for await (const rows of orderedAhead([0, 1000, 2000], (a, signal) => fetchWindow(a, signal), { width: () => 8 })) {
 *   for (const row of rows) console.log(row);
 * }
 * ```
 * @module
 */
import { abortable, abortReason } from '../core/concurrency.js';

/**
 * Options of {@link orderedAhead}.
 *
 * @example
 * ```ts
 * const options: OrderedAheadOptions = { width: () => ctx.concurrency(), signal };
 * ```
 */
export interface OrderedAheadOptions {
  /** How many tasks may be started and not yet handed back; read before each start (at least 1). */
  width: () => number;
  /** Stops everything: in-flight tasks are aborted and the iteration rejects with its reason. */
  signal?: AbortSignal | undefined;
}

interface Entry<T> {
  /** Settles with the task's result; always has a handler, so it never rejects unhandled. */
  promise: Promise<T>;
  controller: AbortController;
}

const noop = (): void => undefined;

/**
 * The results of `task(item, signal)` for every item of `source`, in the source's order, with up
 * to `width()` tasks running ahead of the reader (see the module's description).
 *
 * @example
 * ```ts
 * const results = orderedAhead(runs, (run, signal) => run.history({ signal }), { width: () => 4, signal });
 * for await (const rows of results) console.log(rows.length);
 * ```
 */
export async function* orderedAhead<S, T>(
  source: Iterable<S> | AsyncIterable<S>,
  task: (item: S, signal: AbortSignal) => Promise<T>,
  options: OrderedAheadOptions,
): AsyncGenerator<T, void, undefined> {
  const { signal } = options;
  const iterator: Iterator<S> | AsyncIterator<S> =
    Symbol.asyncIterator in source
      ? (source as AsyncIterable<S>)[Symbol.asyncIterator]()
      : (source as Iterable<S>)[Symbol.iterator]();
  const queue: Entry<T>[] = [];
  let exhausted = false; // the source has no more items
  let failed = false; // a task or the source failed: start nothing more
  let closed = false; // the reader is gone (done, broke off, threw)
  let pulling: Promise<void> | undefined;

  const start = (item: S): void => {
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(abortReason(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });
    let promise: Promise<T>;
    try {
      promise = task(item, controller.signal);
    } catch (e) {
      promise = Promise.reject(e);
    }
    promise = promise.finally(() => signal?.removeEventListener('abort', onAbort));
    promise.catch(() => {
      failed = true;
    });
    queue.push({ promise, controller });
  };

  const room = (): boolean =>
    !exhausted && !failed && !closed && queue.length < Math.max(1, Math.floor(options.width()));

  /** Starts tasks while there is room; pulls from an async source one item at a time. */
  const fill = (): Promise<void> | undefined => {
    if (pulling || !room()) return pulling;
    pulling = (async () => {
      while (room()) {
        let next: IteratorResult<S>;
        try {
          next = await iterator.next();
        } catch (e) {
          failed = true;
          const controller = new AbortController();
          const promise = Promise.reject(e as Error);
          promise.catch(noop);
          queue.push({ promise, controller });
          return;
        }
        if (next.done) {
          exhausted = true;
          return;
        }
        if (closed) return;
        start(next.value);
      }
    })().finally(() => {
      pulling = undefined;
    });
    pulling.catch(noop);
    return pulling;
  };

  try {
    for (;;) {
      if (signal?.aborted) throw abortReason(signal);
      const waiting = fill();
      const head = queue[0];
      if (!head) {
        if (!waiting) return; // exhausted (or failed, whose entry would be queued)
        await abortable(waiting, signal);
        continue;
      }
      const value = await abortable(head.promise, signal);
      queue.shift();
      fill();
      yield value;
    }
  } finally {
    closed = true;
    const reason = signal?.aborted ? abortReason(signal) : new Error('the reader stopped');
    for (const entry of queue.splice(0)) entry.controller.abort(reason);
    if (!exhausted && typeof iterator.return === 'function') {
      // An async generator answers return() after its pending next(); nothing waits for it here.
      Promise.resolve()
        .then(async () => {
          await pulling;
          await iterator.return?.();
        })
        .catch(noop);
    }
  }
}
