/**
 * Reads the W&B API key from `.netrc` (Node only; used by the Node build, `src/node.ts`).
 *
 * @example
 * ```ts
 * import { readNetrcKey } from "./netrc.node.js";
 * const key = await readNetrcKey('api.wandb.ai');
 * ```
 * @module
 */

import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readEnv } from './env.js';
import { netrcLookup, parseNetrc } from './netrc.js';

/**
 * The `.netrc` files to try, in order: `$NETRC` alone when set, otherwise `~/.netrc` (and
 * `~/_netrc` on Windows).
 *
 * @example
 * ```ts
 * netrcPaths(); // ['/home/me/.netrc']
 * ```
 */
export function netrcPaths(): string[] {
  const explicit = readEnv('NETRC');
  if (explicit) return [explicit];
  const home = homedir();
  const paths = [join(home, '.netrc')];
  if (process.platform === 'win32') paths.push(join(home, '_netrc'));
  return paths;
}

function isMissing(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

/**
 * Returns the API key stored for `host` in `.netrc` (`$NETRC` or `~/.netrc`): the entry's
 * `password` (W&B writes `login user password <key>`), or the `default` entry's. `host` is a
 * URL host with any port (`api.wandb.ai`, `localhost:8080`); a full URL is accepted too.
 * Undefined when there is no file, no entry or no password.
 *
 * @example
 * ```ts
 * const key = await readNetrcKey(new URL('https://api.wandb.ai').host);
 * ```
 */
export async function readNetrcKey(
  host: string,
  options: { useDefault?: boolean } = {},
): Promise<string | undefined> {
  let target = host.trim();
  if (target.includes('://')) {
    try {
      target = new URL(target).host;
    } catch {
      // not a URL after all: look it up as written
    }
  }
  for (const path of netrcPaths()) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if (isMissing(e)) continue;
      throw e;
    }
    const password = netrcLookup(parseNetrc(text), target, options)?.password;
    return password === undefined || password === '' ? undefined : password;
  }
  return undefined;
}
