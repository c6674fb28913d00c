/**
 * Seeding registries: `emu.seed.registry`.
 *
 * @example
 * ```ts
 * import { seedRegistry } from './seed.js';
 * seedRegistry(store, { organization: 'acme', name: 'models' }).fullName; // 'wandb-registry-models'
 * ```
 * @module
 */
import type { EmulatorStore } from '../../store/store.js';
import { seedProject } from '../projects/seed.js';
import { isProjectName } from '../projects/mutations.js';
import { checkSeedMembers, seedRegistryMembers } from './members.js';
import { saveRegistryTypes } from './resolvers.js';
import {
  accessOfVisibility,
  isRegistryArtifactType,
  REGISTRY_PREFIX,
  type SeededRegistry,
  type SeedRegistryInput,
} from './records.js';

/**
 * Adds a registry: the project `wandb-registry-<name>` of the organization's org entity, with
 * its visibility, description, allowed artifact types (none given: every type), its creator (an
 * `admin`) and other members. Throws when the organization is unknown, the name or a type is
 * invalid, the registry exists, or a member is not of the organization.
 *
 * @example
 * ```ts
 * seedRegistry(store, { organization: 'acme', name: 'models', artifactTypes: ['model'] });
 * ```
 */
export function seedRegistry(store: EmulatorStore, input: SeedRegistryInput): SeededRegistry {
  const m = 'seed.registry';
  const org = store.organizations.get(input.organization);
  if (!org) throw new Error(`${m}: unknown organization ${JSON.stringify(input.organization)}`);
  const fullName = input.name.startsWith(REGISTRY_PREFIX) ? input.name : `${REGISTRY_PREFIX}${input.name}`;
  const name = fullName.slice(REGISTRY_PREFIX.length);
  if (name === '' || !isProjectName(fullName)) {
    throw new Error(`${m}: invalid registry name ${JSON.stringify(input.name)}`);
  }
  const visibility = input.visibility ?? 'organization';
  if (visibility !== 'organization' && visibility !== 'restricted') {
    throw new Error(
      `${m}: visibility must be 'organization' or 'restricted', got ${JSON.stringify(visibility)}`,
    );
  }
  const types = [...new Set(input.artifactTypes ?? [])];
  for (const type of types) {
    if (!isRegistryArtifactType(type)) throw new Error(`${m}: invalid artifact type ${JSON.stringify(type)}`);
  }
  const creator = input.createdBy ?? store.viewer.username;
  if (input.createdBy !== undefined && !org.members.includes(creator)) {
    throw new Error(`${m}: createdBy ${creator} is not a member of organization ${org.name}`);
  }
  const members = checkSeedMembers(store, org, input.members ?? [], m);
  if (store.findProject(org.orgEntity, fullName)) {
    throw new Error(`${m}: registry ${name} already exists in organization ${org.name}`);
  }
  const { id, record } = seedProject(store, {
    entity: org.orgEntity,
    name: fullName,
    description: input.description ?? null,
    access: accessOfVisibility(visibility),
    user: creator,
    ...(input.createdAt !== undefined ? { createdAt: input.createdAt } : {}),
  });
  record.allowAllArtifactTypesInRegistry = types.length === 0;
  saveRegistryTypes(store, record, types);
  seedRegistryMembers(store, record, members);
  return { id, name, fullName };
}
