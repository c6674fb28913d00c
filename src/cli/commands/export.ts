/**
 * Placeholder for `wandb-api export` (written on the `cli-export` branch): registers nothing yet.
 *
 * @example
 * ```ts
 * register(program, env);
 * ```
 * @module
 */
import type { Command } from 'commander';
import type { CliEnv } from '../env.js';

/**
 * Registers the `export` command (nothing, until it is written).
 *
 * @example
 * ```ts
 * register(createProgram(env), env);
 * ```
 */
export function register(program: Command, env: CliEnv): void {
  void program;
  void env;
}
