/**
 * `<WandbProvider>` and `useApi()`: the {@link Api} of a React tree, and its urql `Client` given
 * through urql's own `Provider`, so that urql's `useQuery` with a document from `wandb-api/graphql`
 * shares the Api's auth, retry and cache.
 *
 * @example
 * ```tsx
 * <WandbProvider options={{ baseUrl: 'https://wandb.example.com', apiKey }}>
 *   <App />
 * </WandbProvider>
 * ```
 * @module
 */
import { createContext, createElement, useContext, useMemo, type ReactElement, type ReactNode } from 'react';
import { Provider as UrqlProvider } from 'urql';
import { Api, ValidationError, WandbError, type ApiOptions } from 'wandb-api';
import { urqlClient } from 'wandb-api/graphql';
import { canonicalJson } from './key.js';

const ApiContext = createContext<Api | null>(null);
ApiContext.displayName = 'WandbApi';

/**
 * Props of {@link WandbProvider}: an `api` you made, or the `options` to make one with (not both).
 *
 * @example
 * ```tsx
 * const props: WandbProviderProps = { options: { apiKey, entity: 'acme' }, children: <App /> };
 * ```
 */
export interface WandbProviderProps {
  /** The client the hooks use. */
  api?: Api;
  /**
   * Options to make the client with, when no `api` is given (compared by value: an object written
   * inline does not make a new client on each render; functions in it, such as `fetch`, are
   * taken from the render that made the client). Default `{}`: the environment's key and server.
   */
  options?: ApiOptions;
  /** The tree that uses the hooks. */
  children?: ReactNode;
}

/**
 * Gives its tree an {@link Api} for the hooks (`useRuns`, `useRun`, ...) and that Api's urql
 * `Client` through urql's `Provider`, so `useQuery` from `urql` works in the same tree with the
 * same auth, retry and cache. Pass `api` or `options` (both: {@link ValidationError}).
 *
 * @example
 * ```tsx
 * import { Api } from 'wandb-api';
 * import { WandbProvider, useRuns } from 'wandb-api/react';
 *
 * const api = new Api({ apiKey: import.meta.env.VITE_WANDB_API_KEY });
 * export const App = () => (
 *   <WandbProvider api={api}>
 *     <Runs />
 *   </WandbProvider>
 * );
 * ```
 */
export function WandbProvider(props: WandbProviderProps): ReactElement {
  const { api, options, children } = props;
  if (api !== undefined && options !== undefined) {
    throw new ValidationError('options', 'give WandbProvider either `api` or `options`, not both');
  }
  if (api !== undefined && (typeof api !== 'object' || api === null)) {
    throw new ValidationError(
      'api',
      `expected an Api from wandb-api, got ${api === null ? 'null' : typeof api}`,
    );
  }
  const optionsKey = canonicalJson(options ?? {});
  // `options` is compared by value (optionsKey), not by identity.
  const value = useMemo(() => api ?? new Api(options ?? {}), [api, optionsKey]);
  return createElement(
    ApiContext.Provider,
    { value },
    createElement(UrqlProvider, { value: urqlClient(value) }, children),
  );
}

/**
 * The {@link Api} of the nearest {@link WandbProvider}, for calls no hook wraps (writes, downloads).
 * Throws a {@link WandbError} when there is no provider above the component.
 *
 * @example
 * ```tsx
 * function DeleteButton({ path }: { path: string }) {
 *   const api = useApi();
 *   return <button onClick={async () => (await api.run(path)).delete()}>Delete</button>;
 * }
 * ```
 */
export function useApi(): Api {
  const api = useContext(ApiContext);
  if (api === null) {
    throw new WandbError(
      'useApi() and the wandb-api/react hooks need a <WandbProvider api={api}> (or options={...}) above the component',
    );
  }
  return api;
}
