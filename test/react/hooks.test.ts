import '../support/dom.js';
// The wandb-api/react hooks against the emulator over HTTP, rendered with @testing-library/react.
import { act, cleanup, render, renderHook, waitFor } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { AuthenticationError, type Api } from '../../src/index.js';
import { WandbProvider, useRuns, useViewer } from '../../src/react/index.js';
import { graphqlCalls, useEmulator } from '../support/helpers.js';

let emu: Emulator;
let api: Api;
useEmulator((ctx) => ({ emu, api } = ctx), { seed: 'demo', resetEach: true });
afterEach(cleanup);

const wrapper = ({ children }: { children?: ReactNode }) => createElement(WandbProvider, { api }, children);

describe('first cut', () => {
  it('useViewer gives the user', async () => {
    const { result } = renderHook(() => useViewer(), { wrapper });
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.data?.username).toBe('alice');
    expect(result.current.error).toBeUndefined();
  });

  it('useRuns pages until hasMore is false', async () => {
    const { result } = renderHook(() => useRuns('alice/language-model', { pageSize: 20 }), { wrapper });
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.runs).toHaveLength(20);
    expect(result.current.totalCount).toBe(45);
    expect(result.current.hasMore).toBe(true);
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.runs).toHaveLength(40));
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.runs).toHaveLength(45));
    expect(result.current.hasMore).toBe(false);
    expect(new Set(result.current.runs.map((r) => r.id)).size).toBe(45);
    expect(graphqlCalls(emu, 'RunsPage')).toBeGreaterThan(0);
  });

  it('a wrong key gives an AuthenticationError', async () => {
    const { Api: ApiClass } = await import('../../src/index.js');
    const bad = new ApiClass({
      baseUrl: emu.url,
      apiKey: 'wrong-key-0123456789abcdef0123456789abcdef0123',
      retry: false,
    });
    const { result } = renderHook(() => useViewer(), {
      wrapper: ({ children }) => createElement(WandbProvider, { api: bad }, children),
    });
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.error).toBeInstanceOf(AuthenticationError);
    void render;
  });
});
