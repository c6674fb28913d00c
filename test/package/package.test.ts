/**
 * The package as users get it: build with tsup, then load it by name (ESM and CJS, through the
 * `exports` map), run the emulator entry from CJS, and bundle the core for a browser.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsup = createRequire(import.meta.url).resolve('tsup/dist/cli-default.js');

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 30_000 });
}

beforeAll(() => {
  execFileSync(process.execPath, [tsup, '--silent'], { cwd: root, stdio: 'pipe', timeout: 120_000 });
}, 150_000);

describe('built package', () => {
  it('ships type declarations for every entry', () => {
    for (const f of [
      'dist/index.d.ts',
      'dist/index.d.cts',
      'dist/emulator/index.d.ts',
      'dist/emulator/index.d.cts',
    ]) {
      expect(existsSync(`${root}/${f}`), f).toBe(true);
    }
  });

  it('imports by name as ESM under Node', () => {
    const out = node([
      '--input-type=module',
      '-e',
      "const m = await import('wandb-api'); const api = new m.Api({ apiKey: 'k' }); " +
        'console.log(JSON.stringify([typeof m.Api, api.baseUrl, m.VERSION, new m.ValidationError("x", "y") instanceof m.WandbError]));',
    ]);
    expect(JSON.parse(out)).toEqual(['function', 'https://api.wandb.ai', expect.any(String), true]);
  });

  it('requires by name as CJS and talks to the emulator entry over HTTP', () => {
    const script = `
      const { Api } = require('wandb-api');
      const { startEmulator } = require('wandb-api/emulator');
      (async () => {
        const emu = await startEmulator({ seed: 'demo', viewer: { username: 'cjs-user' } });
        try {
          const api = new Api({ baseUrl: emu.url, apiKey: emu.apiKey });
          const me = await api.viewer();
          const n = await api.runs('cjs-user/image-classification').totalCount();
          console.log(JSON.stringify([me.username, n]));
        } finally { await emu.close(); }
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const [username, count] = JSON.parse(node(['-e', script])) as [string, number];
    expect(username).toBe('cjs-user');
    expect(count).toBeGreaterThan(0);
  });

  it('bundles the core for browsers without Node built-ins, graphql-js, mingo or the emulator', async () => {
    const result = await build({
      entryPoints: [`${root}/dist/index.js`],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((i) => i.includes('node_modules/@urql/core'))).toBe(true);
    expect(inputs.filter((i) => /node_modules\/(graphql|mingo)\//.test(i) || i.includes('emulator'))).toEqual(
      [],
    );
    const text = result.outputFiles[0]!.text;
    expect(text).not.toMatch(/from\s*["']node:|require\(["']node:/);
  });
});
