/**
 * The core build in a real browser (Debian's Chromium, driven by playwright-core): a page served
 * from one origin talks to the emulator on another, so CORS, fetch, headers and error classes are
 * exercised exactly as a web app would see them.
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
  ({ emu, close } = await setup({ seed: 'demo' }));
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

describe.skipIf(!available)('in Chromium', () => {
  it('lists runs, loads one and reports a bad key with the right error class', async () => {
    const page = await browser.newPage();
    await page.goto(siteUrl);
    await page.waitForFunction(() => 'wandb' in window);
    emu.clearRequests();
    const result = await page.evaluate(
      async ({ baseUrl, apiKey }) => {
        type W = typeof import('../src/index.js');
        const w = (window as unknown as { wandb: W }).wandb;
        const api = new w.Api({ baseUrl, apiKey });
        const me = await api.viewer();
        const runs = api.runs(`${me.entity}/image-classification`, {
          filters: { state: 'finished' },
          order: '-summary_metrics.accuracy',
          perPage: 20,
        });
        const best = await runs.first();
        const bad = await new w.Api({ baseUrl, apiKey: 'not-the-key' }).viewer().catch((e: unknown) => e);
        const invalid = (() => {
          try {
            api.runs('a/b', { order: 'x desc' });
            return null;
          } catch (e) {
            return e;
          }
        })();
        return {
          username: me.username,
          total: await runs.totalCount(),
          bestAccuracy: best?.summary.accuracy,
          bestState: best?.state,
          badIsAuth: bad instanceof w.AuthenticationError,
          badStatus: (bad as { status?: number }).status,
          invalidIsValidation: invalid instanceof w.ValidationError,
          hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined',
        };
      },
      { baseUrl: emu.url, apiKey: emu.apiKey },
    );
    expect(result).toMatchObject({
      username: 'alice',
      bestState: 'finished',
      badIsAuth: true,
      badStatus: 401,
      invalidIsValidation: true,
      hasProcess: false,
    });
    expect(result.total).toBeGreaterThan(10);
    expect(typeof result.bestAccuracy).toBe('number');
    const sent = emu.requests.find((r) => r.operationName === 'RunsPage')!;
    expect(sent.headers['x-wandb-client']).toMatch(/^wandb-api\//);
    expect(sent.headers['user-agent']).toMatch(/Chrome/);
    expect(sent.headers.origin).toBe(siteUrl.replace(/\/$/, ''));
    await page.close();
  });
});
