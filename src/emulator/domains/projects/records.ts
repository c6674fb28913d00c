/**
 * Projects as the store keeps them, and the seed input that makes one.
 *
 * @example
 * ```ts
 * import type { ProjectRecord } from './records.js';
 * const project: ProjectRecord | undefined = store.findProject('alice', 'vision');
 * ```
 * @module
 */

/**
 * A stored project.
 *
 * @example
 * ```ts
 * store.findProject('alice', 'vision')?.description;
 * ```
 */
export interface ProjectRecord {
  /** Integer storage id (global id `Project:<id>`). */
  id: number;
  /** Name of the entity (user or team) that owns the project. */
  entityName: string;
  /** The project name, unique within its entity. */
  name: string;
  /** The description (`null` for none). */
  description: string | null;
  /** Who may see it as the server says it (`PRIVATE`, `PUBLIC`, ...); `null` when unknown. */
  access: string | null;
  /**
   * `Project.views` (`JSONString`): the project's saved-views blob as JSON text, `null` when none
   * was set (by `seed.project({ views })` or `upsertModel(input: { views })`).
   */
  views: string | null;
  /** Creation time, an ISO 8601 timestamp in whole seconds (`2024-01-02T03:04:05Z`). */
  createdAt: string;
  /** Last update, the same format. */
  updatedAt: string;
  /** Username of the creator, if known. */
  username: string | null;
  /**
   * `Project.allowAllArtifactTypesInRegistry`: whether a registry (a `wandb-registry-*` project)
   * takes artifacts of every type. `true` for every other project.
   */
  allowAllArtifactTypesInRegistry: boolean;
  /**
   * The artifact types saved for a registry (`UpsertModelInput.artifactTypes`, add-only), in the
   * order they were added: the allowed ones when `allowAllArtifactTypesInRegistry` is false.
   */
  registryArtifactTypes: string[];
}

/**
 * A project to add with `emu.seed.project`.
 *
 * @example
 * ```ts
 * emu.seed.project({ entity: 'alice', name: 'vision', description: 'Image models' });
 * ```
 */
export interface SeedProjectInput {
  /** Owning entity (created as a team entity when missing and not a user's). Default the viewer's entity. */
  entity?: string;
  /** Project name, unique within the entity. */
  name: string;
  /** Description. Default `null`. */
  description?: string | null;
  /** Access level as W&B reports it. Default `'PRIVATE'`. */
  access?: string;
  /** `Project.views`, stored as JSON text. Default `null`. */
  views?: Record<string, unknown> | null;
  /** Creation time. Default now (on the emulator clock). */
  createdAt?: Date | string;
  /** Username of the creator. Default the owner of a personal entity, else the viewer. */
  user?: string;
}

/**
 * The result of `emu.seed.project`.
 *
 * @example
 * ```ts
 * const { id, internalId } = emu.seed.project({ name: 'vision' }); // id: base64 'Project:<internalId>'
 * ```
 */
export interface SeededProject {
  /** The global id (`Project.id`). */
  id: string;
  /** The integer id (what `Run.projectId` reports). */
  internalId: number;
}
