/**
 * Standalone emulator: `npm run emulator -- --port 8080 --key my-key --seed demo`.
 *
 * Options: `--port` (default 0, a free port), `--key` (default random), `--seed` (`demo` or `empty`,
 * default `demo`), `--user` (viewer username). Stops on SIGINT / SIGTERM.
 *
 * @example
 * ```sh
 * npx tsx src/emulator/cli.ts --port 8080 --seed demo
 * ```
 * @module
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './index.js';

const USAGE = `Usage: wandb-api emulator [--port <n>] [--key <api key>] [--seed demo|empty] [--user <username>]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      key: { type: 'string' },
      seed: { type: 'string', default: 'demo' },
      user: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid --port "${values.port}"`);
  const seed = values.seed;
  if (seed !== 'demo' && seed !== 'empty') throw new Error(`Invalid --seed "${seed}" (demo or empty)`);
  const emu = await startEmulator({
    port,
    seed,
    ...(values.key !== undefined ? { apiKey: values.key } : {}),
    ...(values.user !== undefined ? { viewer: { username: values.user } } : {}),
  });
  console.log(`W&B emulator listening on ${emu.url} (seed: ${seed})`);
  console.log(`GraphQL endpoint: ${emu.url}/graphql`);
  console.log(`API key: ${emu.apiKey}`);
  console.log(`Viewer: ${emu.store.viewer.username}`);
  console.log('');
  console.log(`  WANDB_BASE_URL=${emu.url} WANDB_API_KEY=${emu.apiKey} npm run demo`);
  console.log('');
  console.log('Press Ctrl+C to stop.');
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the emulator`);
    emu.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(1);
});
