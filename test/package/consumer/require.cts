/**
 * The CommonJS form of a user's program under `moduleResolution: bundler` (`module: preserve`):
 * `import x = require(...)` resolves each entry with the `require` condition, so these types come
 * from the `.d.cts` files. Compiled and run by test/package/package.test.ts like main.ts.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import wandb = require('wandb-api');
import graphql = require('wandb-api/graphql');
import emulator = require('wandb-api/emulator');

async function main(): Promise<void> {
  const emu: emulator.Emulator = await emulator.startEmulator({ viewer: { username: 'pkg-user' } });
  try {
    const { id } = emu.seed.run({ project: 'p', config: { lr: 0.1 }, history: [{ _step: 0, loss: 1 }] });
    const sweep = emu.seed.sweep({ project: 'p', config: { method: 'grid' } });
    const api = new wandb.Api({ baseUrl: emu.url, apiKey: emu.apiKey });
    const viewer: graphql.ViewerQuery = await api.request(graphql.ViewerDocument, {});
    const run: wandb.Run<{ lr: number }> = await api.run<{ lr: number }>(`pkg-user/p/${id}`);
    const lr: number = run.config.lr;
    const rows = await run.history({ keys: ['loss'] });
    const steps: number[] = rows.map((r) => r._step);
    // @ts-expect-error -- a key that was not asked for
    void rows[0]?.acc;
    const found = await api.fromPath(`pkg-user/p/sweeps/${sweep.id}`);
    console.log(
      JSON.stringify({
        viewer: viewer.viewer?.username,
        lr,
        steps,
        sweep: found.constructor.name,
        sweepIsSweep: found instanceof wandb.Sweep,
      }),
    );
  } finally {
    await emu.close();
  }
}

// A failure is an unhandled rejection: Node prints it and exits with code 1.
void main();
