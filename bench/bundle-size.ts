/**
 * Benchmark: size of the browser bundle as users import it (`wandb-api`, `wandb-api/graphql`),
 * bundled from the sources (`src/index.ts`, `src/graphql.ts`, the entries of the package's browser
 * `exports`) like the size check of `npm test` does, so that no `tsup` build (half a minute with
 * its declarations) eats the benchmarks' 5 minutes; minified and gzipped, as a ratio to the baseline of @urql/core alone (which the client necessarily
 * contains). Built with code splitting, as apps are: "initial" is what loads with the page,
 * "lazy" what loads on first use (the YAML parser, only when a sweep is read). Also what
 * tree-shaking leaves of an import of `parseRunPath` alone, and of one `wandb-api/graphql`
 * document.
 *
 *   npm run bench
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import { entry, printTable, saveEntries, section } from './lib.js';

const root = fileURLToPath(new URL('..', import.meta.url));
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
  const entryOut = Object.keys(meta.outputs).find((o) => meta.outputs[o]!.entryPoint)!;
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

/** Resolves `wandb-api` and `wandb-api/graphql` to their sources. */
const selfReference: Plugin = {
  name: 'self-reference',
  setup(b) {
    b.onResolve({ filter: /^wandb-api(\/graphql)?$/ }, (args) => ({
      path: join(root, 'src', args.path === 'wandb-api' ? 'index.ts' : 'graphql.ts'),
    }));
  },
};

const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
try {
  section('browser bundle (esbuild, minified, code splitting)');
  const urql = await size('urql', "export { Client, fetchExchange } from '@urql/core';");
  const api = await size('api', "export { Api } from 'wandb-api';");
  const all = await size('all', "export * from 'wandb-api';");
  const paths = await size('paths', "export { parseRunPath } from 'wandb-api';");
  const doc = await size('graphql', "export { ViewerDocument } from 'wandb-api/graphql';");
  console.log(`baseline @urql/core:   initial ${kib(urql.initial)} min, ${kib(urql.initialGz)} gzip`);
  for (const [label, s] of [
    ['wandb-api Api only:  ', api],
    ['wandb-api everything:', all],
    ['parseRunPath only:   ', paths],
    ['one graphql document:', doc],
  ] as const) {
    console.log(
      `${label}  initial ${kib(s.initial)} min, ${kib(s.initialGz)} gzip (ratio ${(s.initialGz / urql.initialGz).toFixed(2)}); lazy ${kib(s.lazy)} min`,
    );
  }
  const entries = [
    entry({
      benchmark: 'bundle-size',
      name: 'bundle initial chunk, import { Api }, gzip',
      unit: 'KiB',
      value: api.initialGz / 1024,
      baseline: urql.initialGz / 1024,
      baselineDescription: '@urql/core alone (Client, fetchExchange), initial chunk gzip',
      goal: { kind: 'max', target: 30 },
      notes: `minified ${kib(api.initial)}; lazy chunks ${kib(api.lazy)} minified; everything exported: ${kib(all.initialGz)} gzip`,
    }),
  ];
  printTable(entries);
  saveEntries(entries);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
