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
export { Run, RunNotLoadedError, type RunState, type RunUser, type HistoryKeys } from './facade/run.js';
export { Runs, type RunsOptions } from './facade/runs.js';
export { Sweep, type SweepState } from './facade/sweep.js';
export { Paginated, type Page, type PageFetcher } from './facade/pagination.js';
export { type RunFilter, serializeRunFilter, validateRunFilter } from './facade/filters.js';
export { parseOrder, RUN_ORDER_COLUMNS, DEFAULT_RUN_ORDER } from './facade/order.js';
export { parseRunPath, parseProjectPath } from './facade/paths.js';
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
  type WandbErrorCode,
  type GraphQLErrorEntry,
  type RedactedRequest,
} from './facade/errors.js';
export type { RetryOptions } from './transport/index.js';
export { VERSION } from './version.js';
export * from './generated/graphql.js';
