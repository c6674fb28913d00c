/**
 * The package version, sent in `X-Wandb-Client` and `User-Agent`. Kept equal to package.json's
 * `version` (a test checks it).
 *
 * @example
 * ```ts
 * import { VERSION } from 'wandb-api';
 * console.log(VERSION); // '0.2.0'
 * ```
 */
export const VERSION = '0.2.0';
