/**
 * The demo's Launch data:
 * - the job `train-cifar10` (an image job, `demo/train-cifar10:1.0`, taking `lr`, `epochs` and
 *   `batch_size`) in the viewer's `image-classification` project, alias `latest`;
 * - the run queue `gpu-queue` of the team `demo-team` (project `model-registry`, type `kubernetes`,
 *   priorities on) whose config asks for `{{gpus}}` GPUs (template variable `gpus`, an integer
 *   1 to 8, default 1), with a link to its dashboard.
 *
 * @example
 * ```ts
 * import { seedDemoLaunch } from './launch.js';
 * seedDemoLaunch(store);
 * ```
 * @module
 */
import { seedJob, seedRunQueue } from '../domains/launch/seed.js';
import type { EmulatorStore } from '../store/store.js';
import { DAY_MS, DEMO_START, DEMO_TEAM } from './constants.js';

/**
 * Adds the demo's job and run queue (see the module description). No randomness.
 *
 * @example
 * ```ts
 * seedDemoLaunch(store);
 * ```
 */
export function seedDemoLaunch(store: EmulatorStore): void {
  const at = (day: number) => new Date(DEMO_START + day * DAY_MS);
  const number = { wb_type: 'number' };
  seedJob(store, {
    project: 'image-classification',
    name: 'train-cifar10',
    sourceType: 'image',
    image: 'demo/train-cifar10:1.0',
    inputTypes: {
      wb_type: 'typedDict',
      params: { type_map: { lr: number, epochs: number, batch_size: number } },
    },
    outputTypes: { wb_type: 'typedDict', params: { type_map: { accuracy: number, loss: number } } },
    createdAt: at(2),
  });
  seedRunQueue(store, {
    entity: DEMO_TEAM,
    name: 'gpu-queue',
    type: 'kubernetes',
    config: { namespace: 'training', gpus: '{{gpus}}' },
    templateVariables: { gpus: { schema: { type: 'integer', minimum: 1, maximum: 8, default: 1 } } },
    prioritizationMode: 'V0',
    externalLinks: { dashboard: 'https://grafana.example.com/d/gpus' },
    createdAt: at(2),
  });
}
