/**
 * Exit codes of the `wandb-api` command and how a failure is printed: the typed error's message
 * (the library's errors never contain the key; the CLI also masks the key it was given) and a
 * hint for what to do, per error class.
 *
 * @example
 * ```ts
 * try { await action(); } catch (error) { return reportError(error, env); }
 * ```
 * @module
 */
import { CommanderError } from 'commander';
import {
  AuthenticationError,
  ConflictError,
  NetworkError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnsupportedError,
  ValidationError,
  WandbError,
} from '../node.js';
import { Interrupted, type CliEnv } from './env.js';

/**
 * The exit codes: 0 success, 1 failure, 2 usage error (bad option or argument), 130 interrupted.
 *
 * @example
 * ```ts
 * process.exitCode = EXIT.usage;
 * ```
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/**
 * One of the {@link EXIT} codes.
 *
 * @example
 * ```ts
 * const code: ExitCode = EXIT.failure;
 * ```
 */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * A usage error found by a command after parsing (a bad `--format`, `--out` missing): exit 2.
 *
 * @example
 * ```ts
 * throw new UsageError('--format parquet needs --out FILE');
 * ```
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * What to do about an error of the library, by class, or undefined.
 *
 * @example
 * ```ts
 * hintFor(new AuthenticationError('401')); // 'check --api-key, WANDB_API_KEY or ~/.netrc ...'
 * ```
 */
export function hintFor(error: unknown): string | undefined {
  if (error instanceof AuthenticationError)
    return 'check --api-key, WANDB_API_KEY or ~/.netrc (the key for the server of --base-url / WANDB_BASE_URL)';
  if (error instanceof PermissionError)
    return 'the key is valid but may not do this: check the entity and its members';
  if (error instanceof NotFoundError)
    return 'check the path (entity/project/run, or entity/project/name:alias for artifacts) and the entity';
  if (error instanceof RateLimitError) return 'the server is rate limiting: wait a little and retry';
  if (error instanceof TimeoutError || error instanceof NetworkError)
    return 'check --base-url / WANDB_BASE_URL and the network';
  if (error instanceof ServerError) return 'the server failed: retry later';
  if (error instanceof ConflictError) return 'it exists already or changed meanwhile';
  if (error instanceof UnsupportedError) return 'this server does not support it';
  if (error instanceof ValidationError || error instanceof UsageError) return 'see --help';
  return undefined;
}

/**
 * The exit code for an error thrown by a command: 130 once Ctrl-C aborted the command, 2 for
 * bad input (`ValidationError`, {@link UsageError}, commander's usage errors), else 1.
 *
 * @example
 * ```ts
 * exitCodeFor(new ValidationError('--filter', 'is not JSON'), env); // 2
 * ```
 */
export function exitCodeFor(error: unknown, env: Pick<CliEnv, 'signal'>): ExitCode {
  if (error instanceof Interrupted || (env.signal.aborted && env.signal.reason instanceof Interrupted))
    return EXIT.interrupted;
  if (error instanceof ValidationError || error instanceof UsageError) return EXIT.usage;
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  return EXIT.failure;
}

/**
 * `text` with every secret the invocation knows (the `--api-key` value, `WANDB_API_KEY`) masked.
 *
 * @example
 * ```ts
 * mask('key abc123 failed', env); // 'key *** failed' when the key is abc123
 * ```
 */
export function mask(text: string, env: Pick<CliEnv, 'globals' | 'vars'>): string {
  let out = text;
  for (const secret of [env.globals.apiKey, env.vars.WANDB_API_KEY]) {
    if (secret !== undefined && secret.length >= 4) out = out.split(secret).join('***');
  }
  return out;
}

/**
 * Prints an error of a command on stderr (message, then a hint) and returns its exit code.
 *
 * @example
 * ```ts
 * process.exitCode = reportError(new NotFoundError('no run acme/vision/x'), env); // 1
 * ```
 */
export function reportError(error: unknown, env: CliEnv): ExitCode {
  const code = exitCodeFor(error, env);
  if (code === EXIT.interrupted) {
    env.stderr.write('wandb-api: interrupted\n');
    return code;
  }
  const message =
    error instanceof WandbError || error instanceof Error
      ? error.message
      : `unexpected failure: ${String(error)}`;
  const label = env.color ? '\u001b[31mwandb-api:\u001b[39m' : 'wandb-api:';
  env.stderr.write(`${label} ${mask(message, env)}\n`);
  const hint = hintFor(error);
  if (hint !== undefined) env.stderr.write(`hint: ${hint}\n`);
  return code;
}
