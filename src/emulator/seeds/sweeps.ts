/**
 * The demo's sweep: a Bayesian learning-rate sweep in `image-classification`.
 *
 * @example
 * ```ts
 * import { seedDemoSweep } from './sweeps.js';
 * const sweepId = seedDemoSweep(store, createPrng('demo'));
 * ```
 * @module
 */
import type { Prng } from '../store/random.js';
import { randomRunId } from '../store/random.js';
import type { EmulatorStore } from '../store/store.js';
import { DAY_MS, DEMO_START } from './constants.js';

/**
 * Adds the demo's sweep (its id is the next draw of `random`) and returns its id.
 *
 * @example
 * ```ts
 * seedDemoSweep(store, random); // e.g. 'k3x9a0qz'
 * ```
 */
export function seedDemoSweep(store: EmulatorStore, random: Prng): string {
  const entity = store.viewer.entity;
  const sweepId = randomRunId(random);
  store.seedSweep({
    entity,
    project: 'image-classification',
    id: sweepId,
    displayName: 'lr-sweep',
    state: 'FINISHED',
    createdAt: new Date(DEMO_START + 2 * DAY_MS),
    config: {
      name: 'lr-sweep',
      method: 'bayes',
      metric: { name: 'val_loss', goal: 'minimize' },
      parameters: {
        lr: { distribution: 'log_uniform_values', min: 0.0001, max: 0.1 },
        batch_size: { values: [32, 64, 128, 256] },
        optimizer: { values: ['adam', 'sgd', 'adamw'] },
      },
    },
  });
  return sweepId;
}
