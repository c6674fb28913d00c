/**
 * Registries as the store keeps them: a registry is a project of an organization's org entity
 * named `wandb-registry-<name>` (its visibility is the project's `access`, its allowed artifact
 * types the project's `allowAllArtifactTypesInRegistry` / `registryArtifactTypes`); plus the seed
 * input and result, and the naming rules both the seed and the writes apply.
 *
 * @example
 * ```ts
 * import { REGISTRY_PREFIX, isRegistryProjectName } from './records.js';
 * isRegistryProjectName(`${REGISTRY_PREFIX}models`); // true
 * ```
 * @module
 */
import type { ProjectRecord } from '../projects/records.js';
import type { SeedRegistryMember } from './member-records.js';

/**
 * The prefix of a registry's project name.
 *
 * @example
 * ```ts
 * `${REGISTRY_PREFIX}models`; // 'wandb-registry-models'
 * ```
 */
export const REGISTRY_PREFIX = 'wandb-registry-';

/**
 * Whether a project name is a registry's: the prefix followed by a non-empty name.
 *
 * @example
 * ```ts
 * isRegistryProjectName('wandb-registry-models'); // true
 * isRegistryProjectName('wandb-registry-'); // false
 * ```
 */
export function isRegistryProjectName(name: string): boolean {
  return name.startsWith(REGISTRY_PREFIX) && name.length > REGISTRY_PREFIX.length;
}

/**
 * Whether a project is a registry: a registry project name (the org entity is checked where it matters).
 *
 * @example
 * ```ts
 * isRegistry(store.findProject('acme-org', 'wandb-registry-models')!); // true
 * ```
 */
export function isRegistry(project: ProjectRecord): boolean {
  return isRegistryProjectName(project.name);
}

/** A registry's visibility as the official client names it. */
export type RegistryVisibility = 'organization' | 'restricted';

/**
 * `Project.access` of a visibility: `organization` ↔ `PRIVATE`, `restricted` ↔ `RESTRICTED`.
 *
 * @example
 * ```ts
 * accessOfVisibility('restricted'); // 'RESTRICTED'
 * ```
 */
export function accessOfVisibility(visibility: RegistryVisibility): string {
  return visibility === 'restricted' ? 'RESTRICTED' : 'PRIVATE';
}

/** Artifact type names a registry may allow (`ArtifactTypeInput.name`): no `/` or `:`, at most 128 characters. */
const ARTIFACT_TYPE_NAME = /^[-\p{L}\p{N}_]+([ ]*[-.\p{L}\p{N}_]+)*$/u;

/**
 * Whether `name` is an artifact type name a registry may allow.
 *
 * @example
 * ```ts
 * isRegistryArtifactType('model'); // true
 * isRegistryArtifactType('a/b'); // false
 * ```
 */
export function isRegistryArtifactType(name: string): boolean {
  return name.length <= 128 && ARTIFACT_TYPE_NAME.test(name);
}

/**
 * A registry to add with `emu.seed.registry`.
 *
 * @example
 * ```ts
 * emu.seed.registry({ organization: 'acme', name: 'models', visibility: 'restricted', artifactTypes: ['model'], description: 'Production models' });
 * emu.seed.registry({ organization: 'acme', name: 'datasets', createdBy: 'bob', members: [{ username: 'alice', role: 'member' }, { team: 'vision-team' }] });
 * ```
 */
export interface SeedRegistryInput {
  /** The organization's display name (`emu.seed.organization({ name })`). */
  organization: string;
  /** The registry's name, without the `wandb-registry-` prefix (a name that has it is taken as is). */
  name: string;
  /** `organization` (project access `PRIVATE`) or `restricted` (`RESTRICTED`). Default `organization`. */
  visibility?: RegistryVisibility;
  /** The artifact types it allows; none (the default) allows every type. */
  artifactTypes?: string[];
  /** Description. Default `null`. */
  description?: string | null;
  /** Creation time. Default now (on the emulator clock). */
  createdAt?: Date | string;
  /**
   * Username of its creator, its first member (an `admin`), a member of the organization.
   * Default the viewer (a member or not).
   */
  createdBy?: string;
  /**
   * More members: users of the organization (`{ username, role }`) and teams of it
   * (`{ team, role }`); the role defaults to `viewer` (`admin` for an admin of the
   * organization). Giving the creator sets its role. Default none.
   */
  members?: SeedRegistryMember[];
}

/**
 * What `emu.seed.registry` answers.
 *
 * @example
 * ```ts
 * const { id, name, fullName } = emu.seed.registry({ organization: 'acme', name: 'models' });
 * // name 'models', fullName 'wandb-registry-models', id the project's global id
 * ```
 */
export interface SeededRegistry {
  /** The registry project's global id (`Project.id`; the automation `scopeID` of a registry). */
  id: string;
  /** The name without the prefix. */
  name: string;
  /** The project name, `wandb-registry-<name>`. */
  fullName: string;
}
