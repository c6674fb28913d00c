/**
 * The code of {@link ArtifactCollection} (`ArtifactCollectionImpl`, what every
 * `ArtifactCollection` is: its aliases, saving and deleting) and the functions that get and list
 * collections (protocol notes §4 R5–R7, R10; writes §5.7). Loaded with the artifacts domain, never
 * with the page: `collection.ts` is the light class `wandb-api` exports.
 *
 * @example
 * ```ts
 * const collection = await fetchCollection(ctx, { entity: 'acme', project: 'vision', type: 'dataset', collection: 'mnist' });
 * for await (const alias of collection.aliases()) console.log(alias);
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { ServerError, ValidationError } from '../../errors/index.js';
import type { ArtifactCollectionFieldsFragment } from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { requireFeature } from '../core/features.js';
import { once } from '../core/memo.js';
import { serializeFilter } from '../core/filters.js';
import { artifactCollectionNotFound, artifactTypeNotFound, projectNotFound } from '../core/notFound.js';
import { parseFieldOrder } from '../core/order.js';
import { connectionPosition, Paginated, type Page } from '../core/pagination.js';
import { optionalSignal, optionsObject } from '../core/validate.js';
import { checkArtifactName, formatCollectionPath } from '../paths/artifact-paths.js';
import type { ProjectPath } from '../paths/paths.js';
import {
  ArtifactCollection,
  type ArtifactCollectionsOptions,
  type CollectionAliasesOptions,
  type CollectionWriteOptions,
} from './collection.js';
import { checkTypeName, isReservedType } from './rules.js';
import { checkTags, MAX_COLLECTION_TAGS_PER_CALL } from './labels.js';

/** The server feature behind `filters` and `order` on collection listings. */
export const COLLECTION_FILTERING_FEATURE = 'ARTIFACT_COLLECTIONS_FILTERING_SORTING';

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * What every {@link ArtifactCollection} is: the methods that ask the server (their TSDoc is on
 * `ArtifactCollection`).
 * @internal
 */
export class ArtifactCollectionImpl extends ArtifactCollection {
  // The name users see in `constructor.name` and logs is the public class's.
  static {
    Object.defineProperty(this, 'name', { value: 'ArtifactCollection' });
  }

  override aliases(options: CollectionAliasesOptions = {}): Paginated<string> {
    const o = optionsObject(options);
    const signal = optionalSignal(o.signal);
    const id = this.id;
    return new Paginated<string>(
      async ({ cursor, perPage, signal: pageSignal }) => {
        const data = await this.fields.ctx.request(
          (await documents()).ArtifactCollectionAliasesDocument,
          { id, cursor, perPage },
          { signal: pageSignal, cacheIf: (d) => d.artifactCollection != null },
        );
        const connection = data.artifactCollection?.aliases;
        return {
          items: (connection?.edges ?? []).flatMap((e) => (e.node ? [e.node.alias] : [])),
          ...connectionPosition(connection),
        };
      },
      {
        perPage: o.perPage ?? 1000,
        start: o.start ?? null,
        signal,
        what: `aliases of artifact collection ${formatCollectionPath(this.ref)}`,
        prefetch: o.prefetch,
        countable: false,
      },
    );
  }

  override async save(options: CollectionWriteOptions = {}): Promise<this> {
    const signal = optionalSignal(optionsObject(options).signal);
    const saved = this.fields.data;
    const name = checkArtifactName(this.fields.name, 'name');
    const description = this.fields.description;
    const type = checkTypeName(this.fields.type, 'type');
    const tags = checkTags(this.fields.tags, 'tags');
    const renamed = name !== saved.name || (description ?? '') !== (saved.description ?? '');
    const moved = type !== saved.type.name;
    if (moved) {
      if (!this.isSequence) {
        throw new ValidationError(
          'type',
          `${formatCollectionPath(this.ref)} is a portfolio (a collection of links): its type is that of the versions it links, and cannot change`,
        );
      }
      for (const t of [saved.type.name, type]) {
        if (isReservedType(t, saved.name)) {
          throw new ValidationError(
            'type',
            `the artifact type ${JSON.stringify(t)} is reserved for W&B's own use; a collection cannot move from or to it`,
          );
        }
      }
    }
    const added = tags.filter((t) => !this.fields.savedTags.includes(t));
    const removed = this.fields.savedTags.filter((t) => !tags.includes(t));
    if (renamed) {
      const result = this.isSequence
        ? (
            await this.fields.ctx.request(
              (await documents()).UpdateArtifactSequenceDocument,
              { input: { artifactSequenceID: saved.id, name, description: description ?? '' } },
              { signal, idempotent: true },
            )
          ).result
        : (
            await this.fields.ctx.request(
              (await documents()).UpdateArtifactPortfolioDocument,
              { input: { artifactPortfolioID: saved.id, name, description: description ?? '' } },
              { signal, idempotent: true },
            )
          ).result;
      if (!result)
        throw new ServerError(
          `Updating artifact collection ${formatCollectionPath(this.ref)} returned no collection`,
        );
      this.fields.data = result.artifactCollection;
    }
    if (moved) {
      const result = (
        await this.fields.ctx.request(
          (await documents()).UpdateArtifactSequenceTypeDocument,
          { input: { artifactSequenceID: saved.id, destinationArtifactTypeName: type } },
          { signal, idempotent: true },
        )
      ).result;
      if (!result?.artifactCollection) {
        throw new ServerError(
          `Moving artifact collection ${formatCollectionPath(this.ref)} to type ${JSON.stringify(type)} returned no collection`,
        );
      }
      this.fields.data = result.artifactCollection;
    }
    const where = {
      entityName: this.entity,
      projectName: this.project,
      artifactCollectionName: this.fields.data.name,
    };
    for (const batch of chunks(added, MAX_COLLECTION_TAGS_PER_CALL)) {
      await this.fields.ctx.request(
        (await documents()).AddArtifactCollectionTagsDocument,
        { input: { ...where, tags: batch.map((tagName) => ({ tagName })) } },
        { signal, idempotent: true },
      );
      this.fields.savedTags = Object.freeze([...this.fields.savedTags, ...batch]);
    }
    for (const batch of chunks(removed, MAX_COLLECTION_TAGS_PER_CALL)) {
      await this.fields.ctx.request(
        (await documents()).DeleteArtifactCollectionTagsDocument,
        { input: { ...where, tags: batch.map((tagName) => ({ tagName })) } },
        { signal, idempotent: true },
      );
      this.fields.savedTags = Object.freeze(this.fields.savedTags.filter((t) => !batch.includes(t)));
    }
    if (renamed || moved) this.load(this.fields.data);
    return this;
  }

  override async delete(options: CollectionWriteOptions = {}): Promise<void> {
    const signal = optionalSignal(optionsObject(options).signal);
    const doc = this.isSequence
      ? (await documents()).DeleteArtifactSequenceDocument
      : (await documents()).DeleteArtifactPortfolioDocument;
    const data = await this.fields.ctx.request(doc, { id: this.id }, { signal });
    if (!data.result)
      throw new ServerError(
        `Deleting artifact collection ${formatCollectionPath(this.ref)} returned nothing`,
      );
  }
}

/**
 * One collection of a type, or {@link NotFoundError} saying whether the project, the type or the
 * collection is missing (not cached).
 * @internal Users call `api.artifactCollection()`, `artifactType.collection()`, `artifact.collection()`.
 * @example
 * ```ts
 * const collection = await fetchCollection(ctx, { entity: 'acme', project: 'vision', type: 'dataset', collection: 'mnist' });
 * ```
 */
export async function fetchCollection(
  ctx: FacadeContext,
  where: {
    entity: string;
    project: string;
    type: string;
    collection: string;
    organizationName?: string | undefined;
  },
  options: RequestOptions = {},
): Promise<ArtifactCollection> {
  const data = await ctx.request(
    (await documents()).ProjectArtifactCollectionDocument,
    { entity: where.entity, project: where.project, type: where.type, name: where.collection },
    {
      signal: options.signal,
      cache: options.cache,
      cacheIf: (d) => d.project?.artifactType?.artifactCollection != null,
    },
  );
  const found = data.project?.artifactType?.artifactCollection;
  if (!found) {
    const how = !data.project ? 'none' : !data.project.artifactType ? 'project' : 'type';
    throw artifactCollectionNotFound(where.collection, where.type, where.entity, where.project, how);
  }
  return new ArtifactCollectionImpl(ctx, found, where, where.organizationName);
}

function checkListing(o: ArtifactCollectionsOptions): {
  filters?: string;
  order?: string;
  signal?: AbortSignal;
} {
  const signal = optionalSignal(o.signal);
  const filters = o.filters === undefined ? undefined : serializeFilter(o.filters);
  const order = parseFieldOrder(o.order);
  return {
    ...(filters === undefined ? {} : { filters }),
    ...(order === undefined ? {} : { order }),
    ...(signal === undefined ? {} : { signal }),
  };
}

function collectionItems(
  ctx: FacadeContext,
  connection: { edges: ReadonlyArray<{ node: ArtifactCollectionFieldsFragment | null }> } | null | undefined,
  where: Required<ProjectPath>,
): ArtifactCollection[] {
  // The official client skips collections whose project is null (its models allow it).
  return (connection?.edges ?? []).flatMap((e) =>
    e.node && (e.node as { project: unknown }).project != null
      ? [new ArtifactCollectionImpl(ctx, e.node, where)]
      : [],
  );
}

/**
 * The collections of one artifact type of a project, page by page, with the server's total. With
 * `filters` or `order`, the server feature `ARTIFACT_COLLECTIONS_FILTERING_SORTING` is checked
 * before the first page (`UnsupportedError`). Bad options throw {@link ValidationError} here.
 * @internal Users call `api.artifactCollections()` or `artifactType.collections()`.
 * @example
 * ```ts
 * const collections = listTypeCollections(ctx, { entity: 'acme', project: 'vision', type: 'dataset' }, { order: '-createdAt' });
 * ```
 */
export function listTypeCollections(
  ctx: FacadeContext,
  where: ProjectPath & { type: string },
  options: ArtifactCollectionsOptions = {},
): Paginated<ArtifactCollection> {
  const o = optionsObject(options);
  const { filters, order, signal } = checkListing(o);
  const { project, type } = where;
  const entityName = once(() => ctx.resolveEntity(where.entity));
  return new Paginated<ArtifactCollection>(
    async ({ cursor, perPage, signal: pageSignal, total }): Promise<Page<ArtifactCollection>> => {
      const entity = await entityName();
      if (filters !== undefined || order !== undefined) {
        await requireFeature(ctx, COLLECTION_FILTERING_FEATURE, 'Filtering or ordering artifact collections');
      }
      const data = await ctx.request(
        (await documents()).ArtifactTypeArtifactCollectionsDocument,
        { entity, project, type, cursor, perPage, filters, order, withTotal: total ?? true },
        { signal: pageSignal, cacheIf: (d) => d.project?.artifactType != null },
      );
      if (!data.project) throw projectNotFound(entity, project);
      if (!data.project.artifactType) throw artifactTypeNotFound(type, entity, project, true);
      const connection = data.project.artifactType.artifactCollections;
      return {
        items: collectionItems(ctx, connection, { entity, project }),
        ...connectionPosition(connection),
        totalCount: connection?.totalCount ?? undefined,
      };
    },
    {
      perPage: o.perPage ?? 50,
      start: o.start ?? null,
      signal,
      what: `artifact collections of type ${JSON.stringify(type)} in project ${where.entity === undefined ? project : `${where.entity}/${project}`}`,
      prefetch: o.prefetch,
    },
  );
}

/**
 * Every collection of a project, all types, page by page. On servers with
 * `ARTIFACT_COLLECTIONS_FILTERING_SORTING` it takes `filters` and `order` and has a total; on
 * others there is no total, and `filters` or `order` reject with `UnsupportedError` before any
 * listing request.
 * @internal Users call `project.collections()`.
 * @example
 * ```ts
 * const collections = listProjectCollections(ctx, { entity: 'acme', project: 'vision' }, { filters: { name: 'mnist' } });
 * ```
 */
export function listProjectCollections(
  ctx: FacadeContext,
  where: Required<ProjectPath>,
  options: ArtifactCollectionsOptions = {},
): Paginated<ArtifactCollection> {
  const o = optionsObject(options);
  const { filters, order, signal } = checkListing(o);
  const { entity, project } = where;
  const asked = filters !== undefined || order !== undefined;
  return new Paginated<ArtifactCollection>(
    async ({ cursor, perPage, signal: pageSignal, total }): Promise<Page<ArtifactCollection>> => {
      const featured = (await ctx.serverFeatures()).get(COLLECTION_FILTERING_FEATURE) === true;
      if (asked && !featured) {
        await requireFeature(ctx, COLLECTION_FILTERING_FEATURE, 'Filtering or ordering artifact collections');
      }
      const cacheIf = (d: { project: unknown }): boolean => d.project != null;
      if (featured) {
        const data = await ctx.request(
          (await documents()).ProjectArtifactCollectionsDocument,
          { entity, project, cursor, perPage, filters, order, withTotal: total ?? true },
          { signal: pageSignal, cacheIf },
        );
        if (!data.project) throw projectNotFound(entity, project);
        const connection = data.project.artifactCollections;
        return {
          items: collectionItems(ctx, connection, where),
          ...connectionPosition(connection),
          totalCount: connection?.totalCount ?? undefined,
        };
      }
      const data = await ctx.request(
        (await documents()).ProjectArtifactCollectionsUnfilteredDocument,
        { entity, project, cursor, perPage },
        { signal: pageSignal, cacheIf },
      );
      if (!data.project) throw projectNotFound(entity, project);
      const connection = data.project.artifactCollections;
      return { items: collectionItems(ctx, connection, where), ...connectionPosition(connection) };
    },
    {
      perPage: o.perPage ?? 50,
      start: o.start ?? null,
      signal,
      what: `artifact collections of project ${entity}/${project}`,
      prefetch: o.prefetch,
      noTotalReason: `that needs the server feature ${COLLECTION_FILTERING_FEATURE}, which this W&B server does not report`,
    },
  );
}
