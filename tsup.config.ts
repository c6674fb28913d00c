import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { defineConfig } from 'tsup';

/**
 * Entries (see `exports` in package.json):
 * - `index`: the browser-safe core ("wandb-api" in browsers and bundlers);
 * - `node`: the same API with the `~/.netrc` key fallback and the file system ("wandb-api" under Node);
 * - `graphql`: the typed documents and operation types ("wandb-api/graphql");
 * - `emulator/emulator`: the Node-only emulator, loaded by the `emulator/index` wrappers written
 *   below ("wandb-api/emulator").
 *
 * Declarations are bundled per format (`.d.ts` for ESM, `.d.cts` for CJS) with `@internal`
 * members stripped. Public classes keep their names as long as no class names itself inside its
 * own body (esbuild would rename it `_Name`; the package test checks the names).
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
  target: 'es2022',
  external: ['graphql', 'mingo'],
  // Bundled: p-limit is ESM-only, which `require` of the CJS build could not load on every Node 20.
  noExternal: ['p-limit', 'yocto-queue'],
  onSuccess: writeEmulatorEntries,
});

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
