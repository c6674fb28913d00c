/**
 * Environment variables, browser-safe: `process.env` is only read where `process` exists.
 *
 * @example
 * ```ts
 * const key = readEnv('WANDB_API_KEY');
 * ```
 * @module
 */

/**
 * Returns the environment variable `name`, or undefined when it is unset, empty, or there is no
 * `process` (browsers, workers).
 *
 * @example
 * ```ts
 * const baseUrl = readEnv('WANDB_BASE_URL') ?? 'https://api.wandb.ai';
 * ```
 */
export function readEnv(name: string): string | undefined {
  if (typeof process === 'undefined' || typeof process.env !== 'object' || process.env === null)
    return undefined;
  const value = process.env[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
