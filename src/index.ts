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
export type { RequestOptions } from './facade/core/context.js';
export { User } from './facade/users/user.js';
export { Project } from './facade/projects/project.js';
export { Run, type RunState, type RunUser, type HistoryKeys } from './facade/runs/run.js';
export type {
  HistoryOptions,
  ScanHistoryOptions,
  HistoryRow,
  HistoryColumns,
  HistoryStream,
  HistoryFormat,
} from './facade/runs/history.js';
export { Runs, type RunsOptions } from './facade/runs/runs.js';
export type {
  CreateProjectOptions,
  CreateRunOptions,
  RunUpdateOptions,
  RunDeleteOptions,
} from './facade/runs/writes.js';
export {
  Sweep,
  sweepMetricOrder,
  type SweepState,
  type BestRunOptions,
  type SweepsOptions,
} from './facade/sweeps/sweep.js';
export { BetaReport, type ReportUser, type ReportsOptions } from './facade/reports/report.js';
export { parseObjectPath, type ObjectPath, type PathObject } from './facade/paths/fromPath.js';
export {
  File,
  type RunFilesOptions,
  type FileRequestOptions,
  type DownloadOptions,
} from './facade/files/file.js';
export type { UploadData, UploadDataOptions, UploadFileOptions } from './facade/files/upload.js';
export { Paginated, type Page, type PageFetcher } from './facade/core/pagination.js';
export { type RunFilter, serializeRunFilter, validateRunFilter } from './facade/runs/filters.js';
export { parseOrder, RUN_ORDER_COLUMNS, DEFAULT_RUN_ORDER } from './facade/runs/order.js';
export * from './facade/runs/query-generator.js';
export { parseRunPath, parseProjectPath, parseSweepPath, reportUrl } from './facade/paths/paths.js';
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
