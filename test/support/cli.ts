// Runs the `wandb-api` command as a subprocess, as users do: src/cli/main.ts bundled once per
// test file with esbuild (packages stay external, so commander and the rest come from
// node_modules), then `node <bundle> ...args` with a clean environment (no WANDB_* of the
// machine, HOME in a temporary folder so no ~/.netrc is read).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { CliStream } from '../../src/cli/env.js';
import { afterAll, beforeAll } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

let bundle: Promise<string> | undefined;

/**
 * The bundled command. It sits in node_modules/.cache/ (two levels under the repository) so
 * that the emulator's `new URL('../../schema.graphql', import.meta.url)` still finds the schema.
 */
export function cliBundle(): Promise<string> {
  bundle ??= (async () => {
    const dir = join(ROOT, 'node_modules', '.cache');
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, `wandb-api-cli-test-${process.pid}.mjs`);
    await build({
      entryPoints: [join(ROOT, 'src/cli/main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'silent',
    });
    return outfile;
  })();
  return bundle;
}

/** Builds the bundle before a file's tests and removes it after them. */
export function useCliBundle(): void {
  beforeAll(() => cliBundle(), 30_000);
  afterAll(async () => {
    if (bundle) rmSync(await bundle, { force: true });
  });
}

/** What a finished command left: its exit code and its output. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of a CLI subprocess. */
export interface CliRunOptions {
  /** Extra environment variables (on top of PATH, a temporary HOME and NODE_NO_WARNINGS). */
  env?: Record<string, string>;
  cwd?: string;
}

/** Starts the command; its stdout and stderr are pipes (not a terminal). */
export async function spawnCli(args: readonly string[], options: CliRunOptions = {}): Promise<ChildProcess> {
  const main = await cliBundle();
  return spawn(process.execPath, [main, ...args], {
    cwd: options.cwd ?? ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: mkdtempSync(join(tmpdir(), 'cli-home-')),
      NODE_NO_WARNINGS: '1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collects a started command's output until it exits. */
export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** Runs the command to its end. */
export async function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliResult> {
  return finished(await spawnCli(args, options));
}

/** The environment that points the command at an emulator. */
export function emulatorEnv(emu: { url: string; apiKey: string }): Record<string, string> {
  return { WANDB_BASE_URL: emu.url, WANDB_API_KEY: emu.apiKey };
}

/** Any ANSI escape sequence (colour, cursor movement). */
export const ANSI = new RegExp(String.fromCharCode(27) + '\\[');

/** An in-memory output stream that says it is a terminal (or not), for in-process runs of the command. */
export function memoryStream(isTTY: boolean, columns = 100): CliStream & { text: () => string } {
  let text = '';
  return {
    isTTY,
    columns,
    write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void) {
      text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
      callback?.();
      return true;
    },
    text: () => text,
  };
}
