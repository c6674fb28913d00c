/**
 * The demo's artifacts, in `<viewer entity>/image-classification`:
 * - dataset `cifar10-mini` (type `dataset`), three versions: CSV splits, a label map, a README
 *   and, from v2, eight small images and a W&B Table `samples.table.json` (`Artifact.get('samples')`);
 *   `baseline` on v1, `production` and `latest` on v2;
 * - model `resnet18-cifar10` (type `model`), four versions of 32 KiB weights and a config, each
 *   logged by a run of the project; `production` on v1, `best` on v2, `staging` and `latest` on
 *   v3; the dataset's
 *   versions are used by the runs that trained them;
 * - one link: `resnet18-cifar10:v2` in the team's `demo-team/shared-benchmarks` portfolio
 *   `cifar10-classifier`, with the alias `production`.
 * Deterministic: bytes come from a PRNG of their own, so the other demo data stay as they were.
 *
 * @example
 * ```ts
 * import { seedDemoArtifacts } from './artifacts.js';
 * seedDemoArtifacts(store);
 * ```
 * @module
 */
import { recordUse } from '../domains/artifacts/model.js';
import { createPrng, type Prng } from '../store/random.js';
import type { EmulatorStore } from '../store/store.js';
import { DAY_MS, DEMO_START, DEMO_TEAM } from './constants.js';

const CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

function bytes(random: Prng, length: number, header: readonly number[] = []): Uint8Array {
  const out = new Uint8Array(length);
  out.set(header);
  for (let i = header.length; i < length; i++) out[i] = Math.floor(random() * 256);
  return out;
}

function split(random: Prng, rows: number, offset: number): string {
  let text = 'id,label,path\n';
  for (let i = 0; i < rows; i++) {
    const label = CLASSES[Math.floor(random() * CLASSES.length)] ?? 'cat';
    text += `${offset + i},${label},images/${String(offset + i).padStart(5, '0')}.png\n`;
  }
  return text;
}

/**
 * Adds the demo's dataset and model versions and the link (see the module description). Expects
 * the demo's projects and runs to exist.
 *
 * @example
 * ```ts
 * seedDemoArtifacts(store); // after the demo's runs
 * ```
 */
export function seedDemoArtifacts(store: EmulatorStore): void {
  const random = createPrng('wandb-api-emulator-demo-artifacts');
  const entity = store.viewer.entity;
  const project = store.findProject(entity, 'image-classification');
  if (!project) throw new Error('seedDemoArtifacts: the demo projects come first');
  const runs = store.runsOfProject(project.id).map((r) => r.name);
  const at = (day: number) => new Date(DEMO_START + day * DAY_MS);
  const run = (i: number) => runs[i % runs.length];

  const labels = `${JSON.stringify(Object.fromEntries(CLASSES.map((c, i) => [i, c])), null, 2)}\n`;
  const readme = (version: number, rows: number) =>
    `# CIFAR-10 mini (v${version})\n\nA ${rows}-row sample of CIFAR-10 for quick experiments.\n`;
  const v0Train = split(random, 120, 0);
  const v0Test = split(random, 30, 1000);
  const v1Train = v0Train + split(random, 80, 120).split('\n').slice(1).join('\n');
  const images: Record<string, Uint8Array> = {};
  for (let i = 0; i < 8; i++) {
    images[`images/${String(i).padStart(5, '0')}.png`] = bytes(
      random,
      1024 + i * 128,
      [137, 80, 78, 71, 13, 10, 26, 10],
    );
  }
  // A W&B Table as `artifact.add(table, 'samples')` stores it (`Artifact.get('samples')` reads it).
  const samplesTable = `${JSON.stringify({
    _type: 'table',
    columns: ['id', 'label', 'path'],
    data: v1Train
      .trim()
      .split('\n')
      .slice(1, 9)
      .map((line) => line.split(',').map((cell, i) => (i === 0 ? Number(cell) : cell))),
    ncols: 3,
    nrows: 8,
    column_types: {
      params: {
        type_map: { id: { wb_type: 'number' }, label: { wb_type: 'string' }, path: { wb_type: 'string' } },
      },
      wb_type: 'typedDict',
    },
  })}\n`;
  const datasets = [
    {
      files: { 'train.csv': v0Train, 'test.csv': v0Test, 'labels.json': labels, 'README.md': readme(0, 150) },
      rows: 150,
      aliases: [],
    },
    {
      files: { 'train.csv': v1Train, 'test.csv': v0Test, 'labels.json': labels, 'README.md': readme(1, 230) },
      rows: 230,
      aliases: ['baseline'],
    },
    {
      files: {
        'train.csv': v1Train,
        'test.csv': v0Test,
        'labels.json': labels,
        'README.md': readme(2, 230),
        'samples.table.json': samplesTable,
        ...images,
      },
      rows: 230,
      aliases: ['production'],
    },
  ];
  const datasetIds = datasets.map((version, i) =>
    store.seedArtifact({
      entity,
      project: 'image-classification',
      type: 'dataset',
      collection: 'cifar10-mini',
      description: 'A small sample of CIFAR-10',
      metadata: { rows: version.rows, classes: CLASSES.length, source: 'cifar10' },
      files: version.files,
      aliases: version.aliases,
      tags: i === 2 ? ['curated'] : [],
      createdAt: at(i),
    }),
  );

  const models = [0.71, 0.78, 0.84, 0.83].map((valAcc, i) => {
    const trainer = run(10 + i * 7);
    return store.seedArtifact({
      entity,
      project: 'image-classification',
      type: 'model',
      collection: 'resnet18-cifar10',
      description: 'ResNet-18 trained on cifar10-mini',
      metadata: { architecture: 'resnet18', val_acc: valAcc, epochs: 20 + i * 10 },
      files: {
        'model.safetensors': bytes(random, 32 * 1024),
        'config.json': `${JSON.stringify({ architecture: 'resnet18', num_classes: 10, dropout: 0.1 * i }, null, 2)}\n`,
      },
      aliases: i === 1 ? ['production'] : i === 2 ? ['best'] : i === 3 ? ['staging'] : [],
      tags: i === 2 ? ['candidate'] : [],
      ...(trainer ? { createdBy: trainer } : {}),
      createdAt: at(3 + i * 2),
    });
  });
  // The runs that trained the models used the dataset version of their time.
  models.forEach((_model, i) => {
    const trainer = store.findRun(project.id, run(10 + i * 7) ?? '');
    const dataset = datasetIds[Math.min(i, datasetIds.length - 1)];
    if (trainer && dataset) recordUse(store, dataset.record, trainer.id, dataset.name);
  });
  const best = models[2];
  if (best) {
    store.seedLink({
      artifact: best.id,
      entity: DEMO_TEAM,
      project: 'shared-benchmarks',
      collection: 'cifar10-classifier',
      aliases: ['production'],
      createdAt: at(12),
    });
  }
}
