/**
 * Listing, getting and creating projects (wandb-ops.md §6.2): the functions behind
 * {@link Api.projects}, {@link Api.project} and {@link Api.createProject}.
 *
 * @example
 * ```ts
 * for await (const project of listProjects(ctx, 'acme')) console.log(project.name);
 * const vision = await getProject(ctx, 'vision', 'acme');
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { ValidationError, WandbError } from '../../errors/index.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { once } from '../core/memo.js';
import { projectNotFound } from '../core/notFound.js';
import { connectionPosition, Paginated, validatePerPage, type ListOptions } from '../core/pagination.js';
import { optionalName, optionalSignal, optionsObject } from '../core/validate.js';
import { parseProjectPath } from '../paths/paths.js';
import { Project } from './project.js';

/**
 * Options of {@link Api.createProject}.
 *
 * @example
 * ```ts
 * const options: CreateProjectOptions = { signal: AbortSignal.timeout(10_000) };
 * await api.createProject('vision', 'acme', options);
 * ```
 */
export type CreateProjectOptions = Pick<RequestOptions, 'signal'>;

/**
 * The projects of an entity (default: the `entity` option, else the viewer's), 200 per request
 * by default; no total (the server gives none). Validates the options before any request.
 * @internal Users call {@link Api.projects}.
 * @example
 * ```ts
 * const projects = await listProjects(ctx, 'acme', { perPage: 50 }).toArray();
 * ```
 */
export function listProjects(
  ctx: FacadeContext,
  entity?: string,
  options: ListOptions = {},
): Paginated<Project> {
  const explicit = optionalName(entity, 'entity');
  const o = optionsObject(options);
  const perPage = validatePerPage(o.perPage ?? 200);
  const signal = optionalSignal(o.signal);
  const entityName = once(() => ctx.resolveEntity(explicit));
  return new Paginated<Project>(
    async ({ cursor, perPage: first, signal: pageSignal }) => {
      const data = await ctx.request(
        (await documents()).ProjectsPageDocument,
        { entity: await entityName(), cursor, perPage: first },
        { signal: pageSignal },
      );
      const connection = data.models;
      return {
        items: (connection?.edges ?? []).flatMap((e) => (e.node ? [new Project(ctx, e.node)] : [])),
        ...connectionPosition(connection),
      };
    },
    { perPage, start: o.start ?? null, signal, what: 'projects', countable: false, prefetch: o.prefetch },
  );
}

/**
 * One project, loaded. `name` may also be `entity/project` (then `entity` must be absent or the
 * same); {@link NotFoundError} when there is none (not cached, so it is found once it exists).
 * @internal Users call {@link Api.project}.
 * @example
 * ```ts
 * const project = await getProject(ctx, 'vision', 'acme');
 * ```
 */
export async function getProject(
  ctx: FacadeContext,
  name: string,
  entity?: string,
  options: RequestOptions = {},
): Promise<Project> {
  const explicit = optionalName(entity, 'entity');
  const parsed = parseProjectPath(name, { entity: explicit ?? ctx.settings.entity });
  if (explicit && parsed.entity && parsed.entity !== explicit) {
    throw new ValidationError(
      'entity',
      `${JSON.stringify(explicit)} contradicts the entity in ${JSON.stringify(name)}`,
    );
  }
  const entityName = await ctx.resolveEntity(parsed.entity);
  const data = await ctx.request(
    (await documents()).ProjectDetailDocument,
    { name: parsed.project, entity: entityName },
    { ...optionsObject(options), cacheIf: (d) => d.project != null },
  );
  if (!data.project) throw projectNotFound(entityName, parsed.project);
  return new Project(ctx, data.project);
}

/**
 * Creates a project (entity default: the `entity` option, else the viewer's). The server
 * upserts: a project that exists already is returned as it is. Repeating it changes nothing
 * more, so it is retried like a query.
 * @internal Users call {@link Api.createProject}.
 * @example
 * ```ts
 * const project = await createProject(ctx, 'vision', 'acme');
 * ```
 */
export async function createProject(
  ctx: FacadeContext,
  name: string,
  entity?: string,
  options: CreateProjectOptions = {},
): Promise<Project> {
  const projectName = optionalName(name, 'name');
  if (projectName === undefined) throw new ValidationError('name', 'expected a project name');
  const explicit = optionalName(entity, 'entity');
  const signal = optionalSignal(optionsObject(options).signal);
  const entityName = await ctx.resolveEntity(explicit);
  // An upsert by name: repeating it changes nothing more, so it is safe to retry.
  const data = await ctx.request(
    (await documents()).CreateProjectDocument,
    { name: projectName, entity: entityName },
    { signal, idempotent: true },
  );
  const project = data.upsertModel?.project;
  if (!project) throw new WandbError(`CreateProject returned no project for ${entityName}/${projectName}`);
  return new Project(ctx, project);
}
