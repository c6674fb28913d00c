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
 * The features of the automation event types a server has only when the feature is on
 * (`AUTOMATION_EVENT_<wire event type>`, `wandb_internal.proto`): with one off, creating or
 * updating an automation of that event type is refused.
 *
 * @example
 * ```ts
 * AUTOMATION_EVENT_FEATURES.includes('AUTOMATION_EVENT_UNLINK_ARTIFACT'); // true
 * ```
 */
export const AUTOMATION_EVENT_FEATURES: readonly string[] = [
  'AUTOMATION_EVENT_RUN_METRIC',
  'AUTOMATION_EVENT_RUN_METRIC_CHANGE',
  'AUTOMATION_EVENT_RUN_METRIC_ZSCORE',
  'AUTOMATION_EVENT_RUN_STATE',
  'AUTOMATION_EVENT_ADD_ARTIFACT_TAG',
  'AUTOMATION_EVENT_REMOVE_ARTIFACT_TAG',
  'AUTOMATION_EVENT_ADD_COLLECTION_TAG',
  'AUTOMATION_EVENT_REMOVE_COLLECTION_TAG',
  'AUTOMATION_EVENT_UNLINK_ARTIFACT',
];

/**
 * Switches of the emulator that are not W&B server features: each stands for a schema field an
 * older server lacks (Launch: `RUN_QUEUE_ITEM_BY_ID`, `PUSH_TO_RUN_QUEUE_BY_NAME_RUN_SPEC`,
 * `UPSERT_RUN_QUEUE`, see `domains/launch/resolvers.ts`; `RUN_PARQUET_HISTORY` off removes
 * `Run.parquetHistory`, `RUN_PARQUET_HISTORY_FILES` off makes it answer no files and no live data,
 * see `domains/history/parquet.ts`). They are on by default (in
 * {@link DEFAULT_FEATURES}) and turned off like features (`startEmulator({ features: {
 * RUN_QUEUE_ITEM_BY_ID: false } })`), but `serverInfo { features }` never lists them: no real
 * server reports them, and clients find out from the validation error, as against an older server.
 *
 * @example
 * ```ts
 * EMULATOR_SCHEMA_FEATURES.includes('RUN_QUEUE_ITEM_BY_ID'); // true
 * ```
 */
export const EMULATOR_SCHEMA_FEATURES: readonly string[] = [
  'RUN_QUEUE_ITEM_BY_ID',
  'PUSH_TO_RUN_QUEUE_BY_NAME_RUN_SPEC',
  'UPSERT_RUN_QUEUE',
  // Run.parquetHistory (domains/history/parquet.ts): the field itself, and its files.
  'RUN_PARQUET_HISTORY',
  'RUN_PARQUET_HISTORY_FILES',
];

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
 * segment of `/artifactsV2/` downloads. Registries, integrations and automations
 * (notes/registries-protocol.md §2): `ARTIFACT_COLLECTIONS_FILTERING_SORTING` off also removes
 * `Organization.advancedRegistryFeatures`; `INCLUDE_ARTIFACT_TYPES_IN_REGISTRY_CREATION` off
 * `UpsertModelInput.allowAllArtifactTypesInRegistry` / `artifactTypes`; `QUERY_AUTOMATIONS_ON_ENTITY`
 * off `Entity.triggers`; `AUTOMATIONS_ON_ORGANIZATION` off `Organization.triggers`;
 * `AUTOMATION_SCOPE_ENTITY` off the `Entity` member of `TriggerScope` (fragments on it refused)
 * and entity scopes in writes; `AUTOMATION_ACTION_NO_OP` off `NO_OP` actions in writes; an
 * `AUTOMATION_EVENT_<type>` off that event type in writes. `ARTIFACT_REGISTRY_SEARCH` gates
 * nothing on the server (the client checks it).
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
  // Registries, integrations and automations (notes/registries-protocol.md §2, §8.6, §8.9).
  'ARTIFACT_REGISTRY_SEARCH',
  'INCLUDE_ARTIFACT_TYPES_IN_REGISTRY_CREATION',
  'QUERY_AUTOMATIONS_ON_ENTITY',
  'AUTOMATIONS_ON_ORGANIZATION',
  'AUTOMATION_SCOPE_ENTITY',
  'AUTOMATION_ACTION_NO_OP',
  ...AUTOMATION_EVENT_FEATURES,
  // Not reported by serverInfo (see EMULATOR_SCHEMA_FEATURES).
  ...EMULATOR_SCHEMA_FEATURES,
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
