import { defineConfig } from 'tsup';

// Entries: the browser-safe core ("wandb-api" in browsers), the Node build of the same API with the
// ~/.netrc key fallback ("wandb-api" under Node) and the Node-only emulator ("wandb-api/emulator").
export default defineConfig({
  entry: { index: 'src/index.ts', node: 'src/node.ts', 'emulator/index': 'src/emulator/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  shims: true,
  target: 'es2022',
  external: ['graphql', 'mingo'],
});
