/**
 * The resumable state of an export: its parameters (`export.json`) and one record per finished
 * run (`runs/<id>.json`: the run's row of `runs.<fmt>`), both under `DIR/.wandb-export/<part>/`,
 * each written atomically. A run's record is written after its history and files, so a record
 * means the run is complete on disk. A rerun with the same parameters skips those runs and builds
 * `runs.<fmt>` from the records; a rerun with other parameters is refused unless `--force`.
 *
 * Records keep what JSON alone would lose: non-finite numbers and dates are tagged
 * (`{"$wandb-export":"NaN"}`, `{"$wandb-export-date":"2024-..."}`), so a resumed export writes
 * the same bytes as an uninterrupted one.
 *
 * @example
 * ```ts
 * const state = await openState('out', undefined, params, { force: false });
 * if (!state.done.has(run.id)) await state.finish(run.id, flattenRun(run));
 * ```
 * @module
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { ValidationError } from '../../node.js';
import { isTemporaryName, writeFileAtomic, type Row, type RowFormat } from '../output/index.js';
import { donePath, partitionDir, runsPath, STATE_DIR, statePaths } from './layout.js';
import type { Shard } from './shard.js';
import { join } from 'node:path';

/**
 * What makes two exports the same (the output depends on nothing else; `--concurrency` does not
 * count).
 *
 * @example
 * ```ts
 * const params: ExportParams = { project: 'acme/vision', filter: null, history: 'sampled', samples: 500, keys: null, files: null, format: 'parquet', shard: null };
 * ```
 */
export interface ExportParams {
  project: string;
  filter: unknown;
  history: 'none' | 'sampled' | 'all';
  samples: number | null;
  keys: string[] | null;
  files: string | null;
  format: RowFormat;
  shard: Shard | null;
}

const FORMAT_VERSION = 1;
const NON_FINITE = '$wandb-export';
const DATE = '$wandb-export-date';

/**
 * A row as the text of its record file (see the module).
 *
 * @example
 * ```ts
 * encodeRecord({ loss: NaN }); // '{"loss":{"$wandb-export":"NaN"}}'
 * ```
 */
export function encodeRecord(row: Row): string {
  const tag = (value: unknown): unknown => {
    if (typeof value === 'number' && !Number.isFinite(value)) return { [NON_FINITE]: String(value) };
    if (typeof value === 'number' && Object.is(value, -0)) return { [NON_FINITE]: '-0' };
    if (value instanceof Date) return { [DATE]: value.toISOString() };
    if (Array.isArray(value)) return value.map(tag);
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = tag(v);
      return out;
    }
    return value;
  };
  return `${JSON.stringify(tag(row))}\n`;
}

/**
 * The row of a record file's text (the inverse of {@link encodeRecord}).
 *
 * @example
 * ```ts
 * decodeRecord('{"loss":{"$wandb-export":"NaN"}}'); // { loss: NaN }
 * ```
 */
export function decodeRecord(text: string): Row {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === NON_FINITE)
        return Number((value as Record<string, string>)[NON_FINITE]);
      if (keys.length === 1 && keys[0] === DATE) return new Date((value as Record<string, string>)[DATE]!);
    }
    return value;
  }) as Row;
}

/** The parameters file's text: stable key order, no timestamps. */
function paramsText(params: ExportParams): string {
  return `${JSON.stringify({ version: FORMAT_VERSION, ...params }, null, 2)}\n`;
}

/** What two parts must share to be parts of one export: everything but the shard's index. */
function sharedParams(text: string): string {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  const shard = parsed.shard as Shard | null | undefined;
  return JSON.stringify({ ...parsed, shard: shard ? { count: shard.count } : null });
}

/** The differing top-level parameters of two parameter texts, for the message. */
function differences(a: string, b: string): string[] {
  const x = JSON.parse(a) as Record<string, unknown>;
  const y = JSON.parse(b) as Record<string, unknown>;
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].filter(
    (k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]),
  );
}

/**
 * The state of one part of an export, opened by {@link openState}.
 *
 * @example
 * ```ts
 * await state.finish('a1', row);
 * const rows = await state.rows(['a1', 'b2']);
 * ```
 */
export interface ExportState {
  /** Runs finished before this invocation (their ids). */
  readonly done: ReadonlySet<string>;
  /** Whether this part was started before (same parameters): a killed process may have left temporaries. */
  readonly resumed: boolean;
  /** Records a run as finished (atomically), after its history and files are written. */
  finish(id: string, row: Row): Promise<void>;
  /** The rows of finished runs `ids`, in that order, decoded from their records; unfinished ids are left out. */
  rows(ids: readonly string[]): Promise<Row[]>;
}

/**
 * Removes the temporaries of {@link fileSink} that a killed process left in `dir` (none when it
 * does not exist), only those of the file named `of` when given (another shard may be writing its
 * own beside them), so that a resumed export ends with the same files as an uninterrupted one.
 *
 * @example
 * ```ts
 * await removeTemporaries('out/history/run=a1');
 * ```
 */
export async function removeTemporaries(dir: string, of?: string): Promise<void> {
  for (const name of await namesIn(dir)) {
    if (isTemporaryName(name) && (of === undefined || name.startsWith(`.${of}.`)))
      await rm(join(dir, name), { force: true });
  }
}

/** Reads a file, or `undefined` when it does not exist. */
async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The names in a folder, or none when it does not exist. */
async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Opens (or starts) the state of a part of an export in `out`: checks that the parameters match
 * those recorded by this part and by the other parts in `out` (else a {@link ValidationError} on
 * `--out`, exit 2), or with `force` discards this part (its state, runs file, and the history
 * and files of its finished runs) and starts over. Writes the parameters file.
 *
 * @example
 * ```ts
 * const state = await openState('out', { index: 1, count: 2 }, params, { force: false });
 * ```
 */
export async function openState(
  out: string,
  shard: Shard | undefined,
  params: ExportParams,
  options: { force: boolean },
): Promise<ExportState> {
  const paths = statePaths(out, shard);
  const text = paramsText(params);
  const previous = await readIfExists(paths.params);
  const hint =
    'rerun with the same parameters to resume, pass --force to start this part over, or choose another --out';
  if (previous !== undefined && previous !== text && !options.force) {
    throw new ValidationError(
      '--out',
      `${out} holds an export with other parameters (${differences(previous, text).join(', ')} differ): ${hint}`,
    );
  }
  // Every other part of the same folder must be a part of the same export.
  const mine = sharedParams(text);
  for (const part of await namesIn(join(out, STATE_DIR))) {
    if (part === paths.dir.split(/[\\/]/).pop()) continue;
    const other = await readIfExists(join(out, STATE_DIR, part, 'export.json'));
    if (other === undefined || sharedParams(other) === mine) continue;
    throw new ValidationError(
      '--out',
      `${out} holds another export (part ${part}: ${differences(other, text).join(', ')} differ); parts of one export share every parameter but the shard index: choose another --out`,
    );
  }
  if (previous !== undefined && previous !== text) {
    // --force: discard this part as it was written.
    const old = JSON.parse(previous) as ExportParams;
    for (const name of await namesIn(paths.done)) {
      if (!name.endsWith('.json')) continue;
      const id = decodeURIComponent(name.slice(0, -'.json'.length));
      await rm(partitionDir(out, 'history', id), { recursive: true, force: true });
      await rm(partitionDir(out, 'files', id), { recursive: true, force: true });
    }
    await rm(runsPath(out, shard, old.format), { force: true });
    await rm(paths.dir, { recursive: true, force: true });
  }
  await mkdir(paths.done, { recursive: true });
  if (previous !== text) await writeFileAtomic(paths.params, text);

  const done = new Set<string>();
  await removeTemporaries(paths.done);
  for (const name of await namesIn(paths.done)) {
    if (name.endsWith('.json')) done.add(decodeURIComponent(name.slice(0, -'.json'.length)));
  }
  const texts = new Map<string, string>();
  return {
    done,
    resumed: previous === text,
    async finish(id, row) {
      const record = encodeRecord(row);
      await writeFileAtomic(donePath(paths.done, id), record);
      texts.set(id, record);
    },
    async rows(ids) {
      const rows: Row[] = [];
      for (const id of ids) {
        const record = texts.get(id) ?? (await readIfExists(donePath(paths.done, id)));
        if (record !== undefined) rows.push(decodeRecord(record));
      }
      return rows;
    },
  };
}
