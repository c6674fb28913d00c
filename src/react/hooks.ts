/**
 * The hooks of `wandb-api/react`: each returns the facade's typed objects with `loading`, `error`
 * and `refetch`, listings also `hasMore` and `loadMore`. Arguments are compared by value, so
 * options written inline do not refetch on every render; components asking for the same thing
 * share one request (per {@link Api}); a request is aborted when its last component unmounts or
 * moves to other arguments.
 *
 * @example
 * ```tsx
 * const { runs, loading, error, hasMore, loadMore } = useRuns('acme/vision', { order: '-created_at' });
 * ```
 * @module
 */
import { useCallback, useId, useRef, useSyncExternalStore } from 'react';
import {
  ValidationError,
  type Api,
  type Artifact,
  type ArtifactsOptions,
  type AutomationsOptions,
  type Automation,
  type File,
  type HistoryRow,
  type ListOptions,
  type Paginated,
  type Project,
  type RegistriesOptions,
  type Registry,
  type Run,
  type RunConfig,
  type RunFilesOptions,
  type RunsOptions,
  type RunSummary,
  type User,
  type WandbError,
} from 'wandb-api';
import { argsKey } from './key.js';
import { useApi } from './provider.js';
import { registryOf, type ListLoader, type Loaded, type Loader } from './store.js';

/**
 * What every hook takes: `suspense: true` suspends the component (throws the pending promise to the
 * nearest `<Suspense>`) until the first answer, and throws a failure to the nearest error boundary,
 * instead of returning `loading` and `error`.
 *
 * @example
 * ```tsx
 * const { data: run } = useRun('acme/vision/a1b2c3d4', { suspense: true }); // data is there
 * ```
 */
export interface HookOptions {
  /** Suspend until the first answer and throw failures to an error boundary. Default `false`. */
  suspense?: boolean;
}

/**
 * The answer of a hook that loads one thing.
 *
 * @example
 * ```tsx
 * const { data, loading, error, refetch }: WandbQuery<Run> = useRun('acme/vision/a1b2c3d4');
 * ```
 */
export interface WandbQuery<T> {
  /** The latest answer; kept while a refetch or poll is under way, and after a failed one. */
  data: T | undefined;
  /** Whether the first request or a `refetch()` is under way (polls do not set it). */
  loading: boolean;
  /** Why the latest request failed: one of the library's typed errors (`AuthenticationError`, `NotFoundError`, ...). */
  error: WandbError | undefined;
  /** Asks the server again, bypassing the client's cache. */
  refetch(): void;
}

/**
 * The answer of a hook that lists things, page by page.
 *
 * @example
 * ```tsx
 * const { items, hasMore, loadMore }: WandbList<Project> = useProjects('acme');
 * ```
 */
export interface WandbList<T> {
  /** Every item of the pages loaded so far, in the server's order. */
  items: T[];
  /** The total the server reports for the whole listing; `undefined` where it reports none (projects, registries). */
  totalCount: number | undefined;
  /** Whether the first page, a `refetch()` or a `loadMore()` is under way. */
  loading: boolean;
  /** Why the latest request failed: one of the library's typed errors. */
  error: WandbError | undefined;
  /** Whether the server has more items after those in `items`. */
  hasMore: boolean;
  /** Loads the next page (appended to `items`); does nothing while loading or when `hasMore` is false. */
  loadMore(): void;
  /** Starts over from the first page; the items shown stay until it arrives. */
  refetch(): void;
}

/**
 * Options of the listing hooks: `pageSize` is how many items each page (and each `loadMore()`)
 * brings, the listing's `perPage`.
 *
 * @example
 * ```ts
 * const options: ListHookOptions = { pageSize: 20, suspense: false };
 * ```
 */
export interface ListHookOptions extends HookOptions {
  /** Items per page, a positive integer. Default: the listing's own `perPage` (50; 200 for projects). */
  pageSize?: number;
}

/**
 * Options of {@link useRun}.
 *
 * @example
 * ```ts
 * const options: UseRunOptions = { pollMs: 10_000 };
 * ```
 */
export interface UseRunOptions extends HookOptions {
  /** While the run is `running`, load it again this many milliseconds after each answer. Default: no polling. */
  pollMs?: number;
}

/**
 * Options of {@link useHistory}.
 *
 * @example
 * ```ts
 * const options: UseHistoryOptions = { keys: ['loss', 'accuracy'], samples: 300, pollMs: 15_000 };
 * ```
 */
export interface UseHistoryOptions extends HookOptions {
  /** Only rows that have all of these keys (`_step` included). Default: every key. */
  keys?: string[];
  /** Most rows the server answers (it samples evenly). Default 500. */
  samples?: number;
  /** While the run is `running`, load the history again this many milliseconds after each answer. Default: no polling. */
  pollMs?: number;
}

/**
 * Options of {@link useArtifact}.
 *
 * @example
 * ```ts
 * const options: UseArtifactOptions = { type: 'model', suspense: true };
 * ```
 */
export interface UseArtifactOptions extends HookOptions {
  /** The artifact's type; another type is a `ValidationError` in `error`. Default: any type. */
  type?: string;
}

/**
 * Options of {@link useRuns}: those of `api.runs` (filters, order, ...) and of every listing hook.
 *
 * @example
 * ```ts
 * const options: UseRunsOptions = { filters: { state: 'finished' }, order: '-summary_metrics.accuracy', pageSize: 25 };
 * ```
 */
export type UseRunsOptions = Omit<RunsOptions, 'signal'> & ListHookOptions;
/**
 * Options of {@link useProjects}.
 *
 * @example
 * ```ts
 * const options: UseProjectsOptions = { pageSize: 20 };
 * ```
 */
export type UseProjectsOptions = Omit<ListOptions, 'signal'> & ListHookOptions;
/**
 * Options of {@link useFiles}: those of `run.files` (names, pattern, ...) and of every listing hook.
 *
 * @example
 * ```ts
 * const options: UseFilesOptions = { pattern: 'media/images/%', pageSize: 100 };
 * ```
 */
export type UseFilesOptions = Omit<RunFilesOptions, 'signal'> & ListHookOptions;
/**
 * Options of {@link useArtifacts}: those of `api.artifacts` (tags, order, filters) and of every listing hook.
 *
 * @example
 * ```ts
 * const options: UseArtifactsOptions = { order: '-createdAt', pageSize: 10 };
 * ```
 */
export type UseArtifactsOptions = Omit<ArtifactsOptions, 'signal'> & ListHookOptions;
/**
 * Options of {@link useRegistries}: those of `api.registries` (organization, filter, order) and of every listing hook.
 *
 * @example
 * ```ts
 * const options: UseRegistriesOptions = { organization: 'acme', order: '+name' };
 * ```
 */
export type UseRegistriesOptions = Omit<RegistriesOptions, 'signal'> & ListHookOptions;
/**
 * Options of {@link useAutomations}: those of `api.automations` (entity, name) and of every listing hook.
 *
 * @example
 * ```ts
 * const options: UseAutomationsOptions = { entity: 'acme' };
 * ```
 */
export type UseAutomationsOptions = Omit<AutomationsOptions, 'signal'> & ListHookOptions;

// ---- the two machines: one value, one listing ----

function checkPollMs(pollMs: unknown): number | undefined {
  if (pollMs === undefined) return undefined;
  if (typeof pollMs !== 'number' || !Number.isFinite(pollMs) || pollMs <= 0) {
    throw new ValidationError('pollMs', `expected a positive number of milliseconds, got ${String(pollMs)}`);
  }
  return pollMs;
}

function checkSuspense(suspense: unknown): boolean {
  if (suspense === undefined) return false;
  if (typeof suspense !== 'boolean') {
    throw new ValidationError('suspense', `expected true or false, got ${typeof suspense}`);
  }
  return suspense;
}

/** A hook answering one value from `loader`, kept under `key` in the Api's registry. */
function useQueryEntry<T>(
  api: Api,
  key: string,
  loader: Loader<T>,
  options: { suspense?: boolean | undefined; pollMs?: number | undefined },
): WandbQuery<T> {
  const suspense = checkSuspense(options.suspense);
  const entry = registryOf(api).query(key, loader, options.pollMs);
  entry.setLoader(loader);
  const state = useSyncExternalStore(entry.subscribe, entry.getState, entry.getState);
  const refetch = useCallback(() => entry.load(true), [entry]);
  if (suspense) {
    entry.ensureStarted();
    const now = entry.getState();
    if (now.data === undefined && now.error !== undefined) {
      entry.thrown();
      throw now.error;
    }
    if (now.data === undefined && now.loading) throw entry.promise;
    return { data: now.data, loading: now.loading, error: now.error, refetch };
  }
  return { data: state.data, loading: state.loading, error: state.error, refetch };
}

/** A listing hook over `loader`, kept under `key` in the Api's registry. */
function useListEntry<T>(
  api: Api,
  key: string,
  loader: ListLoader<T>,
  suspense: boolean | undefined,
): WandbList<T> {
  const suspend = checkSuspense(suspense);
  const entry = registryOf(api).list(key, loader);
  entry.setLoader(loader);
  const state = useSyncExternalStore(entry.subscribe, entry.getState, entry.getState);
  const loadMore = useCallback(() => entry.loadMore(), [entry]);
  const refetch = useCallback(() => entry.load(), [entry]);
  const now = suspend ? (entry.ensureStarted(), entry.getState()) : state;
  if (suspend && now.items.length === 0) {
    if (now.error !== undefined) {
      entry.thrown();
      throw now.error;
    }
    if (now.loading) throw entry.promise;
  }
  return {
    items: now.items,
    totalCount: now.totalCount,
    loading: now.loading,
    error: now.error,
    hasMore: now.hasMore,
    loadMore,
    refetch,
  };
}

/** `options` without the hook's own members (`suspense`, `pageSize`, ...) and `signal`, and `perPage` from `pageSize`. */
function listingOptions<O extends ListHookOptions & { perPage?: number }>(
  options: O | undefined,
  signal: AbortSignal,
): Omit<O, 'suspense' | 'pageSize'> & { signal: AbortSignal } {
  const { suspense: _suspense, pageSize, ...rest } = options ?? ({} as O);
  void _suspense;
  if (
    pageSize !== undefined &&
    (typeof pageSize !== 'number' || !Number.isSafeInteger(pageSize) || pageSize <= 0)
  ) {
    throw new ValidationError('pageSize', `expected a positive integer, got ${String(pageSize)}`);
  }
  const perPage = pageSize ?? rest.perPage;
  return {
    ...(rest as Omit<O, 'suspense' | 'pageSize'>),
    ...(perPage === undefined ? {} : { perPage }),
    signal,
  };
}

/** The arguments of a hook as they go into its key (`suspense` does not change what is loaded). */
function keyOptions(options: object | undefined): object {
  const { suspense: _s, signal: _signal, ...rest } = (options ?? {}) as Record<string, unknown>;
  void _s;
  void _signal;
  return rest;
}

/**
 * A listing hook: `make` builds the listing from the Api, the listing options (`perPage` from
 * `pageSize`, the hook's abort signal) and that signal; `args` and `options` make its key.
 */
function useListing<T, O extends ListHookOptions & { perPage?: number }>(
  hook: string,
  args: readonly unknown[],
  options: O | undefined,
  make: (
    api: Api,
    listing: Omit<O, 'suspense' | 'pageSize'> & { signal: AbortSignal },
    signal: AbortSignal,
  ) => Paginated<T> | Promise<Paginated<T>>,
): WandbList<T> {
  const api = useApi();
  const key = argsKey(hook, [...args, keyOptions(options)]);
  return useListEntry(
    api,
    key,
    (signal) => make(api, listingOptions(options, signal), signal),
    options?.suspense,
  );
}

function runPath(run: Run | string): string {
  return typeof run === 'string' ? run : run.path.join('/');
}

/** A run given as a path is loaded first (with the signal); a `Run` is used as it is. */
async function runOf(api: Api, run: Run | string, signal: AbortSignal, fresh: boolean): Promise<Run> {
  if (typeof run !== 'string') return fresh ? api.run(runPath(run), { signal, cache: false }) : run;
  return api.run(run, { signal, cache: !fresh });
}

// ---- the hooks ----

/**
 * The authenticated user (`api.viewer()`). An `AuthenticationError` in `error` when the key is
 * missing or wrong. `refetch()` empties the Api's cache (`api.flush()`), the only way the facade
 * offers to ask for the viewer again.
 *
 * @example
 * ```tsx
 * function Me() {
 *   const { data: me, error } = useViewer();
 *   if (error) return <p>{error.message}</p>;
 *   return <p>{me ? `Signed in as ${me.username}` : 'Loading…'}</p>;
 * }
 * ```
 */
export function useViewer(options?: HookOptions): WandbQuery<User> {
  const api = useApi();
  const loader: Loader<User> = async (_signal, fresh) => {
    if (fresh) api.flush();
    return { data: await api.viewer(), poll: false };
  };
  return useQueryEntry(api, argsKey('useViewer', []), loader, options ?? {});
}

/**
 * The projects of an entity (default: the Api's `entity` option, else the viewer's), page by page.
 * The server reports no total for this listing: `totalCount` stays `undefined`.
 *
 * @example
 * ```tsx
 * const { items: projects, hasMore, loadMore } = useProjects('acme', { pageSize: 20 });
 * return <ul>{projects.map((p) => <li key={p.name}>{p.name}</li>)}</ul>;
 * ```
 */
export function useProjects(entity?: string, options?: UseProjectsOptions): WandbList<Project> {
  return useListing('useProjects', [entity ?? null], options, (api, o) => api.projects(entity, o));
}

/**
 * One project (`entity/project`, or `project` with the default entity). A `NotFoundError` in `error` when there is none.
 *
 * @example
 * ```tsx
 * const { data: project } = useProject('acme/vision');
 * return <a href={project?.url}>{project?.name}</a>;
 * ```
 */
export function useProject(path: string, options?: HookOptions): WandbQuery<Project> {
  const api = useApi();
  const loader: Loader<Project> = async (signal, fresh) => ({
    data: await api.project(path, undefined, { signal, cache: !fresh }),
    poll: false,
  });
  return useQueryEntry(api, argsKey('useProject', [path]), loader, options ?? {});
}

/**
 * The runs of a project, filtered and ordered by the server (the options of `api.runs`), page by
 * page: `runs` (the same array as `items`), `totalCount` (the server's count for the filters),
 * `hasMore` and `loadMore()`.
 *
 * @example
 * ```tsx
 * const { runs, totalCount, hasMore, loadMore } = useRuns('acme/vision', {
 *   filters: { state: 'finished' },
 *   order: '-summary_metrics.accuracy',
 *   pageSize: 25,
 * });
 * ```
 */
export function useRuns<Config extends object = RunConfig, Summary extends object = RunSummary>(
  path: string,
  options?: UseRunsOptions,
): WandbList<Run<Config, Summary>> & {
  /** The runs loaded so far: the same array as `items`. */
  runs: Run<Config, Summary>[];
} {
  const list = useListing('useRuns', [path], options, (api, o) => api.runs<Config, Summary>(path, o));
  return { ...list, runs: list.items };
}

/**
 * One run, fully loaded (config, summary, history keys). With `pollMs`, a run whose state is
 * `running` is loaded again (bypassing the cache) that many milliseconds after each answer;
 * polling stops when the run has finished (any other state) or the component unmounts.
 *
 * @example
 * ```tsx
 * const { data: run } = useRun('acme/vision/a1b2c3d4', { pollMs: 5000 });
 * return <p>{run?.name}: {run?.state}, loss {String(run?.summary.loss)}</p>;
 * ```
 */
export function useRun<Config extends object = RunConfig, Summary extends object = RunSummary>(
  path: string,
  options?: UseRunOptions,
): WandbQuery<Run<Config, Summary>> {
  const api = useApi();
  const pollMs = options?.pollMs;
  const loader: Loader<Run<Config, Summary>> = async (signal, fresh) => {
    checkPollMs(pollMs);
    const run = await api.run<Config, Summary>(path, { signal, cache: !fresh });
    return { data: run, poll: run.state === 'running' };
  };
  const key = argsKey('useRun', [path, pollMs ?? null]);
  return useQueryEntry(api, key, loader, { suspense: options?.suspense, pollMs });
}

/**
 * The sampled history of a run (`run.history()`: at most `samples` rows, only those with `keys`),
 * for a `Run` or its path. With `pollMs`, the history of a running run is loaded again that many
 * milliseconds after each answer, until the run finishes or the component unmounts.
 *
 * @example
 * ```tsx
 * const { data: rows = [] } = useHistory('acme/vision/a1b2c3d4', { keys: ['loss'], samples: 200 });
 * const points = rows.map((r) => [r._step, r.loss]);
 * ```
 */
export function useHistory(run: Run | string, options?: UseHistoryOptions): WandbQuery<HistoryRow[]> {
  const api = useApi();
  const { keys, samples, pollMs } = options ?? {};
  const loader: Loader<HistoryRow[]> = async (signal, fresh): Promise<Loaded<HistoryRow[]>> => {
    checkPollMs(pollMs);
    const loaded = await runOf(api, run, signal, fresh);
    const rows = await loaded.history({
      ...(keys === undefined ? {} : { keys }),
      ...(samples === undefined ? {} : { samples }),
      signal,
    });
    return { data: rows, poll: loaded.state === 'running' };
  };
  const key = argsKey('useHistory', [runPath(run), { keys, samples, pollMs }]);
  return useQueryEntry(api, key, loader, { suspense: options?.suspense, pollMs });
}

/**
 * The files of a run (a `Run` or its path), page by page (the options of `run.files`: `names`, `pattern`).
 *
 * @example
 * ```tsx
 * const { items: files } = useFiles('acme/vision/a1b2c3d4', { pattern: 'media/%' });
 * return <ul>{files.map((f) => <li key={f.name}><a href={f.directUrl}>{f.name}</a></li>)}</ul>;
 * ```
 */
export function useFiles(run: Run | string, options?: UseFilesOptions): WandbList<File> {
  return useListing('useFiles', [runPath(run)], options, async (api, o, signal) =>
    (await runOf(api, run, signal, false)).files(o),
  );
}

/**
 * One artifact version by name (`entity/project/name:alias`, as `api.artifact`). A
 * `NotFoundError` in `error` when there is none.
 *
 * @example
 * ```tsx
 * const { data: model } = useArtifact('acme/vision/resnet:prod', { type: 'model' });
 * return <p>{model?.name} ({model?.size} bytes)</p>;
 * ```
 */
export function useArtifact(name: string, options?: UseArtifactOptions): WandbQuery<Artifact> {
  const api = useApi();
  const type = options?.type;
  const loader: Loader<Artifact> = async (signal, fresh) => ({
    data: await api.artifact(name, { ...(type === undefined ? {} : { type }), signal, cache: !fresh }),
    poll: false,
  });
  return useQueryEntry(api, argsKey('useArtifact', [name, type ?? null]), loader, options ?? {});
}

/**
 * The versions of an artifact collection (`api.artifacts(type, collection)`; the collection is
 * `entity/project/name` or `project/name` with the default entity), page by page.
 *
 * @example
 * ```tsx
 * const { items: versions, totalCount } = useArtifacts('dataset', 'acme/vision/mnist', { order: '-createdAt' });
 * ```
 */
export function useArtifacts(
  type: string,
  collection: string,
  options?: UseArtifactsOptions,
): WandbList<Artifact> {
  return useListing('useArtifacts', [type, collection], options, (api, o) =>
    api.artifacts(type, collection, o),
  );
}

/**
 * The registries of an organization (`api.registries(options)`), page by page. The server reports
 * no total for registry searches: `totalCount` stays `undefined`.
 *
 * @example
 * ```tsx
 * const { items: registries } = useRegistries({ filter: { name: { $regex: 'model' } } });
 * ```
 */
export function useRegistries(options?: UseRegistriesOptions): WandbList<Registry> {
  return useListing('useRegistries', [], options, (api, o) => api.registries(o));
}

/**
 * The automations of an entity (`api.automations(options)`), page by page.
 *
 * @example
 * ```tsx
 * const { items: automations } = useAutomations({ entity: 'acme' });
 * return <ul>{automations.map((a) => <li key={a.id}>{a.name}</li>)}</ul>;
 * ```
 */
export function useAutomations(options?: UseAutomationsOptions): WandbList<Automation> {
  return useListing('useAutomations', [], options, (api, o) => api.automations(o));
}

/**
 * Any other call of the Api, with the hooks' behaviour: `fn(api, signal)` runs when the component
 * mounts and again when `deps` change (compared by value, so an object written inline is no
 * change); pass `signal` on to the facade so that unmounting or new deps abort it. Each component
 * has its own request (a function cannot be compared, so nothing is shared).
 *
 * @example
 * ```tsx
 * const { data: sweep } = useWandb((api, signal) => api.sweep(`acme/vision/${id}`, { signal }), [id]);
 * ```
 */
export function useWandb<T>(
  fn: (api: Api, signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
  options?: HookOptions,
): WandbQuery<T> {
  const api = useApi();
  const id = useId();
  const latest = useRef(fn);
  latest.current = fn;
  const loader: Loader<T> = async (signal) => ({ data: await latest.current(api, signal), poll: false });
  return useQueryEntry(api, argsKey(`useWandb${id}`, [...deps]), loader, options ?? {});
}
