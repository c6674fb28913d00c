/**
 * Artifact collections: {@link ArtifactCollection}, built from the `ArtifactCollectionFields`
 * fragment, and the functions that get and list them (protocol notes §4 R5–R7, R10; writes §5.7).
 * A collection is a sequence (where versions are born) or a portfolio (a collection of links,
 * such as a registry's).
 *
 * @example
 * ```ts
 * const collection = await api.artifactCollection('dataset', 'acme/vision/mnist');
 * console.log(collection.name, collection.type, collection.isSequence, collection.tags);
 * for await (const version of collection.artifacts()) console.log(version.version, version.aliases);
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { ServerError, ValidationError } from '../../errors/index.js';
import type { ArtifactCollectionFieldsFragment } from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { parseServerDate } from '../core/dates.js';
import { requireFeature } from '../core/features.js';
import { once } from '../core/memo.js';
import { serializeFilter, type MongoFilter } from '../core/filters.js';
import { artifactCollectionNotFound, artifactTypeNotFound, projectNotFound } from '../core/notFound.js';
import { parseFieldOrder } from '../core/order.js';
import { connectionPosition, Paginated, type ListOptions, type Page } from '../core/pagination.js';
import { describeValue, optionalSignal, optionsObject } from '../core/validate.js';
import { checkArtifactName, formatCollectionPath } from '../paths/artifact-paths.js';
import type { ProjectPath } from '../paths/paths.js';
import type { Artifact } from './artifact.js';
import type { ArtifactsOptions } from './artifacts.js';
import { checkTags, checkTypeName, isReservedType, MAX_COLLECTION_TAGS_PER_CALL } from './rules.js';

/** The server feature behind `filters` and `order` on collection listings. */
export const COLLECTION_FILTERING_FEATURE = 'ARTIFACT_COLLECTIONS_FILTERING_SORTING';

/**
 * A Mongo-style filter over artifact collections, as the server evaluates it (`name`,
 * `description`, `tag`, `createdAt`, ...: field names are the server's, sent as they are).
 *
 * @example
 * ```ts
 * const filter: ArtifactCollectionFilter = { name: { $regex: '^mnist' } };
 * ```
 */
export type ArtifactCollectionFilter = MongoFilter<string>;

/**
 * Options of {@link Api.artifactCollections}, {@link ArtifactType.collections} and
 * {@link Project.collections}: the options of every listing (`perPage`, default 50; `start`;
 * `signal`), plus `filters` and `order`, which need the server feature
 * `ARTIFACT_COLLECTIONS_FILTERING_SORTING` (without it the listing rejects with
 * `UnsupportedError` before any listing request).
 *
 * @example
 * ```ts
 * const collections = api.artifactCollections('acme/vision', 'dataset', { filters: { name: { $regex: '^mnist' } }, order: '-createdAt' });
 * ```
 */
export interface ArtifactCollectionsOptions extends ListOptions {
  /** Only the collections this filter selects, filtered on the server. Default: all. */
  filters?: ArtifactCollectionFilter;
  /** `+field` or `-field` (e.g. `-createdAt`); an unsigned field sorts ascending. Default: the server's order. */
  order?: string;
}

/**
 * Options of {@link ArtifactCollection.aliases}: those of every listing (`perPage`, default
 * 1000 as the official client; `start`; `signal`).
 *
 * @example
 * ```ts
 * const aliases = await collection.aliases({ perPage: 100 }).toArray();
 * ```
 */
export type CollectionAliasesOptions = ListOptions;

/**
 * Options of {@link ArtifactCollection.save} and {@link ArtifactCollection.delete}.
 *
 * @example
 * ```ts
 * await collection.save({ signal: AbortSignal.timeout(30_000) });
 * ```
 */
export type CollectionWriteOptions = Pick<RequestOptions, 'signal'>;

/** The project a collection is in: the one its answer names, else where it was asked for. */
function placeOf(
  data: ArtifactCollectionFieldsFragment,
  where: Required<ProjectPath>,
): Required<ProjectPath> {
  const project = (data as { project: ArtifactCollectionFieldsFragment['project'] | null }).project;
  return project ? { entity: project.entity.name, project: project.name } : where;
}

function tagNames(data: ArtifactCollectionFieldsFragment): string[] {
  return data.tags.edges.map((e) => e.node.name);
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * An artifact collection: the versions of one artifact name in a project (a sequence), or a
 * collection of links to versions of other collections (a portfolio, e.g. in a registry). Get one
 * with {@link Api.artifactCollection}, list them with {@link Api.artifactCollections},
 * {@link ArtifactType.collections} or {@link Project.collections}.
 *
 * `name`, `description`, `type` and `tags` are assignable; {@link ArtifactCollection.save} sends
 * the changes.
 *
 * @example
 * ```ts
 * const collection = await api.artifactCollection('dataset', 'acme/vision/mnist');
 * collection.description = 'MNIST, 60k train / 10k test';
 * collection.tags = [...collection.tags, 'images'];
 * await collection.save();
 * ```
 */
export class ArtifactCollection {
  #ctx: FacadeContext;
  #data: ArtifactCollectionFieldsFragment;
  #where: Required<ProjectPath>;
  #organizationName: string | undefined;
  #name: string;
  #description: string | undefined;
  #type: string;
  #tags: readonly string[];
  #savedTags: readonly string[];

  /** @internal Made by the collection methods of `Api`, `ArtifactType`, `Project` and `Artifact`. */
  constructor(
    ctx: FacadeContext,
    data: ArtifactCollectionFieldsFragment,
    where: Required<ProjectPath>,
    organizationName?: string,
  ) {
    this.#ctx = ctx;
    this.#organizationName = organizationName;
    this.#data = data;
    this.#where = placeOf(data, where);
    this.#name = data.name;
    this.#description = data.description ?? undefined;
    this.#type = data.type.name;
    this.#savedTags = Object.freeze(tagNames(data));
    this.#tags = this.#savedTags;
  }

  #load(data: ArtifactCollectionFieldsFragment): void {
    this.#data = data;
    this.#where = placeOf(data, this.#where);
    this.#name = data.name;
    this.#description = data.description ?? undefined;
    this.#type = data.type.name;
  }

  /** The server's node id. */
  get id(): string {
    return this.#data.id;
  }
  /** Entity that owns the collection's project. */
  get entity(): string {
    return this.#where.entity;
  }
  /** The collection's project. */
  get project(): string {
    return this.#where.project;
  }
  /** Whether this is a sequence (versions are born here) rather than a portfolio (links to versions). */
  get isSequence(): boolean {
    return this.#data.__typename === 'ArtifactSequence';
  }
  /** When the collection was created. */
  get createdAt(): Date | undefined {
    return parseServerDate(this.#data.createdAt);
  }
  /** When the collection last changed, or `undefined`. */
  get updatedAt(): Date | undefined {
    return parseServerDate(this.#data.updatedAt);
  }

  /** The collection's name (what `artifact.collectionName` is). */
  get name(): string {
    return this.#name;
  }
  /**
   * Renames the collection (at most 128 characters, no `/`); saved by {@link ArtifactCollection.save}.
   *
   * @example
   * ```ts
   * collection.name = 'mnist-v2';
   * await collection.save();
   * ```
   */
  set name(value: string) {
    this.#name = checkArtifactName(value, 'name');
  }

  /** Description, or `undefined`. */
  get description(): string | undefined {
    return this.#description;
  }
  /**
   * Sets the description; `undefined` clears it. Saved by {@link ArtifactCollection.save}.
   *
   * @example
   * ```ts
   * collection.description = 'Handwritten digits';
   * await collection.save();
   * ```
   */
  set description(value: string | undefined) {
    if (value !== undefined && typeof value !== 'string') {
      throw new ValidationError('description', `expected a string or undefined, got ${describeValue(value)}`);
    }
    this.#description = value;
  }

  /** The type of the collection's artifacts, e.g. `dataset`. */
  get type(): string {
    return this.#type;
  }
  /**
   * Moves the collection (a sequence) and its versions to another artifact type; saved by
   * {@link ArtifactCollection.save}. Types W&B reserves (`wandb-*`, `job`, ...) are refused there.
   *
   * @example
   * ```ts
   * collection.type = 'training-data';
   * await collection.save();
   * ```
   */
  set type(value: string) {
    this.#type = checkTypeName(value, 'type');
  }

  /** The collection's tags. */
  get tags(): readonly string[] {
    return this.#tags;
  }
  /**
   * Replaces the collection's tags (duplicates dropped; the rules of artifact tags); saved by
   * {@link ArtifactCollection.save}, which sends only the tags added and removed.
   *
   * @example
   * ```ts
   * collection.tags = [...collection.tags, 'images'];
   * await collection.save();
   * ```
   */
  set tags(value: readonly string[]) {
    this.#tags = Object.freeze(checkTags(value, 'tags'));
  }

  /**
   * The collection's aliases (`latest` and custom ones, as the server lists them), 1000 per
   * request by default. No total.
   *
   * @example
   * ```ts
   * console.log(await collection.aliases().toArray()); // ['latest', 'prod']
   * ```
   */
  aliases(options: CollectionAliasesOptions = {}): Paginated<string> {
    const o = optionsObject(options);
    const signal = optionalSignal(o.signal);
    const id = this.id;
    return new Paginated<string>(
      async ({ cursor, perPage, signal: pageSignal }) => {
        const data = await this.#ctx.request(
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
        what: `aliases of artifact collection ${formatCollectionPath(this.#ref)}`,
        prefetch: o.prefetch,
        countable: false,
      },
    );
  }

  /**
   * The collection's versions; the options of {@link Api.artifacts} (committed versions only unless
   * `filters` says otherwise). For a portfolio, each is a link, named with its version in this
   * collection.
   *
   * @example
   * ```ts
   * for await (const version of collection.artifacts({ perPage: 20 })) console.log(version.name, version.aliases);
   * ```
   */
  artifacts(options: ArtifactsOptions = {}): Paginated<Artifact> {
    return this.#ctx.collectionArtifacts({ ...this.#ref, type: this.#data.type.name }, options);
  }

  /**
   * The collection's versions: the same listing as {@link ArtifactCollection.artifacts}, under the
   * name the W&B docs also use for it.
   *
   * @example
   * ```ts
   * const latest = await collection.versions({ perPage: 1 }).first();
   * ```
   */
  versions(options: ArtifactsOptions = {}): Paginated<Artifact> {
    return this.artifacts(options);
  }

  /**
   * Saves the changes to `name`, `description`, `type` and `tags`, in the official client's order,
   * each step only when it has something to send (nothing at all when nothing changed): (1) the
   * name and description (`updateArtifactSequence`, or `updateArtifactPortfolio` for a portfolio),
   * (2) the type (`moveArtifactSequence`; a portfolio cannot change type, and neither the old nor the
   * new type may be one W&B reserves), (3) the tags added and removed, at most 20 per request. Every
   * check is made before the first request ({@link ValidationError}). If a step fails, the steps
   * before it stay saved and your edits stay on the object: call `save()` again.
   *
   * @example
   * ```ts
   * collection.description = 'MNIST, cleaned';
   * collection.tags = ['images', 'clean'];
   * await collection.save();
   * ```
   */
  async save(options: CollectionWriteOptions = {}): Promise<this> {
    const signal = optionalSignal(optionsObject(options).signal);
    const saved = this.#data;
    const name = checkArtifactName(this.#name, 'name');
    const description = this.#description;
    const type = checkTypeName(this.#type, 'type');
    const tags = checkTags(this.#tags, 'tags');
    const renamed = name !== saved.name || (description ?? '') !== (saved.description ?? '');
    const moved = type !== saved.type.name;
    if (moved) {
      if (!this.isSequence) {
        throw new ValidationError(
          'type',
          `${formatCollectionPath(this.#ref)} is a portfolio (a collection of links): its type is that of the versions it links, and cannot change`,
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
    const added = tags.filter((t) => !this.#savedTags.includes(t));
    const removed = this.#savedTags.filter((t) => !tags.includes(t));
    if (renamed) {
      const result = this.isSequence
        ? (
            await this.#ctx.request(
              (await documents()).UpdateArtifactSequenceDocument,
              { input: { artifactSequenceID: saved.id, name, description: description ?? '' } },
              { signal, idempotent: true },
            )
          ).result
        : (
            await this.#ctx.request(
              (await documents()).UpdateArtifactPortfolioDocument,
              { input: { artifactPortfolioID: saved.id, name, description: description ?? '' } },
              { signal, idempotent: true },
            )
          ).result;
      if (!result)
        throw new ServerError(
          `Updating artifact collection ${formatCollectionPath(this.#ref)} returned no collection`,
        );
      this.#data = result.artifactCollection;
    }
    if (moved) {
      const result = (
        await this.#ctx.request(
          (await documents()).UpdateArtifactSequenceTypeDocument,
          { input: { artifactSequenceID: saved.id, destinationArtifactTypeName: type } },
          { signal, idempotent: true },
        )
      ).result;
      if (!result?.artifactCollection) {
        throw new ServerError(
          `Moving artifact collection ${formatCollectionPath(this.#ref)} to type ${JSON.stringify(type)} returned no collection`,
        );
      }
      this.#data = result.artifactCollection;
    }
    const where = {
      entityName: this.entity,
      projectName: this.project,
      artifactCollectionName: this.#data.name,
    };
    for (const batch of chunks(added, MAX_COLLECTION_TAGS_PER_CALL)) {
      await this.#ctx.request(
        (await documents()).AddArtifactCollectionTagsDocument,
        { input: { ...where, tags: batch.map((tagName) => ({ tagName })) } },
        { signal, idempotent: true },
      );
      this.#savedTags = Object.freeze([...this.#savedTags, ...batch]);
    }
    for (const batch of chunks(removed, MAX_COLLECTION_TAGS_PER_CALL)) {
      await this.#ctx.request(
        (await documents()).DeleteArtifactCollectionTagsDocument,
        { input: { ...where, tags: batch.map((tagName) => ({ tagName })) } },
        { signal, idempotent: true },
      );
      this.#savedTags = Object.freeze(this.#savedTags.filter((t) => !batch.includes(t)));
    }
    if (renamed || moved) this.#load(this.#data);
    return this;
  }

  /**
   * Deletes the collection (`deleteArtifactSequence`, or `deleteArtifactPortfolio` for a portfolio:
   * deleting a portfolio removes its links, not the versions they link to).
   *
   * @example
   * ```ts
   * await (await api.artifactCollection('dataset', 'acme/vision/scratch')).delete();
   * ```
   */
  async delete(options: CollectionWriteOptions = {}): Promise<void> {
    const signal = optionalSignal(optionsObject(options).signal);
    const doc = this.isSequence
      ? (await documents()).DeleteArtifactSequenceDocument
      : (await documents()).DeleteArtifactPortfolioDocument;
    const data = await this.#ctx.request(doc, { id: this.id }, { signal });
    if (!data.result)
      throw new ServerError(
        `Deleting artifact collection ${formatCollectionPath(this.#ref)} returned nothing`,
      );
  }

  /**
   * A plain-object form, for logging and JSON.
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(collection, null, 2));
   * ```
   */
  toJSON(): Record<string, unknown> {
    const { id, name, entity, project, type, description, tags, isSequence, createdAt, updatedAt } = this;
    return { id, name, entity, project, type, description, tags, isSequence, createdAt, updatedAt };
  }

  /** Where the collection is, as saved. */
  get #ref(): { entity: string; project: string; collection: string; organizationName?: string } {
    return {
      entity: this.entity,
      project: this.project,
      collection: this.#data.name,
      ...(this.#organizationName === undefined ? {} : { organizationName: this.#organizationName }),
    };
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
  return new ArtifactCollection(ctx, found, where, where.organizationName);
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
      ? [new ArtifactCollection(ctx, e.node, where)]
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
