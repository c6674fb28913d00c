/**
 * Path parsers: one parser for every run, sweep and project path form W&B accepts, the path
 * types the domains address objects with, and the report slug reader. URL builders are in
 * `urls.ts`, the `fromPath` grammar in `fromPath.ts`.
 *
 * @example
 * ```ts
 * parseRunPath('acme/vision/runs/abc123', {}); // { entity: 'acme', project: 'vision', runId: 'abc123' }
 * ```
 * @module
 */

import { ValidationError } from '../../errors/index.js';
import { checkName } from '../core/validate.js';

/**
 * Defaults for the parts a path leaves out (from the `entity` / `project` options or
 * `WANDB_ENTITY` / `WANDB_PROJECT`).
 *
 * @example
 * ```ts
 * const defaults: PathDefaults = { entity: 'acme', project: 'vision' };
 * ```
 */
export interface PathDefaults {
  /** Entity (user or team) used when the path has none. */
  entity?: string;
  /** Project used when the path has none. */
  project?: string;
  /** Organization used for a registry project path that names none (artifact paths only). */
  organization?: string;
}

/**
 * A parsed run path. `entity` is undefined when neither the path nor the defaults name one; the
 * caller then resolves it from the viewer.
 *
 * @example
 * ```ts
 * const p: RunPath = { entity: 'acme', project: 'vision', runId: 'abc123' };
 * ```
 */
export interface RunPath {
  /** Entity, or undefined when it must be resolved from the viewer. */
  entity?: string;
  /** Project name. */
  project: string;
  /** The run's short id (GraphQL `name`), e.g. `abc123`. */
  runId: string;
}

/**
 * A run's full address, every part known (a {@link RunPath} once its entity is resolved).
 *
 * @example
 * ```ts
 * const ref: RunRef = { entity: 'acme', project: 'vision', runId: 'abc123' };
 * ```
 */
export interface RunRef extends RunPath {
  /** Entity (user or team) that owns the run. */
  entity: string;
}

/**
 * A run's path as messages show it: `entity/project/runId`.
 *
 * @example
 * ```ts
 * formatRunPath({ entity: 'acme', project: 'vision', runId: 'abc123' }); // 'acme/vision/abc123'
 * ```
 */
export function formatRunPath(ref: RunRef): string {
  return `${ref.entity}/${ref.project}/${ref.runId}`;
}

/**
 * A parsed project path. `entity` is undefined when neither the path nor the defaults name one.
 *
 * @example
 * ```ts
 * const p: ProjectPath = { entity: 'acme', project: 'vision' };
 * ```
 */
export interface ProjectPath {
  /** Entity, or undefined when it must be resolved from the viewer. */
  entity?: string;
  /** Project name. */
  project: string;
}

/**
 * The run path forms {@link parseRunPath} accepts, as shown in error messages.
 *
 * @example
 * ```ts
 * console.log(RUN_PATH_FORMS.join(', '));
 * ```
 */
export const RUN_PATH_FORMS: readonly string[] = [
  'entity/project/runId',
  'entity/project/runs/runId',
  '/entity/project/runId',
  'entity/project:runId',
  'project/runId',
  'project:runId',
  'runId',
];

/**
 * A parsed sweep path. `entity` is undefined when neither the path nor the defaults name one.
 *
 * @example
 * ```ts
 * const p: SweepPath = { entity: 'acme', project: 'vision', sweepId: 'k3x9a0qz' };
 * ```
 */
export interface SweepPath {
  /** Entity, or undefined when it must be resolved from the viewer. */
  entity?: string;
  /** Project name. */
  project: string;
  /** The sweep's id (GraphQL `name`), e.g. `k3x9a0qz`. */
  sweepId: string;
}

/**
 * A sweep's address with its entity resolved.
 *
 * @example
 * ```ts
 * const ref: SweepRef = { entity: 'acme', project: 'vision', sweepId: 'k3x9a0qz' };
 * ```
 */
export interface SweepRef extends SweepPath {
  /** Entity (user or team) that owns the sweep. */
  entity: string;
}

/**
 * The sweep path forms {@link parseSweepPath} accepts, as shown in error messages.
 *
 * @example
 * ```ts
 * console.log(SWEEP_PATH_FORMS.join(', '));
 * ```
 */
export const SWEEP_PATH_FORMS: readonly string[] = [
  'entity/project/sweepId',
  'entity/project/sweeps/sweepId',
  '/entity/project/sweepId',
  'entity/project:sweepId',
  'project/sweepId',
  'project:sweepId',
  'sweepId',
];

/**
 * The project path forms {@link parseProjectPath} accepts, as shown in error messages.
 *
 * @example
 * ```ts
 * console.log(PROJECT_PATH_FORMS.join(', '));
 * ```
 */
export const PROJECT_PATH_FORMS: readonly string[] = ['entity/project', '/entity/project', 'project'];

/**
 * Path forms as error messages list them: each quoted, comma-separated.
 *
 * @example
 * ```ts
 * formsText(['entity/project', 'project']); // '"entity/project", "project"'
 * ```
 */
export function formsText(forms: readonly string[]): string {
  return forms.map((f) => `"${f}"`).join(', ');
}

function malformed(parameter: string, path: string, forms: readonly string[], why?: string): ValidationError {
  const reason = why ? ` (${why})` : '';
  return new ValidationError(
    parameter,
    `${JSON.stringify(path)} is not a valid path${reason}; accepted forms: ${formsText(forms)}`,
  );
}

/**
 * Rejects a path with a `?query` or `#fragment` (what a browser's address bar adds; no W&B name
 * contains `?` or `#`), with a message that gives the path to pass instead.
 *
 * @throws {@link ValidationError} naming `parameter`.
 * @example
 * ```ts
 * checkNoQuery('acme/vision/abc', 'path'); // ok
 * checkNoQuery('acme/vision/abc?workspace=user', 'path'); // throws: pass "acme/vision/abc"
 * ```
 */
export function checkNoQuery(path: string, parameter = 'path'): void {
  const at = path.search(/[?#]/);
  if (at < 0) return;
  const what = path[at] === '?' ? 'a query' : 'a fragment';
  const instead = path
    .slice(0, at)
    .trim()
    .replace(/(.)\/+$/, '$1');
  throw new ValidationError(
    parameter,
    `${JSON.stringify(path)} has ${what} (${JSON.stringify(path.slice(at))}), which is not part of a W&B path` +
      (instead ? `; pass the path without it: ${JSON.stringify(instead)}` : ''),
  );
}

/**
 * Splits a slash-separated path into its segments: surrounding whitespace is trimmed, one
 * leading `/` is allowed, every segment must be non-empty, and a `?query` or `#fragment` is
 * refused ({@link checkNoQuery}). Names may contain spaces. Throws a {@link ValidationError}
 * naming `parameter` (and listing `acceptedForms`, when given) otherwise.
 *
 * @example
 * ```ts
 * splitPath(' /acme/My Project/abc '); // ['acme', 'My Project', 'abc']
 * splitPath('acme//abc'); // throws ValidationError
 * ```
 */
export function splitPath(path: string, parameter = 'path', acceptedForms: readonly string[] = []): string[] {
  if (typeof path !== 'string') {
    throw new ValidationError(parameter, `expected a string, got ${path === null ? 'null' : typeof path}`);
  }
  const trimmed = path.trim();
  checkNoQuery(trimmed, parameter);
  const body = trimmed.startsWith('/') ? trimmed.slice(1) : trimmed;
  if (body === '') throw malformed(parameter, path, acceptedForms, 'it is empty');
  const segments = body.split('/');
  if (segments.some((s) => s.trim() === '')) throw malformed(parameter, path, acceptedForms, 'empty segment');
  return segments;
}

/** What differs between the run and sweep path grammars. */
interface IdPathKind {
  /** The keyword of the four-segment form (`entity/project/<keyword>/id`). */
  keyword: string;
  /** The name of the id in examples (`runId`). */
  idName: string;
  /** Accepted forms, for messages. */
  forms: readonly string[];
}

function splitColon(segment: string, path: string, kind: IdPathKind): [string, string] | undefined {
  const i = segment.indexOf(':');
  if (i < 0) return undefined;
  const left = segment.slice(0, i);
  const right = segment.slice(i + 1);
  if (left.trim() === '' || right.trim() === '' || right.includes(':')) {
    throw malformed('path', path, kind.forms, `expected "project:${kind.idName}"`);
  }
  return [left, right];
}

function noProject(path: string, parameter: string, example: string): ValidationError {
  return new ValidationError(
    parameter,
    `${JSON.stringify(path)} names no project; pass "${example}" or set the project option or WANDB_PROJECT`,
  );
}

/**
 * Parses a run path in any of W&B's forms: `entity/project/runId`, `entity/project/runs/runId`,
 * `/entity/project/runId`, `entity/project:runId`, `project/runId`, `project:runId` or `runId`.
 * Parts the path leaves out come from `defaults`; `entity` stays undefined when neither gives one.
 *
 * @throws {@link ValidationError} (`parameter` `"path"`) for a malformed path, or when no
 *   project can be determined.
 * @example
 * ```ts
 * parseRunPath('acme/vision:abc123', {}); // { entity: 'acme', project: 'vision', runId: 'abc123' }
 * parseRunPath('abc123', { project: 'vision' }); // { entity: undefined, project: 'vision', runId: 'abc123' }
 * ```
 */
export function parseRunPath(path: string, defaults: PathDefaults = {}): RunPath {
  const { id, ...where } = parseIdPath(path, defaults, {
    keyword: 'runs',
    idName: 'runId',
    forms: RUN_PATH_FORMS,
  });
  return { ...where, runId: id };
}

/**
 * Parses a sweep path: the run path grammar with `sweeps` as the keyword of the four-segment
 * form (`entity/project/sweeps/sweepId`). Parts the path leaves out come from `defaults`; `entity` stays
 * undefined when neither gives one.
 *
 * @throws {@link ValidationError} (`parameter` `"path"`) for a malformed path, or when no
 *   project can be determined.
 * @example
 * ```ts
 * parseSweepPath('acme/vision/sweeps/k3x9a0qz', {}); // { entity: 'acme', project: 'vision', sweepId: 'k3x9a0qz' }
 * parseSweepPath('vision:k3x9a0qz', { entity: 'acme' }); // { entity: 'acme', project: 'vision', sweepId: 'k3x9a0qz' }
 * ```
 */
export function parseSweepPath(path: string, defaults: PathDefaults = {}): SweepPath {
  const { id, ...where } = parseIdPath(path, defaults, {
    keyword: 'sweeps',
    idName: 'sweepId',
    forms: SWEEP_PATH_FORMS,
  });
  return { ...where, sweepId: id };
}

/** The grammar shared by run and sweep paths. */
function parseIdPath(path: string, defaults: PathDefaults, kind: IdPathKind): ProjectPath & { id: string } {
  const forms = kind.forms;
  const segments = splitPath(path, 'path', forms);
  let entity: string | undefined;
  let project: string | undefined;
  let id: string;

  const last = segments[segments.length - 1] as string;
  const colon = splitColon(last, path, kind);
  if (colon && segments.length > 2) throw malformed('path', path, forms, 'unexpected ":"');
  if (segments.slice(0, -1).some((s) => s.includes(':'))) {
    throw malformed('path', path, forms, 'unexpected ":"');
  }

  if (colon) {
    // "project:id" or "entity/project:id"
    [project, id] = colon;
    if (segments.length === 2) entity = segments[0];
  } else if (segments.length === 1) {
    id = last;
  } else if (segments.length === 2) {
    [project, id] = segments as [string, string];
  } else if (segments.length === 3) {
    [entity, project, id] = segments as [string, string, string];
  } else if (segments.length === 4) {
    const [e, p, keyword, i] = segments as [string, string, string, string];
    if (keyword !== kind.keyword)
      throw malformed('path', path, forms, `expected "${kind.keyword}" where it says "${keyword}"`);
    [entity, project, id] = [e, p, i];
  } else {
    throw malformed('path', path, forms, 'too many segments');
  }

  for (const name of [entity, project, id]) if (name !== undefined) checkName(name, 'path');
  entity ??= defaults.entity || undefined;
  project ??= defaults.project || undefined;
  if (project === undefined) throw noProject(path, 'path', `entity/project/${kind.idName}`);
  return entity === undefined ? { project, id } : { entity, project, id };
}

/**
 * Parses a project path (`entity/project`, `/entity/project` or `project`). With no path (or
 * `undefined`), the project comes from `defaults`. `entity` stays undefined when neither gives one.
 *
 * @throws {@link ValidationError} (`parameter` `"path"`) for a malformed path, or when no
 *   project can be determined.
 * @example
 * ```ts
 * parseProjectPath('acme/vision', {}); // { entity: 'acme', project: 'vision' }
 * parseProjectPath(undefined, { project: 'vision' }); // { project: 'vision' }
 * ```
 */
export function parseProjectPath(path: string | undefined, defaults: PathDefaults = {}): ProjectPath {
  let entity: string | undefined;
  let project: string | undefined;
  if (path !== undefined) {
    const segments = splitPath(path, 'path', PROJECT_PATH_FORMS);
    if (segments.some((s) => s.includes(':'))) {
      throw malformed('path', path, PROJECT_PATH_FORMS, 'unexpected ":"');
    }
    if (segments.length === 1) project = segments[0];
    else if (segments.length === 2) [entity, project] = segments as [string, string];
    else throw malformed('path', path, PROJECT_PATH_FORMS, 'too many segments');
    for (const name of segments) checkName(name, 'path');
  }
  entity ??= defaults.entity || undefined;
  project ??= defaults.project || undefined;
  if (project === undefined) throw noProject(path ?? '', 'path', 'entity/project');
  return entity === undefined ? { project } : { entity, project };
}

/**
 * Decodes percent-escapes (`%C3%BC` → `ü`) as a browser shows them; text that is not a valid
 * escape sequence (a stray `%`) is returned as written.
 *
 * @example
 * ```ts
 * lenientDecode('m%C3%BCnchen'); // 'münchen'
 * lenientDecode('100%'); // '100%'
 * ```
 */
export function lenientDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray "%" is kept as written
  }
}

/**
 * Splits the last segment of a report path or URL (`Title--ID`) into a display name and an id,
 * the reverse of {@link reportUrl} as far as the slug allows: dashes in the title become spaces
 * and percent-escapes are decoded; the id's base64 `=` padding is restored.
 *
 * @throws {@link ValidationError} (`parameter` `"path"`) when the segment has no `--` or an empty id.
 * @example
 * ```ts
 * parseReportSlug('Weekly-sync--Vmlldzo0Mg'); // { displayName: 'Weekly sync', id: 'Vmlldzo0Mg==' }
 * parseReportSlug('Weekly-sync'); // throws ValidationError
 * ```
 */
export function parseReportSlug(segment: string): { displayName: string; id: string } {
  const at = segment.lastIndexOf('--');
  const rawId = at < 0 ? '' : segment.slice(at + 2);
  if (at < 0 || rawId === '') {
    throw new ValidationError(
      'path',
      `${JSON.stringify(segment)} is not a report name; expected "Title--ID" as in the report's URL ` +
        '(entity/project/reports/Title--ID)',
    );
  }
  let id = lenientDecode(rawId);
  if (/^[A-Za-z0-9+/]+$/.test(id) && id.length % 4 > 1) id = id.padEnd(id.length + 4 - (id.length % 4), '=');
  return { displayName: lenientDecode(segment.slice(0, at).replace(/-/g, ' ')), id };
}
