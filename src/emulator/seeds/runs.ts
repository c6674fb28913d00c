/**
 * The demo's runs: 80 image-classification runs (24 of them in the sweep), 45 language-model runs
 * and 12 team benchmark runs, each drawn from the seed's PRNG in a fixed order.
 *
 * @example
 * ```ts
 * import { seedImageRuns } from './runs.js';
 * seedImageRuns(store, random, sweepId);
 * ```
 * @module
 */
import { randomRunId, runDisplayName, type Prng } from '../store/random.js';
import type { EmulatorStore } from '../store/store.js';
import { DAY_MS, DEMO_START, DEMO_TEAM } from './constants.js';
import { runFiles } from './files.js';
import { pickState, systemMetrics, systemStream, train } from './history.js';
import { hex, pick, round } from './util.js';

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
 * Adds the 80 runs of `image-classification`; runs 20 to 43 belong to the sweep `sweepId`.
 *
 * @example
 * ```ts
 * seedImageRuns(store, random, sweepId);
 * ```
 */
export function seedImageRuns(store: EmulatorStore, random: Prng, sweepId: string): void {
  const entity = store.viewer.entity;
  const imageRuns = 80;
  for (let i = 0; i < imageRuns; i++) {
    const createdMs = DEMO_START + Math.floor(((i + random() * 0.8) / imageRuns) * 14 * DAY_MS);
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
}

/**
 * Adds the 45 runs of `language-model`.
 *
 * @example
 * ```ts
 * seedLanguageModelRuns(store, random);
 * ```
 */
export function seedLanguageModelRuns(store: EmulatorStore, random: Prng): void {
  const entity = store.viewer.entity;
  const lmRuns = 45;
  for (let i = 0; i < lmRuns; i++) {
    const createdMs = DEMO_START + Math.floor(((i + random() * 0.8) / lmRuns) * 14 * DAY_MS);
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
}

/**
 * Adds the 12 benchmark runs of the demo team's `shared-benchmarks`, by the viewer and `bob`.
 *
 * @example
 * ```ts
 * seedTeamRuns(store, random);
 * ```
 */
export function seedTeamRuns(store: EmulatorStore, random: Prng): void {
  const viewer = store.viewer;
  const teamRuns = 12;
  for (let i = 0; i < teamRuns; i++) {
    const createdMs = DEMO_START + Math.floor(((i + random() * 0.8) / teamRuns) * 14 * DAY_MS);
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
