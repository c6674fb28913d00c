/**
 * The `wandb-api` command: {@link createProgram} builds the commander program (global options,
 * every subcommand from `commands/`), {@link run} parses argv, runs the command and returns its
 * exit code (0 ok, 1 failure, 2 usage error, 130 interrupted).
 *
 * @example
 * ```ts
 * const code = await run(['runs', 'acme/vision', '--format', 'json'], processEnv());
 * ```
 * @module
 */
import { Command, CommanderError } from 'commander';
import { VERSION } from '../node.js';
import { register as registerArtifact } from './commands/artifact.js';
import { register as registerEmulator } from './commands/emulator.js';
import { register as registerExport } from './commands/export.js';
import { register as registerFiles } from './commands/files.js';
import { register as registerHistory } from './commands/history.js';
import { register as registerRun } from './commands/run.js';
import { register as registerRuns } from './commands/runs.js';
import { register as registerSyncTensorboard } from './commands/sync-tensorboard.js';
import { register as registerWhoami } from './commands/whoami.js';
import type { CliEnv, GlobalOptions } from './env.js';
import { EXIT, mask, reportError } from './errors.js';

/**
 * The commander program of `wandb-api` over `env`: global options `--base-url`, `--api-key`,
 * `--quiet`, `--no-color`, and every subcommand. Errors throw (`exitOverride`) instead of exiting.
 *
 * @example
 * ```ts
 * await createProgram(env).parseAsync(['whoami'], { from: 'user' });
 * ```
 */
export function createProgram(env: CliEnv): Command {
  const program = new Command('wandb-api')
    .description('Query and export Weights & Biases data, move artifacts, run a local W&B emulator.')
    .version(VERSION, '-V, --version')
    .option('--base-url <url>', 'the W&B server (default: WANDB_BASE_URL, else https://api.wandb.ai)')
    .option('--api-key <key>', 'the API key (default: WANDB_API_KEY, else ~/.netrc)')
    .option('-q, --quiet', 'no progress, no colour, no messages but errors')
    .option('--no-color', 'no colour (also NO_COLOR=1, or output that is not a terminal)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void env.stdout.write(text),
      writeErr: (text) => void env.stderr.write(mask(text, env)),
    });
  program.hook('preAction', (_program, action) => {
    const all = action.optsWithGlobals<GlobalOptions>();
    env.globals = {
      ...(all.baseUrl !== undefined ? { baseUrl: all.baseUrl } : {}),
      ...(all.apiKey !== undefined ? { apiKey: all.apiKey } : {}),
      ...(all.quiet === true ? { quiet: true } : {}),
      ...(all.color === false ? { color: false } : {}),
    };
  });
  registerWhoami(program, env);
  registerRuns(program, env);
  registerRun(program, env);
  registerHistory(program, env);
  registerFiles(program, env);
  registerArtifact(program, env);
  registerSyncTensorboard(program, env);
  registerEmulator(program, env);
  registerExport(program, env);
  return program;
}

/**
 * Runs `wandb-api` with `argv` (the arguments after the command name) and returns the exit code.
 * Usage errors and failures are printed on `env.stderr`; nothing is thrown.
 *
 * @example
 * ```ts
 * process.exitCode = await run(process.argv.slice(2), processEnv());
 * ```
 */
export async function run(argv: readonly string[], env: CliEnv): Promise<number> {
  env.globals = { ...env.globals, ...apiKeyIn(argv) };
  try {
    await createProgram(env).parseAsync([...argv], { from: 'user' });
    if (env.signal.aborted) return env.exitCode ?? EXIT.interrupted;
    return env.exitCode ?? EXIT.ok;
  } catch (error) {
    // commander printed its own message (help, version, usage error) already.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    return reportError(error, env);
  }
}

/** The `--api-key` value in argv, found before parsing so that even a usage error masks it. */
function apiKeyIn(argv: readonly string[]): Pick<GlobalOptions, 'apiKey'> {
  for (const [i, arg] of argv.entries()) {
    if (arg.startsWith('--api-key=')) return { apiKey: arg.slice('--api-key='.length) };
    const next = argv[i + 1];
    if (arg === '--api-key' && next !== undefined) return { apiKey: next };
  }
  return {};
}
