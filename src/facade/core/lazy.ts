/**
 * Code loaded on first use, so that a browser bundle of `Api` starts small: {@link lazy} memoizes
 * a dynamic `import()` (every domain of `Api`, the generated documents), and {@link LazyPaginated}
 * is the listing a synchronous method returns before its domain has loaded.
 *
 * @example
 * ```ts
 * const runsDomain = lazy(() => import('../runs/run.js'));
 * const { getRun } = await runsDomain();
 * ```
 * @module
 */
import { WandbError } from '../../errors/index.js';
import { lazy, type Lazy } from '../../errors/load.js';
import { Paginated, type ListOptions } from './pagination.js';
import { optionalSignal, optionsObject } from './validate.js';

export { lazy, type Lazy };

/**
 * The generated documents (`src/generated/graphql.ts`, as strings), loaded with the first request
 * of the code that keeps them out of the initial chunk (the listings and objects `Api` makes
 * synchronously: `Runs`, `Registries`, `QueuedRun`, the server features).
 *
 * @example
 * ```ts
 * const { RunsPageDocument } = await documents();
 * ```
 */
export const documents = /* @__PURE__ */ lazy(
  () => import('../../generated/graphql.js'),
  'its GraphQL documents (generated/graphql)',
);

/**
 * A listing returned synchronously before the code that makes it has loaded: a {@link Paginated}
 * that checks the options every listing has (`perPage`, `start`, `signal`, `prefetch`) at once, and on first
 * use loads its domain, makes the real listing with `make` (which checks the rest: a bad filter
 * rejects the first call, still before any request) and hands every call over to it. The items
 * are the domain's own objects.
 *
 * @example
 * ```ts
 * const projects = new LazyPaginated(async () => (await projectsDomain()).listProjects(ctx, entity, options), options);
 * for await (const project of projects) console.log(project.name);
 * ```
 */
export class LazyPaginated<T> extends Paginated<T> {
  #make: () => Promise<Paginated<T>>;
  #inner: Promise<Paginated<T>> | undefined;
  #ready: Paginated<T> | undefined;

  /** @internal Made by `Api` for its listings; `options` are the listing's own. */
  constructor(make: () => Promise<Paginated<T>>, options: unknown) {
    const o = optionsObject(options as ListOptions);
    const signal = optionalSignal(o.signal);
    super(() => Promise.reject(new WandbError('LazyPaginated: pages come from the listing it loads')), {
      perPage: o.perPage ?? 1,
      start: o.start ?? null,
      prefetch: o.prefetch,
      ...(signal ? { signal } : {}),
    });
    this.#make = make;
  }

  #listing(): Promise<Paginated<T>> {
    this.#inner ??= this.#make().then(
      (listing) => (this.#ready = listing),
      (e: unknown) => {
        this.#inner = undefined;
        throw e;
      },
    );
    return this.#inner;
  }

  override get cursor(): string | null {
    return this.#ready ? this.#ready.cursor : this.start;
  }

  override async *[Symbol.asyncIterator](): AsyncIterator<T> {
    yield* await this.#listing();
  }

  override pages(): AsyncIterable<T[]> {
    const listing = (): Promise<Paginated<T>> => this.#listing();
    return {
      async *[Symbol.asyncIterator](): AsyncIterator<T[]> {
        yield* (await listing()).pages();
      },
    };
  }

  override async toArray(opts: { limit?: number } = {}): Promise<T[]> {
    return (await this.#listing()).toArray(opts);
  }

  override async first(): Promise<T | undefined> {
    return (await this.#listing()).first();
  }

  override async totalCount(): Promise<number> {
    return (await this.#listing()).totalCount();
  }
}
