/**
 * `npm run example:react`: starts the W&B emulator with its demo data and the dashboard's Vite
 * dev server (both on 127.0.0.1), hands the emulator's URL and key to the app as
 * `VITE_WANDB_BASE_URL` / `VITE_WANDB_API_KEY`, and prints the dashboard's URL. Ctrl-C (SIGINT)
 * or SIGTERM stops both. `PORT` picks the dashboard's port (default 5173, the next free one if taken).
 *
 * @example
 * ```sh
 * npm run example:react
 * PORT=8081 npm run example:react
 * ```
 * @module
 */
import { createServer } from 'vite';
import { startEmulator } from '../../src/emulator/index.js';
import { dashboardConfig } from './vite-config.js';

const port = Number(process.env.PORT ?? 5173);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number (0 to 65535), not "${process.env.PORT}"`);
  process.exit(2);
}

const emu = await startEmulator({ seed: 'demo' });
// Vite exposes VITE_* variables of its own process to the app as import.meta.env.
process.env.VITE_WANDB_BASE_URL = emu.url;
process.env.VITE_WANDB_API_KEY = emu.apiKey;
const config = dashboardConfig();
const server = await createServer({ ...config, server: { ...config.server, port } }).catch(
  async (error: unknown) => {
    await emu.close();
    throw error;
  },
);
await server.listen();

console.log(`W&B emulator (demo data, viewer ${emu.store.viewer.username}): ${emu.url}`);
console.log(`Dashboard: ${server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`}`);
console.log('The dashboard is signed in to the emulator already. Press Ctrl+C to stop.');

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the dashboard and the emulator`);
  await Promise.allSettled([server.close(), emu.close()]);
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
