/**
 * The `wandb-job.json` file of a job artifact, as the official client's job builder writes it
 * (`wandb/sdk/internal/job_builder.py`): where the code comes from (`source_type` `repo`,
 * `artifact` or `image`, and `source`), the config and summary types (`input_types`,
 * `output_types`), the Python version (`runtime`), and `_partial` for jobs made by hand. The
 * parser keeps the snake_case wire keys in {@link JobFile} and gives them camelCase names on
 * {@link JobInfo}.
 *
 * @example
 * ```ts
 * const info = parseJobFile(await file.text(), 'job acme/vision/train:v0');
 * if (info.source.sourceType === 'repo') console.log(info.source.git.remote, info.entrypoint);
 * ```
 * @module
 */
import { WandbError } from '../../errors/index.js';
import { isPlainObject } from '../core/validate.js';
import { isSerializedType, type WbType } from './wb-types.js';

/**
 * The name of a job artifact's description file.
 *
 * @example
 * ```ts
 * console.log(JOB_FILE_NAME); // 'wandb-job.json': the file api.job() reads from the job's artifact
 * ```
 */
export const JOB_FILE_NAME = 'wandb-job.json';

/**
 * Where a job's code comes from: a git repository, a code artifact, or a container image.
 *
 * @example
 * ```ts
 * const kind: JobSourceType = job.sourceType; // 'repo'
 * ```
 */
export type JobSourceType = 'repo' | 'artifact' | 'image';

/**
 * What a `repo` or `artifact` job runs (both kinds share these).
 *
 * @example
 * ```ts
 * if (job.source.sourceType !== 'image') console.log(job.source.entrypoint, job.source.notebook);
 * ```
 */
export interface JobCodeSource {
  /** The command, e.g. `['python3', 'train.py']`; `[]` when the file gives none. */
  readonly entrypoint: readonly string[];
  /** Whether the code is a notebook (converted to a script when launched). */
  readonly notebook: boolean;
  /** The image build context inside the code, when given. */
  readonly buildContext: string | undefined;
  /** The Dockerfile inside the build context, when given. */
  readonly dockerfile: string | undefined;
  /** The base image of the build, when given. */
  readonly baseImage: string | undefined;
}

/**
 * The source of a `repo` job: a commit of a git remote.
 *
 * @example
 * ```ts
 * if (job.source.sourceType === 'repo') console.log(`${job.source.git.remote}@${job.source.git.commit}`);
 * ```
 */
export interface RepoJobSource extends JobCodeSource {
  /** `'repo'`. */
  readonly sourceType: 'repo';
  /** The git remote and commit. */
  readonly git: {
    /** The repository's remote URL. */
    readonly remote: string;
    /** The commit hash. */
    readonly commit: string;
  };
}

/**
 * The source of an `artifact` job: a code artifact.
 *
 * @example
 * ```ts
 * if (job.source.sourceType === 'artifact') console.log(job.source.artifact);
 * ```
 */
export interface ArtifactJobSource extends JobCodeSource {
  /** `'artifact'`. */
  readonly sourceType: 'artifact';
  /** The code artifact, as the file names it (`wandb-artifact://_id/<id>` or `entity/project/name:alias`). */
  readonly artifact: string;
}

/**
 * The source of an `image` job: a container image.
 *
 * @example
 * ```ts
 * if (job.source.sourceType === 'image') console.log(job.source.image);
 * ```
 */
export interface ImageJobSource {
  /** `'image'`. */
  readonly sourceType: 'image';
  /** The image, e.g. `ghcr.io/acme/train:1.2`. */
  readonly image: string;
  /** The command, when the file gives one; `[]` otherwise. */
  readonly entrypoint: readonly string[];
}

/**
 * A job's source, by {@link JobSourceType}.
 *
 * @example
 * ```ts
 * switch (job.source.sourceType) {
 *   case 'repo': console.log(job.source.git.remote); break;
 *   case 'artifact': console.log(job.source.artifact); break;
 *   case 'image': console.log(job.source.image); break;
 * }
 * ```
 */
export type JobSource = RepoJobSource | ArtifactJobSource | ImageJobSource;

/**
 * `wandb-job.json` as it is stored (snake_case keys). Keys this client does not know are kept.
 *
 * @example
 * ```ts
 * const file: JobFile = { _version: 'v0', source_type: 'image', source: { image: 'acme/train:1' }, input_types: { wb_type: 'typedDict', params: { type_map: {} } }, output_types: { wb_type: 'typedDict', params: { type_map: {} } }, runtime: '3.11' };
 * ```
 */
export interface JobFile {
  /** The oldest client version that reads the `source` keys, or `v0`. */
  readonly _version?: string;
  /** `repo`, `artifact` or `image`. */
  readonly source_type?: string;
  /** The source, by type. */
  readonly source?: Readonly<Record<string, unknown>>;
  /** The config's type. */
  readonly input_types?: WbType;
  /** The summary's type. */
  readonly output_types?: WbType;
  /** The Python version, e.g. `3.11.4`. */
  readonly runtime?: string | null;
  /** Services the job needs, by name. */
  readonly services?: Readonly<Record<string, string>>;
  /** Set on jobs created by hand (`wandb job create`) before a first run: their types are not known yet. */
  readonly _partial?: boolean;
  /** Any other key. */
  readonly [key: string]: unknown;
}

/**
 * A parsed `wandb-job.json`, with camelCase names.
 *
 * @example
 * ```ts
 * const info: JobInfo = parseJobFile(text, 'job acme/vision/train:v0');
 * console.log(info.sourceType, info.runtime, info.inputTypes);
 * ```
 */
export interface JobInfo {
  /** Where the code comes from. */
  readonly sourceType: JobSourceType;
  /** The source, typed by {@link JobInfo.sourceType}. */
  readonly source: JobSource;
  /** The config's type (`input_types`); `undefined` when the file has none (then `call()` checks nothing). */
  readonly inputTypes: WbType | undefined;
  /** The summary's type (`output_types`), or `undefined`. */
  readonly outputTypes: WbType | undefined;
  /** The command: the source's `entrypoint`, `[]` when it has none. */
  readonly entrypoint: readonly string[];
  /** The Python version, or `undefined`. */
  readonly runtime: string | undefined;
  /** Whether the job was made by hand and has not run yet (its types are then unchecked). */
  readonly partial: boolean;
  /** Services the job needs, by name (`{}` when none). */
  readonly services: Readonly<Record<string, string>>;
  /** `_version`, or `undefined`. */
  readonly version: string | undefined;
  /** The whole file as stored. */
  readonly file: JobFile;
}

function malformed(what: string, problem: string): WandbError {
  return new WandbError(`The ${JOB_FILE_NAME} of ${what} is malformed: ${problem}`);
}

function optionalText(source: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const v = source[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function requiredText(source: Readonly<Record<string, unknown>>, key: string, what: string): string {
  const v = source[key];
  if (typeof v !== 'string' || v === '') throw malformed(what, `source.${key} should be a non-empty string`);
  return v;
}

function entrypointOf(source: Readonly<Record<string, unknown>>, what: string): string[] {
  const v = source.entrypoint;
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string'))
    throw malformed(what, 'source.entrypoint should be a list of strings');
  return [...(v as string[])];
}

function codeSource(source: Readonly<Record<string, unknown>>, what: string): JobCodeSource {
  return {
    entrypoint: entrypointOf(source, what),
    notebook: source.notebook === true,
    buildContext: optionalText(source, 'build_context'),
    dockerfile: optionalText(source, 'dockerfile'),
    baseImage: optionalText(source, 'base_image'),
  };
}

function parseSource(type: string, source: Readonly<Record<string, unknown>>, what: string): JobSource {
  switch (type) {
    case 'repo': {
      const git = source.git;
      if (!isPlainObject(git)) throw malformed(what, 'a repo job needs source.git { remote, commit }');
      return {
        sourceType: 'repo',
        git: { remote: requiredText(git, 'remote', what), commit: requiredText(git, 'commit', what) },
        ...codeSource(source, what),
      };
    }
    case 'artifact':
      return {
        sourceType: 'artifact',
        artifact: requiredText(source, 'artifact', what),
        ...codeSource(source, what),
      };
    case 'image':
      return {
        sourceType: 'image',
        image: requiredText(source, 'image', what),
        entrypoint: entrypointOf(source, what),
      };
    default:
      throw malformed(what, `source_type is ${JSON.stringify(type)}; expected "repo", "artifact" or "image"`);
  }
}

function optionalType(file: Record<string, unknown>, key: string, what: string): WbType | undefined {
  const v = file[key];
  if (v === undefined || v === null) return undefined;
  if (!isSerializedType(v)) throw malformed(what, `${key} should be a type object with a "wb_type"`);
  return v;
}

/**
 * Parses the text of a `wandb-job.json`. `what` names the job in error messages. A pure
 * function: no request.
 *
 * @throws {@link WandbError} when the text is not JSON, or a key the launch needs is missing or
 *   of the wrong kind (a repo job without `source.git`, an image job without `source.image`, ...).
 * @example
 * ```ts
 * const info = parseJobFile('{"source_type":"image","source":{"image":"acme/train:1"}}', 'job acme/vision/train:v0');
 * info.source; // { sourceType: 'image', image: 'acme/train:1', entrypoint: [] }
 * ```
 */
export function parseJobFile(text: string, what: string): JobInfo {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new WandbError(`The ${JOB_FILE_NAME} of ${what} is not JSON`, 'UNKNOWN', { cause: e });
  }
  if (!isPlainObject(parsed)) throw malformed(what, 'expected a JSON object');
  const type = parsed.source_type;
  if (typeof type !== 'string') throw malformed(what, 'source_type is missing');
  const rawSource = parsed.source ?? {};
  if (!isPlainObject(rawSource)) throw malformed(what, 'source should be an object');
  const source = parseSource(type, rawSource, what);
  const services = isPlainObject(parsed.services)
    ? Object.fromEntries(
        Object.entries(parsed.services).filter((e): e is [string, string] => typeof e[1] === 'string'),
      )
    : {};
  return {
    sourceType: source.sourceType,
    source,
    inputTypes: optionalType(parsed, 'input_types', what),
    outputTypes: optionalType(parsed, 'output_types', what),
    entrypoint: source.entrypoint,
    runtime: typeof parsed.runtime === 'string' ? parsed.runtime : undefined,
    partial: parsed._partial === true,
    services,
    version: typeof parsed._version === 'string' ? parsed._version : undefined,
    file: parsed as JobFile,
  };
}
