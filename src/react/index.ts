/**
 * wandb-api/react: `<WandbProvider>` and hooks over the wandb-api facade. `react` (18 or later)
 * and `urql` (5) are peer dependencies. Nothing here touches `window` or `document` when imported,
 * so it is safe to import during server-side rendering.
 *
 * @example
 * ```tsx
 * import { Api } from 'wandb-api';
 * import { WandbProvider, useRuns } from 'wandb-api/react';
 *
 * function Runs() {
 *   const { runs, loading, error } = useRuns('acme/vision');
 *   if (error) return <p>{error.message}</p>;
 *   return <ul>{runs.map((r) => <li key={r.id}>{r.name}</li>)}</ul>;
 * }
 * export const App = () => <WandbProvider api={new Api()}><Runs /></WandbProvider>;
 * ```
 * @module
 */
export { WandbProvider, useApi, type WandbProviderProps } from './provider.js';
export {
  useViewer,
  useProjects,
  useProject,
  useRuns,
  useRun,
  useHistory,
  useFiles,
  useArtifact,
  useArtifacts,
  useRegistries,
  useAutomations,
  useWandb,
  type HookOptions,
  type ListHookOptions,
  type WandbQuery,
  type WandbList,
  type UseRunOptions,
  type UseHistoryOptions,
  type UseArtifactOptions,
  type UseRunsOptions,
  type UseProjectsOptions,
  type UseFilesOptions,
  type UseArtifactsOptions,
  type UseRegistriesOptions,
  type UseAutomationsOptions,
} from './hooks.js';
