/**
 * Every "not found" error of the facade, worded once. A lookup by path answers `project: null`
 * when the project is missing and `project.<object>: null` when only the object is; the message
 * says which.
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

/** Where an object of a project was looked for, saying whether the project itself exists. */
function inProject(entity: string, project: string, projectFound: boolean): string {
  return projectFound ? `in project ${entity}/${project}` : `(project ${entity}/${project} not found)`;
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
  return new NotFoundError(`Run ${runId} not found ${inProject(entity, project, projectFound)}`);
}

/**
 * The error for a sweep the server does not have, saying whether its project exists.
 *
 * @param projectFound - whether the answer had the project (`data.project != null`).
 * @example
 * ```ts
 * sweepNotFound('acme', 'vision', 'k3x9a0qz', true).message; // 'Sweep k3x9a0qz not found in project acme/vision'
 * sweepNotFound('acme', 'nope', 'k3x9a0qz', false).message; // 'Sweep k3x9a0qz not found (project acme/nope not found)'
 * ```
 */
export function sweepNotFound(
  entity: string,
  project: string,
  sweepId: string,
  projectFound: boolean,
): NotFoundError {
  return new NotFoundError(`Sweep ${sweepId} not found ${inProject(entity, project, projectFound)}`);
}

/**
 * The error for a file a run does not have.
 *
 * @param runPath - the run as messages show it (`entity/project/runId`).
 * @example
 * ```ts
 * fileNotFound('config.yaml', 'acme/vision/a1b2c3d4').message; // 'File "config.yaml" not found in run acme/vision/a1b2c3d4'
 * ```
 */
export function fileNotFound(name: string, runPath: string): NotFoundError {
  return new NotFoundError(`File ${JSON.stringify(name)} not found in run ${runPath}`);
}

/**
 * The error for a listed file that is gone when its entry is read again (to renew its URL).
 *
 * @param runPath - the run as messages show it (`entity/project/runId`).
 * @example
 * ```ts
 * fileGone('output.log', 'acme/vision/a1b2c3d4').message; // 'File "output.log" no longer exists in run acme/vision/a1b2c3d4'
 * ```
 */
export function fileGone(name: string, runPath: string): NotFoundError {
  return new NotFoundError(`File ${JSON.stringify(name)} no longer exists in run ${runPath}`);
}

/**
 * The error for an upload to a run the server does not have (`createRunFiles` gave no run).
 *
 * @param runPath - the run as messages show it (`entity/project/runId`).
 * @example
 * ```ts
 * uploadRunNotFound('acme/vision/nosuch', 'a.txt').message;
 * // 'Run acme/vision/nosuch not found: the server gave no run for the upload of "a.txt"'
 * ```
 */
export function uploadRunNotFound(runPath: string, name: string): NotFoundError {
  return new NotFoundError(
    `Run ${runPath} not found: the server gave no run for the upload of ${JSON.stringify(name)}`,
  );
}

/**
 * The error for an artifact version the server does not have, saying whether its project exists.
 *
 * @param name - the version as asked for, `collection:alias`.
 * @param projectFound - whether the answer had the project (`data.project != null`).
 * @example
 * ```ts
 * artifactNotFound('mnist:v9', 'acme', 'vision', true).message; // 'Artifact mnist:v9 not found in project acme/vision'
 * ```
 */
export function artifactNotFound(
  name: string,
  entity: string,
  project: string,
  projectFound: boolean,
): NotFoundError {
  return new NotFoundError(`Artifact ${name} not found ${inProject(entity, project, projectFound)}`);
}

/**
 * The error for an artifact type a project does not have, saying whether the project exists.
 *
 * @param projectFound - whether the answer had the project (`data.project != null`).
 * @example
 * ```ts
 * artifactTypeNotFound('dataset', 'acme', 'vision', true).message; // 'Artifact type "dataset" not found in project acme/vision'
 * ```
 */
export function artifactTypeNotFound(
  type: string,
  entity: string,
  project: string,
  projectFound: boolean,
): NotFoundError {
  return new NotFoundError(
    `Artifact type ${JSON.stringify(type)} not found ${inProject(entity, project, projectFound)}`,
  );
}

/**
 * The error for an artifact collection the server does not have, saying which of the project, the
 * type or the collection is missing.
 *
 * @param found - what the answer had: `'none'` (no project), `'project'` (no such type in it), `'type'` (the type, not the collection).
 * @example
 * ```ts
 * artifactCollectionNotFound('mnist', 'dataset', 'acme', 'vision', 'type').message;
 * // 'Artifact collection "mnist" of type "dataset" not found in project acme/vision'
 * ```
 */
export function artifactCollectionNotFound(
  collection: string,
  type: string,
  entity: string,
  project: string,
  found: 'none' | 'project' | 'type',
): NotFoundError {
  const what = `Artifact collection ${JSON.stringify(collection)} of type ${JSON.stringify(type)} not found`;
  if (found === 'none') return new NotFoundError(`${what} (project ${entity}/${project} not found)`);
  if (found === 'project') {
    return new NotFoundError(
      `${what}: project ${entity}/${project} has no artifact type ${JSON.stringify(type)}`,
    );
  }
  return new NotFoundError(`${what} in project ${entity}/${project}`);
}
