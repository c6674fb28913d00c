/**
 * Project writes (wandb-ops.md §6.2 `create_project`): `upsertModel`, which creates a project or
 * updates its description, access and `views` (JSON text; other input fields are ignored) ("model"
 * is the legacy name of a project), and for registries (notes W1, W2) its
 * `allowAllArtifactTypesInRegistry` and `artifactTypes` (added, never removed).
 *
 * The input rules of every write (see also the runs domain): a field that is absent leaves the
 * stored value as it is, an explicit `null` clears a text field; the viewer may only write to its
 * own entity, its default entity or one of its teams, and an existing registry only as an admin of
 * it or of its organization; every check runs before anything changes.
 *
 * @example
 * ```ts
 * import { projectMutations } from './mutations.js';
 * ```
 * @module
 */
import { handles, type EmulatorResolvers } from '../../graphql/arguments.js';
import { has, text } from '../../graphql/input.js';
import { parseJsonString } from '../../graphql/json-string.js';
import { toTimestamp } from '../../store/time.js';
import { checkCanChangeRegistry } from '../registries/members.js';
import { isRegistryArtifactType } from '../registries/records.js';
import { saveRegistryTypes } from '../registries/resolvers.js';
import { checkWritable } from '../users/permissions.js';
import { seedProject } from './seed.js';

/** Names the emulator accepts for new projects, as W&B: 1 to 128 characters, none of / \ # ? % : or a control character. */
const PROJECT_NAME = /^[^/\\#?%:\p{Cc}]{1,128}$/u;

/**
 * Whether a project name is one the emulator accepts for a new project.
 *
 * @example
 * ```ts
 * isProjectName('vision'); // true
 * isProjectName('a/b'); // false
 * ```
 */
export function isProjectName(name: string): boolean {
  return PROJECT_NAME.test(name);
}

/**
 * The project mutations and their payload.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(projectMutations, runMutations);
 * ```
 */
export const projectMutations: EmulatorResolvers = {
  Mutation: {
    upsertModel: handles(['input'], (_root, { input }, { store }) => {
      const m = 'upsertModel';
      if (has(input, 'id')) throw new Error('The emulator does not implement UpsertModelInput.id');
      const name = text(input, 'name');
      if (!name) throw new Error(`${m}: name is required`);
      if (!isProjectName(name)) {
        throw new Error(
          `${m}: invalid project name ${JSON.stringify(name)} (1 to 128 characters, no /, \\, #, ?, %, : or control characters)`,
        );
      }
      const entityName = text(input, 'entityName') ?? store.viewer.entity;
      checkWritable(store, entityName, m);
      const description = text(input, 'description');
      const access = text(input, 'access');
      const views = text(input, 'views');
      if (typeof views === 'string') {
        try {
          parseJsonString(views);
        } catch (error) {
          throw new Error(`${m}: views is not valid JSON (${(error as Error).message})`);
        }
      }

      const allowAll = input.allowAllArtifactTypesInRegistry;
      const types = (input.artifactTypes ?? []).map((t) => t.name);
      for (const type of types) {
        if (!isRegistryArtifactType(type)) {
          throw new Error(
            `${m}: invalid artifact type name ${JSON.stringify(type)} (at most 128 characters, no / or :)`,
          );
        }
      }

      let project = store.findProject(entityName, name);
      if (project) checkCanChangeRegistry(store, project, m);
      const inserted = project === undefined;
      if (project) {
        if (description !== undefined) project.description = description;
        if (typeof access === 'string') project.access = access;
        if (views !== undefined) project.views = views;
        project.updatedAt = toTimestamp(store.now());
      } else {
        project = seedProject(store, {
          entity: entityName,
          name,
          description: description ?? null,
          ...(typeof access === 'string' ? { access } : {}),
          user: store.viewer.username,
        }).record;
        project.views = views ?? null;
      }
      if (typeof allowAll === 'boolean') project.allowAllArtifactTypesInRegistry = allowAll;
      saveRegistryTypes(store, project, types);
      return {
        project,
        model: project,
        entityName,
        inserted,
        clientMutationId: input.clientMutationId ?? null,
      };
    }),
  },
  UpsertModelPayload: {
    project: (payload) => payload.project ?? null,
    model: (payload) => payload.model ?? null,
    entityName: (payload) => payload.entityName ?? null,
    inserted: (payload) => payload.inserted ?? null,
    clientMutationId: (payload) => payload.clientMutationId ?? null,
  },
};
