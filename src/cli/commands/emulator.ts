/**
 * `wandb-api emulator`: a local W&B-compatible server (the `wandb-api/emulator` package entry)
 * until Ctrl-C or SIGTERM (then exit 0). Prints `WANDB_BASE_URL=...` and `WANDB_API_KEY=...` on
 * stdout, so a script can read them; messages go to stderr. Needs the optional peer
 * dependencies `graphql` and `mingo`.
 *
 * @example
 * ```sh
 * wandb-api emulator --seed demo --port 8080
 * wandb-api emulator --latency-ms 30 > emulator.env &
 * ```
 * @module
 */
import { Option, type Command } from 'commander';
import type { CliEnv } from '../env.js';
import { nonNegativeInt } from '../parse.js';

interface EmulatorOptions {
  seed: 'demo' | 'empty';
  port: number;
  latencyMs: number;
  key?: string;
  user?: string;
}

/**
 * Registers `emulator`.
 *
 * @example
 * ```ts
 * register(program, env);
 * ```
 */
export function register(program: Command, env: CliEnv): void {
  program
    .command('emulator')
    .description('run a local W&B emulator on 127.0.0.1 until Ctrl-C (prints its URL and API key)')
    .addOption(new Option('--seed <seed>', 'initial data').choices(['demo', 'empty']).default('demo'))
    .option('--port <n>', 'port to listen on (0: a free one)', nonNegativeInt, 0)
    .option('--latency-ms <n>', 'delay every request by n ms', nonNegativeInt, 0)
    .option('--key <key>', 'the API key it accepts (default: a random one)')
    .option('--user <username>', "the viewer's username")
    .action(async (options: EmulatorOptions) => {
      const { startEmulator } = await import('../../emulator/index.js');
      const emu = await startEmulator({
        port: options.port,
        seed: options.seed,
        latencyMs: options.latencyMs,
        ...(options.key !== undefined ? { apiKey: options.key } : {}),
        ...(options.user !== undefined ? { viewer: { username: options.user } } : {}),
      });
      env.stdout.write(`WANDB_BASE_URL=${emu.url}\nWANDB_API_KEY=${emu.apiKey}\n`);
      const latency = options.latencyMs > 0 ? `, latency ${options.latencyMs} ms` : '';
      env.info(
        `W&B emulator listening on ${emu.url} (seed: ${options.seed}${latency}). Press Ctrl+C to stop.`,
      );
      await new Promise<void>((resolve) => {
        if (env.signal.aborted) resolve();
        else env.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      env.info('stopping the emulator');
      await emu.close();
      env.exitCode = 0; // stopping is how an emulator ends: not an interruption
    });
}
