/**
 * The data the benchmarks read, seeded inside the emulator's own process (`bench/emulator-process.ts`)
 * on request, so that nothing big crosses the IPC channel. Every scenario lives in a project of its
 * own of the entity `bench`, is deterministic, and can be seeded once per emulator.
 *
 * @module
 */
import type { Emulator } from '../src/emulator/index.js';

/** The scenarios a benchmark can ask its emulator to seed. */
export type ScenarioName =
  'history-200k' | 'history-1m' | 'histories-500' | 'runs-10k' | 'runs-100k' | 'artifacts' | 'export-1k';

/** What a seeded scenario tells the benchmark (paths, sizes). */
export interface ScenarioInfo {
  /** `entity/project` of the scenario. */
  project: string;
  /** Seeded run ids, when there are few (single-run scenarios). */
  runIds?: string[];
  /** Run count of the project. */
  runs?: number;
  /** History rows per run. */
  rowsPerRun?: number;
  /** Time the seeding took in the emulator's process, ms. */
  seedMs: number;
}

const ENTITY = 'bench';
const START = Date.UTC(2024, 0, 1);

/** History rows like a training loop logs them: `_step`, `_runtime`, `_timestamp` and 4 metrics. */
function historyRows(count: number, salt: number): Record<string, unknown>[] {
  const rows = new Array<Record<string, unknown>>(count);
  for (let step = 0; step < count; step++) {
    rows[step] = {
      _step: step,
      _runtime: step * 0.25,
      _timestamp: START / 1000 + salt * 3600 + step * 0.25,
      loss: 2 / (1 + step * 0.01) + (((step * 7919 + salt) % 100) - 50) / 5000,
      accuracy: 1 - 1 / (1 + step * 0.01),
      lr: 0.001 * 0.5 ** Math.floor(step / 50_000),
      epoch: Math.floor(step / 1000),
    };
  }
  return rows;
}

/** `count` finished runs with a config and a summary each, created a minute apart. */
function seedRuns(emu: Emulator, project: string, count: number, rowsPerRun = 0): void {
  for (let i = 0; i < count; i++) {
    const history = rowsPerRun > 0 ? historyRows(rowsPerRun, i) : undefined;
    emu.seed.run({
      entity: ENTITY,
      project,
      id: `r${String(i).padStart(6, '0')}`,
      displayName: `run-${i}`,
      state: 'finished',
      config: {
        lr: 0.001 * (1 + (i % 10)),
        batch_size: 32 * (1 + (i % 4)),
        optimizer: i % 2 ? 'adam' : 'sgd',
        architecture: ['resnet18', 'resnet50', 'vit-b16'][i % 3],
        epochs: 10 + (i % 5) * 10,
      },
      summary: {
        loss: 1 / (i + 1),
        accuracy: (i % 100) / 100,
        _step: Math.max(0, rowsPerRun - 1),
        _runtime: 3600 + i,
      },
      tags: i % 3 === 0 ? ['baseline'] : [],
      createdAt: new Date(START + i * 60_000),
      history,
    });
  }
}

/** Deterministic bytes: a small xorshift PRNG. */
function prngBytes(): (n: number) => Uint8Array {
  let state = 0x2545f491;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      out[i] = state & 0xff;
    }
    return out;
  };
}

/** 1,000 files of 1–4 KiB (`bench/artifacts/small:v0`) and one 512 MiB file (`bench/artifacts/large:v0`). */
function seedArtifacts(emu: Emulator): void {
  const bytes = prngBytes();
  const small: Record<string, Uint8Array> = {};
  for (let i = 0; i < 1_000; i++) small[`shard-${i % 10}/file-${i}.bin`] = bytes(1024 + ((i * 997) % 3073));
  emu.seed.artifact({
    entity: ENTITY,
    project: 'artifacts',
    type: 'dataset',
    collection: 'small',
    files: small,
  });
  const largeBytes = 512 * 1024 * 1024;
  const large = new Uint8Array(largeBytes);
  const block = bytes(1024 * 1024);
  for (let offset = 0; offset < largeBytes; offset += block.length) {
    block[0] = offset / block.length; // every MiB differs
    large.set(block, offset);
  }
  emu.seed.artifact({
    entity: ENTITY,
    project: 'artifacts',
    type: 'model',
    collection: 'large',
    files: { 'model.bin': large },
  });
}

/**
 * Seeds a scenario into `emu`.
 *
 * @example
 * ```ts
 * const info = seedScenario(emu, 'history-200k'); // { project: 'bench/history-200k', runIds: ['long'], ... }
 * ```
 */
export function seedScenario(emu: Emulator, name: ScenarioName): ScenarioInfo {
  const t0 = performance.now();
  const project = name;
  const done = (info: Omit<ScenarioInfo, 'seedMs' | 'project'>): ScenarioInfo => ({
    project: `${ENTITY}/${project}`,
    ...info,
    seedMs: performance.now() - t0,
  });
  switch (name) {
    case 'history-200k':
    case 'history-1m': {
      const rows = name === 'history-200k' ? 200_000 : 1_000_000;
      emu.seed.run({
        entity: ENTITY,
        project,
        id: 'long',
        state: 'finished',
        config: { lr: 0.001 },
        summary: { _step: rows - 1 },
        createdAt: new Date(START),
        history: historyRows(rows, 0),
      });
      return done({ runIds: ['long'], runs: 1, rowsPerRun: rows });
    }
    case 'histories-500':
      seedRuns(emu, project, 500, 1_000);
      return done({ runs: 500, rowsPerRun: 1_000 });
    case 'export-1k':
      seedRuns(emu, project, 1_000, 500);
      return done({ runs: 1_000, rowsPerRun: 500 });
    case 'runs-10k':
      seedRuns(emu, project, 10_000);
      return done({ runs: 10_000 });
    case 'runs-100k':
      seedRuns(emu, project, 100_000);
      return done({ runs: 100_000 });
    case 'artifacts':
      seedArtifacts(emu);
      return done({});
    default:
      throw new Error(`unknown scenario ${String(name)}`);
  }
}
