/**
 * {@link Job}: a Launch job (an artifact of type `job` and its `wandb-job.json`), as
 * {@link Api.job} gets it, with `job.call()`, which enqueues a run of it (wandb-ops.md §6.8),
 * and the check of a job's name. This file holds the class with its fields; the code of
 * `call()` (`JobImpl`, `job-impl.ts`) loads with the jobs domain.
 *
 * @example
 * ```ts
 * const job = await api.job('acme/vision/train-resnet:latest');
 * const queued = await job.call({ config: { lr: 0.1, epochs: 3 }, queue: 'gpu' });
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import type { Artifact } from '../artifacts/artifact.js';
import type { RequestOptions } from '../core/context.js';
import { describeValue } from '../core/validate.js';
import type { JobFile, JobInfo, JobSource, JobSourceType } from './job-file.js';
import type { QueuedRun } from './queued-run.js';
import type { RunQueueResourceType } from './rules.js';
import type { WbType } from './wb-types.js';

/** The artifact type of jobs. */
export const JOB_ARTIFACT_TYPE = 'job';

/**
 * Options of {@link Api.job}.
 *
 * @example
 * ```ts
 * const job = await api.job('acme/vision/train:v3', { path: 'jobs/train' });
 * ```
 */
export interface JobOptions extends RequestOptions {
  /**
   * A folder to download the job's files to (`wandb-job.json`, `requirements.frozen.txt`, ...),
   * as the official client always does (Node only). Default: nothing is written; only
   * `wandb-job.json` is read, into memory (which works in browsers too).
   */
  path?: string;
}

/**
 * Options of {@link Job.call}.
 *
 * @example
 * ```ts
 * const options: JobCallOptions = { config: { lr: 0.1 }, queue: 'gpu', priority: 1, templateVariables: { gpus: 2 } };
 * ```
 */
export interface JobCallOptions extends Pick<RequestOptions, 'signal'> {
  /** The run's config; checked against the job's input types unless the job is partial. Default `{}`. */
  config?: Record<string, unknown>;
  /** The queue, in `entity`. Default `default`. */
  queue?: string;
  /** The project the run is logged to. Default: the job's project. */
  project?: string;
  /** The entity the run is logged to, whose queue is used. Default: the job's entity, as the official client. */
  entity?: string;
  /** The run's priority in a prioritized queue: 0 (critical), 1 (high), 2 (medium), 3 (low). Default: the queue's. */
  priority?: number;
  /** Values for the queue's template variables, by name. */
  templateVariables?: Record<string, string | number>;
  /** What the run should run on. Default `local-container`. */
  resource?: RunQueueResourceType;
  /** Arguments for the resource (e.g. `{ kubernetes: { ... } }`). Default none. */
  resourceArgs?: Record<string, unknown>;
  /** The project that holds the queue. Default `model-registry`. */
  projectQueue?: string;
}

/**
 * One version of a job, as {@link Api.listJobs} lists it.
 *
 * @example
 * ```ts
 * for (const j of await api.listJobs('acme', 'vision')) console.log(j.name, j.version, j.aliases);
 * ```
 */
export interface JobSummary {
  /** The artifact's id. */
  readonly id: string;
  /** The job's name (its collection). */
  readonly name: string;
  /** `vN`, or `undefined` when the server gives no index. */
  readonly version: string | undefined;
  /** The version's aliases (`latest`, ...). */
  readonly aliases: readonly string[];
  /** The artifact state: `COMMITTED`, `PENDING` or `DELETED`. */
  readonly state: string;
  /** `entity/project/name:vN`, ready for {@link Api.job} (with the first alias when there is no index). */
  readonly path: string;
}

/**
 * A Launch job: the artifact of type `job` and what its `wandb-job.json` says. Get one with
 * {@link Api.job}; enqueue a run of it with {@link Job.call}.
 *
 * @example
 * ```ts
 * const job = await api.job('acme/vision/train-resnet:latest');
 * console.log(job.sourceType, job.entrypoint, job.inputTypes);
 * ```
 */
export abstract class Job {
  /** The name it was asked by, `entity/project/name:alias`. */
  readonly name: string;
  /** The entity of the job's project. */
  readonly entity: string;
  /** The job's project. */
  readonly project: string;
  /** The job's artifact version (files, aliases, metadata, ...). */
  readonly artifact: Artifact;
  /** The parsed `wandb-job.json`. */
  readonly info: JobInfo;
  /** The folder the files were downloaded to (with the `path` option), else `undefined`. */
  readonly path: string | undefined;

  /** @internal Made by {@link Api.job}. */
  constructor(
    where: { name: string; entity: string; project: string },
    artifact: Artifact,
    info: JobInfo,
    path: string | undefined,
  ) {
    this.name = where.name;
    this.entity = where.entity;
    this.project = where.project;
    this.artifact = artifact;
    this.info = info;
    this.path = path;
  }

  /** Where the code comes from: `repo`, `artifact` or `image`. */
  get sourceType(): JobSourceType {
    return this.info.sourceType;
  }

  /** The source, typed by {@link Job.sourceType} (git remote and commit, code artifact, or image). */
  get source(): JobSource {
    return this.info.source;
  }

  /** The config's type (`input_types`), or `undefined`. */
  get inputTypes(): WbType | undefined {
    return this.info.inputTypes;
  }

  /** The summary's type (`output_types`), or `undefined`. */
  get outputTypes(): WbType | undefined {
    return this.info.outputTypes;
  }

  /** The command the job runs (`[]` when the file gives none). */
  get entrypoint(): readonly string[] {
    return this.info.entrypoint;
  }

  /** The Python version, or `undefined`. */
  get runtime(): string | undefined {
    return this.info.runtime;
  }

  /** Whether the job was made by hand and never ran: `call()` then checks no types. */
  get partial(): boolean {
    return this.info.partial;
  }

  /** `wandb-job.json` as stored (snake_case keys). */
  get file(): JobFile {
    return this.info.file;
  }

  /**
   * Enqueues a run of the job and resolves with its {@link QueuedRun}. The run spec is the one
   * the official client's `launch_add` builds (`overrides.run_config` = `config`, `job`,
   * `entity`, `project`, `resource`, ...), sent with `pushToRunQueueByName`; a server whose answer
   * has no `runSpec` field gets the same mutation again without it. Unless the job is
   * {@link Job.partial}, `config` is checked against {@link Job.inputTypes} first, as the official
   * client does: every key the job names must be there with a value of its type, and no other
   * (a {@link ValidationError} naming `config` and the first mismatch). Every option is checked
   * before any request. The run and the queue are in `entity`, by default the job's own entity.
   *
   * Unlike the official client, a refused push is not retried through the older `pushToRunQueue`
   * (by queue id, which creates a missing `default` queue as a side effect): the refusal rejects
   * with its typed error, e.g. a `GraphQLRequestError` for a queue that does not exist.
   *
   * @example
   * ```ts
   * const queued = await job.call({ config: { lr: 0.1, epochs: 3 }, queue: 'gpu', priority: 0 });
   * const run = await queued.waitUntilRunning({ timeoutMs: 600_000 });
   * ```
   */
  abstract call(options?: JobCallOptions): Promise<QueuedRun>;

  /**
   * A plain-object form, for logging and JSON.
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(job, null, 2));
   * ```
   */
  toJSON(): Record<string, unknown> {
    const shown = [
      'name',
      'entity',
      'project',
      'sourceType',
      'source',
      'entrypoint',
      'runtime',
      'partial',
    ] as const;
    const json: Record<string, unknown> = Object.fromEntries(shown.map((k) => [k, this[k]]));
    return { ...json, inputTypes: this.inputTypes, outputTypes: this.outputTypes, path: this.path };
  }
}

/**
 * Checks a job name: `entity/project/job-name:alias` (two `/` and a `:` after them, none part
 * empty), as the official client requires.
 *
 * @throws {@link ValidationError} naming `name`.
 * @example
 * ```ts
 * parseJobName('acme/vision/train:latest'); // { entity: 'acme', project: 'vision', job: 'train', alias: 'latest' }
 * ```
 */
export function parseJobName(name: unknown): {
  /** The entity. */
  entity: string;
  /** The project name. */
  project: string;
  /** The job's name. */
  job: string;
  /** The alias or version (`latest`, `v3`). */
  alias: string;
} {
  const expected =
    'a job is named <entity>/<project>/<job-name>:<alias-or-version>, e.g. "acme/vision/train:latest"';
  if (typeof name !== 'string') throw new ValidationError('name', `${expected}; got ${describeValue(name)}`);
  const colon = name.indexOf(':');
  const path = colon < 0 ? name : name.slice(0, colon);
  const alias = colon < 0 ? '' : name.slice(colon + 1);
  const parts = path.split('/');
  if (colon < 0 || parts.length !== 3 || parts.some((p) => p === '') || alias === '' || alias.includes('/'))
    throw new ValidationError('name', `${expected}; got ${JSON.stringify(name)}`);
  const [entity, project, job] = parts as [string, string, string];
  return { entity, project, job, alias };
}
