// The core build in Debian's Chromium (driven by playwright-core): esbuild bundles src/index.ts for the
// browser with code splitting, as an app's bundler does, and a small server on its own origin serves
// its chunks with a page that loads the entry as `window.wandb`. So a test talks to the emulator
// (another origin) exactly as a web app would, CORS included, and what `Api` loads on first use (the
// transport's engine, each domain) arrives as chunks the browser fetches.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Whether Chromium is installed; without it the browser tests are skipped, except in CI (`.ci/run` installs it). */
export const chromiumAvailable = existsSync(CHROMIUM);
if (!chromiumAvailable && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs it`);

/** Launches Debian's Chromium headless (no sandbox, no GPU, no background traffic). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
}

/** A running site with the core build, and the browser that visits it. */
export interface BrowserSite {
  /** A fresh page on the site, once `window.wandb` (the module namespace of src/index.ts) is there. */
  newPage(): Promise<Page>;
  /** The page's URL, e.g. `http://127.0.0.1:41234/`. */
  siteUrl: string;
  /** The page's origin: what the browser sends as `Origin` to the emulator. */
  origin: string;
  /** The URL paths the site has served, in order (`/`, `/wandb-api.js`, `/engine-….js`, ...). */
  served: string[];
  /** Closes the browser and the site server. */
  close(): Promise<void>;
}

/** Bundles the core, serves it on a free port of 127.0.0.1 and launches Chromium. */
export async function openBrowserSite(): Promise<BrowserSite> {
  const outdir = '/bundle';
  const bundle = await build({
    entryPoints: { 'wandb-api': fileURLToPath(new URL('../../src/index.ts', import.meta.url)) },
    bundle: true,
    splitting: true,
    platform: 'browser',
    format: 'esm',
    outdir,
    write: false,
    logLevel: 'silent',
  });
  // Every chunk by its URL path: /wandb-api.js (the entry) and /chunk-*.js, /engine-*.js, ...
  const chunks = new Map(
    bundle.outputFiles.map((f) => [f.path.slice(f.path.lastIndexOf('/')), f.text] as const),
  );
  const html =
    '<!doctype html><title>wandb-api</title><script type="module">import * as w from "/wandb-api.js"; window.wandb = w;</script>';
  const served: string[] = [];
  const site = createServer((req, res) => {
    served.push(req.url ?? '');
    const js = chunks.get(req.url ?? '');
    res.writeHead(200, {
      'content-type': js === undefined ? 'text/html' : 'text/javascript',
      'cache-control': 'no-store', // every page fetches its chunks itself
    });
    res.end(js ?? html);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  const siteUrl = `${origin}/`;
  const browser = await launchChromium().catch(async (e: unknown) => {
    await new Promise((resolve) => site.close(resolve));
    throw e;
  });
  return {
    siteUrl,
    origin,
    served,
    async newPage() {
      const page = await browser.newPage();
      await page.goto(siteUrl);
      await page.waitForFunction(() => 'wandb' in window);
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => site.close(resolve));
    },
  };
}
