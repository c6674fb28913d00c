/**
 * Artifact types: {@link ArtifactType}, built from the `ArtifactTypeFields` fragment, and the
 * functions behind {@link Api.artifactTypes}, {@link Api.artifactType} and
 * {@link Project.artifactTypes} (protocol notes §4 R3, R4).
 *
 * @example
 * ```ts
 * for await (const type of api.artifactTypes('acme/vision')) console.log(type.name);
 * const datasets = await api.artifactType('dataset', 'acme/vision');
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import type { ArtifactTypeFieldsFragment } from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { parseServerDate } from '../core/dates.js';
import { once } from '../core/memo.js';
import { artifactTypeNotFound, projectNotFound } from '../core/notFound.js';
import { connectionPosition, Paginated, type ListOptions } from '../core/pagination.js';
import { optionalBoolean, optionalSignal, optionsObject } from '../core/validate.js';
import { checkArtifactName } from '../paths/artifact-paths.js';
import type { ProjectPath } from '../paths/paths.js';
import {
  fetchCollection,
  listTypeCollections,
  type ArtifactCollection,
  type ArtifactCollectionsOptions,
} from './collection.js';
import { checkTypeName } from './rules.js';

/**
 * An artifact type of a project (`dataset`, `model`, ...): the collections of that type live
 * under it. Get one with {@link Api.artifactType}, list them with {@link Api.artifactTypes} or
 * {@link Project.artifactTypes}.
 *
 * @example
 * ```ts
 * const type = await api.artifactType('dataset', 'acme/vision');
 * console.log(type.name, type.createdAt);
 * for await (const collection of type.collections()) console.log(collection.name);
 * ```
 */
export class ArtifactType {
  /** The server's node id. */
  readonly id: string;
  /** The type's name, e.g. `dataset`. */
  readonly name: string;
  /** Description, or `undefined`. */
  readonly description: string | undefined;
  /** When the type was first used in the project. */
  readonly createdAt: Date | undefined;
  /** Entity of the type's project. */
  readonly entity: string;
  /** The type's project. */
  readonly project: string;

  readonly #ctx: FacadeContext;

  /** @internal Made by `api.artifactTypes()`, `api.artifactType()` and `project.artifactTypes()`. */
  constructor(ctx: FacadeContext, where: Required<ProjectPath>, data: ArtifactTypeFieldsFragment) {
    this.#ctx = ctx;
    this.entity = where.entity;
    this.project = where.project;
    this.id = data.id;
    this.name = data.name;
    this.description = data.description ?? undefined;
    this.createdAt = parseServerDate(data.createdAt);
  }

  /**
   * The collections of this type, with the server's total; the options of
   * {@link Api.artifactCollections} (`filters` and `order` need the server feature
   * `ARTIFACT_COLLECTIONS_FILTERING_SORTING`).
   *
   * @example
   * ```ts
   * const newest = await type.collections({ order: '-createdAt' }).first();
   * console.log(`${await type.collections().totalCount()} ${type.name} collections`);
   * ```
   */
  collections(options: ArtifactCollectionsOptions = {}): Paginated<ArtifactCollection> {
    return listTypeCollections(
      this.#ctx,
      { entity: this.entity, project: this.project, type: this.name },
      options,
    );
  }

  /**
   * One collection of this type, by name; {@link NotFoundError} when there is none.
   *
   * @example
   * ```ts
   * const mnist = await type.collection('mnist');
   * ```
   */
  collection(name: string, options: RequestOptions = {}): Promise<ArtifactCollection> {
    const o = optionsObject(options);
    const collection = checkArtifactName(name, 'name');
    const signal = optionalSignal(o.signal);
    const cache = optionalBoolean(o.cache, 'cache');
    return fetchCollection(
      this.#ctx,
      { entity: this.entity, project: this.project, type: this.name, collection },
      { signal, cache },
    );
  }

  /**
   * A plain-object form, for logging and JSON.
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(type));
   * ```
   */
  toJSON(): Record<string, unknown> {
    const { id, name, description, createdAt, entity, project } = this;
    return { id, name, description, createdAt, entity, project };
  }
}

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
          e.node ? [new ArtifactType(ctx, { entity, project }, e.node)] : [],
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
  return new ArtifactType(ctx, where, found);
}
