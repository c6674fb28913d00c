/**
 * Seeding projects: `emu.seed.project`, and the project every other seed creates when missing.
 *
 * @example
 * ```ts
 * import { seedProject } from './seed.js';
 * seedProject(store, { entity: 'alice', name: 'vision' }).internalId; // 1
 * ```
 * @module
 */
import { globalId } from '../../graphql/ids.js';
import { stringifyJsonString } from '../../graphql/json-string.js';
import type { EmulatorStore } from '../../store/store.js';
import { toTimestamp } from '../../store/time.js';
import { ensureEntity, ensureUser } from '../users/seed.js';
import type { ProjectRecord, SeededProject, SeedProjectInput } from './records.js';

/**
 * Adds a project; its entity is created when missing. A project that already exists is returned as is.
 *
 * @example
 * ```ts
 * seedProject(store, { entity: 'alice', name: 'vision' });
 * ```
 */
export function seedProject(
  store: EmulatorStore,
  input: SeedProjectInput,
): SeededProject & { record: ProjectRecord } {
  if (!input.name) throw new Error('seed.project: name is required');
  const entityName = input.entity ?? store.viewer.entity;
  const entity = ensureEntity(store, entityName);
  const existing = store.findProject(entityName, input.name);
  if (existing) return { id: globalId('Project', existing.id), internalId: existing.id, record: existing };
  const createdAt = toTimestamp(input.createdAt ?? store.now());
  const owner = [...store.users.values()].find((u) => u.username === entityName);
  const record: ProjectRecord = {
    id: store.nextId('project'),
    entityName: entity.name,
    name: input.name,
    description: input.description ?? null,
    access: input.access ?? 'PRIVATE',
    views: input.views ? stringifyJsonString(input.views) : null,
    createdAt,
    updatedAt: createdAt,
    username: input.user ?? owner?.username ?? store.viewerUsername,
    allowAllArtifactTypesInRegistry: true,
    registryArtifactTypes: [],
  };
  if (input.user !== undefined) ensureUser(store, input.user);
  store.projects.set(record.id, record);
  return { id: globalId('Project', record.id), internalId: record.id, record };
}
