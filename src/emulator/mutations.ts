/**
 * The emulator's project and run writes (wandb-ops.md §6.2 `create_project`, §6.3 `create_run`,
 * §7.1 `update` / `delete`): the `upsertModel`, `upsertBucket` and `deleteRun` mutations.
 *
 * Input rules, the same for every mutation here:
 * - a field that is absent leaves the stored value as it is; an explicit `null` clears a text
 *   field (`notes`, `displayName`, `groupName`, ...) and empties `tags`, but leaves `state`,
 *   `config` and `summaryMetrics` unchanged (send `"{}"` to empty those);
 * - `config` and `summaryMetrics` are JSON objects in a string, bare `NaN` / `Infinity` /
 *   `-Infinity` allowed; `config` is stored in the server's `{ key: { value, desc } }` form
 *   (entries already in that form, `_wandb` included, are kept as sent), `summaryMetrics`
 *   replaces the whole summary;
 * - the viewer may only write to its own entity, its default entity or one of its teams;
 * - every check runs before anything is changed, so a rejected mutation changes nothing.
 *
 * @example
 * ```ts
 * const rootValue = { ...queries, ...writeMutations(store, new Views(store)) };
 * ```
 * @module
 */
import type { ProjectRecord } from './domains/projects/records.js';
import { RUN_ID_PATTERN, wrapConfig, type RunRecord } from './domains/runs/records.js';
import { checkWritable } from './domains/users/permissions.js';
import { inputOf, optionalString, type Args } from './graphql/arguments.js';
import { parseGlobalId } from './graphql/ids.js';
import { parseJsonString } from './graphql/json-string.js';
import type { View, Views } from './resolvers.js';
import type { EmulatorStore } from './store/store.js';
import { toTimestamp } from './store/time.js';

/** Names the emulator accepts for new projects (no path or URL separators). */
const PROJECT_NAME = /^[^/\\#?%:\s]+$/;

/** Whether the input has the field at all (`null` included). */
function has(input: Args, field: string): boolean {
  return Object.hasOwn(input, field) && input[field] !== undefined;
}

/** A string field: the string, `null` when explicitly null, `undefined` when absent. */
function text(input: Args, field: string): string | null | undefined {
  if (!has(input, field)) return undefined;
  const value = input[field];
  return typeof value === 'string' ? value : null;
}

/** A JSONString field that must hold a JSON object; `undefined` when absent or null. */
function jsonObject(input: Args, field: string, mutation: string): Record<string, unknown> | undefined {
  const value = text(input, field);
  if (value === undefined || value === null) return undefined;
  let parsed: unknown;
  try {
    parsed = parseJsonString(value);
  } catch (error) {
    throw new Error(`${mutation}: ${field} is not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${mutation}: ${field} must be a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

function now(): string {
  return toTimestamp(new Date());
}

/**
 * The write mutations over a store, as root-value fields: `upsertModel` (create or update a
 * project), `upsertBucket` (create or update a run, by `id` or by `entityName`/`modelName`/`name`)
 * and `deleteRun`. See the module description for the rules.
 *
 * @example
 * ```ts
 * const mutations = writeMutations(store, views);
 * typeof mutations.upsertBucket; // 'function'
 * ```
 */
export function writeMutations(store: EmulatorStore, views: Views): View {
  const projectOfRun = (run: RunRecord): ProjectRecord => {
    const project = store.projects.get(run.projectId);
    if (!project) throw new Error(`The project of run ${run.name} is missing from the store`);
    return project;
  };

  return {
    upsertModel: (args: Args) => {
      const m = 'upsertModel';
      const input = inputOf(args, m);
      if (has(input, 'id')) throw new Error('The emulator does not implement UpsertModelInput.id');
      const name = text(input, 'name');
      if (!name) throw new Error(`${m}: name is required`);
      if (!PROJECT_NAME.test(name)) {
        throw new Error(
          `${m}: invalid project name ${JSON.stringify(name)} (no /, \\, #, ?, %, : or spaces)`,
        );
      }
      const entityName = text(input, 'entityName') ?? store.viewer.entity;
      checkWritable(store, entityName, m);
      const description = text(input, 'description');
      const access = text(input, 'access');

      let project = store.findProject(entityName, name);
      const inserted = project === undefined;
      if (project) {
        if (description !== undefined) project.description = description;
        if (typeof access === 'string') project.access = access;
        project.updatedAt = now();
      } else {
        project = store.seedProject({
          entity: entityName,
          name,
          description: description ?? null,
          ...(typeof access === 'string' ? { access } : {}),
          user: store.viewer.username,
        }).record;
      }
      const view = views.project(project);
      return {
        project: view,
        model: view,
        entityName,
        inserted,
        clientMutationId: optionalString(input, 'clientMutationId'),
      };
    },

    upsertBucket: (args: Args) => {
      const m = 'upsertBucket';
      const input = inputOf(args, m);
      // Every check first: a rejected mutation changes nothing.
      const config = jsonObject(input, 'config', m);
      const summary = jsonObject(input, 'summaryMetrics', m);
      let tags: string[] | undefined;
      if (has(input, 'tags')) {
        const list = input.tags;
        if (list !== null && !(Array.isArray(list) && list.every((t) => typeof t === 'string'))) {
          throw new Error(`${m}: tags must be a list of strings`);
        }
        tags = list === null ? [] : [...(list as string[])];
      }
      const state = text(input, 'state');
      const entityInput = text(input, 'entityName');
      const projectInput = text(input, 'modelName');
      const nameInput = text(input, 'name');

      let run: RunRecord | undefined;
      let inserted = false;
      if (has(input, 'id')) {
        const id = parseGlobalId(input.id, 'Run');
        run = id === undefined ? undefined : store.runs.get(id);
        if (!run) throw new Error(`${m}: run ${JSON.stringify(input.id)} not found`);
        const project = projectOfRun(run);
        checkWritable(store, project.entityName, m);
        const moves =
          (nameInput != null && nameInput !== run.name) ||
          (projectInput != null && projectInput !== project.name) ||
          (entityInput != null && entityInput !== project.entityName);
        if (moves) {
          throw new Error(
            'The emulator does not implement renaming or moving a run (UpsertBucketInput.name, modelName or entityName with id)',
          );
        }
      } else {
        if (!nameInput) throw new Error(`${m}: name (the run id) is required when no id is given`);
        if (!RUN_ID_PATTERN.test(nameInput)) {
          throw new Error(
            `${m}: invalid run name ${JSON.stringify(nameInput)} (letters, digits, _ . - only)`,
          );
        }
        if (!projectInput) throw new Error(`${m}: modelName (the project) is required when no id is given`);
        if (!PROJECT_NAME.test(projectInput)) {
          throw new Error(`${m}: invalid project name ${JSON.stringify(projectInput)}`);
        }
        const entityName = entityInput ?? store.viewer.entity;
        checkWritable(store, entityName, m);
        const project = store.findProject(entityName, projectInput);
        run = project ? store.findRun(project.id, nameInput) : undefined;
        if (!run) {
          // A new run: authored by the viewer, empty config and summary, in a project created when missing.
          run = store.seedRun({
            entity: entityName,
            project: projectInput,
            id: nameInput,
            state: state ?? 'running',
            user: store.viewer.username,
            ...(typeof input.displayName === 'string' ? { displayName: input.displayName } : {}),
          }).record;
          inserted = true;
        }
      }

      const setText = (
        field: string,
        key: 'displayName' | 'notes' | 'description' | 'group' | 'jobType' | 'sweep' | 'commit' | 'host',
      ): void => {
        const value = text(input, field);
        if (value !== undefined) (run as RunRecord)[key] = value;
      };
      setText('displayName', 'displayName');
      setText('notes', 'notes');
      setText('description', 'description');
      setText('groupName', 'group');
      setText('jobType', 'jobType');
      setText('sweep', 'sweep');
      setText('commit', 'commit');
      setText('host', 'host');
      if (typeof state === 'string') run.state = state;
      if (tags !== undefined) run.tags = tags;
      if (config !== undefined) run.config = wrapConfig(config);
      if (summary !== undefined) run.summary = summary;
      run.updatedAt = now();

      return {
        bucket: views.run(run),
        inserted,
        updateAvailable: false,
        clientMutationId: optionalString(input, 'clientMutationId'),
      };
    },

    deleteRun: (args: Args) => {
      const m = 'deleteRun';
      const input = inputOf(args, m);
      const id = parseGlobalId(input.id, 'Run');
      const run = id === undefined ? undefined : store.runs.get(id);
      if (!run) throw new Error(`${m}: run ${JSON.stringify(input.id)} not found`);
      checkWritable(store, projectOfRun(run).entityName, m);
      // `deleteArtifacts` has nothing to act on: the emulator stores no artifacts.
      store.runs.delete(run.id);
      return { clientMutationId: optionalString(input, 'clientMutationId') };
    },
  };
}
