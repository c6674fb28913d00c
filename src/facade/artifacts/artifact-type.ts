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
import type { ArtifactTypeFieldsFragment } from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { parseServerDate } from '../core/dates.js';
import { Paginated } from '../core/pagination.js';
import { optionalBoolean, optionalSignal, optionsObject } from '../core/validate.js';
import { checkArtifactName } from '../paths/artifact-paths.js';
import type { ProjectPath } from '../paths/paths.js';
import {
  fetchCollection,
  listTypeCollections,
  type ArtifactCollection,
  type ArtifactCollectionsOptions,
} from './collection.js';

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
