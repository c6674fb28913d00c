/**
 * `emu.history`: what a test changes of the Parquet history export (see {@link HistoryControls}).
 *
 * @example
 * ```ts
 * import { createHistoryControls } from './controls.js';
 * const history = createHistoryControls(store);
 * history.export('alice/vision/run1', { throughStep: 99 });
 * ```
 * @module
 */
import type { EmulatorStore } from '../../store/store.js';
import type { RunRecord } from '../runs/records.js';
import { exportedThrough, prepareParquetHistory } from './parquet.js';
import {
  PARQUET_HISTORY_FIELD_FEATURE,
  PARQUET_HISTORY_FILES_FEATURE,
  type ParquetHistoryMode,
} from './parquet-records.js';
import { checkExportedThrough } from './seed.js';

/**
 * Options of {@link HistoryControls.export}.
 *
 * @example
 * ```ts
 * const options: HistoryExportOptions = { throughStep: 99 };
 * ```
 */
export interface HistoryExportOptions {
  /**
   * The last step exported (an integer >= -1; `-1` exports nothing). Default the run's last
   * step now: every row it has (rows written later are live until exported).
   */
  throughStep?: number;
}

/**
 * The Parquet history controls (`emu.history`).
 *
 * @example
 * ```ts
 * emu.seed.run({ project: 'vision', id: 'run1', state: 'running', history: rows });
 * emu.history.export('alice/vision/run1', { throughStep: 499 }); // steps 0..499 in files, the rest live
 * emu.history.setParquetHistory(false); // no files, no live data: everything read live
 * ```
 */
export interface HistoryControls {
  /**
   * Sets how much of a run's history is exported to Parquet files (`Run.parquetHistory`): the
   * rows up to `throughStep` (default all the run has now). Throws for an unknown run or a bad step.
   *
   * @param runPath - `entity/project/runId`.
   * @example
   * ```ts
   * emu.history.export('alice/vision/run1'); // everything so far
   * emu.history.export('alice/vision/run1', { throughStep: -1 }); // nothing: all live
   * ```
   */
  export(runPath: string, options?: HistoryExportOptions): void;
  /**
   * The last step exported of a run: its boundary, else `Infinity` for a run in a final state
   * (all rows) and `-1` for a running one (none).
   *
   * @param runPath - `entity/project/runId`.
   * @example
   * ```ts
   * emu.history.exportedThrough('alice/vision/run1'); // 499
   * ```
   */
  exportedThrough(runPath: string): number;
  /**
   * Encodes the exported files of one run (or of every run) now, so the first download does not
   * wait for the encoding (a server exported its files long before). For benchmarks.
   *
   * @param runPath - `entity/project/runId`; omitted: every run.
   * @example
   * ```ts
   * await emu.history.prepareParquet('alice/vision/run1');
   * ```
   */
  prepareParquet(runPath?: string): Promise<void>;
  /**
   * Turns Parquet history on (`true`), off (`false`: `{ parquetUrls: [], liveData: [] }` for every
   * run) or removes the field like an older server (`'unsupported'`: a validation error
   * `Cannot query field "parquetHistory" on type "Run".`). Same as `startEmulator({ parquetHistory })`.
   *
   * @example
   * ```ts
   * emu.history.setParquetHistory('unsupported');
   * ```
   */
  setParquetHistory(mode: ParquetHistoryMode): void;
  /**
   * The current mode (see {@link HistoryControls.setParquetHistory}).
   *
   * @example
   * ```ts
   * emu.history.parquetHistory; // true
   * ```
   */
  readonly parquetHistory: ParquetHistoryMode;
}

/**
 * Sets the switches of a mode in the store's features.
 *
 * @throws Error for anything but `true`, `false` and `'unsupported'`.
 * @example
 * ```ts
 * setParquetHistoryMode(store, false);
 * ```
 */
export function setParquetHistoryMode(store: EmulatorStore, mode: ParquetHistoryMode): void {
  if (mode !== true && mode !== false && mode !== 'unsupported') {
    throw new Error(`parquetHistory must be true, false or 'unsupported', got ${JSON.stringify(mode)}`);
  }
  store.features.set(PARQUET_HISTORY_FIELD_FEATURE, mode !== 'unsupported');
  store.features.set(PARQUET_HISTORY_FILES_FEATURE, mode === true);
}

function findRunByPath(store: EmulatorStore, runPath: string, m: string): RunRecord {
  const parts = typeof runPath === 'string' ? runPath.split('/') : [];
  const [entity, project, name] = parts;
  if (parts.length !== 3 || !entity || !project || !name) {
    throw new Error(`${m}: runPath must be "entity/project/runId", got ${JSON.stringify(runPath)}`);
  }
  const record = store.findProject(entity, project);
  const run = record && store.findRun(record.id, name);
  if (!run) throw new Error(`${m}: no run ${runPath}`);
  return run;
}

/**
 * The history controls over a store.
 *
 * @example
 * ```ts
 * createHistoryControls(store).exportedThrough('alice/vision/run1'); // Infinity for a finished run
 * ```
 */
export function createHistoryControls(store: EmulatorStore): HistoryControls {
  return {
    export(runPath, options = {}) {
      const run = findRunByPath(store, runPath, 'history.export');
      const last = run.history.at(-1)?._step;
      const throughStep = options.throughStep ?? (typeof last === 'number' ? last : -1);
      run.historyExportedThrough = checkExportedThrough(throughStep, 'history.export: throughStep');
    },
    exportedThrough: (runPath) => exportedThrough(findRunByPath(store, runPath, 'history.exportedThrough')),
    async prepareParquet(runPath) {
      const runs =
        runPath === undefined
          ? [...store.runs.values()]
          : [findRunByPath(store, runPath, 'history.prepareParquet')];
      for (const run of runs) await prepareParquetHistory(store, run);
    },
    setParquetHistory: (mode) => setParquetHistoryMode(store, mode),
    get parquetHistory(): ParquetHistoryMode {
      if (store.features.get(PARQUET_HISTORY_FIELD_FEATURE) === false) return 'unsupported';
      return store.features.get(PARQUET_HISTORY_FILES_FEATURE) !== false;
    },
  };
}
