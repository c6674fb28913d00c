// `npm run schema:pull` against the emulator: what it pulls is schema.graphql, and the key never
// shows in what it prints.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema, printSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { pullSchema, SchemaPullError } from '../../../scripts/schema-pull.js';
import { KEY } from '../../support/emulator-http.js';

const ROOT = new URL('../../../', import.meta.url);

/** Runs the command with tsx; resolves with its exit code and output. */
function runPull(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT.pathname, 'scripts/schema-pull.ts'), ...args],
      { cwd: ROOT.pathname, env: { ...process.env, WANDB_API_KEY: '', ...env } },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('schema:pull', () => {
  let emu: Emulator;
  let dir: string;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY });
    dir = await mkdtemp(join(tmpdir(), 'schema-pull-'));
  });
  afterAll(async () => {
    await emu.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('pulls the same schema as schema.graphql, directive definitions included', async () => {
    const pulled = await pullSchema({
      url: `${emu.url}/graphql`,
      apiKey: KEY,
      now: new Date('2026-12-01T00:00:00Z'),
    });
    expect(
      pulled.startsWith(`# The W&B server schema, introspected from ${emu.url}/graphql on 2026-12-01`),
    ).toBe(true);
    const ours = await readFile(new URL('schema.graphql', ROOT), 'utf8');
    // Comments (the `# newer` markers) do not survive introspection; types, fields, arguments,
    // descriptions, deprecations and directive definitions do, so the printed schemas are equal.
    expect(printSchema(buildSchema(pulled))).toBe(printSchema(buildSchema(ours)));
  });

  it('authenticates with Basic base64("api:" + key), and sends no Authorization without a key', async () => {
    const seen: (string | null)[] = [];
    const spy: typeof fetch = (input, init) => {
      seen.push(new Headers(init?.headers).get('authorization'));
      return fetch(input, init);
    };
    await pullSchema({ url: `${emu.url}/graphql`, apiKey: KEY, fetch: spy });
    expect(seen).toEqual([`Basic ${Buffer.from(`api:${KEY}`).toString('base64')}`]);
    await expect(pullSchema({ url: `${emu.url}/graphql`, fetch: spy })).rejects.toThrow(/HTTP 401/);
    expect(seen[1]).toBeNull();
  });

  it('never puts the key in an error, even when the server echoes it', async () => {
    const echo: typeof fetch = (_input, init) =>
      Promise.resolve(
        new Response(`bad request from ${String(new Headers(init?.headers).get('authorization'))} ${KEY}`, {
          status: 500,
        }),
      );
    const error = await pullSchema({ url: 'http://127.0.0.1:1/graphql', apiKey: KEY, fetch: echo }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SchemaPullError);
    expect(String((error as Error).message)).toMatch(/HTTP 500/);
    expect(String((error as Error).message)).not.toContain(KEY);
    expect(String((error as Error).message)).not.toContain(Buffer.from(`api:${KEY}`).toString('base64'));
  });

  it('writes --out with the key from WANDB_API_KEY, printing neither the key nor its Basic form', async () => {
    const out = join(dir, 'pulled.graphql');
    const ok = await runPull(['--url', `${emu.url}/graphql`, '--out', out], { WANDB_API_KEY: KEY });
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`Wrote the schema of ${emu.url}/graphql to ${out}`);
    const written = await readFile(out, 'utf8');
    expect(written).toMatch(/introspected from http:\/\/127\.0\.0\.1:\d+\/graphql on \d{4}-\d{2}-\d{2}/);
    expect(written).toContain('type Query {');
    const refused = await runPull(
      ['--url', `${emu.url}/graphql`, '--api-key', 'wrong-key', '--out', out],
      {},
    );
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/HTTP 401/);
    for (const text of [ok.out, refused.out]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain('wrong-key');
      expect(text).not.toContain(Buffer.from(`api:${KEY}`).toString('base64'));
    }
    const usage = await runPull([], {});
    expect(usage.code).toBe(2);
    expect(usage.out).toMatch(/--url is required/);
  });
});
