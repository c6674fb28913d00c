import '../support/dom.js';
// The wandb-api/react hooks against the emulator over HTTP, rendered with @testing-library/react
// (a happy-dom document from ../support/dom.js, imported first).
import { act, cleanup, render, renderHook, waitFor } from '@testing-library/react';
import {
  Component,
  StrictMode,
  Suspense,
  createElement as h,
  useState,
  type ReactElement,
  type ReactNode,
} from 'react';
import { useQuery } from 'urql';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { ViewerDocument } from '../../src/graphql.js';
import { Api, AuthenticationError, NotFoundError, ValidationError, WandbError } from '../../src/index.js';
import {
  WandbProvider,
  useApi,
  useArtifact,
  useArtifacts,
  useAutomations,
  useFiles,
  useHistory,
  useProject,
  useProjects,
  useRegistries,
  useRun,
  useRuns,
  useViewer,
  useWandb,
} from '../../src/react/index.js';
import { graphqlCalls, useEmulator } from '../support/helpers.js';

let emu: Emulator;
let api: Api;
useEmulator((ctx) => ({ emu, api } = ctx), { seed: 'demo', resetEach: true });
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** A run of the demo's language-model project, and the path of another. */
let runPath: string;
let otherPath: string;
beforeAll(async () => {
  const [a, b] = await api
    .runs('alice/language-model', { filters: { state: 'finished' }, order: '+created_at' })
    .toArray({ limit: 2 });
  runPath = a!.path.join('/');
  otherPath = b!.path.join('/');
});

function provider(client: Api = api) {
  return ({ children }: { children?: ReactNode }) => h(WandbProvider, { api: client }, children);
}

/** A `fetch` that holds the GraphQL requests `hold` selects until the test releases them, for deterministic races. */
function gatedFetch(hold: (operationName: string) => boolean) {
  interface Held {
    operationName: string;
    signal: AbortSignal | undefined;
    /** Lets the request go on; `late`: answer even though it was aborted (a server answer racing the abort). */
    release: (late?: boolean) => void;
    /** Settles when the answer of a released request has arrived. */
    answered: Promise<void>;
  }
  const held: Held[] = [];
  const gated: typeof fetch = async (input, init) => {
    const operationName = /"operationName":"(\w+)"/.exec(String(init?.body ?? ''))?.[1] ?? '';
    if (!hold(operationName)) return fetch(input, init);
    const signal = init?.signal ?? undefined;
    let answered: () => void = () => undefined;
    // Unlike a real fetch, a held request does not reject when its signal aborts: it waits for
    // release(), so that a test can deliver an answer the client no longer wants.
    const late = await new Promise<boolean>((resolve) => {
      held.push({
        operationName,
        signal,
        release: (l = false) => resolve(l),
        answered: new Promise<void>((done) => (answered = done)),
      });
    });
    try {
      return await fetch(input, late ? { ...init, signal: null } : init);
    } finally {
      answered();
    }
  };
  return { fetch: gated, held };
}

function gatedApi(hold: (operationName: string) => boolean) {
  const gate = gatedFetch(hold);
  const client = new Api({ baseUrl: emu.url, apiKey: emu.apiKey, retry: false, fetch: gate.fetch });
  return { client, held: gate.held };
}

describe('WandbProvider and useApi', () => {
  it('gives the tree its Api; useApi outside a provider throws a WandbError saying what to add', () => {
    const { result } = renderHook(() => useApi(), { wrapper: provider() });
    expect(result.current).toBe(api);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(() => renderHook(() => useApi())).toThrow(/WandbProvider/);
      expect(() => renderHook(() => useApi())).toThrow(WandbError);
    } finally {
      spy.mockRestore();
    }
  });

  it('makes one Api from options written inline, kept across renders', async () => {
    const seen = new Set<Api>();
    function Probe(_props: { n: number }): ReactElement {
      const client = useApi();
      seen.add(client);
      const { data } = useViewer();
      return h('p', null, data?.username ?? '…');
    }
    const tree = (n: number) =>
      h(WandbProvider, { options: { baseUrl: emu.url, apiKey: emu.apiKey, retry: false } }, h(Probe, { n }));
    const view = render(tree(1));
    await waitFor(() => expect(view.container.textContent).toBe('alice'));
    view.rerender(tree(2));
    view.rerender(tree(3));
    expect(seen.size).toBe(1);
    expect([...seen][0]!.baseUrl).toBe(emu.url);
  });

  it('both api and options is a ValidationError naming options', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(() => render(h(WandbProvider, { api, options: { apiKey: 'k' } }))).toThrow(ValidationError);
    } finally {
      spy.mockRestore();
    }
  });

  it("urql's useQuery with a wandb-api/graphql document works in the same tree, with the Api's auth", async () => {
    function Both(): ReactElement {
      const [result] = useQuery({ query: ViewerDocument });
      const { data } = useViewer();
      return h('p', null, `${result.data?.viewer?.username ?? '-'}|${data?.username ?? '-'}`);
    }
    const view = render(h(WandbProvider, { api }, h(Both)));
    await waitFor(() => expect(view.container.textContent).toBe('alice|alice'));
  });
});

describe('single values', () => {
  it('useViewer: loading, then the user', async () => {
    const { result } = renderHook(() => useViewer(), { wrapper: provider() });
    expect(result.current).toMatchObject({ loading: true, data: undefined, error: undefined });
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.data?.username).toBe('alice');
    expect(result.current.error).toBeUndefined();
  });

  it('a wrong API key: AuthenticationError in error, without the key in its message', async () => {
    const key = 'wrong-key-0123456789abcdef0123456789abcdef0123';
    const bad = new Api({ baseUrl: emu.url, apiKey: key, retry: false });
    const { result } = renderHook(() => useRuns('alice/language-model'), { wrapper: provider(bad) });
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.error).toBeInstanceOf(AuthenticationError);
    expect(result.current.error?.message).not.toContain(key);
    expect(result.current.runs).toEqual([]);
    expect(result.current.hasMore).toBe(false);
  });

  it('useRun and useProject give the typed objects; a missing run is a NotFoundError', async () => {
    const run = renderHook(() => useRun(runPath), { wrapper: provider() });
    const project = renderHook(() => useProject('alice/language-model'), { wrapper: provider() });
    const missing = renderHook(() => useRun('alice/language-model/nosuchrun'), { wrapper: provider() });
    await waitFor(() => expect(run.result.current.data?.path.join('/')).toBe(runPath));
    await waitFor(() => expect(project.result.current.data?.name).toBe('language-model'));
    await waitFor(() => expect(missing.result.current.error).toBeInstanceOf(NotFoundError));
    expect(typeof run.result.current.data?.config).toBe('object');
  });

  it('useHistory (by path and by Run) and useWandb', async () => {
    const byPath = renderHook(() => useHistory(runPath, { keys: ['loss'], samples: 5 }), {
      wrapper: provider(),
    });
    await waitFor(() => expect(byPath.result.current.data?.length).toBeGreaterThan(0));
    expect(byPath.result.current.data!.length).toBeLessThanOrEqual(5);
    expect(byPath.result.current.data!.every((row) => typeof row.loss === 'number')).toBe(true);
    const run = await api.run(runPath);
    const byRun = renderHook(() => useHistory(run, { keys: ['loss'], samples: 5 }), { wrapper: provider() });
    await waitFor(() => expect(byRun.result.current.data).toEqual(byPath.result.current.data));
    const sweep = renderHook(
      () => useWandb((client, signal) => client.run(otherPath, { signal }).then((r) => r.id), [otherPath]),
      { wrapper: provider() },
    );
    await waitFor(() => expect(sweep.result.current.data).toBe(otherPath.split('/')[2]));
  });

  it('useArtifact; a wrong type is a ValidationError in error', async () => {
    const model = renderHook(() => useArtifact('alice/image-classification/resnet18-cifar10:best'), {
      wrapper: provider(),
    });
    await waitFor(() => expect(model.result.current.data?.name).toBe('resnet18-cifar10:v2'));
    const wrong = renderHook(
      () => useArtifact('alice/image-classification/resnet18-cifar10:best', { type: 'dataset' }),
      { wrapper: provider() },
    );
    await waitFor(() => expect(wrong.result.current.error).toBeInstanceOf(ValidationError));
  });

  it('a bad pollMs is a ValidationError in error, before any request', async () => {
    const before = graphqlCalls(emu);
    const { result } = renderHook(() => useRun(runPath, { pollMs: -1 }), { wrapper: provider() });
    await waitFor(() => expect(result.current.error).toBeInstanceOf(ValidationError));
    expect((result.current.error as ValidationError).parameter).toBe('pollMs');
    expect(graphqlCalls(emu)).toBe(before);
  });
});

describe('listings', () => {
  it('useRuns: loadMore until hasMore is false, one request per page', async () => {
    const { result } = renderHook(() => useRuns('alice/language-model', { pageSize: 20 }), {
      wrapper: provider(),
    });
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.runs).toHaveLength(20);
    expect(result.current.items).toBe(result.current.runs);
    expect(result.current.totalCount).toBe(45);
    expect(result.current.hasMore).toBe(true);
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.runs).toHaveLength(40));
    expect(result.current.hasMore).toBe(true);
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.runs).toHaveLength(45));
    expect(result.current.hasMore).toBe(false);
    act(() => result.current.loadMore()); // nothing more to load: no request
    expect(new Set(result.current.runs.map((r) => r.id)).size).toBe(45);
    expect(graphqlCalls(emu, 'RunsPage')).toBe(3);
  });

  it('a listing that fits one page: hasMore false at once, one request', async () => {
    const states: { loading: boolean; hasMore: boolean }[] = [];
    const { result } = renderHook(
      () => {
        const list = useProjects('alice');
        states.push({ loading: list.loading, hasMore: list.hasMore });
        return list;
      },
      { wrapper: provider() },
    );
    await waitFor(() => expect(result.current.loading).toBe(false));
    // No render ever offered a "load more" that would load nothing.
    expect(states.filter((st) => st.hasMore)).toEqual([]);
    expect(result.current.items.map((p) => p.name)).toEqual(
      expect.arrayContaining(['image-classification', 'language-model']),
    );
    expect(result.current.hasMore).toBe(false);
    expect(result.current.totalCount).toBeUndefined(); // the server gives none for projects
  });

  it('filters and order go to the server; options written inline cause no refetch', async () => {
    let renders = 0;
    const { result, rerender } = renderHook(
      () => {
        renders++;
        return useRuns('alice/language-model', {
          filters: { state: 'finished' },
          order: '-created_at',
          pageSize: 5,
        });
      },
      { wrapper: provider() },
    );
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.runs.every((r) => r.state === 'finished')).toBe(true);
    const calls = graphqlCalls(emu, 'RunsPage');
    for (let i = 0; i < 5; i++) rerender();
    await act(() => Promise.resolve());
    expect(graphqlCalls(emu, 'RunsPage')).toBe(calls);
    expect(renders).toBeLessThan(20);
  });

  it('useFiles, useArtifacts, useRegistries, useAutomations', async () => {
    const files = renderHook(() => useFiles(runPath), { wrapper: provider() });
    const versions = renderHook(() => useArtifacts('model', 'alice/image-classification/resnet18-cifar10'), {
      wrapper: provider(),
    });
    const registries = renderHook(() => useRegistries({ organization: 'demo' }), { wrapper: provider() });
    const automations = renderHook(() => useAutomations({ entity: 'demo-org' }), { wrapper: provider() });
    await waitFor(() => expect(files.result.current.items.length).toBeGreaterThan(0));
    await waitFor(() => expect(versions.result.current.items).toHaveLength(4));
    await waitFor(() => expect(registries.result.current.items.map((r) => r.name)).toEqual(['models']));
    await waitFor(() =>
      expect(automations.result.current.items.map((a) => a.name)).toEqual(['notify on production model']),
    );
    expect(files.result.current.error).toBeUndefined();
  });

  it('a bad pageSize is a ValidationError naming pageSize', async () => {
    const { result } = renderHook(() => useRuns('alice/language-model', { pageSize: 0 }), {
      wrapper: provider(),
    });
    await waitFor(() => expect(result.current.error).toBeInstanceOf(ValidationError));
    expect((result.current.error as ValidationError).parameter).toBe('pageSize');
  });
});

describe('requests', () => {
  it('two components asking for the same history share one request (options compared by value)', async () => {
    function Rows({ label }: { label: string }): ReactElement {
      const { data } = useHistory(runPath, { samples: 10, keys: ['loss'] });
      return h('span', null, `${label}:${data?.length ?? '…'} `);
    }
    const view = render(h(WandbProvider, { api }, h(Rows, { label: 'a' }), h(Rows, { label: 'b' })));
    await waitFor(() => expect(view.container.textContent).toMatch(/^a:\d+ b:\d+ $/));
    expect(graphqlCalls(emu, 'RunSampledHistory')).toBe(1);
    expect(graphqlCalls(emu, 'RunDetail')).toBe(1);
  });

  it('two components listing the same runs share the pages, and loadMore in one grows both', async () => {
    function Count({ label }: { label: string }): ReactElement {
      const { runs, hasMore, loadMore } = useRuns('alice/language-model', {
        pageSize: 30,
        order: '-created_at',
      });
      return h('button', { onClick: loadMore, id: label }, `${label}:${runs.length}:${String(hasMore)} `);
    }
    const view = render(h(WandbProvider, { api }, h(Count, { label: 'a' }), h(Count, { label: 'b' })));
    await waitFor(() => expect(view.container.textContent).toBe('a:30:true b:30:true '));
    act(() => view.container.querySelector<HTMLButtonElement>('#a')!.click());
    await waitFor(() => expect(view.container.textContent).toBe('a:45:false b:45:false '));
    expect(graphqlCalls(emu, 'RunsPage')).toBe(2);
  });

  it('StrictMode mounts twice and still sends one request', async () => {
    const view = render(h(StrictMode, null, h(WandbProvider, { api }, h(RunId, { path: runPath }))));
    await waitFor(() => expect(view.container.textContent).toBe(runPath.split('/')[2]));
    expect(graphqlCalls(emu, 'RunDetail')).toBe(1);
  });

  it('refetch() asks the server again, bypassing the cache that a remount uses', async () => {
    const first = renderHook(() => useProject('alice/image-classification'), { wrapper: provider() });
    await waitFor(() => expect(first.result.current.data).toBeDefined());
    first.unmount();
    await act(() => Promise.resolve());
    const calls = graphqlCalls(emu);
    const second = renderHook(() => useProject('alice/image-classification'), { wrapper: provider() });
    await waitFor(() => expect(second.result.current.data).toBeDefined());
    expect(graphqlCalls(emu)).toBe(calls); // from the Api's cache
    act(() => second.result.current.refetch());
    expect(second.result.current.loading).toBe(true);
    expect(second.result.current.data).toBeDefined(); // kept while refetching
    await waitFor(() => expect(second.result.current.loading).toBe(false));
    expect(graphqlCalls(emu)).toBe(calls + 1);
  });

  it('a second refetch aborts the first, whose late answer is dropped', async () => {
    emu.seed.run({
      entity: 'alice',
      project: 'live',
      id: 'refe0001',
      state: 'running',
      summary: { step: 1 },
    });
    const record = emu.store.findRun(emu.store.findProject('alice', 'live')!.id, 'refe0001')!;
    let holding = false;
    const { client, held } = gatedApi((op) => holding && op === 'RunDetail');
    const { result } = renderHook(() => useRun('alice/live/refe0001'), { wrapper: provider(client) });
    await waitFor(() => expect(result.current.data?.summary.step).toBe(1));
    holding = true;
    act(() => result.current.refetch());
    await waitFor(() => expect(held).toHaveLength(1));
    record.summary = { step: 3 };
    act(() => result.current.refetch());
    await waitFor(() => expect(held).toHaveLength(2));
    expect(held[0]!.signal?.aborted).toBe(true);
    held[1]!.release();
    await waitFor(() => expect(result.current.data?.summary.step).toBe(3));
    record.summary = { step: 2 }; // what the first refetch would now answer, too late
    held[0]!.release(true);
    await act(() => held[0]!.answered);
    await act(() => new Promise((resolve) => setImmediate(resolve)));
    expect(result.current.data?.summary.step).toBe(3);
    expect(result.current.loading).toBe(false);
  });

  it('unmounting aborts the request (the signal reaches fetch); a later mount asks again', async () => {
    const { client, held } = gatedApi((op) => op === 'RunDetail');
    const { result, unmount } = renderHook(() => useRun(runPath), { wrapper: provider(client) });
    await waitFor(() => expect(held).toHaveLength(1));
    expect(held[0]!.signal?.aborted).toBe(false);
    unmount();
    await act(() => Promise.resolve());
    expect(held[0]!.signal?.aborted).toBe(true);
    expect(result.current.loading).toBe(true);
    const again = renderHook(() => useRun(runPath), { wrapper: provider(client) });
    await waitFor(() => expect(held).toHaveLength(2));
    held[1]!.release();
    await waitFor(() => expect(again.result.current.data?.path.join('/')).toBe(runPath));
  });

  it('new arguments abort the old request, and its late answer never replaces the new one', async () => {
    const { client, held } = gatedApi((op) => op === 'RunDetail');
    let setPath: (p: string) => void = () => undefined;
    const seen: string[] = [];
    function Switcher(): ReactElement {
      const [path, set] = useState(runPath);
      setPath = set;
      const { data } = useRun(path);
      if (data) seen.push(data.id);
      return h('p', null, data?.id ?? '…');
    }
    const view = render(h(WandbProvider, { api: client }, h(Switcher)));
    await waitFor(() => expect(held).toHaveLength(1));
    act(() => setPath(otherPath));
    await waitFor(() => expect(held).toHaveLength(2));
    expect(held[0]!.signal?.aborted).toBe(true);
    held[1]!.release();
    const otherId = otherPath.split('/')[2]!;
    await waitFor(() => expect(view.container.textContent).toBe(otherId));
    held[0]!.release(true); // the first run's answer arrives after all
    await act(() => held[0]!.answered);
    await act(() => new Promise((resolve) => setImmediate(resolve)));
    expect(view.container.textContent).toBe(otherId);
    expect(new Set(seen)).toEqual(new Set([otherId]));
  });
});

function RunId({ path }: { path: string }): ReactElement {
  const { data } = useRun(path, { suspense: true });
  return h('span', null, data!.id);
}

class Boundary extends Component<{ children?: ReactNode }, { error: Error | undefined }> {
  override state = { error: undefined as Error | undefined };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    const retry = () => this.setState({ error: undefined });
    return h('button', { onClick: retry }, `failed: ${this.state.error.name}`);
  }
}

describe('suspense', () => {
  it('suspends until the answer, with <Suspense>', async () => {
    const view = render(
      h(
        WandbProvider,
        { api },
        h(Suspense, { fallback: h('p', null, 'loading') }, h(RunId, { path: runPath })),
      ),
    );
    expect(view.container.textContent).toBe('loading');
    await waitFor(() => expect(view.container.textContent).toBe(runPath.split('/')[2]));
    expect(graphqlCalls(emu, 'RunDetail')).toBe(1);
  });

  it('throws the typed error to the error boundary', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const view = render(
        h(
          WandbProvider,
          { api },
          h(
            Boundary,
            null,
            h(Suspense, { fallback: h('p', null, 'loading') }, h(RunId, { path: 'alice/boundary/late0001' })),
          ),
        ),
      );
      await waitFor(() => expect(view.container.textContent).toBe('failed: NotFoundError'));
      // The boundary's retry asks the server again (the run exists by now).
      emu.seed.run({ entity: 'alice', project: 'boundary', id: 'late0001' });
      act(() => view.container.querySelector('button')!.click());
      await waitFor(() => expect(view.container.textContent).toBe('late0001'));
    } finally {
      spy.mockRestore();
    }
  });

  it('a listing suspends until its first page', async () => {
    function Count(): ReactElement {
      const { runs, totalCount } = useRuns('alice/language-model', { pageSize: 10, suspense: true });
      return h('p', null, `${runs.length}/${totalCount}`);
    }
    const view = render(
      h(WandbProvider, { api }, h(Suspense, { fallback: h('p', null, 'loading') }, h(Count))),
    );
    expect(view.container.textContent).toBe('loading');
    await waitFor(() => expect(view.container.textContent).toBe('10/45'));
  });
});

describe('polling (fake timers)', () => {
  function seedRunning(id: string) {
    emu.seed.run({ entity: 'alice', project: 'live', id, state: 'running', summary: { step: 1 } });
    return emu.store.findRun(emu.store.findProject('alice', 'live')!.id, id)!;
  }

  it('useRun polls while the run is running and stops when it has finished', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout'] });
    const record = seedRunning('poll0001');
    const { result } = renderHook(() => useRun('alice/live/poll0001', { pollMs: 60_000 }), {
      wrapper: provider(),
    });
    await waitFor(() => expect(result.current.data?.state).toBe('running'));
    expect(graphqlCalls(emu, 'RunDetail')).toBe(1);
    record.summary = { step: 2 };
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    await waitFor(() => expect(result.current.data?.summary.step).toBe(2));
    expect(result.current.loading).toBe(false); // a poll is no loading state
    expect(graphqlCalls(emu, 'RunDetail')).toBe(2);
    emu.faults.add({ target: 'graphql', operationName: 'RunDetail', status: 403 });
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    await waitFor(() => expect(result.current.error).toBeDefined()); // a failed poll: shown, and tried again
    expect(result.current.data?.summary.step).toBe(2);
    record.state = 'finished';
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    await waitFor(() => expect(result.current.data?.state).toBe('finished'));
    expect(result.current.error).toBeUndefined();
    await act(() => vi.advanceTimersByTimeAsync(300_000));
    expect(graphqlCalls(emu, 'RunDetail')).toBe(4);
  });

  it('polling stops on unmount; useHistory polls too', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout'] });
    const record = seedRunning('poll0002');
    record.history = [{ _step: 0, loss: 1 }];
    const history = renderHook(() => useHistory('alice/live/poll0002', { pollMs: 30_000 }), {
      wrapper: provider(),
    });
    await waitFor(() => expect(history.result.current.data).toHaveLength(1));
    record.history = [...record.history, { _step: 1, loss: 0.5 }];
    await act(() => vi.advanceTimersByTimeAsync(30_000));
    await waitFor(() => expect(history.result.current.data).toHaveLength(2));
    history.unmount();
    await act(() => Promise.resolve());
    const calls = graphqlCalls(emu);
    await act(() => vi.advanceTimersByTimeAsync(300_000));
    expect(graphqlCalls(emu)).toBe(calls);
  });
});
