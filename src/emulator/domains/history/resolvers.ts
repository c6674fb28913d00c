/**
 * Run history over GraphQL (wandb-ops.md §7.1 `history` / `scan_history`): the `Run` fields
 * `history` and `events` (rows as JSON strings), `sampledHistory` (row objects, one list per
 * spec), `historyKeys`, `historyLineCount` and `parquetHistory` (no Parquet export: every row is
 * live data).
 *
 * @example
 * ```ts
 * import { historyResolvers } from './resolvers.js';
 * ```
 * @module
 */
import { handles, type EmulatorResolvers } from '../../graphql/arguments.js';
import { stringifyJsonString } from '../../graphql/json-string.js';
import {
  historyArgs,
  historyKeys,
  historyRows,
  parquetHistory,
  parseSampledHistorySpec,
  sampledHistory,
} from './sampling.js';

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
    parquetHistory: handles(['liveKeys'], (run, args) => parquetHistory(run.history, args.liveKeys)),
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
