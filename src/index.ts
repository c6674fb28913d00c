/**
 * wandb-api: a typed client for the Weights & Biases public API.
 *
 * @example
 * ```ts
 * import { Api } from 'wandb-api';
 * const api = new Api();
 * console.log((await api.viewer()).username);
 * ```
 * @module
 */
export { Api, DEFAULT_BASE_URL, type ApiOptions, type ListOptions } from './facade/api.js';
export type { RequestOptions } from './facade/context.js';
export { User } from './facade/user.js';
export { Project } from './facade/project.js';
export { Run, type RunState, type RunUser, type HistoryKeys } from './facade/run.js';
export type {
  HistoryOptions,
  ScanHistoryOptions,
  HistoryRow,
  HistoryColumns,
  HistoryStream,
  HistoryFormat,
} from './facade/history.js';
export { Runs, type RunsOptions } from './facade/runs.js';
export type {
  CreateProjectOptions,
  CreateRunOptions,
  RunUpdateOptions,
  RunDeleteOptions,
} from './facade/writes.js';
export {
  Sweep,
  sweepMetricOrder,
  type SweepState,
  type BestRunOptions,
  type SweepsOptions,
} from './facade/sweep.js';
export { BetaReport, type ReportUser, type ReportsOptions } from './facade/report.js';
export { parseObjectPath, type ObjectPath, type PathObject } from './facade/fromPath.js';
export { File, type RunFilesOptions, type FileRequestOptions, type DownloadOptions } from './facade/file.js';
export type { UploadData, UploadDataOptions, UploadFileOptions } from './facade/upload.js';
export { Paginated, type Page, type PageFetcher } from './facade/pagination.js';
export { type RunFilter, serializeRunFilter, validateRunFilter } from './facade/filters.js';
export { parseOrder, RUN_ORDER_COLUMNS, DEFAULT_RUN_ORDER } from './facade/order.js';
export * from './facade/query-generator.js';
export { parseRunPath, parseProjectPath, parseSweepPath, reportUrl } from './facade/paths.js';
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
  type WandbErrorCode,
  type GraphQLErrorEntry,
  type RedactedRequest,
} from './errors/index.js';
export type { RetryOptions } from './transport/index.js';
export { VERSION } from './version.js';
export * from './generated/graphql.js';
