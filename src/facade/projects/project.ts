/**
 * W&B projects: {@link Project}, built from the `ProjectFields` fragment. The functions that
 * list, get and create projects are in `projects.ts`.
 *
 * @example
 * ```ts
 * const project = await api.project('vision', 'acme');
 * console.log(project.url, await project.runs().totalCount());
 * ```
 * @module
 */
import type { ArtifactType } from '../artifacts/artifact-type.js';
import type { ArtifactCollection, ArtifactCollectionsOptions } from '../artifacts/collection.js';
import type { ProjectFieldsFragment } from '../../generated/graphql.js';
import type { FacadeContext } from '../core/context.js';
import { parseServerDate } from '../core/dates.js';
import type { ListOptions, Paginated } from '../core/pagination.js';
import { projectUrl } from '../paths/urls.js';
import type { Runs, RunsOptions } from '../runs/runs.js';
import type { Sweep } from '../sweeps/sweep.js';
import type { SweepsOptions } from '../sweeps/sweeps.js';

/**
 * A W&B project: a namespace of runs inside an entity. Get one with {@link Api.project} or
 * iterate {@link Api.projects}.
 *
 * @example
 * ```ts
 * const project = await api.project('vision', 'acme');
 * console.log(project.url, await project.runs().totalCount());
 * ```
 */
export class Project {
  /** GraphQL node id. */
  readonly id: string;
  /** Project name. */
  readonly name: string;
  /** Entity (user or team) that owns the project. */
  readonly entity: string;
  /** Description, or `undefined`. */
  readonly description: string | undefined;
  /** When the project was created. */
  readonly createdAt: Date | undefined;
  /** Whether this is a legacy benchmark project. */
  readonly isBenchmark: boolean;
  /** Whether the caller may only read this project. */
  readonly readOnly: boolean;

  #ctx: FacadeContext;

  /** @internal Projects are made by {@link Api.project}, {@link Api.projects} and {@link Api.createProject}. */
  constructor(ctx: FacadeContext, data: ProjectFieldsFragment) {
    this.#ctx = ctx;
    this.id = data.id;
    this.name = data.name;
    this.entity = data.entityName;
    this.description = data.description ?? undefined;
    this.createdAt = parseServerDate(data.createdAt);
    this.isBenchmark = data.isBenchmark;
    this.readOnly = data.readOnly ?? false;
  }

  /**
   * `[entity, name]`.
   *
   * @example
   * ```ts
   * const [entity, name] = project.path;
   * ```
   */
  get path(): [string, string] {
    return [this.entity, this.name];
  }

  /**
   * The project's workspace in the W&B app.
   *
   * @example
   * ```ts
   * console.log(project.url); // 'https://wandb.ai/acme/vision/workspace'
   * ```
   */
  get url(): string {
    return projectUrl(this.#ctx.appUrl, this.entity, this.name);
  }

  /**
   * The project's runs; the same options as {@link Api.runs}.
   *
   * @example
   * ```ts
   * const finished = project.runs({ filters: { state: 'finished' }, order: '-summary_metrics.accuracy' });
   * console.log(await finished.totalCount());
   * ```
   */
  runs(options: RunsOptions = {}): Runs {
    return this.#ctx.projectRuns({ entity: this.entity, project: this.name }, options);
  }

  /**
   * The project's sweeps, 50 per request by default, oldest first; `totalCount()` is the
   * project's `totalSweeps`. With `filters` (a Mongo-style `SweepFilter`), only the sweeps
   * it selects, filtered on the server: that needs the server feature `SWEEPS_QUERY_FILTERING`
   * (else the listing rejects with `UnsupportedError`), and `totalCount()` is then unavailable.
   * Throws {@link ValidationError} for bad options, before any request.
   *
   * @example
   * ```ts
   * const sweeps = project.sweeps();
   * console.log(`${await sweeps.totalCount()} sweeps`);
   * for await (const sweep of sweeps) console.log(sweep.id, sweep.name, sweep.state, sweep.bestLoss);
   * const running = await project.sweeps({ filters: { state: 'RUNNING' } }).toArray();
   * ```
   */
  sweeps(options: SweepsOptions = {}): Paginated<Sweep> {
    return this.#ctx.projectSweeps({ entity: this.entity, project: this.name }, options);
  }

  /**
   * A plain-object form, for logging and JSON.
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(project, null, 2));
   * ```
   */
  toJSON(): Record<string, unknown> {
    const { id, name, entity, description, createdAt, isBenchmark, readOnly, url } = this;
    return { id, name, entity, description, createdAt, isBenchmark, readOnly, url };
  }

  /**
   * The project's artifact types, 50 per request by default (no total).
   *
   * @example
   * ```ts
   * for await (const type of project.artifactTypes()) console.log(type.name);
   * ```
   */
  artifactTypes(options: ListOptions = {}): Paginated<ArtifactType> {
    return this.#ctx.projectArtifactTypes({ entity: this.entity, project: this.name }, options);
  }

  /**
   * The Python client's name for {@link Project.artifactTypes} (`artifacts_types`).
   *
   * @deprecated Use {@link Project.artifactTypes}.
   * @example
   * ```ts
   * for await (const type of project.artifactsTypes()) console.log(type.name);
   * ```
   */
  artifactsTypes(options: ListOptions = {}): Paginated<ArtifactType> {
    return this.artifactTypes(options);
  }

  /**
   * Every artifact collection of the project, all types, 50 per request by default. On servers
   * with the feature `ARTIFACT_COLLECTIONS_FILTERING_SORTING` it takes `filters` and `order` and
   * has a `totalCount()`; elsewhere there is no total, and `filters` or `order` reject with
   * `UnsupportedError` before any listing request.
   *
   * @example
   * ```ts
   * const collections = project.collections({ filters: { name: { $regex: '^mnist' } }, order: '-createdAt' });
   * for await (const c of collections) console.log(c.type, c.name);
   * ```
   */
  collections(options: ArtifactCollectionsOptions = {}): Paginated<ArtifactCollection> {
    return this.#ctx.projectCollections({ entity: this.entity, project: this.name }, options);
  }
}
