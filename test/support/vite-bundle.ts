/**
 * What Vite (an app build: Rolldown, code splitting, its default minifier) makes of an app entry:
 * the initial chunk (the entry chunk and the chunks it imports statically) and what loads later.
 * Shared by the size check of `npm test` (test/unit/bundle-size.test.ts) and the benchmark
 * (bench/bundle-size.ts).
 *
 * @example
 * ```ts
 * const { initialGz } = await viteBundle(root, '/tmp/app.js');
 * ```
 * @module
 */
import { gzipSync } from 'node:zlib';

/** The sizes of a Vite build of one entry, in bytes, and the modules of its initial chunk. */
export interface ViteBundle {
  /** The initial chunk, minified. */
  initial: number;
  /** The same, each chunk gzipped on its own (as a server sends them). */
  initialGz: number;
  /** Everything else (what `import()` loads), minified. */
  lazy: number;
  /** The module ids in the initial chunk. */
  initialModules: string[];
  /** With `perModule`: each initial module's rendered length (before minification), by id. */
  moduleLengths?: Record<string, number>;
}

interface ViteChunk {
  type: 'chunk' | 'asset';
  fileName: string;
  isEntry: boolean;
  imports: string[];
  code: string;
  modules: Record<string, { renderedLength: number }>;
}

/**
 * Builds `entry` (a file that exports what the app imports) with Vite from `root`, writing nothing.
 *
 * @example
 * ```ts
 * writeFileSync('/tmp/app.js', "export { Api } from '/repo/src/index.ts';");
 * console.log((await viteBundle('/repo', '/tmp/app.js')).initialGz);
 * ```
 */
export async function viteBundle(
  root: string,
  entry: string,
  { perModule = false }: { perModule?: boolean } = {},
): Promise<ViteBundle> {
  const { build } = await import('vite');
  const result = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    // An app build (not library mode, which keeps whitespace): the entry keeps its exports.
    build: {
      write: false,
      minify: true,
      modulePreload: false,
      rollupOptions: { input: entry, preserveEntrySignatures: 'exports-only' },
    },
  });
  const output = (Array.isArray(result) ? result[0]! : result) as { output: ViteChunk[] };
  const chunks = new Map(output.output.filter((o) => o.type === 'chunk').map((o) => [o.fileName, o]));
  const initial = new Set<string>();
  const visit = (file: string): void => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const i of chunks.get(file)?.imports ?? []) visit(i);
  };
  const first = [...chunks.values()].find((c) => c.isEntry);
  if (!first) throw new Error('no entry chunk in the Vite build');
  visit(first.fileName);
  const sizes: ViteBundle = { initial: 0, initialGz: 0, lazy: 0, initialModules: [] };
  if (perModule) sizes.moduleLengths = {};
  for (const [file, chunk] of chunks) {
    const bytes = Buffer.from(chunk.code);
    if (initial.has(file)) {
      sizes.initial += bytes.length;
      sizes.initialGz += gzipSync(bytes).length;
      for (const [id, m] of Object.entries(chunk.modules)) {
        const name = id.split('\\').join('/');
        sizes.initialModules.push(name);
        if (sizes.moduleLengths) sizes.moduleLengths[name] = m.renderedLength;
      }
    } else sizes.lazy += bytes.length;
  }
  return sizes;
}
