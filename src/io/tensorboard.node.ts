/**
 * Node's side of TensorBoard syncing: finding every tfevents file under a folder and reading it.
 * Used by the Node build (`src/node.ts`); the conversion itself is platform-free
 * (`src/facade/tensorboard/`).
 *
 * @example
 * ```ts
 * import { nodeTensorboardFiles } from './tensorboard.node.js';
 * const files = await nodeTensorboardFiles.list('logs'); // ['events.out.tfevents.1', 'train/…']
 * ```
 * @module
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ValidationError } from '../errors/index.js';
import type { TensorboardFiles } from './tensorboard.js';

function codeOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

async function walk(root: string, prefix: string, out: string[]): Promise<void> {
  const entries = await readdir(join(root, prefix), { withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && e.name.includes('tfevents')).map((e) => e.name);
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  for (const name of files.sort(byName)) out.push(prefix === '' ? name : `${prefix}/${name}`);
  for (const name of folders.sort(byName)) await walk(root, prefix === '' ? name : `${prefix}/${name}`, out);
}

/**
 * Disk access for syncTensorboard on Node.
 *
 * @example
 * ```ts
 * const bytes = await nodeTensorboardFiles.read('logs', 'train/events.out.tfevents.1');
 * ```
 */
export const nodeTensorboardFiles: TensorboardFiles = {
  async list(rootDir) {
    try {
      if (!(await stat(rootDir)).isDirectory())
        throw new ValidationError('rootDir', `${JSON.stringify(rootDir)} is not a folder`);
    } catch (e) {
      if (e instanceof ValidationError) throw e;
      throw new ValidationError(
        'rootDir',
        `cannot read ${JSON.stringify(rootDir)} (${codeOf(e) ?? 'unreadable'})`,
      );
    }
    const out: string[] = [];
    await walk(rootDir, '', out);
    return out;
  },
  async read(rootDir, file) {
    return new Uint8Array(await readFile(join(rootDir, ...file.split('/'))));
  },
};
