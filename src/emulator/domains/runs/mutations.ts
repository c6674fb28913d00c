/**
 * Run writes (wandb-ops.md §6.3 `create_run`, §7.1 `update` / `delete`): `upsertBucket` (create or
 * update a run, by `id` or by `entityName` / `modelName` / `name`; "bucket" is the legacy name of
 * a run) and `deleteRun`.
 *
 * Input rules, the same for every write:
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
 * import { runMutations } from './mutations.js';
 * ```
 * @module
 */
import { freezeHistoryExport } from '../history/parquet.js';
import { handles, type EmulatorResolvers } from '../../graphql/arguments.js';
import { parseGlobalId } from '../../graphql/ids.js';
import { has, text } from '../../graphql/input.js';
import { parseJsonString } from '../../graphql/json-string.js';
import type { UpsertBucketInput } from '../../generated/resolvers.js';
import type { EmulatorStore } from '../../store/store.js';
import { toTimestamp } from '../../store/time.js';
import type { ProjectRecord } from '../projects/records.js';
import { isProjectName } from '../projects/mutations.js';
import { checkWritable } from '../users/permissions.js';
import { RUN_ID_PATTERN, wrapConfig, type RunRecord } from './records.js';
import { seedRun } from './seed.js';

/** A JSONString field that must hold a JSON object; `undefined` when absent or null. */
function jsonObject(
  input: UpsertBucketInput,
  field: 'config' | 'summaryMetrics',
  mutation: string,
): Record<string, unknown> | undefined {
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

function projectOfRun(store: EmulatorStore, run: RunRecord): ProjectRecord {
  const project = store.projects.get(run.projectId);
  if (!project) throw new Error(`The project of run ${run.name} is missing from the store`);
  return project;
}

/** The text fields of `UpsertBucketInput` and the run fields they set. */
const TEXT_FIELDS = [
  ['displayName', 'displayName'],
  ['notes', 'notes'],
  ['description', 'description'],
  ['groupName', 'group'],
  ['jobType', 'jobType'],
  ['sweep', 'sweep'],
  ['commit', 'commit'],
  ['host', 'host'],
] as const satisfies readonly (readonly [keyof UpsertBucketInput, keyof RunRecord])[];

/** `upsertBucket`: see the module description for the rules. */
function upsertBucket(store: EmulatorStore, input: UpsertBucketInput) {
  const m = 'upsertBucket';
  // Every check first: a rejected mutation changes nothing.
  const config = jsonObject(input, 'config', m);
  const summary = jsonObject(input, 'summaryMetrics', m);
  let tags: string[] | undefined;
  if (has(input, 'tags')) {
    const list: unknown = input.tags;
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
    const project = projectOfRun(store, run);
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
      throw new Error(`${m}: invalid run name ${JSON.stringify(nameInput)} (letters, digits, _ . - only)`);
    }
    if (!projectInput) throw new Error(`${m}: modelName (the project) is required when no id is given`);
    if (!isProjectName(projectInput)) {
      throw new Error(`${m}: invalid project name ${JSON.stringify(projectInput)}`);
    }
    const entityName = entityInput ?? store.viewer.entity;
    checkWritable(store, entityName, m);
    const project = store.findProject(entityName, projectInput);
    run = project ? store.findRun(project.id, nameInput) : undefined;
    if (!run) {
      // A new run: authored by the viewer, empty config and summary, in a project created when missing.
      run = seedRun(store, {
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

  for (const [field, key] of TEXT_FIELDS) {
    const value = text(input, field);
    if (value !== undefined) run[key] = value;
  }
  if (typeof state === 'string') {
    if (state !== run.state) freezeHistoryExport(run); // what was exported stays so while it runs again
    run.state = state;
  }
  if (tags !== undefined) run.tags = tags;
  if (config !== undefined) run.config = wrapConfig(config);
  if (summary !== undefined) run.summary = summary;
  run.updatedAt = toTimestamp(store.now());

  return { bucket: run, inserted, updateAvailable: false, clientMutationId: input.clientMutationId ?? null };
}

/**
 * The run mutations and their payloads.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(projectMutations, runMutations);
 * ```
 */
export const runMutations: EmulatorResolvers = {
  Mutation: {
    upsertBucket: handles(['input'], (_root, { input }, { store }) => upsertBucket(store, input)),
    deleteRun: handles(['input'], (_root, { input }, { store }) => {
      const m = 'deleteRun';
      const id = parseGlobalId(input.id, 'Run');
      const run = id === undefined ? undefined : store.runs.get(id);
      if (!run) throw new Error(`${m}: run ${JSON.stringify(input.id)} not found`);
      checkWritable(store, projectOfRun(store, run).entityName, m);
      // `deleteArtifacts` has nothing to act on: the emulator stores no artifacts.
      store.runs.delete(run.id);
      return { clientMutationId: input.clientMutationId ?? null };
    }),
  },
  UpsertBucketPayload: {
    bucket: (payload) => payload.bucket ?? null,
    inserted: (payload) => payload.inserted ?? null,
    updateAvailable: (payload) => payload.updateAvailable ?? null,
    clientMutationId: (payload) => payload.clientMutationId ?? null,
  },
  DeleteRunPayload: {
    clientMutationId: (payload) => payload.clientMutationId ?? null,
  },
};
