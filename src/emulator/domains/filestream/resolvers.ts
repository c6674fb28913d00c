/**
 * The `Run` fields the run `file_stream` endpoint feeds besides history and summary:
 * `eventsLineCount` (system metrics lines), `logLineCount` (`output.log` lines) and `exitcode`
 * (of the `complete: true` request; `null` before one).
 *
 * @example
 * ```ts
 * import { fileStreamResolvers } from './resolvers.js';
 * ```
 * @module
 */
import type { EmulatorResolvers } from '../../graphql/arguments.js';
import { OUTPUT_FILE } from './records.js';

/**
 * The resolvers of the file_stream domain.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(historyResolvers, fileStreamResolvers);
 * ```
 */
export const fileStreamResolvers: EmulatorResolvers = {
  Run: {
    eventsLineCount: (run) => run.events.length,
    logLineCount: (run, _args, { store }) =>
      store.fileStreams.get(run.id)?.lines.get(OUTPUT_FILE)?.length ?? 0,
    exitcode: (run, _args, { store }) => store.fileStreams.get(run.id)?.exitcode ?? null,
  },
};
