// The React dashboard's pure parts (examples/react-dashboard/src): hash routes, where the settings
// come from, the Q filter of the table's controls and the order of a clicked column.
import { describe, expect, it, vi } from 'vitest';
import { formatValue, nextSort, runsFilter, runsOrder } from '../../../examples/react-dashboard/src/query.js';
import { href, parseRoute, type Route } from '../../../examples/react-dashboard/src/route.js';
import { initialSettings, rememberSettings } from '../../../examples/react-dashboard/src/settings.js';

// The example imports the library by its package name (Vite aliases it to the source); here too.
vi.mock('wandb-api', () => import('../../../src/index.js'));

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('routes', () => {
  it('round-trips every page, names with slashes and spaces included', () => {
    const routes: Route[] = [
      { page: 'projects' },
      { page: 'project', entity: 'alice', project: 'image classification' },
      { page: 'run', entity: 'demo-team', project: 'a/b', run: 'x1y2' },
    ];
    for (const route of routes) expect(parseRoute(href(route))).toEqual(route);
  });

  it('takes anything unknown or incomplete as the projects page', () => {
    for (const hash of ['', '#', '#/x/y', '#/p/alice', '#/r/alice/vision', '#/p/a/b/c']) {
      expect(parseRoute(hash)).toEqual({ page: 'projects' });
    }
  });
});

describe('settings', () => {
  const env = { VITE_WANDB_BASE_URL: 'http://127.0.0.1:1', VITE_WANDB_API_KEY: 'env-key' };

  it('prefers the query, then the tab’s last settings, then the environment, then W&B', () => {
    const storage = memoryStorage();
    expect(initialSettings('', storage, {})).toEqual({ baseUrl: 'https://api.wandb.ai', apiKey: '' });
    expect(initialSettings('', storage, env)).toEqual({
      baseUrl: env.VITE_WANDB_BASE_URL,
      apiKey: 'env-key',
    });
    rememberSettings(
      { baseUrl: 'http://127.0.0.1:2', apiKey: 'tab-key' },
      env,
      storage,
      undefined,
      undefined,
    );
    expect(initialSettings('', storage, env)).toEqual({ baseUrl: 'http://127.0.0.1:2', apiKey: 'tab-key' });
    expect(initialSettings('?baseUrl=http%3A%2F%2F127.0.0.1%3A3&apiKey=q-key', storage, env)).toEqual({
      baseUrl: 'http://127.0.0.1:3',
      apiKey: 'q-key',
    });
  });

  it('forgets the tab’s settings when the environment changed (a restarted emulator)', () => {
    const storage = memoryStorage();
    rememberSettings(
      { baseUrl: 'http://127.0.0.1:1', apiKey: 'typed-key' },
      env,
      storage,
      undefined,
      undefined,
    );
    expect(initialSettings('', storage, env).apiKey).toBe('typed-key');
    const restarted = { VITE_WANDB_BASE_URL: 'http://127.0.0.1:9', VITE_WANDB_API_KEY: 'new-key' };
    expect(initialSettings('', storage, restarted)).toEqual({
      baseUrl: 'http://127.0.0.1:9',
      apiKey: 'new-key',
    });
  });

  it('ignores stored settings that are not its own', () => {
    const storage = memoryStorage();
    storage.setItem('wandb-api-dashboard:settings', '{not json');
    expect(initialSettings('', storage, env).apiKey).toBe('env-key');
    storage.setItem('wandb-api-dashboard:settings', '{"baseUrl":1,"apiKey":"k"}');
    expect(initialSettings('', storage, env).apiKey).toBe('env-key');
  });

  it('takes the key and server out of the address bar, keeping the route', () => {
    const replaced: string[] = [];
    const history = {
      replaceState: (_: unknown, __: string, url?: string | URL | null) => replaced.push(String(url)),
    };
    const location = { href: 'http://127.0.0.1:5173/?baseUrl=http%3A%2F%2Fx&apiKey=secret&x=1#/p/a/b' };
    rememberSettings({ baseUrl: 'http://x', apiKey: 'secret' }, env, memoryStorage(), history, location);
    expect(replaced).toEqual(['http://127.0.0.1:5173/?x=1#/p/a/b']);
    rememberSettings({ baseUrl: 'http://x', apiKey: 'secret' }, env, memoryStorage(), history, {
      href: 'http://127.0.0.1:5173/#/',
    });
    expect(replaced).toHaveLength(1); // nothing to take out: the history is left alone
  });
});

describe('the runs table’s filter and order', () => {
  it('builds the server filter with Q from the state and the accuracy threshold', () => {
    expect(runsFilter({ state: '', minAccuracy: '' })).toEqual({});
    expect(runsFilter({ state: 'crashed', minAccuracy: ' ' })).toEqual({
      filter: { state: { $eq: 'crashed' } },
    });
    expect(runsFilter({ state: '', minAccuracy: '0.8' })).toEqual({
      filter: { 'summary_metrics.accuracy': { $gte: 0.8 } },
    });
    expect(runsFilter({ state: 'finished', minAccuracy: '0' }).filter).toEqual({
      $and: [{ state: { $eq: 'finished' } }, { 'summary_metrics.accuracy': { $gte: 0 } }],
    });
  });

  it('reports a threshold that is not a number instead of sending it', () => {
    for (const typed of ['high', '0.8.1', 'Infinity', '1e400']) {
      expect(runsFilter({ state: 'finished', minAccuracy: typed })).toEqual({
        problem: 'Min accuracy must be a number, e.g. 0.8',
      });
    }
  });

  it('orders by the clicked column: the same one flips, a new one starts descending (names A to Z)', () => {
    expect(runsOrder({ column: 'created', ascending: false })).toBe('-created_at');
    expect(runsOrder({ column: 'lr', ascending: true })).toBe('+config.lr.value');
    expect(runsOrder({ column: 'unknown', ascending: true })).toBe('-created_at');
    expect(nextSort({ column: 'created', ascending: false }, 'accuracy')).toEqual({
      column: 'accuracy',
      ascending: false,
    });
    expect(nextSort({ column: 'accuracy', ascending: false }, 'accuracy')).toEqual({
      column: 'accuracy',
      ascending: true,
    });
    expect(nextSort({ column: 'accuracy', ascending: true }, 'name')).toEqual({
      column: 'name',
      ascending: true,
    });
    expect(runsOrder({ column: 'name', ascending: true })).toBe('+displayName');
  });

  it('shows values as short cells', () => {
    expect([formatValue(0.912345), formatValue(3), formatValue(1e-4), formatValue('adam')]).toEqual([
      '0.9123',
      '3',
      '0.0001',
      'adam',
    ]);
    expect([formatValue(null), formatValue(undefined), formatValue({ a: [1] })]).toEqual([
      '',
      '',
      '{"a":[1]}',
    ]);
  });
});
