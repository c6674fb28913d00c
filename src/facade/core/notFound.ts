/**
 * The "not found" errors of projects and runs, worded once: a run lookup answers `project: null`
 * when the project is missing and `project.run: null` when only the run is.
 *
 * @example
 * ```ts
 * if (!data.project?.run) throw runNotFound(entity, project, runId, data.project != null);
 * ```
 * @module
 */
import { NotFoundError } from '../../errors/index.js';

/**
 * The error for a project the server does not have (or the caller may not see).
 *
 * @example
 * ```ts
 * projectNotFound('acme', 'vision').message; // 'Project acme/vision not found'
 * ```
 */
export function projectNotFound(entity: string, project: string): NotFoundError {
  return new NotFoundError(`Project ${entity}/${project} not found`);
}

/**
 * The error for a run the server does not have, saying whether its project exists.
 *
 * @param projectFound - whether the answer had the project (`data.project != null`).
 * @example
 * ```ts
 * runNotFound('acme', 'vision', 'a1b2c3d4', true).message; // 'Run a1b2c3d4 not found in project acme/vision'
 * ```
 */
export function runNotFound(
  entity: string,
  project: string,
  runId: string,
  projectFound: boolean,
): NotFoundError {
  const where = projectFound ? `in project ${entity}/${project}` : `(project ${entity}/${project} not found)`;
  return new NotFoundError(`Run ${runId} not found ${where}`);
}
