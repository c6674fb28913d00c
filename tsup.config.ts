import { readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { defineConfig, type Options } from 'tsup';

/**
 * Entries (see `exports` in package.json):
 * - `index`: the browser-safe core ("wandb-api" in browsers and bundlers);
 * - `node`: the same API with the `~/.netrc` key fallback and the file system ("wandb-api" under Node);
 * - `graphql`: the typed documents and operation types ("wandb-api/graphql");
 * - `emulator/emulator`: the Node-only emulator, loaded by the `emulator/index` wrappers written
 *   below ("wandb-api/emulator");
 * - `react/index`: the Provider and hooks ("wandb-api/react"), built on its own (see REACT).
 *
 * Declarations are bundled per format (`.d.ts` for ESM, `.d.cts` for CJS) with `@internal`
 * members stripped. Public classes keep their names as long as no class names itself inside its
 * own body (esbuild would rename it `_Name`; the package test checks the names). CommonJS
 * has one file per entry; ESM one file per module of the client (see MODULES).
 */
const ENTRIES = {
  index: 'src/index.ts',
  node: 'src/node.ts',
  graphql: 'src/graphql.ts',
  'emulator/emulator': 'src/emulator/index.ts',
};

/**
 * Every module of the client (not the emulator) as an entry of the ESM build, so that each stays
 * its own file in `dist/` (as `preserveModules` would): an app's bundler splits by module, so
 * what `Api` loads with `import()` on first use can only stay out of the app's initial chunk if it
 * is not merged into a chunk with what `Api` needs at once.
 */
const MODULES = Object.fromEntries(
  readdirSync('src', { recursive: true, encoding: 'utf8' })
    .map((file) => file.split('\\').join('/'))
    .filter(
      (file) =>
        file.endsWith('.ts') &&
        !file.endsWith('.d.ts') &&
        !file.startsWith('emulator/') &&
        !file.startsWith('react/') &&
        !file.startsWith('cli/'),
    )
    .map((file) => [file.slice(0, -'.ts'.length), `src/${file}`]),
);

const shared: Options = {
  sourcemap: true,
  // `npm run build` empties dist/ first: two builds write there at once.
  clean: false,
  shims: true,
  target: 'es2022',
  external: ['graphql', 'mingo'],
  // Bundled: p-limit is ESM-only, which `require` of the CJS build could not load on every Node 20.
  noExternal: ['p-limit', 'yocto-queue'],
};

/**
 * wandb-api/react: one file per format, with `react`, `urql` and `wandb-api` itself external, so
 * that the app's `Api` (from "wandb-api") and the one the hooks see are the same class, in its
 * Node or browser build as the app resolves it, and its types are those of "wandb-api".
 */
const REACT: Options = {
  ...shared,
  entry: { 'react/index': 'src/react/index.ts' },
  format: ['esm', 'cjs'],
  external: [...(shared.external ?? []), 'react', 'react-dom', 'urql', 'wandb-api'],
  dts: { compilerOptions: { stripInternal: true } },
};

export default defineConfig([
  REACT,
  // CommonJS: one file per entry (dynamic imports become inlined requires).
  { ...shared, entry: ENTRIES, format: ['cjs'], dts: { compilerOptions: { stripInternal: true } } },
  // ESM: one file per module, the package entries among them.
  {
    ...shared,
    entry: { ...MODULES, ...ENTRIES },
    format: ['esm'],
    dts: { entry: ENTRIES, compilerOptions: { stripInternal: true } },
    onSuccess: writeEmulatorEntries,
  },
  // The `wandb-api` bin (src/cli): one ESM file with its shebang, over the package's own built entries.
  {
    ...shared,
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    esbuildPlugins: [cliEntries()],
  },
]);

/**
 * The CLI imports the facade and the emulator through `src/node.ts` and `src/emulator/index.ts`;
 * its bundle loads them from the package's built entries (`dist/node.js`, `dist/emulator/index.js`,
 * which checks the emulator's optional peers) instead of bundling a second copy of the client.
 */
function cliEntries(): NonNullable<Options['esbuildPlugins']>[number] {
  return {
    name: 'wandb-api-cli-entries',
    setup(build) {
      build.onResolve({ filter: /(^|\/)(node|emulator\/index)\.js$/ }, (args) => {
        if (!args.importer.split('\\').join('/').includes('/src/cli/')) return undefined;
        return {
          path: args.path.endsWith('emulator/index.js') ? '../emulator/index.js' : '../node.js',
          external: true,
        };
      });
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
