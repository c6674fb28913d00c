/**
 * The demo's reports: two saved views of `image-classification`, one by `bob` with no content.
 *
 * @example
 * ```ts
 * import { seedDemoReports } from './reports.js';
 * seedDemoReports(store);
 * ```
 * @module
 */
import type { EmulatorStore } from '../store/store.js';
import { DAY_MS, DEMO_START } from './constants.js';

/**
 * Adds the demo's reports.
 *
 * @example
 * ```ts
 * seedDemoReports(store);
 * [...store.reports.values()].map((r) => r.displayName); // ['CIFAR-10 baselines: ResNet vs. ViT', 'Weekly sync']
 * ```
 */
export function seedDemoReports(store: EmulatorStore): void {
  const entity = store.viewer.entity;
  store.seedReport({
    entity,
    project: 'image-classification',
    name: 'cifar-baselines',
    displayName: 'CIFAR-10 baselines: ResNet vs. ViT',
    description: 'Accuracy and loss of the baseline architectures, with the learning-rate sweep.',
    createdAt: new Date(DEMO_START + 9 * DAY_MS),
    updatedAt: new Date(DEMO_START + 12 * DAY_MS),
    spec: {
      version: 5,
      panelGroups: [
        {
          name: 'Accuracy',
          panels: [{ viewType: 'Run History Line Plot', config: { metrics: ['val_accuracy'] } }],
        },
        { name: 'Learning-rate sweep', panels: [{ viewType: 'Parallel Coordinates Plot', config: {} }] },
      ],
    },
  });
  store.seedReport({
    entity,
    project: 'image-classification',
    name: 'weekly-sync',
    displayName: 'Weekly sync',
    user: 'bob',
    createdAt: new Date(DEMO_START + 13 * DAY_MS),
  });
}
