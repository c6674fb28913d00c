/**
 * Run history over GraphQL (wandb-ops.md §7.1 `history` / `scan_history`): the `Run` fields
 * `history` and `events` (rows as JSON strings), `sampledHistory` (row objects, one list per
 * spec), `historyKeys`, `historyLineCount` and `parquetHistory` (the URLs of the exported Parquet
 * files and the rows still live, `parquet.ts`; the field is gated by {@link historyFeatureGates}).
 *
 * @example
 * ```ts
 * import { historyResolvers } from './resolvers.js';
 * ```
 * @module
 */
import { handles, type EmulatorResolvers } from '../../graphql/arguments.js';
import type { FeatureField } from '../../graphql/feature-arguments.js';
import { stringifyJsonString } from '../../graphql/json-string.js';
import {
  historyArgs,
  historyKeys,
  historyRows,
  parseSampledHistorySpec,
  sampledHistory,
} from './sampling.js';
import { parquetHistoryAnswer, preloadParquetWriter } from './parquet.js';
import { PARQUET_HISTORY_FIELD_FEATURE } from './parquet-records.js';

/**
 * What an older server lacks: with the emulator switch `RUN_PARQUET_HISTORY` off
 * (`startEmulator({ parquetHistory: 'unsupported' })`), `Run.parquetHistory` is refused at
 * validation (`Cannot query field "parquetHistory" on type "Run".`).
 *
 * @example
 * ```ts
 * historyFeatureGates.fields[0]?.field; // 'Run.parquetHistory'
 * ```
 */
export const historyFeatureGates: { fields: readonly FeatureField[] } = {
  fields: [{ feature: PARQUET_HISTORY_FIELD_FEATURE, field: 'Run.parquetHistory' }],
};

/**
 * The resolvers of the history domain.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(runResolvers, historyResolvers);
 * ```
 */
export const historyResolvers: EmulatorResolvers = {
  Run: {
    historyLineCount: (run) => run.history.length,
    historyKeys: handles(['format'], (run, args) => {
      // PLAINTEXT is the schema's default; asking for it explicitly is fine, the others are not.
      if (args.format !== undefined && args.format !== 'PLAINTEXT') {
        throw new Error(`The emulator does not implement Run.historyKeys(format: ${String(args.format)})`);
      }
      return historyKeys(run.history);
    }),
    history: handles(['samples', 'minStep', 'maxStep'], (run, args) =>
      historyRows(run.history, historyArgs(args, 'Run.history')).map(stringifyJsonString),
    ),
    sampledHistory: handles(['specs'], (run, args) =>
      args.specs.map((spec) => sampledHistory(run.history, parseSampledHistorySpec(spec))),
    ),
    parquetHistory: handles(['liveKeys'], (run, args, { store, storage, origin }) => {
      preloadParquetWriter(); // the files are likely asked for next
      return parquetHistoryAnswer(store, run, args.liveKeys, (path) => storage.signPath('GET', path, origin));
    }),
    events: handles(['samples'], (run, args) => {
      const { samples } = historyArgs(args, 'Run.events');
      return historyRows(run.events, { samples }).map(stringifyJsonString);
    }),
  },
  ParquetHistory: {
    liveData: (history) => history.liveData,
    parquetUrls: (history) => history.parquetUrls,
  },
};
