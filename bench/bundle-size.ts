/**
 * Benchmark: size of the browser bundle of the built package as users import it (`wandb-api`,
 * resolved through its `exports` like an app's bundler does, after a fresh `npm run build`),
 * minified and gzipped (the build: `tsup` without declarations), as a ratio to the baseline of
 * @urql/core alone (which the client loads as a chunk of its own, once an `Api` is made). Built with code splitting, as
 * apps are, by esbuild and by Vite
 * (Rolldown/Rollup, an app build): "initial" is what loads with the page (the entry chunk and
 * the chunks it imports statically), "lazy" what loads on first use (each domain of `Api`, the
 * GraphQL documents, the YAML parser, protobuf). Also what tree-shaking leaves of an import of
 * `parseRunPath` alone, and of one `wandb-api/graphql` document. Issue #12's goal (30 KB) is
 * checked on the Vite build, an app's browser bundle; esbuild's figure is information: its code
 * splitting puts every file that the entry reaches with a static import (every module
 * `wandb-api` re-exports) into the initial chunk when any chunk uses it, whatever the app imports,
 * which no layout of a package with this many exports avoids. The size check of `npm test`
 * (test/unit/bundle-size.test.ts) holds both figures of `Api`, measured from src/, to their limits.
 *
 *   npm run bench
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import { build as tsupBuild } from 'tsup';
import { viteBundle } from '../test/support/vite-bundle.js';
import { entry, printTable, saveEntries, section } from './lib.js';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(join(root, 'dist'), { recursive: true, force: true });
// The package's own build (tsup.config.ts) without declarations, which the bundles do not read and
// which take most of its time (~45 s of the benchmarks' 5 minutes); `npm run build` makes them.
process.chdir(root);
await tsupBuild({ dts: false, silent: true });
const dir = mkdtempSync(join(tmpdir(), 'wandb-api-bundle-'));

interface Size {
  initial: number;
  initialGz: number;
  lazy: number;
}

async function size(name: string, contents: string): Promise<Size> {
  const entry = join(dir, `${name}.ts`);
  writeFileSync(entry, contents);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    splitting: true,
    platform: 'browser',
    format: 'esm',
    outdir: join(dir, `out-${name}`),
    write: false,
    metafile: true,
    logLevel: 'silent',
    nodePaths: [join(root, 'node_modules')],
    plugins: [selfReference],
  });
  const meta: Metafile = result.metafile;
  const bytes = new Map(result.outputFiles.map((f) => [f.path, f.contents]));
  // The app's own entry (the chunks of `import()` targets have an entryPoint too).
  const entryOut = Object.keys(meta.outputs).find(
    (o) => meta.outputs[o]!.entryPoint === relative(process.cwd(), entry),
  )!;
  const initial = new Set<string>();
  const visit = (out: string): void => {
    if (initial.has(out)) return;
    initial.add(out);
    for (const imp of meta.outputs[out]!.imports) if (imp.kind === 'import-statement') visit(imp.path);
  };
  visit(entryOut);
  let initialBytes = 0;
  let initialGz = 0;
  let lazy = 0;
  for (const [path, contents] of bytes) {
    if (!path.endsWith('.js')) continue;
    if (initial.has(relative(process.cwd(), path))) {
      initialBytes += contents.length;
      initialGz += gzipSync(contents).length;
    } else lazy += contents.length;
  }
  return { initial: initialBytes, initialGz, lazy };
}

/** Resolves `wandb-api` and its subpaths from the repo root: this package, through its `exports`. */
const selfReference: Plugin = {
  name: 'self-reference',
  setup(b) {
    b.onResolve({ filter: /^wandb-api(\/|$)/ }, (args) =>
      args.pluginData === selfReference
        ? undefined
        : b.resolve(args.path, { kind: args.kind, resolveDir: root, pluginData: selfReference }),
    );
  },
};

/** The same with Vite (an app build, its default minifier): what Rollup-style bundlers make of it. */
async function viteSize(name: string, contents: string): Promise<Size> {
  const entry = join(dir, `${name}.js`);
  writeFileSync(entry, contents);
  return viteBundle(root, entry);
}

const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
try {
  section('browser bundle (built package, code splitting, minified)');
  const urql = await size('urql', "export { Client, fetchExchange } from '@urql/core';");
  const api = await size('api', "export { Api } from 'wandb-api';");
  const all = await size('all', "export * from 'wandb-api';");
  const paths = await size('paths', "export { parseRunPath } from 'wandb-api';");
  const doc = await size('graphql', "export { ViewerDocument } from 'wandb-api/graphql';");
  const viteApi = await viteSize('vite-api', `export { Api } from '${join(root, 'dist/index.js')}';`);
  const vitePaths = await viteSize(
    'vite-paths',
    `export { parseRunPath } from '${join(root, 'dist/index.js')}';`,
  );
  console.log(`baseline @urql/core:   initial ${kib(urql.initial)} min, ${kib(urql.initialGz)} gzip`);
  for (const [label, s] of [
    ['wandb-api Api only:  ', api],
    ['wandb-api everything:', all],
    ['parseRunPath only:   ', paths],
    ['one graphql document:', doc],
    ['Api only, with Vite: ', viteApi],
    ['parseRunPath, Vite:  ', vitePaths],
  ] as const) {
    console.log(
      `${label}  initial ${kib(s.initial)} min, ${kib(s.initialGz)} gzip (ratio ${(s.initialGz / urql.initialGz).toFixed(2)}); lazy ${kib(s.lazy)} min`,
    );
  }
  const entries = [
    entry({
      benchmark: 'bundle-size',
      name: 'bundle initial chunk, import { Api }, esbuild, gzip',
      unit: 'KiB',
      value: api.initialGz / 1024,
      baseline: urql.initialGz / 1024,
      baselineDescription: '@urql/core alone (Client, fetchExchange), initial chunk gzip',
      goal: { kind: 'info' },
      notes: `esbuild's splitting keeps every file the entry reaches statically (all of wandb-api's exports) in the initial chunk, so it is information; the goal is measured with Vite; minified ${kib(api.initial)}; lazy chunks ${kib(api.lazy)} minified; everything exported: ${kib(all.initialGz)} gzip; parseRunPath alone: ${kib(paths.initialGz)} gzip`,
    }),
    entry({
      benchmark: 'bundle-size',
      name: 'bundle initial chunk, import { Api }, Vite, gzip',
      unit: 'KiB',
      value: viteApi.initialGz / 1024,
      baseline: urql.initialGz / 1024,
      baselineDescription: '@urql/core alone (esbuild), initial chunk gzip',
      goal: { kind: 'max', target: Number((30_000 / 1024).toFixed(1)) }, // the 30 KB: 29.3 KiB
      notes: `minified ${kib(viteApi.initial)}; lazy chunks ${kib(viteApi.lazy)} minified; parseRunPath alone: ${kib(vitePaths.initialGz)} gzip`,
    }),
  ];
  printTable(entries);
  saveEntries(entries);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
