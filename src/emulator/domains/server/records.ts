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
 * listed only once `markRunFilesUploaded` registers it. Turning one of the others off makes the
 * emulator behave as a server without it: what its schema lacks is refused at validation
 * (`Project.sweeps(filters:)`, `Project.artifactCollections(filters:)`, `FileConnection.totalCount`,
 * `LinkArtifactPayload.artifactMembership`, `Project.artifactCollectionMembership`,
 * `UseArtifactInput.artifactEntityName` / `artifactProjectName`), and
 * `ARTIFACT_COLLECTIONS_FILTERING_SORTING` off also refuses `filters` / `order` on type-level
 * collection listings, `ARTIFACT_V2_DOWNLOAD_HANDLER_SUPPORTS_ARTIFACT_ID` off the artifact id
 * segment of `/artifactsV2/` downloads.
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
  'ARTIFACT_MEMBERSHIP_IN_LINK_ARTIFACT_RESPONSE',
  'USE_ARTIFACT_WITH_ENTITY_AND_PROJECT_INFORMATION',
  'ARTIFACT_V2_DOWNLOAD_HANDLER_SUPPORTS_ARTIFACT_ID',
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
