/**
 * `npx tsx examples/sync-tensorboard.ts [logdir]`: syncs a TensorBoard log folder into a W&B run
 * and reads it back. Without a folder it writes a small one (two subfolders, TF1 and TF2 scalars,
 * a histogram) with the test suite's tfevents encoder. It starts the W&B emulator unless
 * WANDB_BASE_URL and WANDB_API_KEY are set.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../src/emulator/index.js';
import { Api } from '../src/node.js';
import {
  doubleTensor,
  event,
  floatTensor,
  simpleValue,
  tensorValue,
  tfevents,
} from '../test/support/tfevents.js';

function sampleLogs(): string {
  const root = mkdtempSync(join(tmpdir(), 'tb-example-'));
  const t0 = Date.UTC(2024, 0, 1) / 1000;
  mkdirSync(join(root, 'train'));
  mkdirSync(join(root, 'validation'));
  writeFileSync(
    join(root, 'train', 'events.out.tfevents.1.example'),
    tfevents([0, 1, 2].map((step) => event(step, t0 + step, [simpleValue('loss', 1 / (step + 1))]))),
  );
  writeFileSync(
    join(root, 'validation', 'events.out.tfevents.1.example'),
    tfevents([
      event(0, t0, [tensorValue('epoch_acc', floatTensor(0.5), 'scalars')]),
      event(2, t0 + 2, [
        tensorValue('epoch_acc', floatTensor(0.75)),
        tensorValue('weights', doubleTensor([0, 1, 3, 1, 2, 5], [2, 3]), 'histograms'),
      ]),
    ]),
  );
  return root;
}

const external = process.env.WANDB_BASE_URL && process.env.WANDB_API_KEY;
const emu = external ? undefined : await startEmulator({ viewer: { username: 'demo-user' } });
try {
  const api = emu ? new Api({ baseUrl: emu.url, apiKey: emu.apiKey }) : new Api();
  const root = process.argv[2] ?? sampleLogs();
  const result = await api.syncTensorboard(root, {
    project: 'tensorboard-example',
    onProgress: (p) =>
      console.log(`  ${p.phase}: ${p.rowsSent}/${p.rows} rows, ${p.filesUploaded}/${p.files} files`),
  });
  console.log(`Synced ${root} into ${result.run.path.join('/')} (${result.run.state}): ${result.rows} rows`);
  console.log(`Files: ${result.files.join(', ')}`);
  console.log(`Skipped: ${JSON.stringify(result.skipped)}; corrupt: ${JSON.stringify(result.corrupt)}`);
  for await (const row of result.run.scanHistory()) {
    const { _step, global_step, ...values } = row;
    const shown = Object.entries(values)
      .filter(([k]) => !k.startsWith('_'))
      .map(([k, v]) => `${k}=${typeof v === 'number' ? v : JSON.stringify(v)}`);
    console.log(`  _step ${_step} (global_step ${global_step}): ${shown.join(' ')}`);
  }
} finally {
  await emu?.close();
}
