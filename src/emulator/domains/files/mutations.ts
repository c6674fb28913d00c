/**
 * Run file writes (wandb-ops.md §7.1 `upload_file`, §7.3 `delete`, §8.2):
 * - `createRunFiles(input: { entityName, projectName, runName, files })`: signed PUT URLs, one per
 *   name, and the `uploadHeaders` to send with them. The file exists once it is uploaded. For a
 *   run (or project) that does not exist, `runID` is empty and `files` too (clients treat an empty
 *   `runID` as an error).
 * - `markRunFilesUploaded(input: { entityName, projectName, runName, files })` (§7.1 step 3): with
 *   the feature {@link MARK_RUN_FILES_UPLOADED} on, registers the named uploads so they are listed
 *   and downloadable. All or nothing: when a name was neither uploaded nor is a file of the run
 *   already, it answers `success: false` and registers none; a name already registered (e.g. by an
 *   earlier call that is now retried) counts as done. With the feature off uploads need no
 *   registration: it answers `success: true` and changes nothing. A run (or project) that does not
 *   exist is a GraphQL error.
 * - `deleteFiles(input: { files: [ID], projectId })`: deletes the files (of that project, when
 *   `projectId` is given); an unknown id is an error and then nothing is deleted.
 *
 * Only the viewer's own entity, default entity or teams may be written to.
 *
 * @example
 * ```ts
 * import { fileMutations } from './mutations.js';
 * ```
 * @module
 */
import { handles, type EmulatorResolvers } from '../../graphql/arguments.js';
import { globalId, parseGlobalId } from '../../graphql/ids.js';
import type { EmulatorStore } from '../../store/store.js';
import type { RunRecord } from '../runs/records.js';
import { checkWritable } from '../users/permissions.js';
import { isStorableName, MARK_RUN_FILES_UPLOADED, type FileRecord, type FileView } from './records.js';
import { UPLOAD_HEADERS } from './resolvers.js';
import { putRunFile } from './seed.js';

/** The input shared by `createRunFiles` and `markRunFilesUploaded`. */
interface RunFilesInput {
  entityName: string;
  projectName: string;
  runName: string;
  files: string[];
}

/** Checks the file names of a {@link RunFilesInput} and the viewer's right to write there. */
function checkRunFilesInput(store: EmulatorStore, input: RunFilesInput, m: string): void {
  if (!input.files.every(isStorableName)) {
    throw new Error(`${m}: files must be a list of file names (not empty, ".", ".." nor containing NUL)`);
  }
  checkWritable(store, input.entityName, m);
}

function findRun(store: EmulatorStore, input: RunFilesInput): RunRecord | undefined {
  const project = store.findProject(input.entityName, input.projectName);
  return project ? store.findRun(project.id, input.runName) : undefined;
}

/**
 * The file mutations and their payloads.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(fileResolvers, fileMutations);
 * ```
 */
export const fileMutations: EmulatorResolvers = {
  Mutation: {
    createRunFiles: handles(['input'], (_root, { input }, { store }) => {
      checkRunFilesInput(store, input, 'createRunFiles');
      const clientMutationId = input.clientMutationId ?? null;
      const run = findRun(store, input);
      if (!run) return { runID: '', uploadHeaders: [], files: [], clientMutationId };
      return {
        runID: globalId('Run', run.id),
        uploadHeaders: [...UPLOAD_HEADERS],
        files: input.files.map((name): FileView => ({ kind: 'run', run, name, file: undefined })),
        clientMutationId,
      };
    }),

    markRunFilesUploaded: handles(['input'], (_root, { input }, { store }) => {
      const m = 'markRunFilesUploaded';
      checkRunFilesInput(store, input, m);
      const clientMutationId = input.clientMutationId ?? null;
      const run = findRun(store, input);
      if (!run)
        throw new Error(`${m}: run ${input.entityName}/${input.projectName}/${input.runName} not found`);
      if (store.features.get(MARK_RUN_FILES_UPLOADED) !== true) return { success: true, clientMutationId };
      if (!input.files.every((name) => run.pendingFiles.has(name) || run.files.has(name))) {
        return { success: false, clientMutationId };
      }
      for (const name of input.files) {
        const content = run.pendingFiles.get(name);
        if (content === undefined) continue;
        putRunFile(store, run, name, content);
        run.pendingFiles.delete(name);
      }
      return { success: true, clientMutationId };
    }),

    deleteFiles: handles(['input'], (_root, { input }, { store }) => {
      const m = 'deleteFiles';
      const projectId = input.projectId ?? null;
      const found: { run: RunRecord; file: FileRecord }[] = [];
      for (const id of input.files) {
        const fileId = parseGlobalId(id, 'File');
        let hit: { run: RunRecord; file: FileRecord } | undefined;
        if (fileId !== undefined) {
          for (const run of store.runs.values()) {
            if (projectId !== null && run.projectId !== projectId) continue;
            const file = [...run.files.values()].find((f) => f.id === fileId);
            if (file) hit = { run, file };
          }
        }
        if (!hit) {
          throw new Error(
            `${m}: file ${JSON.stringify(id)} not found${projectId === null ? '' : ` in project ${projectId}`}`,
          );
        }
        const project = store.projects.get(hit.run.projectId);
        if (project) checkWritable(store, project.entityName, m);
        found.push(hit);
      }
      for (const { run, file } of found) run.files.delete(file.name);
      return { success: true, clientMutationId: input.clientMutationId ?? null };
    }),
  },
  CreateRunFilesPayload: {
    runID: (payload) => payload.runID,
    uploadHeaders: (payload) => payload.uploadHeaders,
    files: (payload) => payload.files,
    clientMutationId: (payload) => payload.clientMutationId ?? null,
  },
  MarkRunFilesUploadedPayload: {
    success: (payload) => payload.success,
    clientMutationId: (payload) => payload.clientMutationId ?? null,
  },
  DeleteFilesPayload: {
    success: (payload) => payload.success,
    clientMutationId: (payload) => payload.clientMutationId ?? null,
  },
};
