import { defineConfig } from 'tsup';

// Two entries: the browser-safe core ("wandb-api") and the Node-only emulator ("wandb-api/emulator").
export default defineConfig({
  entry: { index: 'src/index.ts', 'emulator/index': 'src/emulator/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  shims: true,
  target: 'es2022',
  external: ['graphql', 'mingo'],
});
