/**
 * The demo's history: training curves (a row per epoch, ending in the run's summary) and the
 * system metrics stream that goes with them.
 *
 * @example
 * ```ts
 * import { train } from './history.js';
 * const { history, summary } = train(random, 10, 'finished', { accuracy: 0.9, gap: 0.03, epochSeconds: 30 }, Date.now());
 * ```
 * @module
 */
import type { Prng } from '../store/random.js';
import { round, type Row } from './util.js';

/**
 * A run state: recent runs are mostly `running`, the others mostly `finished`.
 *
 * @example
 * ```ts
 * pickState(random, false); // 'finished', 'crashed' or 'failed'
 * ```
 */
export function pickState(random: Prng, recent: boolean): string {
  const r = random();
  if (recent && r < 0.6) return 'running';
  if (r < 0.84) return 'finished';
  if (r < 0.93) return 'crashed';
  return 'failed';
}

/**
 * The shape of a training curve.
 *
 * @example
 * ```ts
 * const curve: Curve = { accuracy: 0.9, gap: 0.03, epochSeconds: 30 };
 * ```
 */
export interface Curve {
  /** Final train accuracy if trained to the end. */
  accuracy: number;
  /** Gap between train and validation accuracy. */
  gap: number;
  /** Seconds per epoch. */
  epochSeconds: number;
}

/**
 * What {@link train} makes: the history rows, the summary (the last row) and the runtime.
 *
 * @example
 * ```ts
 * const { history, summary, runtime }: Trained = train(random, 10, 'finished', curve, Date.now());
 * ```
 */
export interface Trained {
  summary: Record<string, unknown>;
  history: Record<string, unknown>[];
  runtime: number;
}

/**
 * A training run's history: one row per epoch done (fewer for running, crashed and failed runs),
 * with `_step`, `epoch`, losses and accuracies, `_runtime` and `_timestamp`.
 *
 * @example
 * ```ts
 * train(random, 10, 'finished', { accuracy: 0.9, gap: 0.03, epochSeconds: 30 }, Date.now()).history.length; // 10
 * ```
 */
export function train(
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

/**
 * A run's latest system metrics (CPU, memory, disk, network, and per GPU).
 *
 * @example
 * ```ts
 * systemMetrics(random, 1)['system.gpu.0.gpu']; // e.g. 87.3
 * ```
 */
export function systemMetrics(random: Prng, gpus: number): Record<string, unknown> {
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

/**
 * The system metrics stream of a run: one row per history row, drifting towards `latest` (the
 * last row is exactly `latest`, so the run's latest system metrics do not depend on the stream).
 * Derived without the random generator, so adding it left the rest of the data set unchanged.
 *
 * @example
 * ```ts
 * systemStream({ 'system.cpu': 50 }, history).length === history.length; // true (with history)
 * ```
 */
export function systemStream(latest: Row, history: Row[]): Row[] | Row {
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
