import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { Api as CoreApi, AuthenticationError } from '../../src/index.js';
import { Api } from '../../src/node.js';
import { graphqlCalls, setup } from '../support/helpers.js';

let emu: Emulator;
let close: () => Promise<void>;
let dir: string;

beforeAll(async () => {
  ({ emu, close } = await setup());
  dir = mkdtempSync(join(tmpdir(), 'wandb-api-netrc-'));
});
afterAll(async () => {
  await close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => vi.unstubAllEnvs());

function netrc(text: string): void {
  const path = join(dir, 'netrc');
  writeFileSync(path, text);
  vi.stubEnv('NETRC', path);
  vi.stubEnv('WANDB_API_KEY', '');
}

describe('the Node build reads the key from ~/.netrc', () => {
  it('uses the entry for host:port', async () => {
    const host = new URL(emu.url).host;
    netrc(`machine ${host}\n  login user\n  password ${emu.apiKey}\n`);
    const api = new Api({ baseUrl: emu.url });
    expect(api).toBeInstanceOf(CoreApi);
    expect((await api.viewer()).username).toBe('alice');
  });

  it('falls back to the entry for the bare host name', async () => {
    netrc(`machine 127.0.0.1 login user password ${emu.apiKey}`);
    expect((await new Api({ baseUrl: emu.url }).viewer()).username).toBe('alice');
  });

  it('prefers the host entry over the default entry', async () => {
    netrc(`default login user password wrong-key\nmachine 127.0.0.1 login user password ${emu.apiKey}\n`);
    expect((await new Api({ baseUrl: emu.url }).viewer()).username).toBe('alice');
  });

  it('uses the default entry when no machine matches', async () => {
    netrc(`machine api.wandb.ai login user password other\ndefault login user password ${emu.apiKey}\n`);
    expect((await new Api({ baseUrl: emu.url }).viewer()).username).toBe('alice');
  });

  it('prefers WANDB_API_KEY over .netrc', async () => {
    netrc(`machine 127.0.0.1 login user password wrong-key`);
    vi.stubEnv('WANDB_API_KEY', emu.apiKey);
    expect((await new Api({ baseUrl: emu.url }).viewer()).username).toBe('alice');
  });

  it('with no entry for the host, fails before any request', async () => {
    netrc(`machine api.wandb.ai login user password somekey`);
    emu.clearRequests();
    const err = await new Api({ baseUrl: emu.url }).viewer().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('the core (browser) build never reads .netrc', async () => {
    netrc(`machine 127.0.0.1 login user password ${emu.apiKey}`);
    await expect(new CoreApi({ baseUrl: emu.url }).viewer()).rejects.toBeInstanceOf(AuthenticationError);
  });
});
