/**
 * wandb-api: a typed client for the Weights & Biases public API. The typed GraphQL documents and
 * operation types behind it are in `wandb-api/graphql`; the test server is `wandb-api/emulator`.
 *
 * @example
 * ```ts
 * import { Api } from 'wandb-api';
 * const api = new Api();
 * console.log((await api.viewer()).username);
 * ```
 * @module
 */
export { Api, type ApiOptions, type PathObject } from './facade/api.js';
export { DEFAULT_BASE_URL } from './facade/core/options.js';
export type { GraphQLDocument, RequestOptions, Settings, Variables } from './facade/core/context.js';
export {
  Paginated,
  type ListOptions,
  type Page,
  type PageFetcher,
  type PagePosition,
  type PageReader,
  type PaginatedOptions,
} from './facade/core/pagination.js';
export {
  parseRunPath,
  parseProjectPath,
  parseSweepPath,
  type PathDefaults,
  type ProjectPath,
  type RunPath,
  type SweepPath,
} from './facade/paths/paths.js';
export { reportUrl } from './facade/paths/report-url.js';
export { parseObjectPath, type ObjectPath } from './facade/paths/fromPath.js';
export { User, type GenerateApiKeyOptions } from './facade/users/user.js';
export type { CreateUserOptions } from './facade/users/users.js';
export { Member, Team, type InviteOptions } from './facade/teams/team.js';
export type { CreateTeamOptions } from './facade/teams/teams.js';
export { Project } from './facade/projects/project.js';
export type { CreateProjectOptions } from './facade/projects/projects.js';
export {
  Run,
  type RunConfig,
  type RunSummary,
  type RunState,
  type RunUser,
  type HistoryKeys,
  type RunCreateState,
} from './facade/runs/run.js';
export { Runs, type RunsOptions } from './facade/runs/runs.js';
export type {
  CreateRunOptions,
  RunCreateOptions,
  RunUpdateOptions,
  RunDeleteOptions,
} from './facade/runs/writes.js';
export {
  RunWriter,
  DEFAULT_FILE_STREAM_TIMEOUT_MS,
  DEFAULT_FLUSH_INTERVAL_MS,
  DEFAULT_FILE_STREAM_RETRY,
  DEFAULT_MAX_REQUEST_BYTES,
  DEFAULT_ROWS_PER_REQUEST,
  MAX_HISTORY_LINE_BYTES,
  type HistoryInput,
  type RunWriterFinishOptions,
  type RunWriterOptions,
  type RunWriterProgress,
} from './facade/runs/writer.js';
export type {
  HistoryOptions,
  ScanHistoryOptions,
  HistoryRow,
  HistoryRowOf,
  HistoryColumns,
  HistoryColumnsOf,
  HistoryStream,
  HistoryFormat,
  HistorySource,
} from './facade/runs/history.js';
export type { RunHistoriesOptions, RunHistory } from './facade/runs/bulk.js';
export {
  type RunFilter,
  type RunFilterColumn,
  type RunFilterCondition,
  type RunFilterLiteral,
  type RunFilterOperators,
  serializeRunFilter,
  validateRunFilter,
} from './facade/runs/filters.js';
export type { MongoFilter, FilterCondition, FilterLiteral, FilterOperators } from './facade/core/filters.js';
export { parseOrder, RUN_ORDER_COLUMNS, DEFAULT_RUN_ORDER } from './facade/runs/order.js';
export * from './facade/runs/query-generator.js';
export type {
  UiFilter,
  UiFilterGroup,
  UiFilterCondition,
  UiFilterKey,
  UiFilterOperator,
  UiFilterSection,
} from './facade/core/ui-filters.js';
export {
  File,
  type RunFilesOptions,
  type FileRequestOptions,
  type DownloadOptions,
} from './facade/files/file.js';
export type { UploadData, UploadDataOptions, UploadFileOptions } from './facade/files/upload.js';
export { Sweep, sweepMetricOrder, type SweepState, type BestRunOptions } from './facade/sweeps/sweep.js';
export type { SweepFilter, SweepFilterField, SweepsOptions } from './facade/sweeps/sweeps.js';
export {
  BetaReport,
  type ReportUser,
  type ReportsOptions,
  type ReportRunsOptions,
} from './facade/reports/report.js';
export {
  Artifact,
  type ArtifactState,
  type ArtifactSource,
  type ArtifactRequestOptions,
  type ArtifactDeleteOptions,
  type ArtifactLinkOptions,
} from './facade/artifacts/artifact.js';
export {
  ArtifactFile,
  type ArtifactFilesOptions,
  type ArtifactFileRequestOptions,
  type ArtifactFileDownloadOptions,
} from './facade/artifacts/artifact-file.js';
export { ArtifactType } from './facade/artifacts/artifact-type.js';
export {
  ArtifactCollection,
  type ArtifactCollectionFilter,
  type ArtifactCollectionsOptions,
  type CollectionAliasesOptions,
  type CollectionWriteOptions,
} from './facade/artifacts/collection.js';
export type {
  ArtifactFilter,
  ArtifactOptions,
  ArtifactsOptions,
  RunArtifactsOptions,
  UseArtifactOptions,
  LogArtifactOptions,
} from './facade/artifacts/artifacts.js';
export {
  ArtifactDraft,
  type ArtifactContent,
  type DraftAddOptions,
  type DraftAddFileOptions,
  type DraftAddReferenceOptions,
  type DraftEntry,
  type NewArtifactOptions,
} from './facade/artifacts/draft.js';
export { DEFAULT_MULTIPART_THRESHOLD, DEFAULT_PART_SIZE } from './facade/artifacts/publish-defaults.js';
export type { PublishOptions, PublishProgress } from './facade/artifacts/publish.js';
export {
  parseManifest,
  manifestDigest,
  type ArtifactManifest,
  type ManifestEntry,
  type ManifestStorageConfig,
} from './facade/artifacts/manifest.js';
export type {
  ArtifactDownloadOptions,
  ArtifactDownloadProgress,
  ArtifactSingleFileOptions,
} from './facade/artifacts/download.js';
export type { ArtifactVerifyOptions } from './facade/artifacts/verify.js';
export { isArtifactTable } from './facade/artifacts/media.js';
export type { ArtifactGetOptions, ArtifactMedia, ArtifactTable } from './facade/artifacts/media.js';
export { Registries, type RegistriesOptions } from './facade/registries/registries.js';
export {
  Registry,
  type RegistryVisibility,
  type RegistryOptions,
  type CreateRegistryOptions,
  type RegistryWriteOptions,
} from './facade/registries/registry.js';
export {
  Collections,
  RegistryListing,
  type RegistryCollectionsOptions,
  type RegistryVersionsOptions,
} from './facade/registries/search.js';
export { Organization, type OrganizationEntity } from './facade/registries/organization.js';
export {
  REGISTRY_ROLES,
  RegistryTeamMember,
  RegistryUserMember,
  type RegistryMemberLike,
  type RegistryMemberOptions,
  type RegistryMemberTeam,
  type RegistryRole,
} from './facade/registries/members.js';
export type {
  RegistryFilter,
  RegistryFilterField,
  RegistryCollectionFilter,
  RegistryCollectionFilterField,
  RegistryVersionFilter,
  RegistryVersionFilterField,
  SearchFilter,
  SearchFieldCondition,
  SearchFieldOperators,
} from './facade/registries/filters.js';
export {
  parseArtifactPath,
  parseArtifactCollectionPath,
  type ArtifactCollectionPath,
  type ArtifactVersionPath,
} from './facade/paths/artifact-paths.js';
export type {
  Integration,
  SlackIntegration,
  WebhookIntegration,
  CreateWebhookIntegrationOptions,
} from './facade/integrations/integrations.js';
export type {
  CreateCustomChartOptions,
  CustomChartAccess,
  CustomChartSpecType,
} from './facade/charts/charts.js';
export { Automation } from './facade/automations/automation.js';
export type {
  AutomationsOptions,
  AutomationOptions,
  CreateAutomationOptions,
  UpdateAutomationOptions,
} from './facade/automations/automations.js';
export type { AutomationFields } from './facade/automations/input.js';
export {
  OnRunMetric,
  OnRunState,
  OnCreateArtifact,
  OnLinkArtifact,
  OnUnlinkArtifact,
  OnAddArtifactAlias,
  OnAddArtifactTag,
  OnRemoveArtifactTag,
  OnAddCollectionTag,
  OnRemoveCollectionTag,
  NewAutomation,
  AutomationEventBase,
  ArtifactMutationEvent,
  RunMetricEvent,
  RunStateEvent,
  UnsupportedEvent,
  type AutomationEvent,
  type ArtifactEventType,
  type RunMetricEventType,
  type ArtifactEventOptions,
  type OnRunMetricOptions,
  type OnRunStateOptions,
  type NewAutomationOptions,
} from './facade/automations/events.js';
export {
  SendNotification,
  SendWebhook,
  DoNothing,
  NotificationAction,
  WebhookAction,
  NoOpAction,
  UnsupportedAction,
  type AutomationAction,
  type JsonValue,
  type NotificationLevel,
  type SendNotificationOptions,
  type SendWebhookOptions,
} from './facade/automations/actions.js';
export {
  RunEvent,
  ArtifactEvent,
  EventFilter,
  FilterField,
  MetricOperand,
  MetricThreshold,
  MetricChange,
  MetricZScore,
  ZScoreOperand,
  StateCondition,
  RunMetricFilter,
  RunStateFilter,
  type ArtifactEventFilter,
  type RunEventFilter,
  type FilterNode,
  type FilterDomain,
  type FilterScalar,
  type MetricAggregation,
  type MetricCondition,
  type MetricChangeOptions,
  type ChangeDirection,
  type ThresholdComparison,
  type RunStateName,
} from './facade/automations/filters.js';
export {
  Scope,
  type AutomationScope,
  type ProjectScope,
  type RegistryScope,
  type ArtifactCollectionScope,
  type EntityScope,
  type RegistryLike,
  type RunEventScope,
  type CollectionEventScope,
  type ArtifactEventScope,
} from './facade/automations/scopes.js';
// Launch: jobs, run queues, queued runs
export {
  Job,
  parseJobName,
  type JobOptions,
  type JobCallOptions,
  type JobSummary,
} from './facade/launch/job.js';
export {
  parseJobFile,
  JOB_FILE_NAME,
  type JobFile,
  type JobInfo,
  type JobSource,
  type JobSourceType,
  type JobCodeSource,
  type RepoJobSource,
  type ArtifactJobSource,
  type ImageJobSource,
} from './facade/launch/job-file.js';
export { explainMismatch, type WbType } from './facade/launch/wb-types.js';
export { QueuedRun, type QueuedRunOptions, type QueuedRunState } from './facade/launch/queued-run.js';
export {
  RunQueue,
  type RunQueueAccess,
  type RunQueueTemplateVariable,
  type CreateRunQueueOptions,
  type UpsertRunQueueOptions,
} from './facade/launch/run-queue.js';
export {
  buildRunSpec,
  LAUNCH_PROJECT,
  RUN_QUEUE_RESOURCE_TYPES,
  type RunQueueResourceType,
  type RunQueuePrioritizationMode,
  type RunSpecInput,
} from './facade/launch/rules.js';
export { REAL_CLOCK, DEFAULT_POLL_MS, type LaunchClock, type WaitOptions } from './facade/launch/polling.js';
export {
  WandbError,
  ValidationError,
  AuthenticationError,
  PermissionError,
  NotFoundError,
  ConflictError,
  RateLimitError,
  TimeoutError,
  NetworkError,
  ServerError,
  GraphQLRequestError,
  UnsupportedError,
  RunNotLoadedError,
  IntegrityError,
  VerificationError,
  type WandbErrorCode,
  type WandbErrorOptions,
  type GraphQLErrorEntry,
  type RedactedRequest,
} from './errors/index.js';
export type { RetryEvent, RetryOptions } from './transport/index.js';
export { VERSION } from './version.js';
export type {
  SyncTensorboardOptions,
  SyncTensorboardProgress,
  SyncTensorboardResult,
} from './facade/tensorboard/sync.js';
export type { CorruptRecord } from './facade/tensorboard/tfrecord.js';
export type {
  TbProblem,
  TbHistogram,
  TbImages,
  TbHistoryValue,
  TbRow,
} from './facade/tensorboard/convert.js';
