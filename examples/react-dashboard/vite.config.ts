/**
 * For the Vite CLI: `npx vite examples/react-dashboard` (dev) or `npx vite build examples/react-dashboard`.
 * `npm run example:react` (serve.ts) does not read this file; both use {@link dashboardConfig}.
 *
 * @example
 * ```sh
 * VITE_WANDB_BASE_URL=http://127.0.0.1:8080 npx vite examples/react-dashboard
 * ```
 * @module
 */
import { defineConfig } from 'vite';
import { dashboardConfig } from './vite-config.js';

export default defineConfig(dashboardConfig());
