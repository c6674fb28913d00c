/**
 * The server's feature flags (`serverInfo { features }`).
 *
 * @example
 * ```ts
 * import { DEFAULT_FEATURES } from './records.js';
 * DEFAULT_FEATURES.includes('ARTIFACT_TAGS'); // true
 * ```
 * @module
 */

/**
 * The server feature flags answered by default (`serverInfo { features }`), all enabled.
 * `MARK_RUN_FILES_UPLOADED` is not among them: pass
 * `features: { MARK_RUN_FILES_UPLOADED: true }` to emulate a self-hosted server where an upload is
 * listed only once `markRunFilesUploaded` registers it.
 *
 * @example
 * ```ts
 * DEFAULT_FEATURES.includes('ARTIFACT_TAGS'); // true
 * ```
 */
export const DEFAULT_FEATURES: readonly string[] = [
  'LARGE_FILENAMES',
  'ARTIFACT_TAGS',
  'CLIENT_IDS',
  'TOTAL_COUNT_IN_FILE_CONNECTION',
  'ARTIFACT_COLLECTIONS_FILTERING_SORTING',
  'PROJECT_ARTIFACT_COLLECTION_MEMBERSHIP',
  'SWEEPS_QUERY_FILTERING',
];

/**
 * What `Query.serverInfo` answers (`ServerInfo` resolvers read it): the server's feature flags.
 *
 * @example
 * ```ts
 * const info: ServerInfoView = { features: store.features };
 * ```
 */
export interface ServerInfoView {
  /** Feature flags by name. */
  features: ReadonlyMap<string, boolean>;
}
