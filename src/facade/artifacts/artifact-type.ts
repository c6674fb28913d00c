/**
 * Artifact types: {@link ArtifactType}, built from the `ArtifactTypeFields` fragment (protocol
 * notes §4 R3, R4): the light class `wandb-api` exports. Its methods' code is in
 * `artifact-type-impl.ts`, the functions behind {@link Api.artifactTypes}, {@link Api.artifactType}
 * and {@link Project.artifactTypes} in `artifact-types.ts`.
 *
 * @example
 * ```ts
 * for await (const type of api.artifactTypes('acme/vision')) console.log(type.name);
 * const datasets = await api.artifactType('dataset', 'acme/vision');
 * ```
 * @module
 */
import type { ArtifactTypeFieldsFragment } from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { parseServerDate } from '../core/dates.js';
import type { Paginated } from '../core/pagination.js';
import type { ProjectPath } from '../paths/paths.js';
import type { ArtifactCollection, ArtifactCollectionsOptions } from './collection.js';

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
export abstract class ArtifactType {
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

  /**
   * @internal Made by `api.artifactTypes()`, `api.artifactType()` and `project.artifactTypes()`
   * (as an `ArtifactTypeImpl`, `artifact-type-impl.ts`).
   */
  constructor(ctx: FacadeContext, where: Required<ProjectPath>, data: ArtifactTypeFieldsFragment) {
    this.#ctx = ctx;
    this.entity = where.entity;
    this.project = where.project;
    this.id = data.id;
    this.name = data.name;
    this.description = data.description ?? undefined;
    this.createdAt = parseServerDate(data.createdAt);
  }

  /** @internal The context the type was made with, for its implementation (`artifact-type-impl.ts`). */
  protected get context(): FacadeContext {
    return this.#ctx;
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
  abstract collections(options?: ArtifactCollectionsOptions): Paginated<ArtifactCollection>;

  /**
   * One collection of this type, by name; {@link NotFoundError} when there is none.
   *
   * @example
   * ```ts
   * const mnist = await type.collection('mnist');
   * ```
   */
  abstract collection(name: string, options?: RequestOptions): Promise<ArtifactCollection>;

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
