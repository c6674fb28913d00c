/**
 * What a command of the `wandb-api` CLI sees of the outside world: the output streams, whether
 * they are a terminal, colour and progress settings, the {@link Api} built from the global
 * options, and an `AbortSignal` that Ctrl-C aborts. Tests build one over in-memory streams with
 * {@link createCliEnv}; the bin builds one over the process with {@link processEnv}.
 *
 * @example
 * ```ts
 * const env = processEnv();
 * process.exitCode = await run(process.argv.slice(2), env);
 * ```
 * @module
 */
import { Api } from '../node.js';

/**
 * The options every command accepts (before or after its name).
 *
 * @example
 * ```ts
 * const globals: GlobalOptions = { baseUrl: 'http://127.0.0.1:8080', quiet: true };
 * ```
 */
export interface GlobalOptions {
  /** `--base-url`: the W&B server. Default: `WANDB_BASE_URL`, else `https://api.wandb.ai`. */
  baseUrl?: string;
  /** `--api-key`: the API key. Default: `WANDB_API_KEY`, else the `~/.netrc` entry for the server. */
  apiKey?: string;
  /** `--quiet`: no progress bars, no colour, no messages but errors. */
  quiet?: boolean;
  /** `--no-color` sets it to false. Default true (colour still needs a terminal and no `NO_COLOR`). */
  color?: boolean;
}

/**
 * A stream the CLI writes to: `process.stdout` or, in tests, any writable with an optional `isTTY`.
 *
 * @example
 * ```ts
 * const stream: CliStream = process.stderr;
 * ```
 */
export interface CliStream {
  /** Writes a chunk; `callback` runs once it is handed over. */
  write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void): boolean;
  /** True when the stream is a terminal. */
  isTTY?: boolean;
  /** Terminal width, when it is one. */
  columns?: number;
}

/**
 * The environment of one CLI invocation.
 *
 * @example
 * ```ts
 * env.stdout.write(JSON.stringify(await env.api().viewer()) + '\n');
 * if (env.progress) startBar();
 * ```
 */
export interface CliEnv {
  /** Machine-readable output (tables, CSV, JSON) goes here. */
  readonly stdout: CliStream;
  /** Messages, errors and progress bars go here. */
  readonly stderr: CliStream;
  /** The environment variables (`NO_COLOR`, `WANDB_API_KEY`, ...). */
  readonly vars: Readonly<Record<string, string | undefined>>;
  /** True when stderr is a terminal (where progress and colour may appear). */
  readonly isTTY: boolean;
  /** The global options of this invocation, set once they are parsed. */
  globals: GlobalOptions;
  /** Colour allowed: a terminal, no `NO_COLOR`, no `--no-color`, no `--quiet`. */
  readonly color: boolean;
  /** Progress bars allowed: a terminal and no `--quiet`. */
  readonly progress: boolean;
  /** Aborted by the first Ctrl-C (SIGINT) or SIGTERM: long commands stop, clean up and exit 130. */
  readonly signal: AbortSignal;
  /**
   * Set by a command whose normal end is an interrupt (`emulator`): the exit code to use instead of
   * 130 once the signal has aborted.
   */
  exitCode: number | undefined;
  /**
   * The Node `Api` for the global options (`--base-url`, `--api-key`, else the environment and
   * `~/.netrc`), built once per invocation.
   */
  api(globals?: GlobalOptions): Api;
  /** Writes a message line to stderr unless `--quiet`. */
  info(message: string): void;
}

/**
 * Options of {@link createCliEnv}.
 *
 * @example
 * ```ts
 * const options: CliEnvOptions = { stdout, stderr, vars: { NO_COLOR: '1' } };
 * ```
 */
export interface CliEnvOptions {
  /** Where output goes. */
  stdout: CliStream;
  /** Where messages go. */
  stderr: CliStream;
  /** Environment variables. Default: `process.env`. */
  vars?: Readonly<Record<string, string | undefined>>;
  /** Aborts long commands. Default: a signal nothing aborts. */
  signal?: AbortSignal;
}

/**
 * Builds a {@link CliEnv} over the given streams.
 *
 * @example
 * ```ts
 * const env = createCliEnv({ stdout: process.stdout, stderr: process.stderr });
 * ```
 */
export function createCliEnv(options: CliEnvOptions): CliEnv {
  const vars = options.vars ?? process.env;
  const isTTY = options.stderr.isTTY === true;
  let api: Api | undefined;
  const env: CliEnv = {
    stdout: options.stdout,
    stderr: options.stderr,
    vars,
    isTTY,
    globals: {},
    exitCode: undefined,
    get color(): boolean {
      const noColor = vars.NO_COLOR !== undefined && vars.NO_COLOR !== '';
      return isTTY && !noColor && env.globals.color !== false && env.globals.quiet !== true;
    },
    get progress(): boolean {
      return isTTY && env.globals.quiet !== true;
    },
    signal: options.signal ?? new AbortController().signal,
    api(globals = env.globals): Api {
      api ??= new Api({
        ...(globals.baseUrl !== undefined ? { baseUrl: globals.baseUrl } : {}),
        ...(globals.apiKey !== undefined ? { apiKey: globals.apiKey } : {}),
      });
      return api;
    },
    info(message: string): void {
      if (env.globals.quiet !== true) env.stderr.write(`${message}\n`);
    },
  };
  return env;
}

/**
 * The {@link CliEnv} of the running process: `process.stdout`/`stderr`, `process.env`, and a
 * signal that the first SIGINT or SIGTERM aborts (the command then cleans up and exits 130); a
 * second one exits at once with 130. A closed stdout (`| head`) ends the command with exit 0.
 *
 * @example
 * ```ts
 * process.exitCode = await run(process.argv.slice(2), processEnv());
 * ```
 */
export function processEnv(): CliEnv {
  const controller = new AbortController();
  const interrupt = (): void => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort(new Interrupted());
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  // `wandb-api runs ... | head`: the reader has gone, so the output is complete as far as anyone
  // reads it. Exit quietly instead of crashing with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return createCliEnv({ stdout: process.stdout, stderr: process.stderr, signal: controller.signal });
}

/**
 * The reason of the CLI's signal once Ctrl-C aborted it.
 *
 * @example
 * ```ts
 * if (env.signal.reason instanceof Interrupted) return EXIT.interrupted;
 * ```
 */
export class Interrupted extends Error {
  constructor() {
    super('Interrupted (Ctrl-C)');
    this.name = 'Interrupted';
  }
}
