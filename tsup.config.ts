import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { defineConfig, type Options } from 'tsup';

/**
 * Entries (see `exports` in package.json):
 * - `index`: the browser-safe core ("wandb-api" in browsers and bundlers);
 * - `node`: the same API with the `~/.netrc` key fallback and the file system ("wandb-api" under Node);
 * - `graphql`: the typed documents and operation types ("wandb-api/graphql");
 * - `emulator/emulator`: the Node-only emulator, loaded by the `emulator/index` wrappers written
 *   below ("wandb-api/emulator").
 *
 * Declarations are bundled per format (`.d.ts` for ESM, `.d.cts` for CJS) with `@internal`
 * members stripped. Public classes keep their names ({@link classNames}).
 */
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    node: 'src/node.ts',
    graphql: 'src/graphql.ts',
    'emulator/emulator': 'src/emulator/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { stripInternal: true } },
  sourcemap: true,
  clean: true,
  shims: true,
  plugins: [classNames()],
  target: 'es2022',
  external: ['graphql', 'mingo'],
  onSuccess: writeEmulatorEntries,
});

/**
 * Gives self-referencing classes their names back. Bundling, esbuild turns `class Sweep { static
 * fromData() { return new Sweep() } }` into `var Sweep = class _Sweep { ... new _Sweep() ... }`,
 * so `Sweep.name` (and `constructor.name`, `console.log`, stack traces) says `_Sweep`. This
 * renames the inner binding `_Sweep` back to `Sweep` (which it shadows: the same class), padded
 * with a space to keep the length, so the source maps stay exact. esbuild's `keepNames` would fix
 * the names too, but its `static { __name(this, ...) }` blocks make every class look
 * side-effectful to the user's bundler, which then keeps the whole core in a browser bundle that
 * imports only `parseRunPath`.
 *
 * @example
 * ```ts
 * defineConfig({ entry: ['src/index.ts'], plugins: [classNames()] });
 * ```
 */
function classNames(): NonNullable<Options['plugins']>[number] {
  return {
    name: 'class-names',
    renderChunk(code, chunk) {
      if (!/\.c?js$/.test(chunk.path)) return undefined;
      let out = code;
      for (const match of code.matchAll(/\bvar ([A-Za-z$][\w$]*) = class _\1\b/g)) {
        const name = match[1]!;
        const inner = new RegExp(`(?<![\\w$.])_${name.replaceAll('$', '\\$')}(?![\\w$])`, 'g');
        out = out.replace(inner, `${name} `);
      }
      return { code: out, map: chunk.map };
    },
  };
}

/** The optional peer dependencies the emulator needs. */
const PEERS = ['graphql', 'mingo'];

/**
 * Writes `dist/emulator/index.js` and `index.cjs`, the files `wandb-api/emulator` resolves to.
 * Each first checks that `graphql` and `mingo` (optional peers of wandb-api) can be resolved
 * and, if not, throws one error naming the missing ones and the command that installs them,
 * instead of a module-not-found stack from deep inside the emulator; then it loads the emulator
 * (`emulator.js` / `emulator.cjs`) and re-exports all of it. ESM cannot catch a failed static
 * import, so the ESM file loads the emulator with a top-level `await import()` and re-exports
 * its names one by one (read from the built module, so they never drift from `src/emulator`).
 */
async function writeEmulatorEntries(): Promise<void> {
  const dir = new URL('dist/emulator/', pathToFileURL(`${process.cwd()}/`)); // tsup's outDir is relative to the cwd
  const built = new URL('emulator.js', dir);
  built.search = `?t=${Date.now()}`; // a fresh copy on every (watch) build
  const names = Object.keys((await import(built.href)) as Record<string, unknown>).sort();
  if (names.includes('default')) throw new Error('wandb-api/emulator: a default export is not re-exported');
  const check = (resolve: string): string =>
    [
      `const missing = ${JSON.stringify(PEERS)}.filter((name) => {`,
      `  try { ${resolve}(name); return false; } catch { return true; }`,
      `});`,
      `if (missing.length > 0) {`,
      `  const error = new Error(`,
      `    \`wandb-api/emulator needs \${missing.join(' and ')} (optional peer dependenc\${missing.length > 1 ? 'ies' : 'y'} of wandb-api), \` +`,
      `      \`which could not be found. Install them with: npm install --save-dev ${PEERS.join(' ')}\`,`,
      `  );`,
      `  error.code = 'WANDB_EMULATOR_MISSING_PEERS';`,
      `  throw error;`,
      `}`,
    ].join('\n');
  const header =
    '// wandb-api/emulator: checks the optional peers, then loads the emulator. Written by tsup.config.ts.';
  const esm = [
    header,
    "import { createRequire } from 'node:module';",
    // import.meta.resolve (Node 20.6+) resolves as `import` will; require.resolve before that.
    'const resolve = import.meta.resolve ?? createRequire(import.meta.url).resolve;',
    check('resolve'),
    "const emulator = await import('./emulator.js');",
    ...names.map((name) => `export const ${name} = emulator.${name};`),
    '',
  ].join('\n');
  const cjs = [
    header,
    "'use strict';",
    check('require.resolve'),
    "module.exports = require('./emulator.cjs');",
    '',
  ].join('\n');
  await writeFile(new URL('index.js', dir), esm);
  await writeFile(new URL('index.cjs', dir), cjs);
}
