import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `npm run demo`'s script the way npm does (emulator mode: no WANDB_* variables). */
async function runDemo(): Promise<string> {
  const env = { ...process.env };
  delete env.WANDB_BASE_URL;
  delete env.WANDB_API_KEY;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/demo.ts'], {
    cwd: root,
    env,
    timeout: 60_000,
  });
  return stdout;
}

describe('npm run demo', () => {
  it('reports the best run’s loss range over all history rows and downloads one of its files', async () => {
    const out = await runDemo();

    const loss = /Best run (\w+): loss over all (\d+) history rows: min ([\d.]+), max ([\d.]+)/.exec(out);
    expect(loss, out).not.toBeNull();
    const [, runId, rows, min, max] = loss as unknown as [string, string, string, string, string];

    // The demo data is deterministic: the same run in a fresh demo emulator has the same history.
    const emu = await startEmulator({ seed: 'demo', viewer: { username: 'demo-user' } });
    try {
      const run = [...emu.store.runs.values()].find((r) => r.name === runId);
      const losses = (run?.history ?? []).map((row) => row.loss as number);
      expect(losses.length).toBeGreaterThan(0);
      expect(Number(rows)).toBe(losses.length);
      expect(Number(min)).toBe(Math.min(...losses));
      expect(Number(max)).toBe(Math.max(...losses));
    } finally {
      await emu.close();
    }

    const download = /Downloaded config\.yaml to (\S+):\n\s+wandb_version: 1/.exec(out);
    expect(download, out).not.toBeNull();
    // The temporary folder is removed afterwards.
    expect(existsSync((download as RegExpExecArray)[1] as string)).toBe(false);
    const artifact =
      /Artifact \S+\/image-classification\/cifar10-mini:v2 \(dataset, aliases [^)]*production[^)]*\): downloaded (\d+) files to (\S+), verified:/.exec(
        out,
      );
    expect(artifact, out).not.toBeNull();
    expect(Number((artifact as RegExpExecArray)[1])).toBeGreaterThan(5);
    expect(out).toContain('samples.table.json');
    expect(existsSync((artifact as RegExpExecArray)[2] as string)).toBe(false);
    expect(out).toMatch(/Its table "samples": columns [^;]+; \d+ rows/);
    expect(out).toMatch(/Sweep lr-sweep \(bayes, \d+ runs\).*best run \w+/);
    expect(out).toMatch(
      /CIFAR-10 baselines: ResNet vs\. ViT .*\/reports\/CIFAR-10-baselines-ResNet-vs-ViT--\w+/,
    );
  }, 90_000);
});
