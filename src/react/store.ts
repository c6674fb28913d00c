/**
 * The in-flight registry of the hooks: one per {@link Api}, keyed by hook name and arguments (by
 * value, see `key.ts`). Components that ask for the same thing share one entry, so one request;
 * an entry's request is aborted when its last component unmounts (or moves to other arguments),
 * and an answer that arrives after a newer request started (a refetch, a poll) is dropped.
 *
 * Entries are external stores for `useSyncExternalStore`: `state` is replaced, never mutated.
 *
 * @example
 * ```ts
 * const entry = registryOf(api).query('useRun:["acme/vision/a1"]', (signal, fresh) => load(signal, fresh));
 * const stop = entry.subscribe(() => render(entry.state));
 * ```
 * @module
 */
import { WandbError, type Api, type Paginated } from 'wandb-api';

/**
 * How long an entry nobody subscribed to is kept after it settled (a `<Suspense>` render that
 * threw its promise subscribes only once it renders again), in milliseconds.
 */
export const RETAIN_MS = 5_000;

/** `error` as a {@link WandbError}: the library's errors as they are, anything else wrapped (its message kept). */
export function asWandbError(error: unknown): WandbError {
  if (error instanceof WandbError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new WandbError(message, 'UNKNOWN', { cause: error });
}

/** Whether `error` is the reason of an abort we asked for. */
function isAbort(error: unknown, signal: AbortSignal): boolean {
  return (
    signal.aborted && (error === signal.reason || (error instanceof Error && error.name === 'AbortError'))
  );
}

/** What a query's loader returns: the data, and whether to load again after `pollMs`. */
export interface Loaded<T> {
  data: T;
  poll: boolean;
}

/** A loader: `fresh` asks it to bypass the cache (a refetch or a poll). */
export type Loader<T> = (signal: AbortSignal, fresh: boolean) => Promise<Loaded<T>>;

/** A list loader: makes the listing (its first page is read by the entry). */
export type ListLoader<T> = (signal: AbortSignal) => Promise<Paginated<T>> | Paginated<T>;

/** The state of a single-value entry. */
export interface QueryState<T> {
  readonly data: T | undefined;
  readonly loading: boolean;
  readonly error: WandbError | undefined;
}

/** The state of a listing entry. */
export interface ListState<T> {
  readonly items: T[];
  readonly totalCount: number | undefined;
  readonly loading: boolean;
  readonly error: WandbError | undefined;
  readonly hasMore: boolean;
}

/** What both kinds of entry share: subscribers, lifetime, the abort of the current request. */
abstract class Entry<S> {
  state: S;
  /** The request in flight (for `<Suspense>`), settled when it is. */
  promise: Promise<void> | undefined;
  started = false;
  protected controller: AbortController | undefined;
  protected generation = 0;
  #listeners = new Set<() => void>();
  #subscribed = false;
  #retain: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;

  constructor(
    initial: S,
    readonly key: string,
    private readonly drop: (entry: Entry<unknown>) => void,
  ) {
    this.state = initial;
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  /** Starts the first request unless one ran already. */
  ensureStarted(): void {
    if (!this.started && !this.#disposed) {
      this.started = true;
      this.load(false);
    }
  }

  /** Runs the first (or a fresh) request. */
  abstract load(fresh: boolean): void;

  /** Subscribes (useSyncExternalStore's `subscribe`); the first subscriber starts the request. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    this.#subscribed = true;
    if (this.#retain !== undefined) clearTimeout(this.#retain);
    this.#retain = undefined;
    this.ensureStarted();
    return () => {
      this.#listeners.delete(listener);
      // A microtask later: React's StrictMode unsubscribes and subscribes again at once.
      if (this.#listeners.size === 0) queueMicrotask(() => this.#release());
    };
  };

  getState = (): S => this.state;

  protected set(state: S): void {
    this.state = state;
    for (const listener of [...this.#listeners]) listener();
  }

  /** A new request: aborts the previous one and returns its signal and generation. */
  protected next(): { signal: AbortSignal; generation: number } {
    this.controller?.abort(new DOMException('A newer request replaced this one.', 'AbortError'));
    this.controller = new AbortController();
    this.inFlight = true;
    return { signal: this.controller.signal, generation: ++this.generation };
  }

  protected current(generation: number): boolean {
    return !this.#disposed && generation === this.generation;
  }

  protected isAbort(error: unknown, signal: AbortSignal): boolean {
    return isAbort(error, signal);
  }

  /**
   * Keeps an entry nobody has subscribed to (yet) for {@link RETAIN_MS}, then drops it unless a
   * request of it is in flight (it is kept until that settles, then for another RETAIN_MS).
   * Called when the entry is made and when a request settles.
   */
  retainUnsubscribed(): void {
    if (this.#listeners.size === 0 && !this.#subscribed && this.#retain === undefined && !this.#disposed) {
      const timer = setTimeout(() => {
        this.#retain = undefined;
        if (!this.inFlight) this.#release();
      }, RETAIN_MS);
      // Under Node (a server render), this timer must not keep the process alive.
      (timer as { unref?: () => void }).unref?.();
      this.#retain = timer;
    }
  }

  /** Whether a request of this entry is in flight. */
  protected inFlight = false;

  /** Called when a request settles. */
  protected settled(): void {
    this.inFlight = false;
    this.retainUnsubscribed();
  }

  #release(): void {
    if (this.#listeners.size > 0 || this.#disposed) return;
    this.dispose();
  }

  /**
   * Called when a `<Suspense>` render throws this entry's error to an error boundary: once React
   * is done with that render (a microtask later), an entry nobody subscribes to is dropped, so that
   * the boundary's retry (its reset) asks the server again instead of throwing the same error.
   */
  thrown(): void {
    queueMicrotask(() => this.#release());
  }

  /** Aborts the request, stops timers and leaves the registry. */
  dispose(): void {
    this.#disposed = true;
    if (this.#retain !== undefined) clearTimeout(this.#retain);
    this.controller?.abort(new DOMException('No component uses this request any more.', 'AbortError'));
    this.drop(this as Entry<unknown>);
  }
}

/** One value (a run, a project, the result of `useWandb`), optionally polled. */
export class QueryEntry<T> extends Entry<QueryState<T>> {
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the latest answer asked to be loaded again (a running run). */
  #polling = false;

  constructor(
    key: string,
    drop: (entry: Entry<unknown>) => void,
    private loader: Loader<T>,
    private readonly pollMs: number | undefined,
  ) {
    super({ data: undefined, loading: true, error: undefined }, key, drop);
  }

  /** The loader of the latest render (the registry keeps the entry, the component its closure). */
  setLoader(loader: Loader<T>): void {
    this.loader = loader;
  }

  load(fresh: boolean, background = false): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const { signal, generation } = this.next();
    if (!background && !this.state.loading) this.set({ ...this.state, loading: true });
    const run = async (): Promise<void> => {
      try {
        const { data, poll } = await this.loader(signal, fresh);
        if (!this.current(generation)) return;
        this.#polling = poll;
        this.set({ data, loading: false, error: undefined });
        this.#schedule();
      } catch (e) {
        if (!this.current(generation) || this.isAbort(e, signal)) return;
        this.set({ data: this.state.data, loading: false, error: asWandbError(e) });
        // A failed poll of a running run is tried again after pollMs; its error is shown meanwhile.
        this.#schedule();
      } finally {
        if (this.current(generation)) this.settled();
      }
    };
    this.promise = run();
  }

  #schedule(): void {
    if (this.#polling && this.pollMs !== undefined && !this.disposed) {
      this.#timer = setTimeout(() => this.load(true, true), this.pollMs);
    }
  }

  override dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    super.dispose();
  }
}

/**
 * A listing read page by page: the first page on start, one more on each `loadMore()`. The page
 * after the last one read is requested ahead (as the facade's listings do), which is how the entry
 * knows `hasMore` without asking the server for a page it will not show.
 */
export class ListEntry<T> extends Entry<ListState<T>> {
  #pages: AsyncIterator<T[]> | undefined;
  #ahead: Promise<IteratorResult<T[]>> | undefined;
  #listing: Paginated<T> | undefined;

  constructor(
    key: string,
    drop: (entry: Entry<unknown>) => void,
    private loader: ListLoader<T>,
  ) {
    super({ items: [], totalCount: undefined, loading: true, error: undefined, hasMore: false }, key, drop);
  }

  setLoader(loader: ListLoader<T>): void {
    this.loader = loader;
  }

  load(): void {
    const { signal, generation } = this.next();
    this.#close();
    // A refetch keeps what is shown until its first page replaces it.
    this.set({ ...this.state, loading: true, error: undefined });
    const run = async (): Promise<void> => {
      try {
        const listing = await this.loader(signal);
        if (!this.current(generation)) return;
        this.#listing = listing;
        this.#pages = listing.pages()[Symbol.asyncIterator]();
        this.#ahead = this.#pages.next();
        await this.#take(generation, signal, true);
      } catch (e) {
        this.#failed(e, generation, signal);
      } finally {
        if (this.current(generation)) this.settled();
      }
    };
    this.promise = run();
  }

  /** Shows the next page (already requested ahead); does nothing while loading or at the end. */
  loadMore(): void {
    if (this.state.loading || !this.state.hasMore || this.state.error || !this.#ahead) return;
    const generation = this.generation;
    const signal = this.controller?.signal;
    if (!signal) return;
    this.set({ ...this.state, loading: true });
    this.promise = this.#take(generation, signal, false).catch((e: unknown) =>
      this.#failed(e, generation, signal),
    );
  }

  /** Waits for the page requested ahead, appends it and requests the one after. */
  async #take(generation: number, signal: AbortSignal, first: boolean): Promise<void> {
    const ahead = this.#ahead;
    if (!ahead || !this.#pages) return;
    const result = await ahead;
    if (!this.current(generation)) return;
    const shown = first ? [] : this.state.items;
    const items = result.done ? shown : [...shown, ...result.value];
    this.#ahead = result.done ? undefined : this.#pages.next();
    // Set `hasMore` from the page after this one when it is known at once (no next page: the
    // listing answers without a request); otherwise it stays true until that page says otherwise.
    let hasMore = !result.done;
    if (this.#ahead) {
      const next = this.#ahead;
      const known = await Promise.race([
        next.then((r) => !r.done),
        afterMicrotasks(32).then(() => undefined),
      ]);
      if (!this.current(generation)) return;
      if (known === false) {
        hasMore = false;
        this.#ahead = undefined;
      }
      next.then(
        (r) => {
          if (r.done && this.current(generation) && this.#ahead === next) {
            this.#ahead = undefined;
            this.set({ ...this.state, hasMore: false });
          }
        },
        () => undefined,
      );
    }
    const totalCount = first ? await this.#total() : this.state.totalCount;
    if (!this.current(generation) || signal.aborted) return;
    this.set({ items, totalCount, loading: false, error: undefined, hasMore });
  }

  async #total(): Promise<number | undefined> {
    try {
      return await this.#listing?.totalCount();
    } catch {
      return undefined;
    }
  }

  #failed(e: unknown, generation: number, signal: AbortSignal): void {
    if (!this.current(generation) || this.isAbort(e, signal)) return;
    this.set({ ...this.state, loading: false, error: asWandbError(e), hasMore: false });
  }

  #close(): void {
    const pages = this.#pages;
    this.#pages = undefined;
    this.#ahead = undefined;
    this.#listing = undefined;
    void pages?.return?.(undefined).catch(() => undefined);
  }

  override dispose(): void {
    super.dispose();
    this.#close();
  }
}

/** Resolves after `n` turns of the microtask queue (no timer, so fake timers do not hold it). */
async function afterMicrotasks(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await Promise.resolve();
}

/** The entries of one Api. */
export class Registry {
  #entries = new Map<string, Entry<unknown>>();

  #drop = (entry: Entry<unknown>): void => {
    if (this.#entries.get(entry.key) === entry) this.#entries.delete(entry.key);
  };

  /** The entry of `key`, made with `loader` when there is none. */
  query<T>(key: string, loader: Loader<T>, pollMs?: number): QueryEntry<T> {
    const found = this.#entries.get(key);
    if (found instanceof QueryEntry && !found.disposed) return found as QueryEntry<T>;
    const entry = new QueryEntry<T>(key, this.#drop, loader, pollMs);
    this.#entries.set(key, entry as Entry<unknown>);
    entry.retainUnsubscribed();
    return entry;
  }

  /** The listing entry of `key`, made with `loader` when there is none. */
  list<T>(key: string, loader: ListLoader<T>): ListEntry<T> {
    const found = this.#entries.get(key);
    if (found instanceof ListEntry && !found.disposed) return found as ListEntry<T>;
    const entry = new ListEntry<T>(key, this.#drop, loader);
    this.#entries.set(key, entry as Entry<unknown>);
    entry.retainUnsubscribed();
    return entry;
  }

  /** How many entries are live (for tests). */
  get size(): number {
    return this.#entries.size;
  }
}

const registries = new WeakMap<Api, Registry>();

/** The registry of `api` (made on first use). */
export function registryOf(api: Api): Registry {
  let registry = registries.get(api);
  if (!registry) {
    registry = new Registry();
    registries.set(api, registry);
  }
  return registry;
}
