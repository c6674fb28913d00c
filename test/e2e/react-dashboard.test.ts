/**
 * The React dashboard (examples/react-dashboard) in Debian's Chromium: the test builds it with
 * Vite (the library from source, as the example's aliases say), serves the built files from
 * 127.0.0.1 and points the app at an emulator (demo seed plus a small project of known runs),
 * through the page's query as a user would. It checks what a user sees: the runs, a filter and a
 * sort done by the server, the run page's curves, config, summary and files, and the
 * authentication error of a wrong key. It saves a screenshot of the run page under
 * test-output/react-dashboard/. `npm run example:react` is checked too (starts both servers,
 * the app is signed in, Ctrl-C stops both).
 */
import { spawn } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import type { Api } from '../../src/index.js';
import { dashboardConfig } from '../../examples/react-dashboard/vite-config.js';
import { chromiumAvailable, launchChromium } from '../support/browser-harness.js';
import { setup } from '../support/helpers.js';
import { serveDirectory, type StaticSite } from '../support/static-site.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../../test-output/react-dashboard/', import.meta.url));
const SCREENSHOT = `${OUTPUT}run-page.png`;

/** The project the test adds to the demo data: five runs whose names, states and accuracies it knows. */
const PROJECT = 'dashboard';
const RUNS = [
  { id: 'dash0001', name: 'brisk-forest-1', state: 'finished', accuracy: 0.91, lr: 0.001 },
  { id: 'dash0002', name: 'calm-river-2', state: 'finished', accuracy: 0.72, lr: 0.01 },
  { id: 'dash0003', name: 'dark-meadow-3', state: 'crashed', accuracy: 0.55, lr: 0.1 },
  { id: 'dash0004', name: 'eager-sun-4', state: 'running', accuracy: 0.64, lr: 0.003 },
  { id: 'dash0005', name: 'fancy-moon-5', state: 'finished', accuracy: 0.86, lr: 0.0003 },
] as const;
const STEPS = 30;

function curve(finalAccuracy: number): Record<string, number>[] {
  return Array.from({ length: STEPS }, (_, step) => {
    const progress = 1 - Math.exp((-4 * (step + 1)) / STEPS);
    const accuracy = 0.1 + (finalAccuracy - 0.1) * progress;
    return {
      _step: step,
      loss: -Math.log(accuracy) * 1.3,
      val_loss: -Math.log(accuracy - 0.03 * progress) * 1.4,
      accuracy,
      val_accuracy: accuracy - 0.03 * progress,
    };
  });
}

let emu: Emulator;
let api: Api;
let closeEmulator: () => Promise<void>;
let site: StaticSite;
let browser: Browser;

beforeAll(async () => {
  if (!chromiumAvailable) return;
  ({ emu, api, close: closeEmulator } = await setup({ seed: 'demo' }));
  emu.seed.project({ name: PROJECT, description: 'runs the dashboard test knows' });
  RUNS.forEach((run, i) => {
    const history = curve(run.accuracy);
    const last = history.at(-1)!;
    emu.seed.run({
      project: PROJECT,
      id: run.id,
      displayName: run.name,
      state: run.state,
      createdAt: new Date(Date.UTC(2024, 4, 20 + i)),
      config: { lr: run.lr, optimizer: 'adam', epochs: STEPS },
      summary: { ...last, accuracy: run.accuracy },
      history,
      files: { 'config.yaml': `lr: ${run.lr}\n`, 'output.log': `training ${run.name}\n` },
    });
  });
  // A run of its own for the polling test (it finishes during that test).
  emu.seed.run({
    project: 'live',
    id: 'live0001',
    displayName: 'steady-wave-1',
    state: 'running',
    history: curve(0.8),
  });
  await rm(OUTPUT, { recursive: true, force: true });
  await mkdir(OUTPUT, { recursive: true });
  const config = dashboardConfig();
  await build({
    ...config,
    logLevel: 'warn',
    build: { ...config.build, outDir: `${OUTPUT}dist`, emptyOutDir: true },
  });
  site = await serveDirectory(`${OUTPUT}dist`);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  if (!chromiumAvailable) return;
  await browser?.close();
  await site?.close();
  await closeEmulator?.();
});

/** A fresh page (own storage) on the built app, given the server and key in its query. */
async function open(hash: string, apiKey = emu.apiKey): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const query = new URLSearchParams({ baseUrl: emu.url, apiKey });
  await page.goto(`${site.url}?${query}${hash}`);
  return page;
}

/** The names in the runs table, top to bottom, once it has `count` rows and is not loading. */
async function rowNames(page: Page, count: number): Promise<string[]> {
  await page
    .locator('[data-testid=run-row]')
    .nth(count - 1)
    .waitFor();
  await expect.poll(() => page.locator('[data-testid=run-row]').count()).toBe(count);
  await page.locator('[data-testid=runs-table][aria-busy=false]').waitFor();
  return page.locator('[data-testid=run-row] td[data-col=name]').allTextContents();
}

/** The variables of the last `RunsPage` request the emulator received. */
function lastRunsRequest(): { filters?: string; order?: string } {
  const sent = emu.requests.filter((r) => r.kind === 'graphql' && r.operationName === 'RunsPage').at(-1);
  return (sent?.variables ?? {}) as { filters?: string; order?: string };
}

describe.skipIf(!chromiumAvailable)('the React dashboard in Chromium', () => {
  it('lists the viewer’s projects and a project’s seeded runs with their count', async () => {
    const page = await open('#/');
    await page.getByTestId('viewer').waitFor();
    expect(await page.getByTestId('viewer').textContent()).toContain('alice');
    // The key is taken out of the address bar once the app has it.
    expect(page.url()).not.toContain(emu.apiKey);
    await page.locator('[data-testid=project-link]', { hasText: PROJECT }).waitFor();
    const projects = await page.getByTestId('project-link').allTextContents();
    expect(projects).toEqual(expect.arrayContaining([PROJECT, 'image-classification', 'language-model']));

    await page.locator('[data-testid=project-link]', { hasText: PROJECT }).click();
    // Newest first by default.
    expect(await rowNames(page, RUNS.length)).toEqual(RUNS.map((r) => r.name).reverse());
    expect(await page.getByTestId('runs-total').textContent()).toBe('5 runs');
    await page.close();
  });

  it('loads more runs of a long project until there are none left', async () => {
    const page = await open('#/p/alice/image-classification');
    await rowNames(page, 25);
    expect(await page.getByTestId('runs-total').textContent()).toBe('80 runs');
    for (const shown of [50, 75, 80]) {
      await page.getByTestId('load-more').click();
      const names = await rowNames(page, shown);
      expect(new Set(names).size).toBe(shown); // no run twice
    }
    expect(await page.getByTestId('load-more').count()).toBe(0);
    await page.close();
  });

  it('narrows the runs with a Q filter the server applies, and sorts by a clicked column', async () => {
    const page = await open(`#/p/alice/${PROJECT}`);
    await rowNames(page, 5);

    await page.getByTestId('filter-state').selectOption('finished');
    expect(await rowNames(page, 3)).toEqual(['fancy-moon-5', 'calm-river-2', 'brisk-forest-1']);
    await page.getByTestId('filter-min-accuracy').fill('0.8');
    expect(await rowNames(page, 2)).toEqual(['fancy-moon-5', 'brisk-forest-1']);
    await expect.poll(() => page.getByTestId('runs-total').textContent()).toBe('2 runs');
    expect(JSON.parse(lastRunsRequest().filters ?? '{}')).toEqual({
      $and: [{ state: { $eq: 'finished' } }, { 'summary_metrics.accuracy': { $gte: 0.8 } }],
    });

    // Not a number: said so, and the table keeps the last filter.
    await page.getByTestId('filter-min-accuracy').fill('high');
    expect(await page.getByTestId('filter-problem').textContent()).toContain('must be a number');
    expect(await rowNames(page, 2)).toEqual(['fancy-moon-5', 'brisk-forest-1']);

    await page.getByTestId('filter-min-accuracy').fill('');
    await page.getByTestId('filter-state').selectOption('');
    await rowNames(page, 5);
    await page.getByTestId('sort-accuracy').click();
    await expect.poll(() => lastRunsRequest().order).toBe('-summary_metrics.accuracy');
    expect(await rowNames(page, 5)).toEqual([
      'brisk-forest-1',
      'fancy-moon-5',
      'calm-river-2',
      'eager-sun-4',
      'dark-meadow-3',
    ]);
    await page.getByTestId('sort-accuracy').click();
    await expect.poll(() => lastRunsRequest().order).toBe('+summary_metrics.accuracy');
    expect((await rowNames(page, 5))[0]).toBe('dark-meadow-3');
    await page.close();
  });

  it('draws the run’s loss and accuracy curves and shows its config, summary and files', async () => {
    const page = await open(`#/p/alice/${PROJECT}`);
    await rowNames(page, 5);
    await page.getByRole('link', { name: 'brisk-forest-1' }).click();
    expect(await page.getByTestId('run-name').textContent()).toContain('brisk-forest-1');

    for (const chart of ['chart-loss', 'chart-accuracy']) {
      const curves = page.locator(`[data-testid=${chart}] svg path.recharts-line-curve`);
      await curves.first().waitFor();
      expect(await curves.count()).toBe(2); // train and validation
      const d = (await curves.first().getAttribute('d')) ?? '';
      // A path through every step: one move and many curve segments.
      expect(d.startsWith('M')).toBe(true);
      expect(d.split(/[LC]/).length).toBeGreaterThan(STEPS / 2);
      expect(await page.locator(`[data-testid=${chart}]`).getAttribute('data-points')).toBe(String(STEPS));
    }
    const config = await page.getByTestId('run-config').textContent();
    expect(config).toContain('lr0.001');
    expect(config).toContain('optimizeradam');
    expect(await page.getByTestId('run-summary').textContent()).toContain('accuracy0.91');

    const links = page.getByTestId('file-link');
    await links.nth(1).waitFor();
    expect(await links.allTextContents()).toEqual(['config.yaml', 'output.log']);
    // Each link is the file's signed URL: it downloads without the API key.
    const href = (await links.first().getAttribute('href')) ?? '';
    expect(href.startsWith(emu.url)).toBe(true);
    expect(await (await fetch(href)).text()).toBe('lr: 0.001\n');

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.close();
  });

  it('refreshes a running run and its curves while it runs, and stops once it has finished', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.clock.install(); // the page's timers move only when the test moves them
    const query = new URLSearchParams({ baseUrl: emu.url, apiKey: emu.apiKey });
    await page.goto(`${site.url}?${query}#/r/alice/live/live0001`);
    const state = page.locator('[data-testid=run-name] .state');
    const lossPoints = page.locator('[data-testid=chart-loss]');
    await expect.poll(() => state.textContent()).toBe('running');
    await expect.poll(() => lossPoints.getAttribute('data-points')).toBe(String(STEPS));

    // The run goes on elsewhere: five more rows, then it finishes (written over file_stream).
    const writer = (await api.run('alice/live/live0001')).writer();
    for (let step = STEPS; step < STEPS + 5; step++) {
      await writer.log({ _step: step, loss: 0.5, val_loss: 0.6, accuracy: 0.7, val_accuracy: 0.65 });
    }
    await writer.finish();
    expect(await state.textContent()).toBe('running'); // nothing until the next poll

    const runRequests = (): number =>
      emu.requests.filter((r) => r.kind === 'graphql' && JSON.stringify(r.variables).includes('live0001'))
        .length;
    const beforePoll = runRequests();
    await page.clock.runFor(10_000);
    await expect.poll(() => state.textContent()).toBe('finished');
    await expect.poll(() => lossPoints.getAttribute('data-points')).toBe(String(STEPS + 5));

    const before = runRequests();
    expect(before).toBeGreaterThan(beforePoll); // the counter sees the polls
    // Finished: no more polling, however long the page stays open.
    await page.clock.runFor(120_000);
    // Then to the project's runs: once they are shown, any request those timers made has arrived.
    await page.locator('nav.crumbs a', { hasText: 'live' }).click();
    expect(await rowNames(page, 1)).toEqual(['steady-wave-1']);
    expect(runRequests()).toBe(before);
    await page.close();
  });

  it('shows the authentication error for a wrong key, a validation error for a bad URL, and connects once both are right', async () => {
    const page = await open('#/', 'not-the-right-key-000000000000000000000000');
    const error = page.getByTestId('error');
    await error.waitFor();
    expect(await error.getAttribute('data-error-code')).toBe('AUTHENTICATION');
    const text = (await error.textContent()) ?? '';
    expect(text).toContain('rejected (HTTP 401)');
    expect(text).not.toContain('not-the-right-key');

    // A server address that is not one: the library's ValidationError, before any request.
    await page.getByTestId('settings-base-url').fill('not a url');
    await page.getByTestId('settings-apply').click();
    await expect.poll(() => error.getAttribute('data-error-code')).toBe('VALIDATION');
    expect(await error.textContent()).toContain('Invalid baseUrl');

    await page.getByTestId('settings-base-url').fill(emu.url);
    await page.getByTestId('settings-api-key').fill(emu.apiKey);
    await page.getByTestId('settings-apply').click();
    await page.getByTestId('viewer').waitFor();
    expect(await page.getByTestId('error').count()).toBe(0);
    await page.close();
  });
});

describe.skipIf(!chromiumAvailable)('npm run example:react', () => {
  it('starts the emulator and the dev server, signs the app in, and stops both on Ctrl-C', async () => {
    // As a terminal runs it: its own process group, which Ctrl-C signals as a whole.
    const child = spawn('npm', ['run', '--silent', 'example:react'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const signalGroup = (signal: NodeJS.Signals): void => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // ESRCH: every process of the group has exited
      }
    };
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<string>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? `exit ${code}`)),
    );
    try {
      await expect.poll(() => /Dashboard: (\S+)/.exec(output), { timeout: 15_000 }).not.toBeNull();
      const dashboard = /Dashboard: (\S+)/.exec(output)![1]!;
      const emulator = /W&B emulator .*: (http\S+)/.exec(output)![1]!;
      expect(new URL(dashboard).hostname).toBe('127.0.0.1');
      expect(new URL(emulator).hostname).toBe('127.0.0.1');
      expect(output).not.toMatch(/[0-9a-f]{40}/); // the emulator's key goes to the app, not the terminal

      const page = await browser.newPage();
      await page.goto(dashboard);
      await page.getByTestId('viewer').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('settings-base-url').inputValue()).toBe(emulator);
      await page.getByTestId('project-link').first().waitFor();
      await page.close();

      signalGroup('SIGINT'); // Ctrl-C
      expect(['exit 0', 'SIGINT']).toContain(await exited); // npm passes the signal on
      expect(output).toContain('SIGINT: stopping the dashboard and the emulator');
      const down = (url: string): Promise<boolean> =>
        fetch(url).then(
          () => false,
          () => true,
        );
      await expect.poll(() => down(dashboard)).toBe(true);
      await expect.poll(() => down(`${emulator}/graphql`)).toBe(true);
    } finally {
      signalGroup('SIGKILL');
    }
  }, 40_000);
});
