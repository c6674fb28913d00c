/**
 * The path grammar of {@link Api.fromPath}: which W&B object a path names.
 *
 * @example
 * ```ts
 * parseObjectPath('acme/vision/sweeps/k3x9a0qz'); // { kind: 'sweep', entity: 'acme', project: 'vision', sweepId: 'k3x9a0qz' }
 * ```
 * @module
 */
import { ValidationError } from './errors.js';
import { parseReportSlug, splitPath } from './paths.js';
import type { Project } from './project.js';
import type { BetaReport } from './report.js';
import type { Run } from './run.js';
import type { Sweep } from './sweep.js';
import { checkName } from './validate.js';

/**
 * What {@link Api.fromPath} resolves to.
 *
 * @example
 * ```ts
 * const target: PathObject = await api.fromPath(somePath);
 * if (target instanceof Run) console.log(target.summary);
 * ```
 */
export type PathObject = Project | Run | Sweep | BetaReport;

/**
 * The path forms {@link parseObjectPath} accepts, as shown in error messages.
 *
 * @example
 * ```ts
 * console.log(OBJECT_PATH_FORMS.join(', '));
 * ```
 */
export const OBJECT_PATH_FORMS: readonly string[] = [
  'project',
  'entity/project',
  'entity/project/runId',
  'entity/project/runs/runId',
  'entity/project/sweeps/sweepId',
  'entity/project/reports/Title--reportId',
];

/**
 * What a path given to {@link Api.fromPath} names. A project path without an entity leaves
 * `entity` undefined (the default entity applies).
 *
 * @example
 * ```ts
 * const p: ObjectPath = { kind: 'run', entity: 'acme', project: 'vision', runId: 'a1b2c3d4' };
 * ```
 */
export type ObjectPath =
  | { kind: 'project'; entity?: string; project: string }
  | { kind: 'run'; entity: string; project: string; runId: string }
  | { kind: 'sweep'; entity: string; project: string; sweepId: string }
  | { kind: 'report'; entity: string; project: string; displayName: string; reportId: string };

function badShape(path: string, why: string): ValidationError {
  const forms = OBJECT_PATH_FORMS.map((f) => `"${f}"`).join(', ');
  return new ValidationError(
    'path',
    `${JSON.stringify(path)} names no W&B object (${why}); accepted forms: ${forms}`,
  );
}

/**
 * Classifies a path the way the official client's `from_path` does: one or two segments name a
 * project, three a run, four a run, sweep or report by the third segment (`runs`, `sweeps`,
 * `reports`). A leading `/` is allowed; names may not contain `:` or white space.
 *
 * @throws {@link ValidationError} (`parameter` `"path"`) for any other shape, or a report segment
 *   without `--`.
 * @example
 * ```ts
 * parseObjectPath('vision'); // { kind: 'project', project: 'vision' }
 * parseObjectPath('acme/vision/reports/Weekly-sync--Vmlldzo0Mg');
 * // { kind: 'report', entity: 'acme', project: 'vision', displayName: 'Weekly sync', reportId: 'Vmlldzo0Mg==' }
 * ```
 */
export function parseObjectPath(path: string): ObjectPath {
  const segments = splitPath(path, 'path', OBJECT_PATH_FORMS);
  if (segments.length > 4) throw badShape(path, 'too many segments');
  const [first, second, third, fourth] = segments as [string, string?, string?, string?];
  checkName(first, 'path');
  if (second !== undefined) checkName(second, 'path');
  if (second === undefined) return { kind: 'project', project: first };
  if (third === undefined) return { kind: 'project', entity: first, project: second };
  if (fourth === undefined) {
    checkName(third, 'path');
    return { kind: 'run', entity: first, project: second, runId: third };
  }
  switch (third) {
    case 'runs':
      checkName(fourth, 'path');
      return { kind: 'run', entity: first, project: second, runId: fourth };
    case 'sweeps':
      checkName(fourth, 'path');
      return { kind: 'sweep', entity: first, project: second, sweepId: fourth };
    case 'reports': {
      const { displayName, id } = parseReportSlug(fourth);
      return { kind: 'report', entity: first, project: second, displayName, reportId: id };
    }
    default:
      throw badShape(path, `expected "runs", "sweeps" or "reports" where it says "${third}"`);
  }
}
