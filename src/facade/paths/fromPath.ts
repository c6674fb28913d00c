/**
 * The path grammar of {@link Api.fromPath}: which W&B object a path names.
 *
 * @example
 * ```ts
 * parseObjectPath('acme/vision/sweeps/k3x9a0qz'); // { kind: 'sweep', entity: 'acme', project: 'vision', sweepId: 'k3x9a0qz' }
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import { checkNoQuery, formsText, lenientDecode, parseReportSlug, splitPath } from './paths.js';
import { checkName } from '../core/validate.js';

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
  | {
      /** A project (`project`, `entity/project`). */
      kind: 'project';
      /** The entity, when the path names one. */
      entity?: string;
      /** The project name. */
      project: string;
    }
  | {
      /** A run (`entity/project/runId`, `entity/project/runs/runId`). */
      kind: 'run';
      /** The entity. */
      entity: string;
      /** The project name. */
      project: string;
      /** The run's short id. */
      runId: string;
    }
  | {
      /** A sweep (`entity/project/sweeps/sweepId`). */
      kind: 'sweep';
      /** The entity. */
      entity: string;
      /** The project name. */
      project: string;
      /** The sweep id. */
      sweepId: string;
    }
  | {
      /** A report (`entity/project/reports/Title--reportId`). */
      kind: 'report';
      /** The entity. */
      entity: string;
      /** The project name. */
      project: string;
      /** The report's title from the part before `--` (dashes become spaces, escapes are decoded). */
      displayName: string;
      /** The report id, the part after `--` (its base64 `=` padding restored). */
      reportId: string;
    };

function badShape(path: string, why: string): ValidationError {
  return new ValidationError(
    'path',
    `${JSON.stringify(path)} names no W&B object (${why}); accepted forms: ${formsText(OBJECT_PATH_FORMS)}`,
  );
}

/** The third segment of the four-segment forms, by the kind of object it names. */
const KEYWORDS: Readonly<Record<string, string>> = { runs: 'runId', sweeps: 'sweepId', reports: 'Title--ID' };

/**
 * The path part of `path`, checked for what a browser's address bar adds: a full URL is refused
 * with the path to pass instead (this client talks to one server, so a host in the path could
 * only be ignored or contradict it), and so is a `?query` or `#fragment` (no W&B name contains
 * `?` or `#`). Trailing slashes go, as in the official client.
 */
function pathPart(path: string): string {
  if (typeof path !== 'string') return path; // splitPath names the wrong type
  const text = path.trim();
  if (/^[A-Za-z][A-Za-z\d+.-]*:\/\//.test(text)) {
    let inner = '';
    try {
      inner = new URL(text).pathname.replace(/^\/+|\/+$/g, '');
    } catch {
      // not a URL after all: no suggestion
    }
    throw badShape(
      path,
      `it is a URL${inner ? `; pass the path after the host: ${JSON.stringify(inner)}` : ''}`,
    );
  }
  checkNoQuery(text, 'path');
  return text.replace(/\/+$/, '');
}

/** A name segment of a path: percent-escapes decoded (paths are often copied from URLs), then checked. */
function nameSegment(segment: string): string {
  const name = lenientDecode(segment);
  checkName(name, 'path');
  return name;
}

/**
 * Classifies a path the way the official client's `from_path` does: one or two segments name a
 * project, three a run, four a run, sweep or report by the third segment (`runs`, `sweeps`,
 * `reports`). Leading and trailing `/` are allowed; percent-escapes in names are decoded (so the
 * path of a `url` this client builds works); names follow W&B's rule (no `/ \ # ? % :` or control
 * characters, at most 128 characters; spaces are fine).
 *
 * @throws {@link ValidationError} (`parameter` `"path"`) for any other shape, a report segment
 *   without `--`, a full URL or a path with a `?query` or `#fragment` (the message names the path
 *   to pass instead), or `entity/project/runs` (and `sweeps`, `reports`): a listing, not an object.
 * @example
 * ```ts
 * parseObjectPath('vision'); // { kind: 'project', project: 'vision' }
 * parseObjectPath('acme/vision/reports/Weekly-sync--Vmlldzo0Mg');
 * // { kind: 'report', entity: 'acme', project: 'vision', displayName: 'Weekly sync', reportId: 'Vmlldzo0Mg==' }
 * parseObjectPath('https://wandb.ai/acme/vision/runs/a1b2'); // throws: pass "acme/vision/runs/a1b2"
 * ```
 */
export function parseObjectPath(path: string): ObjectPath {
  const segments = splitPath(pathPart(path), 'path', OBJECT_PATH_FORMS);
  if (segments.length > 4) throw badShape(path, 'too many segments');
  const [rawFirst, rawSecond, third, fourth] = segments as [string, string?, string?, string?];
  const first = nameSegment(rawFirst);
  const second = rawSecond === undefined ? undefined : nameSegment(rawSecond);
  if (second === undefined) return { kind: 'project', project: first };
  if (third === undefined) return { kind: 'project', entity: first, project: second };
  if (fourth === undefined) {
    const idName = Object.hasOwn(KEYWORDS, third) ? KEYWORDS[third] : undefined;
    if (idName !== undefined) {
      throw badShape(
        path,
        `it names the ${third} of a project, not one of them; add one: "${rawFirst}/${rawSecond}/${third}/<${idName}>"`,
      );
    }
    return { kind: 'run', entity: first, project: second, runId: nameSegment(third) };
  }
  switch (third) {
    case 'runs':
      return { kind: 'run', entity: first, project: second, runId: nameSegment(fourth) };
    case 'sweeps':
      return { kind: 'sweep', entity: first, project: second, sweepId: nameSegment(fourth) };
    case 'reports': {
      const { displayName, id } = parseReportSlug(fourth);
      return { kind: 'report', entity: first, project: second, displayName, reportId: id };
    }
    default:
      throw badShape(path, `expected "runs", "sweeps" or "reports" where it says "${third}"`);
  }
}
