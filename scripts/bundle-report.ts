/**
 * What a browser app's initial chunk holds, module by module: `import { Api } from 'wandb-api'`
 * (or the import given) built from `src/` by esbuild (code splitting, minified) and by Vite, as
 * `test/unit/bundle-size.test.ts` measures them. For finding what to move behind `import()`:
 * esbuild's column is each file's minified bytes in the initial chunk, Vite's each module's
 * rendered (pre-minification) length. The totals are the chunks gzipped one by one.
 *
 *   npm run bundle:report                                  # import { Api }
 *   npm run bundle:report -- "export { parseRunPath } from './src/index.ts';" 20
 *
 * @example
 * ```sh
 * npx tsx scripts/bundle-report.ts "export { Api } from './src/index.ts';" 40
 * ```
 * @module
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { viteBundle } from '../test/support/vite-bundle.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const contents = process.argv[2] || "export { Api } from './src/index.ts';";
const top = Number(process.argv[3] ?? 40);
const out = mkdtempSync(join(tmpdir(), 'wandb-api-report-'));

try {
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: 'app.ts', loader: 'ts' },
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
  const entry = Object.keys(outputs).find((o) => outputs[o]!.entryPoint === 'app.ts')!;
  const initial = new Set<string>();
  const visit = (o: string): void => {
    if (initial.has(o)) return;
    initial.add(o);
    for (const i of outputs[o]!.imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(entry);
  let gz = 0;
  for (const file of result.outputFiles) {
    const key = Object.keys(outputs).find((o) => file.path === resolve(o));
    if (key && initial.has(key) && key.endsWith('.js')) gz += gzipSync(file.contents).length;
  }
  const perFile = new Map<string, number>();
  for (const o of initial)
    for (const [input, v] of Object.entries(outputs[o]!.inputs))
      perFile.set(input, (perFile.get(input) ?? 0) + v.bytesInOutput);
  print(`esbuild: initial ${kib(gz)} KiB gzipped in ${initial.size} chunk(s)`, perFile);

  const viteEntry = join(out, 'vite-app.js');
  writeFileSync(viteEntry, contents.replaceAll("'./src/", `'${root}/src/`));
  const vite = await viteBundle(root, viteEntry, { perModule: true });
  print(
    `Vite: initial ${kib(vite.initialGz)} KiB gzipped`,
    new Map(Object.entries(vite.moduleLengths ?? {})),
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}

function kib(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}

function print(title: string, sizes: Map<string, number>): void {
  const rows = [...sizes].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((s, [, n]) => s + n, 0);
  console.log(`\n${title}; ${kib(total)} KiB before gzip in ${rows.length} modules`);
  for (const [name, n] of rows.slice(0, top))
    console.log(`${String(n).padStart(8)}  ${name.replace(`${root}/`, '')}`);
}
