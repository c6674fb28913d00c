/**
 * Benchmark: size of the browser bundle of the core (`import { Api } from 'wandb-api'`), minified
 * and gzipped, as a ratio to the baseline of @urql/core alone (which the core necessarily contains).
 *
 *   npm run bench
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

async function size(contents: string): Promise<{ min: number; gz: number }> {
  const result = await build({
    stdin: { contents, resolveDir: new URL('..', import.meta.url).pathname, loader: 'ts' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const bytes = result.outputFiles[0]!.contents;
  return { min: bytes.length, gz: gzipSync(bytes).length };
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const urql = await size("export { Client, fetchExchange } from '@urql/core';");
const core = await size("export { Api } from './src/index.ts';");
const all = await size("export * from './src/index.ts';");
console.log(`baseline @urql/core:        ${kib(urql.min)} min, ${kib(urql.gz)} gzip`);
console.log(
  `wandb-api Api only:         ${kib(core.min)} min, ${kib(core.gz)} gzip (ratio ${(core.gz / urql.gz).toFixed(2)})`,
);
console.log(
  `wandb-api everything:       ${kib(all.min)} min, ${kib(all.gz)} gzip (ratio ${(all.gz / urql.gz).toFixed(2)})`,
);
