/**
 * Where the dashboard's server address and API key come from: the page's query
 * (`?baseUrl=...&apiKey=...`), else what this tab used last (sessionStorage, unless the environment
 * has changed since, e.g. `npm run example:react` was restarted with a new emulator), else the
 * environment Vite injected (`VITE_WANDB_BASE_URL`, `VITE_WANDB_API_KEY`, as `npm run example:react`
 * sets them), else W&B's own server and no key.
 *
 * @example
 * ```ts
 * const settings = initialSettings(location.search, sessionStorage, import.meta.env);
 * ```
 * @module
 */
import { DEFAULT_BASE_URL } from 'wandb-api';

/**
 * The server to talk to and the key to talk with.
 *
 * @example
 * ```ts
 * const settings: Settings = { baseUrl: 'http://127.0.0.1:8080', apiKey: '...' };
 * ```
 */
export interface Settings {
  /** The W&B server, e.g. `https://api.wandb.ai` or an emulator's `http://127.0.0.1:<port>`. */
  baseUrl: string;
  /** The API key; empty until the user gives one. */
  apiKey: string;
}

/**
 * The environment variables the dashboard reads (Vite's `import.meta.env`).
 *
 * @example
 * ```ts
 * const env: DashboardEnv = { VITE_WANDB_BASE_URL: 'http://127.0.0.1:8080' };
 * ```
 */
export interface DashboardEnv {
  /** Default server. */
  VITE_WANDB_BASE_URL?: string;
  /** Default API key. */
  VITE_WANDB_API_KEY?: string;
}

const STORAGE_KEY = 'wandb-api-dashboard:settings';

/**
 * The settings the page starts with (query, then this tab's last settings if they were made
 * under the same env, then env).
 *
 * @example
 * ```ts
 * initialSettings('?baseUrl=http://127.0.0.1:8080&apiKey=k', undefined, {}); // { baseUrl: 'http://127.0.0.1:8080', apiKey: 'k' }
 * ```
 */
export function initialSettings(
  search: string,
  storage: Pick<Storage, 'getItem'> | undefined,
  env: DashboardEnv,
): Settings {
  const query = new URLSearchParams(search);
  const stored = readStored(storage, env);
  return {
    baseUrl: query.get('baseUrl') || stored?.baseUrl || env.VITE_WANDB_BASE_URL || DEFAULT_BASE_URL,
    apiKey: query.get('apiKey') || stored?.apiKey || env.VITE_WANDB_API_KEY || '',
  };
}

/**
 * Keeps the settings for this tab (a reload keeps them), and takes the key out of the address
 * bar so it does not stay in the browser's history.
 *
 * @example
 * ```ts
 * rememberSettings(settings, import.meta.env, sessionStorage, window.history, window.location);
 * ```
 */
export function rememberSettings(
  settings: Settings,
  env: DashboardEnv,
  storage: Pick<Storage, 'setItem'> | undefined,
  history: Pick<History, 'replaceState'> | undefined,
  location: Pick<Location, 'href'> | undefined,
): void {
  const stored: Stored = { ...settings, env: envOf(env) };
  storage?.setItem(STORAGE_KEY, JSON.stringify(stored));
  if (!history || !location) return;
  const url = new URL(location.href);
  if (!url.searchParams.has('apiKey') && !url.searchParams.has('baseUrl')) return;
  url.searchParams.delete('apiKey');
  url.searchParams.delete('baseUrl');
  history.replaceState(null, '', url.href);
}

/** What is kept per tab: the settings and the env they were made under. */
interface Stored extends Settings {
  env: string;
}

function envOf(env: DashboardEnv): string {
  return JSON.stringify([env.VITE_WANDB_BASE_URL ?? null, env.VITE_WANDB_API_KEY ?? null]);
}

function readStored(storage: Pick<Storage, 'getItem'> | undefined, env: DashboardEnv): Settings | undefined {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null');
    if (
      parsed &&
      typeof parsed === 'object' &&
      'baseUrl' in parsed &&
      'apiKey' in parsed &&
      'env' in parsed
    ) {
      const { baseUrl, apiKey } = parsed;
      if (typeof baseUrl === 'string' && typeof apiKey === 'string' && parsed.env === envOf(env)) {
        return { baseUrl, apiKey };
      }
    }
  } catch {
    // Not ours or not JSON: ignore it.
  }
  return undefined;
}
