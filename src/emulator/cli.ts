/**
 * Standalone emulator: `npm run emulator -- --port 8080 --key my-key --seed demo`.
 *
 * Options: `--port` (default 0, a free port), `--key` (default random), `--seed` (`demo` or `empty`,
 * default `demo`), `--user` (viewer username), `--latency-ms` (every request waits that long
 * before it is handled, default 0), `--fault <json>` (repeatable: faults added at start, e.g. a 429
 * storm), `--fault-seed`, `--parquet-history on|off|unsupported`; see `cli-options.ts`. Stops on
 * SIGINT / SIGTERM.
 *
 * @example
 * ```sh
 * npx tsx src/emulator/cli.ts --port 8080 --seed demo
 * npm run emulator -- --latency-ms 50
 * npm run emulator -- --fault '{"status":429,"rate":0.3,"seed":1,"times":"Infinity","retryAfterMs":50}'
 * ```
 * @module
 */
import { CLI_USAGE, parseCliOptions } from './cli-options.js';
import { startEmulator } from './index.js';

async function main(): Promise<void> {
  const options = parseCliOptions(process.argv.slice(2));
  if (options.help) {
    console.log(CLI_USAGE);
    return;
  }
  const { seed, latencyMs } = options;
  const emu = await startEmulator({
    port: options.port,
    seed,
    latencyMs,
    ...(options.faultSeed !== undefined ? { faultSeed: options.faultSeed } : {}),
    ...(options.parquetHistory !== undefined ? { parquetHistory: options.parquetHistory } : {}),
    ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
    ...(options.user !== undefined ? { viewer: { username: options.user } } : {}),
  });
  for (const fault of options.faults ?? []) emu.faults.add(fault);
  console.log(
    `W&B emulator listening on ${emu.url} (seed: ${seed}${latencyMs > 0 ? `, latency ${latencyMs} ms` : ''})`,
  );
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
  console.error(CLI_USAGE);
  process.exit(1);
});
