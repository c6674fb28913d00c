import type { Emulator } from '../../src/emulator/index.js';

/** Five runs in alice/mnist with known configs, summaries, states and creation times. */
export const RUNS = [
  {
    id: 'run00001',
    displayName: 'alpha',
    state: 'finished',
    config: { lr: 0.1, optimizer: 'adam', batch_size: 32, _wandb: { cli_version: '0.16.0' } },
    summary: { accuracy: 0.91, loss: 0.3 },
    tags: ['baseline'],
    group: 'g1',
    jobType: 'train',
    createdAt: '2024-01-01T00:00:00Z',
  },
  {
    id: 'run00002',
    displayName: 'beta',
    state: 'finished',
    config: { lr: 0.01, optimizer: 'sgd', batch_size: 64, layers: { sizes: [64, 32] } },
    summary: { accuracy: 0.85, loss: 0.5 },
    tags: ['sgd', 'baseline'],
    group: 'g1',
    jobType: 'train',
    createdAt: '2024-01-02T00:00:00Z',
  },
  {
    id: 'run00003',
    displayName: 'gamma',
    state: 'crashed',
    config: { lr: 0.001, optimizer: 'adam', batch_size: 32 },
    summary: { accuracy: 0.5 },
    tags: [],
    group: 'g2',
    jobType: 'eval',
    createdAt: '2024-01-03T00:00:00Z',
  },
  {
    id: 'run00004',
    displayName: 'delta',
    state: 'running',
    config: { lr: 0.05, optimizer: 'adamw', batch_size: 128 },
    summary: {},
    tags: ['wip'],
    createdAt: '2024-01-04T00:00:00Z',
  },
  {
    id: 'run00005',
    displayName: 'epsilon',
    state: 'finished',
    config: { lr: 0.1, optimizer: 'adam', batch_size: 16 },
    summary: { accuracy: 0.95, loss: 0.1 },
    systemMetrics: { 'system.gpu.0.gpu': 87.5 },
    tags: ['best'],
    group: 'g2',
    notes: 'the good one',
    createdAt: '2024-01-05T00:00:00Z',
  },
] as const;

/** Seeds {@link RUNS} into `alice/mnist` plus an empty `alice/empty` project. */
export function seedMnist(emu: Emulator): void {
  emu.seed.project({ entity: 'alice', name: 'mnist', description: 'digits' });
  emu.seed.project({ entity: 'alice', name: 'empty' });
  for (const run of RUNS) {
    emu.seed.run({
      entity: 'alice',
      project: 'mnist',
      ...run,
      tags: [...run.tags],
      config: { ...run.config },
      summary: { ...run.summary },
    });
  }
}
