/**
 * The `demo` seed: a deterministic, realistic data set (no `Math.random`; same data on every start).
 *
 * - `<viewer entity>/image-classification`: 80 runs (CNN/ViT on CIFAR-10)
 * - `<viewer entity>/language-model`: 45 runs (GPT-style language models)
 * - `demo-team/shared-benchmarks`: 12 evaluation runs by the viewer and `bob`
 *
 * Runs are created over the 14 days before 2024-06-01T00:00:00Z; most are finished, some running,
 * crashed or failed; a few have no `dropout` config or an empty summary (to exercise missing keys).
 * Training runs have a history row per epoch, a system metrics stream and the files a W&B run
 * uploads (`config.yaml`, `wandb-summary.json`, `wandb-metadata.json`, `output.log`); the image
 * project also has one sweep and two reports.
 *
 * @example
 * ```ts
 * const emu = await startEmulator({ seed: 'demo' });
 * ```
 * @module
 */
import { stringify as stringifyYaml } from 'yaml';
import { createPrng, randomRunId, runDisplayName, type Prng } from './ids.js';
import type { EmulatorStore } from './store.js';

/**
 * When the demo data "ends": every demo run was created in the 14 days before this instant.
 *
 * @example
 * ```ts
 * DEMO_NOW.toISOString(); // '2024-06-01T00:00:00.000Z'
 * ```
 */
export const DEMO_NOW = new Date('2024-06-01T00:00:00Z');

/**
 * The team entity the demo seed creates (the viewer is a member).
 *
 * @example
 * ```ts
 * await api.project(DEMO_TEAM, 'shared-benchmarks');
 * ```
 */
export const DEMO_TEAM = 'demo-team';

const DAY_MS = 24 * 3600 * 1000;

function pick<T>(random: Prng, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function hex(random: Prng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}

function pickState(random: Prng, recent: boolean): string {
  const r = random();
  if (recent && r < 0.6) return 'running';
  if (r < 0.84) return 'finished';
  if (r < 0.93) return 'crashed';
  return 'failed';
}

interface Curve {
  /** Final train accuracy if trained to the end. */
  accuracy: number;
  /** Gap between train and validation accuracy. */
  gap: number;
  /** Seconds per epoch. */
  epochSeconds: number;
}

interface Trained {
  summary: Record<string, unknown>;
  history: Record<string, unknown>[];
  runtime: number;
}

function train(
  random: Prng,
  epochs: number,
  state: string,
  curve: Curve,
  startMs: number,
  extra?: (row: Record<string, number>) => void,
): Trained {
  let done = epochs;
  if (state === 'running') done = Math.max(1, Math.floor(epochs * (0.2 + random() * 0.6)));
  if (state === 'crashed') done = Math.max(1, Math.floor(epochs * (0.1 + random() * 0.7)));
  if (state === 'failed') done = random() < 0.5 ? 0 : Math.max(1, Math.floor(epochs * random() * 0.3));
  const history: Record<string, unknown>[] = [];
  let row: Record<string, number> = {};
  for (let e = 0; e < done; e++) {
    const progress = 1 - Math.exp((-4 * (e + 1)) / epochs);
    const accuracy = Math.min(0.995, 0.1 + (curve.accuracy - 0.1) * progress + (random() - 0.5) * 0.01);
    const valAccuracy = Math.max(0.05, accuracy - curve.gap * progress - random() * 0.01);
    const runtime = (e + 1) * curve.epochSeconds * (0.95 + random() * 0.1);
    row = {
      _step: e,
      epoch: e,
      loss: round(-Math.log(accuracy) * 1.3 + random() * 0.02),
      accuracy: round(accuracy),
      val_loss: round(-Math.log(valAccuracy) * 1.4 + random() * 0.03),
      val_accuracy: round(valAccuracy),
      _runtime: round(runtime, 1),
      _timestamp: round(startMs / 1000 + runtime, 3),
    };
    extra?.(row);
    history.push({ ...row });
  }
  if (done === 0) {
    const runtime = round(5 + random() * 40, 1);
    return { summary: { _runtime: runtime }, history, runtime };
  }
  return { summary: { ...row }, history, runtime: row._runtime ?? 0 };
}

function systemMetrics(random: Prng, gpus: number): Record<string, unknown> {
  const metrics: Record<string, unknown> = {
    'system.cpu': round(20 + random() * 60, 1),
    'system.memory': round(30 + random() * 50, 1),
    'system.disk': round(40 + random() * 30, 1),
    'system.network.sent': Math.floor(1e6 + random() * 5e8),
    'system.network.recv': Math.floor(1e6 + random() * 5e8),
    'system.proc.memory.rssMB': round(2000 + random() * 12000, 1),
  };
  for (let g = 0; g < gpus; g++) {
    metrics[`system.gpu.${g}.gpu`] = round(60 + random() * 39, 1);
    metrics[`system.gpu.${g}.memoryAllocated`] = round(40 + random() * 55, 1);
    metrics[`system.gpu.${g}.temp`] = round(55 + random() * 25, 1);
    metrics[`system.gpu.${g}.powerWatts`] = round(150 + random() * 200, 1);
  }
  return metrics;
}

type Row = Record<string, unknown>;

/**
 * The system metrics stream of a run: one row per history row, drifting towards `latest` (the
 * last row is exactly `latest`, so the run's latest system metrics do not depend on the stream).
 * Derived without the random generator, so adding it left the rest of the data set unchanged.
 */
function systemStream(latest: Row, history: Row[]): Row[] | Row {
  if (history.length === 0) return latest;
  return history.map((row, i) => {
    const drift = 1 - 0.15 * ((history.length - 1 - i) / history.length) * ((i % 3) / 2);
    const out: Row = {};
    for (const [key, value] of Object.entries(latest)) {
      out[key] = typeof value === 'number' && !Number.isInteger(value) ? round(value * drift, 1) : value;
    }
    return { ...out, _runtime: row._runtime, _timestamp: row._timestamp };
  });
}

/** The files a W&B run uploads, derived from what it logged (no random draws, like `systemStream`). */
function runFiles(
  config: Row,
  summary: Row,
  history: Row[],
  meta: { host: string; commit: string; createdMs: number; program: string },
): Record<string, string> {
  const wrapped: Row = { wandb_version: 1 };
  for (const [key, value] of Object.entries(config)) {
    wrapped[key] = key === '_wandb' ? value : { desc: null, value };
  }
  const files: Record<string, string> = {
    'config.yaml': stringifyYaml(wrapped),
    'wandb-summary.json': `${JSON.stringify(summary)}\n`,
    'wandb-metadata.json': `${JSON.stringify(
      {
        os: 'Linux-5.15.0-x86_64-with-glibc2.35',
        python: '3.10.12',
        startedAt: new Date(meta.createdMs).toISOString(),
        program: meta.program,
        host: meta.host,
        git: { commit: meta.commit, remote: 'https://github.com/example/experiments.git' },
      },
      null,
      2,
    )}\n`,
  };
  if (history.length > 0) {
    files['output.log'] = history
      .map((row) => {
        const metrics = Object.entries(row)
          .filter(([key]) => !key.startsWith('_') && key !== 'epoch')
          .map(([key, value]) => `${key}=${String(value)}`)
          .join(' ');
        return `epoch ${String(row.epoch)}: ${metrics}\n`;
      })
      .join('');
  }
  return files;
}

const TAGS = ['baseline', 'augmented', 'fp16', 'best', 'debug', 'v2', 'ablation'];
const HOSTS = ['gpu-node-01', 'gpu-node-02', 'gpu-node-07', 'dgx-a100-3', 'alice-workstation'];
const LRS = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 0.1];
const OPTIMIZERS = ['adam', 'sgd', 'adamw'];
const NOTES = [
  'Higher learning rate with a short warmup.',
  'Cosine schedule, no restarts.',
  'Re-run after fixing the data loader shuffle bug.',
  'Mixed precision; check for loss spikes.',
];

function pickTags(random: Prng): string[] {
  const tags = new Set<string>();
  const count = Math.floor(random() * 3.2);
  for (let i = 0; i < count; i++) tags.add(pick(random, TAGS));
  return [...tags].sort();
}

function wandbConfig(random: Prng, framework: string): Record<string, unknown> {
  return {
    value: {
      cli_version: pick(random, ['0.16.6', '0.17.0', '0.17.2']),
      python_version: pick(random, ['3.10.12', '3.11.9']),
      framework,
      is_jupyter_run: false,
    },
    desc: null,
  };
}

function lrQuality(lr: number, best: number): number {
  return Math.exp(-Math.pow(Math.log10(lr / best), 2));
}

/**
 * Fills a store with the demo data set. Deterministic: the same store contents on every call
 * (given the same viewer).
 *
 * @example
 * ```ts
 * const store = new EmulatorStore({ username: 'alice' });
 * seedDemo(store);
 * store.runs.size; // 137
 * ```
 */
export function seedDemo(store: EmulatorStore): void {
  const random = createPrng('wandb-api-emulator-demo');
  const viewer = store.viewer;
  const entity = viewer.entity;
  store.seedUser({ username: viewer.username, teams: [DEMO_TEAM] });
  store.seedUser({ username: 'bob', name: 'Bob Builder', email: 'bob@example.com', teams: [DEMO_TEAM] });
  const start = DEMO_NOW.getTime() - 14 * DAY_MS;

  store.seedProject({
    entity,
    name: 'image-classification',
    description: 'CNN and ViT baselines on CIFAR-10',
    createdAt: new Date(start - 2 * DAY_MS),
  });
  store.seedProject({
    entity,
    name: 'language-model',
    description: 'Small GPT-style language models on OpenWebText',
    createdAt: new Date(start - DAY_MS),
  });
  store.seedProject({
    entity: DEMO_TEAM,
    name: 'shared-benchmarks',
    description: 'Team evaluation runs',
    createdAt: new Date(start - DAY_MS / 2),
    user: 'bob',
  });

  const sweepId = randomRunId(random);
  store.seedSweep({
    entity,
    project: 'image-classification',
    id: sweepId,
    displayName: 'lr-sweep',
    state: 'FINISHED',
    createdAt: new Date(start + 2 * DAY_MS),
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
  const imageRuns = 80;
  for (let i = 0; i < imageRuns; i++) {
    const createdMs = start + Math.floor(((i + random() * 0.8) / imageRuns) * 14 * DAY_MS);
    const state = pickState(random, i >= imageRuns - 6);
    const inSweep = i >= 20 && i < 44;
    const architecture = pick(random, ['resnet18', 'resnet50', 'vit-b16', 'efficientnet-b0']);
    const lr = pick(random, LRS);
    const optimizer = pick(random, OPTIMIZERS);
    const epochs = pick(random, [10, 20, 30, 50]);
    const batchSize = pick(random, [32, 64, 128, 256]);
    const config: Record<string, unknown> = {
      lr,
      batch_size: batchSize,
      optimizer,
      epochs,
      architecture,
      dataset: 'cifar10',
      weight_decay: pick(random, [0, 1e-4, 5e-4]),
      augment: random() < 0.5,
      seed: Math.floor(random() * 1000),
      _wandb: wandbConfig(random, 'torch'),
    };
    if (random() < 0.85) config.dropout = pick(random, [0, 0.1, 0.2, 0.3, 0.5]);
    const quality = lrQuality(lr, optimizer === 'sgd' ? 1e-2 : 1e-3);
    const archBonus =
      { resnet18: 0, resnet50: 0.03, 'vit-b16': 0.05, 'efficientnet-b0': 0.02 }[architecture] ?? 0;
    const trained = train(
      random,
      epochs,
      state,
      {
        accuracy: 0.62 + 0.28 * quality + archBonus + (optimizer === 'adamw' ? 0.01 : 0),
        gap: 0.02 + random() * 0.05,
        epochSeconds: 20 + random() * 60,
      },
      createdMs,
    );
    const id = randomRunId(random);
    const displayName = runDisplayName(random, i + 1);
    const latestSystem = systemMetrics(random, architecture === 'vit-b16' ? 4 : 1);
    const tags = inSweep ? [] : pickTags(random);
    const notes = random() < 0.15 ? pick(random, NOTES) : null;
    const group = inSweep
      ? 'lr-sweep'
      : pick(random, ['resnet-baselines', 'vit-baselines', 'augmentation-study', null]);
    const jobType = inSweep ? 'sweep' : pick(random, ['train', 'train', 'train', 'eval', null]);
    const host = pick(random, HOSTS);
    const commit = hex(random, 40);
    store.seedRun({
      entity,
      project: 'image-classification',
      id,
      displayName,
      state,
      config,
      summary: trained.summary,
      systemMetrics: systemStream(latestSystem, trained.history),
      tags,
      notes,
      group,
      jobType,
      sweep: inSweep ? sweepId : null,
      host,
      commit,
      createdAt: new Date(createdMs),
      heartbeatAt: new Date(createdMs + trained.runtime * 1000),
      history: trained.history,
      files: runFiles(config, trained.summary, trained.history, {
        host,
        commit,
        createdMs,
        program: 'train_cifar.py',
      }),
    });
  }

  store.seedReport({
    entity,
    project: 'image-classification',
    name: 'cifar-baselines',
    displayName: 'CIFAR-10 baselines: ResNet vs. ViT',
    description: 'Accuracy and loss of the baseline architectures, with the learning-rate sweep.',
    createdAt: new Date(start + 9 * DAY_MS),
    updatedAt: new Date(start + 12 * DAY_MS),
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
    createdAt: new Date(start + 13 * DAY_MS),
  });

  const lmRuns = 45;
  for (let i = 0; i < lmRuns; i++) {
    const createdMs = start + Math.floor(((i + random() * 0.8) / lmRuns) * 14 * DAY_MS);
    const state = pickState(random, i >= lmRuns - 4);
    const size = pick(random, [
      { model: 'gpt2-small', n_layer: 12, n_head: 12, d_model: 768 },
      { model: 'gpt2-medium', n_layer: 24, n_head: 16, d_model: 1024 },
      { model: 'gpt2-large', n_layer: 36, n_head: 20, d_model: 1280 },
    ]);
    const lr = pick(random, LRS.slice(0, 4));
    const optimizer = pick(random, ['adam', 'adamw', 'adamw']);
    const epochs = pick(random, [3, 5, 8, 10]);
    const config: Record<string, unknown> = {
      lr,
      batch_size: pick(random, [8, 16, 32]),
      optimizer,
      epochs,
      architecture: 'transformer',
      ...size,
      seq_len: pick(random, [512, 1024, 2048]),
      warmup_steps: pick(random, [100, 500, 2000]),
      dataset: 'openwebtext',
      _wandb: wandbConfig(random, 'huggingface'),
    };
    if (random() < 0.8) config.dropout = pick(random, [0, 0.1, 0.2]);
    const trained = train(
      random,
      epochs,
      state,
      {
        accuracy: 0.35 + 0.15 * lrQuality(lr, 3e-4) + size.n_layer / 400,
        gap: 0.01 + random() * 0.02,
        epochSeconds: 600 + random() * 1800,
      },
      createdMs,
      (row) => {
        row.perplexity = round(Math.exp(row.val_loss ?? 0), 2);
      },
    );
    const id = randomRunId(random);
    const displayName = runDisplayName(random, i + 1);
    const latestSystem = systemMetrics(random, 8);
    const tags = pickTags(random);
    const notes = random() < 0.2 ? pick(random, NOTES) : null;
    const group = pick(random, ['gpt2-finetune', 'scaling-law', null]);
    const jobType = pick(random, ['train', 'train', 'eval']);
    const host = pick(random, ['dgx-a100-1', 'dgx-a100-2', 'dgx-a100-3']);
    const commit = hex(random, 40);
    store.seedRun({
      entity,
      project: 'language-model',
      id,
      displayName,
      state,
      config,
      summary: trained.summary,
      systemMetrics: systemStream(latestSystem, trained.history),
      tags,
      notes,
      group,
      jobType,
      host,
      commit,
      createdAt: new Date(createdMs),
      heartbeatAt: new Date(createdMs + trained.runtime * 1000),
      history: trained.history,
      files: runFiles(config, trained.summary, trained.history, {
        host,
        commit,
        createdMs,
        program: 'train_lm.py',
      }),
    });
  }

  const teamRuns = 12;
  for (let i = 0; i < teamRuns; i++) {
    const createdMs = start + Math.floor(((i + random() * 0.8) / teamRuns) * 14 * DAY_MS);
    const model = pick(random, ['resnet50', 'vit-b16', 'efficientnet-b0', 'convnext-tiny']);
    const accuracy = round(0.74 + random() * 0.12);
    const runtime = round(120 + random() * 600, 1);
    store.seedRun({
      entity: DEMO_TEAM,
      project: 'shared-benchmarks',
      id: randomRunId(random),
      displayName: runDisplayName(random, i + 1),
      state: i === teamRuns - 1 ? 'running' : 'finished',
      config: {
        model,
        benchmark: 'imagenet-val',
        batch_size: pick(random, [64, 128, 256]),
        precision: 'fp16',
      },
      summary: {
        top1_accuracy: accuracy,
        top5_accuracy: round(Math.min(0.99, accuracy + 0.15)),
        throughput: round(400 + random() * 2000, 1),
        _step: 0,
        _runtime: runtime,
      },
      systemMetrics: systemMetrics(random, 1),
      tags: ['benchmark'],
      group: 'imagenet-eval',
      jobType: 'eval',
      user: random() < 0.5 ? viewer.username : 'bob',
      host: pick(random, HOSTS),
      commit: hex(random, 40),
      createdAt: new Date(createdMs),
      heartbeatAt: new Date(createdMs + runtime * 1000),
    });
  }
}
