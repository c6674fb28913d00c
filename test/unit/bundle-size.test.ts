// The size check of issue #12 ("Bundle"): `import { Api } from 'wandb-api'` bundled for browsers
// (esbuild, code splitting, minified, gzipped, as bench/bundle-size.ts measures it), from src/ so
// that it needs no build and runs in a few seconds. "Initial" is the entry chunk and every chunk
// it imports statically; what `import()` loads on first use is not counted. It fails when the
// initial chunk grows past INITIAL_GZ_LIMIT; lower the limit when a change makes it smaller.
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { viteBundle } from '../support/vite-bundle.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * The limit of esbuild's initial chunk, gzipped, in bytes: about 47.0 KiB today (it was 108, then
 * 88.8, then 57.0 KiB). esbuild assigns whole *files* to chunks, and every file that `src/index.ts`
 * reaches with a static import and that any chunk uses lands in the initial chunk, even when the
 * app's import does not use it: each class `wandb-api` exports comes with the page. The large ones
 * (`Run`, `Artifact`, `Registry`, ...) are light shells whose methods load with their domain, but
 * the shells, the exported helpers (`parseOrder`, `manifestDigest` with MD5, the automation
 * builders) and what they import stay. See the README "Bundle size". This guards against growth;
 * lower it when a change makes the chunk smaller.
 */
const INITIAL_GZ_LIMIT = 48 * 1024;

/**
 * The limit of Vite's (Rolldown's) initial chunk, gzipped: issue #12 asks for at most 30 KB; about
 * 24.0 KiB today from src/ (24.3 KiB for the built package, bench/bundle-size.ts) (it was 49.7, then 34.6 KiB): the light transport, `Api` and `Paginated`, and what
 * `Api`'s synchronous methods return at once, with the checks they make at once (the light `Runs`
 * and `Registries`, `ArtifactDraft` with its add/remove rules, `QueuedRun`). urql, wonka and
 * graphql.web load in a chunk of their own, once an Api is made. Lower it when a change makes the chunk smaller.
 */
const VITE_INITIAL_GZ_LIMIT = 25 * 1024;

/**
 * What must load only on first use (dynamic `import()`), never with the page: the heavy optional
 * parts, and urql with wonka and graphql.web (the transport's engine, a chunk of its own).
 */
const LAZY_ONLY = [
  /node_modules\/(yaml|@bufbuild\/protobuf|crc-32|hyparquet)\//,
  /node_modules\/(@urql\/core|wonka|@0no-co\/graphql\.web)\//,
];

/**
 * Files that load on first use with both bundlers: the documents, the history, download and
 * publish code, the storage transfers, the transport's engine (urql).
 */
const LAZY_FILES = [
  'src/generated/graphql.ts',
  'src/facade/runs/history.ts',
  'src/facade/artifacts/download.ts',
  'src/facade/artifacts/publish.ts',
  'src/transport/storage.ts',
  'src/transport/engine.ts',
];

const out = mkdtempSync(join(tmpdir(), 'wandb-api-size-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Measure {
  initialGz: number;
  initialInputs: string[];
  lazyInputs: string[];
}

async function measure(contents: string): Promise<Measure> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, sourcefile: 'app.ts', loader: 'ts' },
    bundle: true,
    splitting: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    outdir: out,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((o) => outputs[o]!.entryPoint === 'app.ts');
  if (!entry) throw new Error('no entry chunk in the metafile');
  const initial = new Set<string>();
  const visit = (o: string): void => {
    if (initial.has(o)) return;
    initial.add(o);
    for (const i of outputs[o]!.imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(entry);
  let initialGz = 0;
  for (const file of result.outputFiles) {
    const key = Object.keys(outputs).find((o) => file.path === resolve(o));
    if (key && initial.has(key) && key.endsWith('.js')) initialGz += gzipSync(file.contents).length;
  }
  const inputsOf = (keys: string[]): string[] =>
    keys.flatMap((o) =>
      Object.entries(outputs[o]!.inputs).flatMap(([i, v]) => (v.bytesInOutput > 0 ? [i] : [])),
    );
  return {
    initialGz,
    initialInputs: inputsOf([...initial]),
    lazyInputs: inputsOf(Object.keys(outputs).filter((o) => !initial.has(o))),
  };
}

describe('bundle size: import { Api } from "wandb-api" in a browser bundle', () => {
  it(`keeps the initial chunk at most ${INITIAL_GZ_LIMIT / 1024} KiB gzipped`, async () => {
    const { initialGz, initialInputs, lazyInputs } = await measure("export { Api } from './src/index.ts';");
    expect(initialGz).toBeGreaterThan(5 * 1024); // the measure measured something: Api alone is ~8 KB
    expect(initialGz).toBeLessThanOrEqual(INITIAL_GZ_LIMIT);
    expect(initialInputs.filter((i) => LAZY_ONLY.some((re) => re.test(i)))).toEqual([]);
    expect(lazyInputs.some((i) => i.includes('node_modules/yaml/'))).toBe(true);
    expect(lazyInputs.some((i) => i.includes('node_modules/@urql/core/'))).toBe(true);
    // What `src/index.ts` does not reach statically stays out, even though a lazy chunk uses it.
    for (const file of LAZY_FILES) expect(initialInputs.filter((i) => i.endsWith(file))).toEqual([]);
  }, 30_000);

  it('measures what a bundle adds: the same with every AST document of wandb-api/graphql is bigger', async () => {
    const api = await measure("export { Api } from './src/index.ts';");
    const more = await measure(
      "export { Api } from './src/index.ts'; export * from './src/generated/graphql-ast.ts';",
    );
    expect(more.initialGz).toBeGreaterThan(api.initialGz + 10 * 1024);
  }, 30_000);
});

/** The same app built by Vite, from src/. */
async function measureVite(contents: string): Promise<{ initialGz: number; initialInputs: string[] }> {
  const entry = join(out, 'vite-app.js');
  writeFileSync(entry, contents);
  const { initialGz, initialModules } = await viteBundle(ROOT, entry);
  return { initialGz, initialInputs: initialModules };
}

describe('bundle size: the same with Vite', () => {
  it(`keeps the initial chunk at most ${VITE_INITIAL_GZ_LIMIT / 1024} KiB gzipped, with no domain in it`, async () => {
    const api = join(ROOT, 'src/index.ts');
    const { initialGz, initialInputs } = await measureVite(`export { Api } from '${api}';`);
    expect(initialGz).toBeGreaterThan(5 * 1024);
    expect(initialGz).toBeLessThanOrEqual(VITE_INITIAL_GZ_LIMIT);
    const inputs = initialInputs;
    expect(inputs.filter((i) => LAZY_ONLY.some((re) => re.test(i)))).toEqual([]);
    // What loads on first use stays out: the run and artifact classes too (Vite splits by use).
    for (const file of [...LAZY_FILES, 'src/facade/runs/run.ts', 'src/facade/artifacts/artifact.ts']) {
      expect(inputs.filter((i) => i.endsWith(file))).toEqual([]);
    }
  }, 30_000);

  it('an app that imports only parseRunPath gets a few KiB', async () => {
    const { initialGz } = await measureVite(`export { parseRunPath } from '${join(ROOT, 'src/index.ts')}';`);
    expect(initialGz).toBeLessThanOrEqual(4 * 1024);
  }, 30_000);
});
