/**
 * The demo's projects: two in the viewer's entity, one in the demo team.
 *
 * @example
 * ```ts
 * import { seedDemoProjects } from './projects.js';
 * seedDemoProjects(store);
 * store.projectsOfEntity(store.viewer.entity).map((p) => p.name); // ['image-classification', 'language-model']
 * ```
 * @module
 */
import type { EmulatorStore } from '../store/store.js';
import { DAY_MS, DEMO_START, DEMO_TEAM } from './constants.js';

/**
 * Adds the demo's projects, created just before its runs.
 *
 * @example
 * ```ts
 * seedDemoProjects(store);
 * ```
 */
export function seedDemoProjects(store: EmulatorStore): void {
  const entity = store.viewer.entity;
  store.seedProject({
    entity,
    name: 'image-classification',
    description: 'CNN and ViT baselines on CIFAR-10',
    createdAt: new Date(DEMO_START - 2 * DAY_MS),
  });
  store.seedProject({
    entity,
    name: 'language-model',
    description: 'Small GPT-style language models on OpenWebText',
    createdAt: new Date(DEMO_START - DAY_MS),
  });
  store.seedProject({
    entity: DEMO_TEAM,
    name: 'shared-benchmarks',
    description: 'Team evaluation runs',
    createdAt: new Date(DEMO_START - DAY_MS / 2),
    user: 'bob',
  });
}
