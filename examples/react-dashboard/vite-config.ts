/**
 * The dashboard's Vite configuration, shared by `vite.config.ts` (the Vite CLI), `serve.ts`
 * (`npm run example:react`) and the Chromium test (which builds it with `build()`).
 *
 * The library is imported from source: `wandb-api` is `src/index.ts` and `wandb-api/react` is
 * `src/react/index.ts` (and `wandb-api/graphql`, which the latter uses, is `src/graphql.ts`), so
 * the example runs from a fresh clone without `npm run build`.
 *
 * @example
 * ```ts
 * import { build } from 'vite';
 * import { dashboardConfig } from './vite-config.js';
 * await build({ ...dashboardConfig(), build: { outDir: '/tmp/dashboard' } });
 * ```
 * @module
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { InlineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * The folder of the app (its `index.html`).
 *
 * @example
 * ```ts
 * await createServer({ ...dashboardConfig(), root: DASHBOARD_ROOT });
 * ```
 */
export const DASHBOARD_ROOT = here('.');

/**
 * The Vite configuration of the dashboard, with no config file of its own (`configFile: false`),
 * so the callers can spread it and add `server` or `build` options.
 *
 * @example
 * ```ts
 * const server = await createServer({ ...dashboardConfig(), server: { port: 5173 } });
 * await server.listen();
 * ```
 */
export function dashboardConfig(): InlineConfig {
  return {
    root: DASHBOARD_ROOT,
    configFile: false,
    plugins: [react()],
    resolve: {
      // Exact matches only: the subpaths first, so `wandb-api` does not swallow them.
      alias: [
        { find: /^wandb-api\/react$/, replacement: here('../../src/react/index.ts') },
        { find: /^wandb-api\/graphql$/, replacement: here('../../src/graphql.ts') },
        { find: /^wandb-api$/, replacement: here('../../src/index.ts') },
      ],
    },
    // React, recharts and the library make one ~750 kB chunk (~220 kB gzipped): fine for a dashboard.
    build: { chunkSizeWarningLimit: 1024 },
    server: { host: '127.0.0.1' },
    preview: { host: '127.0.0.1' },
  };
}
