/**
 * Launch jobs as `Api` gets and lists them ({@link getJob}, {@link listJobs}): a module of its own,
 * which `Api` loads on first use, apart from the {@link Job} class that `wandb-api` exports.
 *
 * @example
 * ```ts
 * const job = await getJob(ctx, 'acme/vision/job-train:latest', {});
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { NotFoundError, ValidationError } from '../../errors/index.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { projectNotFound } from '../core/notFound.js';
import {
  optionalBoolean,
  optionalName,
  optionalSignal,
  optionalString,
  optionsObject,
} from '../core/validate.js';
import { JOB_FILE_NAME, parseJobFile } from './job-file.js';
import { JobImpl } from './job-impl.js';
import { JOB_ARTIFACT_TYPE, type JobOptions, type JobSummary, type Job, parseJobName } from './job.js';

/**
 * A job by its name: the artifact (of type `job`), then its `wandb-job.json`, read into memory.
 * @internal Users call {@link Api.job}.
 * @example
 * ```ts
 * const job = await getJob(ctx, 'acme/vision/train:latest');
 * ```
 */
export async function getJob(ctx: FacadeContext, name: string, options: JobOptions = {}): Promise<Job> {
  parseJobName(name);
  const o = optionsObject(options);
  const path = optionalString(o.path, 'path');
  const signal = optionalSignal(o.signal);
  const cache = optionalBoolean(o.cache, 'cache');
  const artifact = await ctx.artifact(name, { signal, cache });
  if (artifact.type !== JOB_ARTIFACT_TYPE)
    throw new ValidationError(
      'name',
      `${name} is an artifact of type ${JSON.stringify(artifact.type)}, not a job`,
    );
  const [file] = await artifact.files({ names: [JOB_FILE_NAME], signal }).toArray();
  if (!file) throw new NotFoundError(`Job ${name} has no ${JOB_FILE_NAME}`);
  const info = parseJobFile(await file.text({ signal }), `job ${name}`);
  const root = path === undefined ? undefined : await artifact.download({ root: path, signal });
  return new JobImpl(ctx, { name, entity: artifact.entity, project: artifact.project }, artifact, info, root);
}

/**
 * Every version of every job of a project, from one request without paging (the server's default
 * page of job collections, and of versions in each), as the official client lists them. A project
 * without jobs gives `[]`; a missing one a {@link NotFoundError}.
 * @internal Users call {@link Api.listJobs}.
 * @example
 * ```ts
 * const jobs = await listJobs(ctx, 'acme', 'vision');
 * ```
 */
export async function listJobs(
  ctx: FacadeContext,
  entity: string,
  project: string,
  options: RequestOptions = {},
): Promise<JobSummary[]> {
  const entityName = optionalName(entity, 'entity');
  if (entityName === undefined) throw new ValidationError('entity', 'expected the entity of the jobs');
  const projectName = optionalName(project, 'project');
  if (projectName === undefined) throw new ValidationError('project', 'expected the project of the jobs');
  const o = optionsObject(options);
  const signal = optionalSignal(o.signal);
  const cache = optionalBoolean(o.cache, 'cache');
  const data = await ctx.request(
    (await documents()).ProjectJobsDocument,
    { entityName, projectName, artifactTypeName: JOB_ARTIFACT_TYPE },
    { signal, cache, cacheIf: (d) => d.project != null },
  );
  if (!data.project) throw projectNotFound(entityName, projectName);
  const collections = data.project.artifactType?.artifactCollections?.edges ?? [];
  return collections.flatMap(({ node }) =>
    (node?.artifacts.edges ?? []).map(({ node: a }): JobSummary => {
      const aliases = a.aliases.map((x) => x.alias);
      const version =
        a.versionIndex === null || a.versionIndex === undefined ? undefined : `v${a.versionIndex}`;
      const name = a.artifactSequence.name;
      return {
        id: a.id,
        name,
        version,
        aliases,
        state: a.state,
        path: `${entityName}/${projectName}/${name}:${version ?? aliases[0] ?? 'latest'}`,
      };
    }),
  );
}
