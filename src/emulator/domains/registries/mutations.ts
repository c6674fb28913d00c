/**
 * Registry writes besides `upsertModel` (which the projects domain answers, registry fields
 * included; notes W1–W3): `renameProject` (renames a project; `inserted` false) and
 * `deleteModel(id)` (removes a project with its collections: their memberships and aliases go,
 * the versions born in it are marked DELETED, the automations scoped to it or its collections
 * are deleted, and so are its registry members). Only the viewer's own entity, default entity or teams may be written to,
 * and a registry only by an admin of it or of its organization (`checkCanChangeRegistry`).
 *
 * @example
 * ```ts
 * import { registryMutations } from './mutations.js';
 * ```
 * @module
 */
import { handles, type EmulatorResolvers } from '../../graphql/arguments.js';
import { parseGlobalId } from '../../graphql/ids.js';
import type { EmulatorStore } from '../../store/store.js';
import { toTimestamp } from '../../store/time.js';
import { collectionsOf } from '../artifacts/model.js';
import { isProjectName } from '../projects/mutations.js';
import type { ProjectRecord } from '../projects/records.js';
import { checkWritable } from '../users/permissions.js';
import { checkCanChangeRegistry } from './members.js';

/**
 * Removes a project and what lives in it (see the module description).
 *
 * @example
 * ```ts
 * deleteProject(store, project);
 * ```
 */
export function deleteProject(store: EmulatorStore, project: ProjectRecord): void {
  const data = store.artifacts;
  const collections = collectionsOf(store, project.id);
  const ids = new Set(collections.map((c) => c.id));
  const deletedAt = toTimestamp(store.now());
  for (const collection of collections) {
    collection.state = 'DELETED';
    collection.updatedAt = deletedAt;
  }
  for (const [id, membership] of data.memberships)
    if (ids.has(membership.collectionId)) data.memberships.delete(id);
  for (const [id, alias] of data.aliases) if (ids.has(alias.collectionId)) data.aliases.delete(id);
  for (const artifact of data.artifacts.values()) {
    if (ids.has(artifact.sequenceId)) {
      artifact.state = 'DELETED';
      artifact.updatedAt = deletedAt;
    }
  }
  for (const [id, trigger] of store.automations.triggers) {
    const scoped =
      (trigger.scopeType === 'PROJECT' && trigger.scopeId === project.id) ||
      (trigger.scopeType === 'ARTIFACT_COLLECTION' && ids.has(trigger.scopeId));
    if (scoped) store.automations.triggers.delete(id);
  }
  store.registryMembers.delete(project.id);
  store.projects.delete(project.id);
}

/**
 * The registry mutations.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(projectMutations, registryMutations);
 * ```
 */
export const registryMutations: EmulatorResolvers = {
  Mutation: {
    renameProject: handles(['input'], (_root, { input }, { store }) => {
      const m = 'renameProject';
      checkWritable(store, input.entityName, m);
      const project = store.findProject(input.entityName, input.oldProjectName);
      if (!project) throw new Error(`${m}: project ${input.entityName}/${input.oldProjectName} not found`);
      checkCanChangeRegistry(store, project, m);
      const name = input.newProjectName;
      if (!isProjectName(name)) {
        throw new Error(
          `${m}: invalid project name ${JSON.stringify(name)} (1 to 128 characters, no /, \\, #, ?, %, : or control characters)`,
        );
      }
      const other = store.findProject(input.entityName, name);
      if (other && other !== project)
        throw new Error(`${m}: project ${input.entityName}/${name} already exists`);
      project.name = name;
      project.updatedAt = toTimestamp(store.now());
      return {
        project,
        model: project,
        entityName: project.entityName,
        inserted: false,
        clientMutationId: input.clientMutationId ?? null,
      };
    }),
    deleteModel: handles(['input'], (_root, { input }, { store }) => {
      const m = 'deleteModel';
      const id = parseGlobalId(input.id, 'Project');
      const project = id === undefined ? undefined : store.projects.get(id);
      if (!project) throw new Error(`${m}: project ${JSON.stringify(input.id)} not found`);
      checkWritable(store, project.entityName, m);
      checkCanChangeRegistry(store, project, m, JSON.stringify(input.id));
      deleteProject(store, project);
      return { success: true, clientMutationId: input.clientMutationId ?? null };
    }),
  },
  DeleteModelPayload: {
    success: (payload) => payload.success ?? null,
    clientMutationId: (payload) => payload.clientMutationId ?? null,
  },
};
