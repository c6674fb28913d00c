// The `wandb-api` command as a subprocess: whoami, exit codes (0, 1 with a hint and never the
// key, 2 for usage errors), output that is not a terminal, the emulator subcommand, Ctrl-C.
// Colour and progress on a terminal are checked in-process over streams that say they are one.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createManualClock, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createCliEnv } from '../../src/cli/env.js';
import { run } from '../../src/cli/program.js';
import { ANSI, emulatorEnv, finished, memoryStream, runCli, spawnCli, useCliBundle } from '../support/cli.js';
import { useEmulator } from '../support/helpers.js';

let emu: Emulator;
useEmulator((ctx) => ({ emu } = ctx), { seed: 'demo' });
useCliBundle();

describe('wandb-api whoami', () => {
  it('prints the viewer, as text and as JSON, and exits 0', async () => {
    const text = await runCli(['whoami'], { env: emulatorEnv(emu) });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('alice <alice@example.com>');
    expect(text.stdout).toContain('vision-team');
    const json = await runCli(['whoami', '--json', '--base-url', emu.url, '--api-key', emu.apiKey]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ username: 'alice', email: 'alice@example.com' });
  });

  it('a wrong key exits 1 with the message and a hint, and the key appears nowhere', async () => {
    const key = 'wrong-key-0123456789abcdef0123456789abcdef0123';
    const cases: { args: string[]; env: Record<string, string> }[] = [
      { args: ['whoami', '--api-key', key], env: { WANDB_BASE_URL: emu.url } },
      { args: ['whoami'], env: { WANDB_BASE_URL: emu.url, WANDB_API_KEY: key } },
    ];
    for (const options of cases) {
      const result = await runCli(options.args, { env: options.env });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^wandb-api: .+/m);
      expect(result.stderr).toContain('hint: check --api-key, WANDB_API_KEY or ~/.netrc');
      expect(result.stdout + result.stderr).not.toContain(key);
      expect(result.stderr).not.toMatch(ANSI);
    }
  });

  it('no key at all exits 1 saying where a key is looked for', async () => {
    const result = await runCli(['whoami', '--base-url', emu.url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('WANDB_API_KEY');
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [['bogus'], /unknown command 'bogus'/],
    [['whoami', '--bogus'], /unknown option '--bogus'/],
    [['runs'], /missing required argument 'project'/],
    [['runs', 'alice/p', '--limit', '0'], /--limit/],
    [['runs', 'alice/p', '--format', 'xml'], /--format/],
    [['artifact', 'put', '.'], /--name/],
  ])('%j', async (args, message) => {
    const result = await runCli(args, { env: emulatorEnv(emu) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('a usage error never echoes the --api-key value', async () => {
    const key = 'secret-key-0123456789abcdef0123456789abcdef01';
    const result = await runCli(['whoami', `--api-key=${key}`, `--bogus=${key}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain(key);
  });

  it('--help lists every subcommand on stdout and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const name of [
      'whoami',
      'runs',
      'run',
      'history',
      'files',
      'artifact',
      'sync-tensorboard',
      'emulator',
    ])
      expect(result.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    expect(result.stdout).not.toMatch(ANSI);
  });
});

describe('wandb-api emulator', () => {
  it('prints its URL and key on stdout, serves until SIGINT, then exits 0', async () => {
    const child = await spawnCli(['emulator', '--seed', 'empty', '--port', '0']);
    const done = finished(child);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await vi.waitFor(() => expect(out).toMatch(/WANDB_API_KEY=\S+\n/), { timeout: 15_000 });
    const vars = Object.fromEntries(
      out
        .trim()
        .split('\n')
        .map((line) => line.split('=') as [string, string]),
    );
    expect(vars.WANDB_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const me = await runCli(['whoami', '--json'], { env: vars });
    expect(me.code).toBe(0);
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('stopping the emulator');
  });

  it('SIGTERM stops it with exit 0 too', async () => {
    const child = await spawnCli(['emulator', '--seed', 'empty', '--latency-ms', '5']);
    const done = finished(child);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await vi.waitFor(() => expect(out).toContain('WANDB_API_KEY='), { timeout: 15_000 });
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });
});

describe('Ctrl-C', () => {
  let slow: Emulator;
  const clock = createManualClock('2024-06-01T00:00:00Z');
  beforeAll(async () => {
    slow = await startEmulator({ port: 0, seed: 'demo', clock, latencyMs: 60_000 });
  });
  afterAll(() => slow.close());

  it('a command waiting on the server exits 130 at SIGINT, writing no partial file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cli-sigint-')), 'history.csv');
    const child = await spawnCli(['history', 'anyone/any/run', '--all', '--out', out], {
      env: emulatorEnv(slow),
    });
    const done = finished(child);
    // The request has arrived and waits on the emulator's clock, which the test never moves.
    await vi.waitFor(() => expect(slow.requests.length).toBeGreaterThan(0), { timeout: 15_000 });
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('interrupted');
    expect(existsSync(out)).toBe(false);
  });

  it('interrupted after rows were written, --out leaves no file and no temporary behind', async () => {
    const paused = await startEmulator({ port: 0, seed: 'empty', clock, viewer: { username: 'alice' } });
    onTestFinished(() => paused.close());
    paused.seed.run({
      entity: 'alice',
      project: 'cli-slow',
      id: 'long',
      state: 'running', // history read by windows, one HistoryPage request each
      history: Array.from({ length: 5000 }, (_, i) => ({ _step: i, loss: 1 / (i + 1) })),
    });
    // The first window is answered at once; every later one waits on the clock nobody moves.
    paused.faults.add({ operationName: 'HistoryPage', skip: 1, delayMs: 3_600_000, times: Infinity });
    const dir = mkdtempSync(join(tmpdir(), 'cli-sigint-'));
    const out = join(dir, 'history.jsonl');
    const child = await spawnCli(
      ['history', 'alice/cli-slow/long', '--all', '--format', 'jsonl', '--out', out],
      {
        env: emulatorEnv(paused),
      },
    );
    const done = finished(child);
    // The first 1000 rows have gone to the temporary file beside `out`.
    await vi.waitFor(
      () => expect(readdirSync(dir)).toEqual([expect.stringMatching(/^\.history\.jsonl\..*\.tmp$/)]),
      {
        timeout: 15_000,
      },
    );
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(130);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('colour and progress (in-process, over streams that claim a terminal)', () => {
  async function invoke(args: string[], tty: boolean, vars: Record<string, string> = {}) {
    const stdout = memoryStream(tty);
    const stderr = memoryStream(tty);
    const env = createCliEnv({ stdout, stderr, vars });
    const code = await run(['--base-url', emu.url, '--api-key', emu.apiKey, ...args], env);
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }

  it('errors are coloured on a terminal, but not with NO_COLOR, --no-color, --quiet or off a terminal', async () => {
    const missing = ['run', 'alice/nowhere/nothing'];
    expect((await invoke(missing, true)).stderr).toMatch(ANSI);
    expect((await invoke(missing, true, { NO_COLOR: '1' })).stderr).not.toMatch(ANSI);
    expect((await invoke(['--no-color', ...missing], true)).stderr).not.toMatch(ANSI);
    expect((await invoke(['--quiet', ...missing], true)).stderr).not.toMatch(ANSI);
    const plain = await invoke(missing, false);
    expect(plain.code).toBe(1);
    expect(plain.stderr).not.toMatch(ANSI);
    expect(plain.stderr).toContain('hint: check the path');
  });

  it('artifact get draws a files-and-bytes bar on a terminal only, never with --quiet', async () => {
    const name = 'alice/image-classification/cifar10-mini:latest';
    const root = () => mkdtempSync(join(tmpdir(), 'cli-bar-'));
    const tty = await invoke(['artifact', 'get', name, '--root', root()], true);
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/download \[.*\] \d+% \| \d+\/\d+ files \| /);
    const quiet = await invoke(['--quiet', 'artifact', 'get', name, '--root', root()], true);
    expect(quiet.stderr).toBe('');
    const piped = await invoke(['artifact', 'get', name, '--root', root()], false);
    expect(piped.stderr).not.toContain(' files | ');
    expect(piped.stderr).not.toMatch(ANSI);
    expect(piped.stdout.trim()).toMatch(/cli-bar-/);
  });
});
