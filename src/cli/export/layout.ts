/**
 * Where an export puts its files under `--out DIR`:
 *
 * ```
 * DIR/runs.<fmt>                                 one row per run (without --shard)
 * DIR/runs/shard=<i>-of-<n>.<fmt>                one part per shard (with --shard i/n)
 * DIR/history/run=<id>/part-0.<fmt>              a run's history (Hive-style partition `run`)
 * DIR/files/run=<id>/<file name>                 a run's files matching --files
 * DIR/.wandb-export/<part>/export.json           the parameters of the export (part: all, or shard=<i>-of-<n>)
 * DIR/.wandb-export/<part>/runs/<id>.json        one per finished run: its row of runs.<fmt>
 * ```
 *
 * Run ids are written percent-encoded (`encodeURIComponent`) in names, as Hive escapes partition
 * values; W&B run ids (letters, digits, `-`, `_`) stay as they are.
 *
 * @example
 * ```ts
 * historyPath('out', 'a1b2', 'parquet'); // 'out/history/run=a1b2/part-0.parquet'
 * ```
 * @module
 */
import { join } from 'node:path';
import { extensionOf, type RowFormat } from '../output/index.js';
import type { Shard } from './shard.js';

/** The folder of the export's state, under DIR. */
export const STATE_DIR = '.wandb-export';

/**
 * The name of a part of an export: `all`, or `shard=<i>-of-<n>`.
 *
 * @example
 * ```ts
 * partName({ index: 1, count: 2 }); // 'shard=1-of-2'
 * ```
 */
export function partName(shard: Shard | undefined): string {
  return shard ? `shard=${shard.index}-of-${shard.count}` : 'all';
}

/**
 * The runs file of a part.
 *
 * @example
 * ```ts
 * runsPath('out', undefined, 'csv'); // 'out/runs.csv'
 * ```
 */
export function runsPath(out: string, shard: Shard | undefined, format: RowFormat): string {
  return shard
    ? join(out, 'runs', `${partName(shard)}${extensionOf(format)}`)
    : join(out, `runs${extensionOf(format)}`);
}

/**
 * A run's partition folder under `history/` or `files/`.
 *
 * @example
 * ```ts
 * partitionDir('out', 'files', 'a1'); // 'out/files/run=a1'
 * ```
 */
export function partitionDir(out: string, kind: 'history' | 'files', id: string): string {
  return join(out, kind, `run=${encodeURIComponent(id)}`);
}

/**
 * A run's history file.
 *
 * @example
 * ```ts
 * historyPath('out', 'a1', 'jsonl'); // 'out/history/run=a1/part-0.jsonl'
 * ```
 */
export function historyPath(out: string, id: string, format: RowFormat): string {
  return join(partitionDir(out, 'history', id), `part-0${extensionOf(format)}`);
}

/**
 * The state folder of a part, and its parameters file and finished-runs folder.
 *
 * @example
 * ```ts
 * statePaths('out', undefined).params; // 'out/.wandb-export/all/export.json'
 * ```
 */
export function statePaths(
  out: string,
  shard: Shard | undefined,
): { dir: string; params: string; done: string } {
  const dir = join(out, STATE_DIR, partName(shard));
  return { dir, params: join(dir, 'export.json'), done: join(dir, 'runs') };
}

/**
 * The record file of a finished run.
 *
 * @example
 * ```ts
 * donePath('out/.wandb-export/all/runs', 'a1'); // 'out/.wandb-export/all/runs/a1.json'
 * ```
 */
export function donePath(doneDir: string, id: string): string {
  return join(doneDir, `${encodeURIComponent(id)}.json`);
}
