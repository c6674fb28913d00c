/**
 * Artifact collections: {@link ArtifactCollection}, built from the `ArtifactCollectionFields`
 * fragment (protocol notes §4 R5–R7, R10; writes §5.7). A collection is a sequence (where
 * versions are born) or a portfolio (a collection of links, such as a registry's). This is the
 * light class `wandb-api` exports (fields, getters, setters and their checks); the code that asks
 * the server, and the functions that get and list collections, are in `collection-impl.ts`.
 *
 * @example
 * ```ts
 * const collection = await api.artifactCollection('dataset', 'acme/vision/mnist');
 * console.log(collection.name, collection.type, collection.isSequence, collection.tags);
 * for await (const version of collection.artifacts()) console.log(version.version, version.aliases);
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import type { ArtifactCollectionFieldsFragment } from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { parseServerDate } from '../core/dates.js';
import type { MongoFilter } from '../core/filters.js';
import type { ListOptions, Paginated } from '../core/pagination.js';
import { describeValue } from '../core/validate.js';
import { checkArtifactName } from '../paths/artifact-name.js';
import type { ProjectPath } from '../paths/paths.js';
import type { Artifact } from './artifact.js';
import type { ArtifactsOptions } from './artifacts.js';
import { checkTypeName } from './rules.js';
import { checkTags } from './labels.js';

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

/**
 * What an {@link ArtifactCollection} holds: where it is, the server's view and the edits not yet
 * saved. Its implementation (`collection-impl.ts`) reads and edits it.
 * @internal
 */
export interface ArtifactCollectionFields {
  readonly ctx: FacadeContext;
  readonly organizationName: string | undefined;
  data: ArtifactCollectionFieldsFragment;
  where: Required<ProjectPath>;
  name: string;
  description: string | undefined;
  type: string;
  tags: readonly string[];
  savedTags: readonly string[];
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
export abstract class ArtifactCollection {
  readonly #f: ArtifactCollectionFields;

  /**
   * @internal Made by the collection methods of `Api`, `ArtifactType`, `Project` and `Artifact`
   * (as an `ArtifactCollectionImpl`, `collection-impl.ts`).
   */
  constructor(
    ctx: FacadeContext,
    data: ArtifactCollectionFieldsFragment,
    where: Required<ProjectPath>,
    organizationName?: string,
  ) {
    const savedTags = Object.freeze(tagNames(data));
    this.#f = {
      ctx,
      organizationName,
      data,
      where: placeOf(data, where),
      name: data.name,
      description: data.description ?? undefined,
      type: data.type.name,
      tags: savedTags,
      savedTags,
    };
  }

  /** @internal What the collection holds, for its implementation (`collection-impl.ts`). */
  protected get fields(): ArtifactCollectionFields {
    return this.#f;
  }

  /** @internal Takes the server's view of the collection's name, description, type and place. */
  protected load(data: ArtifactCollectionFieldsFragment): void {
    const f = this.#f;
    f.data = data;
    f.where = placeOf(data, f.where);
    f.name = data.name;
    f.description = data.description ?? undefined;
    f.type = data.type.name;
  }

  /** The server's node id. */
  get id(): string {
    return this.#f.data.id;
  }
  /** Entity that owns the collection's project. */
  get entity(): string {
    return this.#f.where.entity;
  }
  /** The collection's project. */
  get project(): string {
    return this.#f.where.project;
  }
  /** Whether this is a sequence (versions are born here) rather than a portfolio (links to versions). */
  get isSequence(): boolean {
    return this.#f.data.__typename === 'ArtifactSequence';
  }
  /** When the collection was created. */
  get createdAt(): Date | undefined {
    return parseServerDate(this.#f.data.createdAt);
  }
  /** When the collection last changed, or `undefined`. */
  get updatedAt(): Date | undefined {
    return parseServerDate(this.#f.data.updatedAt);
  }

  /** The collection's name (what `artifact.collectionName` is). */
  get name(): string {
    return this.#f.name;
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
    this.#f.name = checkArtifactName(value, 'name');
  }

  /** Description, or `undefined`. */
  get description(): string | undefined {
    return this.#f.description;
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
    this.#f.description = value;
  }

  /** The type of the collection's artifacts, e.g. `dataset`. */
  get type(): string {
    return this.#f.type;
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
    this.#f.type = checkTypeName(value, 'type');
  }

  /** The collection's tags. */
  get tags(): readonly string[] {
    return this.#f.tags;
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
    this.#f.tags = Object.freeze(checkTags(value, 'tags'));
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
  abstract aliases(options?: CollectionAliasesOptions): Paginated<string>;

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
    return this.#f.ctx.collectionArtifacts({ ...this.ref, type: this.#f.data.type.name }, options);
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
  abstract save(options?: CollectionWriteOptions): Promise<this>;

  /**
   * Deletes the collection (`deleteArtifactSequence`, or `deleteArtifactPortfolio` for a portfolio:
   * deleting a portfolio removes its links, not the versions they link to).
   *
   * @example
   * ```ts
   * await (await api.artifactCollection('dataset', 'acme/vision/scratch')).delete();
   * ```
   */
  abstract delete(options?: CollectionWriteOptions): Promise<void>;

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

  /** @internal Where the collection is, as saved. */
  protected get ref(): { entity: string; project: string; collection: string; organizationName?: string } {
    const f = this.#f;
    return {
      entity: this.entity,
      project: this.project,
      collection: f.data.name,
      ...(f.organizationName === undefined ? {} : { organizationName: f.organizationName }),
    };
  }
}
