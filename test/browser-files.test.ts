/**
 * Run files in a real browser (Debian's Chromium, driven by playwright-core): a page on one origin
 * reads, uploads and fails to download files held by the emulator on another, so the storage GET
 * and PUT (with the `Content-Type` of `uploadHeaders`, hence a CORS preflight) go through CORS
 * exactly as in a web app — and without the API key.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/emulator/index.js';
import { setup } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs it`);

let emu: Emulator;
let close: () => Promise<void>;
let browser: Browser;
let site: Server;
let siteUrl: string;

beforeAll(async () => {
  if (!available) return;
  ({ emu, close } = await setup());
  emu.seed.run({
    project: 'web',
    id: 'r1',
    files: { 'config.yaml': 'lr: 0.1\n', 'img.bin': new Uint8Array([0, 1, 254, 255]) },
  });
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const js = bundle.outputFiles[0]!.text;
  const html =
    '<!doctype html><title>wandb-api</title><script type="module">import * as w from "/wandb-api.js"; window.wandb = w;</script>';
  site = createServer((req, res) => {
    const isJs = req.url === '/wandb-api.js';
    res.writeHead(200, { 'content-type': isJs ? 'text/javascript' : 'text/html' });
    res.end(isJs ? js : html);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
}, 60_000);

afterAll(async () => {
  if (!available) return;
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
  await close?.();
});

describe.skipIf(!available)('run files in Chromium', () => {
  it('reads and uploads files across origins; download() says to use blob()', async () => {
    const page = await browser.newPage();
    await page.goto(siteUrl);
    await page.waitForFunction(() => 'wandb' in window);
    emu.clearRequests();
    const result = await page.evaluate(
      async ({ baseUrl, apiKey }) => {
        type W = typeof import('../src/index.js');
        const w = (window as unknown as { wandb: W }).wandb;
        const api = new w.Api({ baseUrl, apiKey });
        const run = await api.run('alice/web/r1');
        const names = (await run.files().toArray()).map((f) => f.name);
        const config = await (await run.file('config.yaml')).text();
        const img = await (await run.file('img.bin')).blob();
        const uploaded = await run.uploadFile('notes/from-browser.txt', new Blob(['hello from the page']));
        const download = await uploaded.download().catch((e: unknown) => e);
        return {
          names,
          config,
          imgBytes: [...new Uint8Array(await img.arrayBuffer())],
          uploadedName: uploaded.name,
          uploadedText: await uploaded.text(),
          downloadUnsupported: download instanceof w.UnsupportedError,
        };
      },
      { baseUrl: emu.url, apiKey: emu.apiKey },
    );
    expect(result).toEqual({
      names: ['config.yaml', 'img.bin'],
      config: 'lr: 0.1\n',
      imgBytes: [0, 1, 254, 255],
      uploadedName: 'notes/from-browser.txt',
      uploadedText: 'hello from the page',
      downloadUnsupported: true,
    });
    const storage = emu.requests.filter((r) => r.kind === 'storage');
    expect(storage.map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 200',
      'GET 200',
      'PUT 200',
      'GET 200',
    ]);
    for (const r of storage) {
      expect(r.headers.authorization).toBeUndefined();
      expect(r.headers.origin).toBe(siteUrl.replace(/\/$/, ''));
    }
    await page.close();
  });
});
