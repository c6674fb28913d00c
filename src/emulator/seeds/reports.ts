/**
 * The demo's reports: two saved views of `image-classification`, one by `bob` with no content.
 * The first has two sections whose run sets are those the app stores (a filter tree, a sort key,
 * selections), built from the demo's runs: `report.runs(section)` lists them.
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
  const project = store.findProject(entity, 'image-classification');
  const runs = project ? store.runsOfProject(project.id) : [];
  const baselines = runs.filter(
    (r) => (r.group === 'resnet-baselines' || r.group === 'vit-baselines') && r.state === 'finished',
  );
  const sweepRuns = runs.filter((r) => r.sweep !== null);
  const sweepId = sweepRuns[0]?.sweep ?? '';
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
          openRunSet: 0,
          // Every finished baseline run but the first two (hidden: root 1 lists the hidden runs),
          // best validation accuracy first.
          runSets: [
            runSet({
              id: 'rs-baselines',
              name: 'Baselines',
              filters: [
                {
                  key: { section: 'run', name: 'group' },
                  op: 'IN',
                  value: ['resnet-baselines', 'vit-baselines'],
                },
                { key: { section: 'run', name: 'state' }, op: '=', value: 'finished' },
                { key: { section: 'summary', name: 'val_accuracy' }, op: '>', value: null },
              ],
              sort: { key: { section: 'summary', name: 'val_accuracy' }, ascending: false },
              selections: { root: 1, bounds: [], tree: baselines.slice(0, 2).map((r) => r.name) },
            }),
          ],
          panels: [{ viewType: 'Run History Line Plot', config: { metrics: ['val_accuracy'] } }],
        },
        {
          name: 'Learning-rate sweep',
          openRunSet: 1,
          // The second run set is open: the sweep's runs with lr <= 0.01, only the six picked ones
          // (root 0 lists the shown runs), lowest learning rate first.
          runSets: [
            runSet({ id: 'rs-all', name: 'All runs', filters: [], sort: undefined, selections: undefined }),
            runSet({
              id: 'rs-sweep',
              name: 'Sweep',
              filters: [
                { key: { section: 'run', name: 'sweep' }, op: '=', value: sweepId },
                { key: { section: 'config', name: 'lr.value' }, op: '<=', value: 0.01 },
                { key: { section: 'run', name: 'state' }, op: '!=', value: 'crashed', disabled: true },
              ],
              sort: { key: { section: 'config', name: 'lr.value' }, ascending: true },
              selections: { root: 0, bounds: [], tree: sweepRuns.slice(0, 6).map((r) => r.name) },
            }),
          ],
          panels: [{ viewType: 'Parallel Coordinates Plot', config: {} }],
        },
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

/** A run set as the app stores it, from its parts (the filters inside the app's OR of one AND). */
function runSet(parts: {
  id: string;
  name: string;
  filters: Record<string, unknown>[];
  sort: { key: { section: string; name: string }; ascending: boolean } | undefined;
  selections: { root: 0 | 1; bounds: unknown[]; tree: string[] } | undefined;
}): Record<string, unknown> {
  return {
    id: parts.id,
    name: parts.name,
    enabled: true,
    runFeed: { version: 2, columnVisible: { 'run:name': false }, pageSize: 10, onlyShowSelected: false },
    search: { query: '' },
    filters: { op: 'OR', filters: [{ op: 'AND', filters: parts.filters }] },
    grouping: [],
    sort: { keys: [parts.sort ?? { key: { section: 'run', name: 'createdAt' }, ascending: false }] },
    selections: parts.selections ?? { root: 1, bounds: [], tree: [] },
    expandedRowAddresses: [],
  };
}
