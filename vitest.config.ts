import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import type { Reporter, TestModule } from 'vitest/node';

/** Ends every run with one plain `vitest: N passed, N failed, N skipped` line that CI logs can read. */
class SummaryLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
    }
    process.stdout.write(
      `vitest: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`,
    );
  }
}

/**
 * `wandb-api` and `wandb-api/graphql` imported by `src/react/` (which reaches the facade by its
 * package name, kept external in the react entry's build) resolve to the source here, as tsconfig.json's `paths` does for tsc.
 */
const reactFacade: Plugin = {
  name: 'wandb-api-react-facade',
  enforce: 'pre',
  resolveId(source, importer) {
    if (!importer?.split('\\').join('/').includes('/src/react/')) return null;
    if (source === 'wandb-api') return fileURLToPath(new URL('./src/index.ts', import.meta.url));
    if (source === 'wandb-api/graphql') return fileURLToPath(new URL('./src/graphql.ts', import.meta.url));
    return null;
  },
};

export default defineConfig({
  plugins: [reactFacade],
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    reporters: ['default', new SummaryLineReporter()],
  },
});
