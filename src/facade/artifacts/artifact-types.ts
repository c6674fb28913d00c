/**
 * The artifact types of a project as `Api` lists and gets them ({@link listArtifactTypes},
 * {@link fetchArtifactType}): a module of its own, loaded on first use, apart from the
 * {@link ArtifactType} class that `wandb-api` exports.
 *
 * @example
 * ```ts
 * const type = await fetchArtifactType(ctx, { entity: 'acme', project: 'vision' }, 'dataset', {});
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { once } from '../core/memo.js';
import { artifactTypeNotFound, projectNotFound } from '../core/notFound.js';
import { connectionPosition, Paginated, type ListOptions } from '../core/pagination.js';
import { optionalSignal, optionsObject } from '../core/validate.js';
import type { ProjectPath } from '../paths/paths.js';
import { checkTypeName } from './rules.js';
import type { ArtifactType } from './artifact-type.js';
import { ArtifactTypeImpl } from './artifact-type-impl.js';

/**
 * The artifact types of a project (its entity, when absent, from the settings or the viewer), page by page, 50 per request by default; no total (the server
 * gives none). A missing project rejects with {@link NotFoundError}.
 * @internal Users call `api.artifactTypes()` or `project.artifactTypes()`.
 * @example
 * ```ts
 * const types = await listArtifactTypes(ctx, { entity: 'acme', project: 'vision' }).toArray();
 * ```
 */
export function listArtifactTypes(
  ctx: FacadeContext,
  where: ProjectPath,
  options: ListOptions = {},
): Paginated<ArtifactType> {
  const o = optionsObject(options);
  const signal = optionalSignal(o.signal);
  const { project } = where;
  const entityName = once(() => ctx.resolveEntity(where.entity));
  return new Paginated<ArtifactType>(
    async ({ cursor, perPage, signal: pageSignal }) => {
      const entity = await entityName();
      const data = await ctx.request(
        (await documents()).ProjectArtifactTypesDocument,
        { entity, project, cursor, perPage },
        { signal: pageSignal, cacheIf: (d) => d.project != null },
      );
      if (!data.project) throw projectNotFound(entity, project);
      const connection = data.project.artifactTypes;
      return {
        items: connection.edges.flatMap((e) =>
          e.node ? [new ArtifactTypeImpl(ctx, { entity, project }, e.node)] : [],
        ),
        ...connectionPosition(connection),
      };
    },
    {
      perPage: o.perPage ?? 50,
      start: o.start ?? null,
      signal,
      what: `artifact types of project ${where.entity === undefined ? project : `${where.entity}/${project}`}`,
      prefetch: o.prefetch,
      countable: false,
    },
  );
}

/**
 * One artifact type of a project, or {@link NotFoundError} saying whether the project exists (not cached).
 * @internal Users call `api.artifactType()`.
 * @example
 * ```ts
 * const type = await fetchArtifactType(ctx, { entity: 'acme', project: 'vision' }, 'dataset');
 * ```
 */
export async function fetchArtifactType(
  ctx: FacadeContext,
  where: Required<ProjectPath>,
  typeName: string,
  options: RequestOptions = {},
): Promise<ArtifactType> {
  const type = checkTypeName(typeName, 'type');
  const data = await ctx.request(
    (await documents()).ProjectArtifactTypeDocument,
    { entity: where.entity, project: where.project, type },
    { signal: options.signal, cache: options.cache, cacheIf: (d) => d.project?.artifactType != null },
  );
  const found = data.project?.artifactType;
  if (!found) throw artifactTypeNotFound(type, where.entity, where.project, data.project != null);
  return new ArtifactTypeImpl(ctx, where, found);
}
