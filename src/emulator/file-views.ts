// Interim: the GraphQL side of run files, until the domains get typed resolvers.
import type { FileRecord } from './domains/files/records.js';
import { isStorableName } from './domains/files/records.js';
import { MARK_RUN_FILES_UPLOADED } from './domains/files/records.js';
import { likeMatcher } from './domains/files/like.js';
import type { RunRecord } from './domains/runs/records.js';
import { checkWritable } from './domains/users/permissions.js';
import { inputOf, optionalNumber, optionalString, type Args } from './graphql/arguments.js';
import { connectionOf, paginate, type PageArgs } from './graphql/connections.js';
import { globalId, parseGlobalId } from './graphql/ids.js';
import { StorageSigner, UPLOAD_CONTENT_TYPE } from './http/storage.js';
import type { View } from './resolvers.js';
import type { EmulatorStore } from './store/store.js';

/**
 * What the GraphQL resolvers need to sign URLs, taken from the execution context: the signer and
 * the origin the client reached the server at (from its `Host` header).
 */
interface StorageContext {
  signer: StorageSigner;
  origin: string;
}

/** Reads the {@link StorageContext} from a GraphQL context value (`{ store, storage, origin }`). */
function storageContext(context: unknown): StorageContext {
  const c = context as { storage?: unknown; origin?: unknown } | null;
  if (!(c?.storage instanceof StorageSigner) || typeof c.origin !== 'string') {
    throw new Error('Emulator misconfigured: no storage signer in the GraphQL context');
  }
  return { signer: c.storage, origin: c.origin };
}

/** A `File` view of a stored run file. */
function fileView(run: RunRecord, file: FileRecord, ctx: StorageContext): View {
  const get = (): string => ctx.signer.sign('GET', run.id, file.name, ctx.origin);
  return {
    id: globalId('File', file.id),
    name: file.name,
    displayName: file.name,
    createdAt: file.createdAt,
    updatedAt: file.updatedAt,
    mimetype: file.mimetype,
    sizeBytes: file.content.byteLength,
    md5: file.md5,
    digest: file.md5,
    // The W&B-hosted URL; here a signed URL like directUrl (or a signed upload URL with `upload: true`).
    url: (args: Args) =>
      args.upload === true ? ctx.signer.sign('PUT', run.id, file.name, ctx.origin) : get(),
    directUrl: get,
    uploadUrl: null,
    uploadHeaders: [],
  };
}

/**
 * `Run.files(names, pattern, after, first)`: the run's files ordered by name, only `names` when a
 * non-empty list is given, only the names matching `pattern` (SQL `LIKE`, see {@link likeMatcher})
 * when one is given; both apply when both are given (clients send one or the other). Pages run
 * over the selected files. (The caller rejects the arguments the emulator does not implement.)
 *
 * @example
 * ```ts
 * runFilesConnection(run, { names: ['a.txt'], page: { first: 10 } }, context).edges;
 * runFilesConnection(run, { names: null, pattern: '%.json', page: { first: 10 } }, context).edges;
 * ```
 */
export function runFilesConnection(
  run: RunRecord,
  args: { names: unknown; pattern?: unknown; page: PageArgs },
  context: unknown,
): View {
  const ctx = storageContext(context);
  const wanted = Array.isArray(args.names) && args.names.length > 0 ? new Set(args.names) : null;
  const matches = typeof args.pattern === 'string' ? likeMatcher(args.pattern) : null;
  const files = [...run.files.values()].filter(
    (f) => (wanted === null || wanted.has(f.name)) && (matches === null || matches(f.name)),
  );
  const page = paginate(
    files,
    (f) => ({ missing: false, value: f.name, createdAt: '', id: f.id }),
    '+name',
    1,
    args.page,
    'Run.files',
  );
  return { uploadHeaders: [], ...connectionOf(page, (file) => fileView(run, file, ctx)) };
}

/** The input shared by `createRunFiles` and `markRunFilesUploaded`, checked. */
interface RunFilesInput {
  entityName: string;
  projectName: string;
  runName: string;
  files: string[];
  clientMutationId: string | null;
}

/** Reads and checks a {@link RunFilesInput}; throws `<mutation>: ...` for a bad one. */
function runFilesInput(args: Args, m: string): RunFilesInput {
  const input = inputOf(args, m);
  const { entityName, projectName, runName, files } = input;
  if (typeof entityName !== 'string' || typeof projectName !== 'string' || typeof runName !== 'string') {
    throw new Error(`${m}: entityName, projectName and runName are required`);
  }
  if (!Array.isArray(files) || !files.every(isStorableName)) {
    throw new Error(`${m}: files must be a list of file names (not empty, ".", ".." nor containing NUL)`);
  }
  return {
    entityName,
    projectName,
    runName,
    files,
    clientMutationId: optionalString(input, 'clientMutationId'),
  };
}

/**
 * The run file mutations, as root-value fields:
 * - `createRunFiles(input: { entityName, projectName, runName, files })`: signed PUT URLs, one per
 *   name, and the `uploadHeaders` to send with them. The file exists once it is uploaded. For a
 *   run (or project) that does not exist, `runID` is empty and `files` too (clients treat an empty
 *   `runID` as an error).
 * - `markRunFilesUploaded(input: { entityName, projectName, runName, files })` (wandb-ops.md §7.1
 *   step 3): with the feature {@link MARK_RUN_FILES_UPLOADED} on, registers the named uploads so
 *   they are listed and downloadable. All or nothing: when a name was neither uploaded nor is a
 *   file of the run already, it answers `success: false` and registers none; a name already
 *   registered (e.g. by an earlier call that is now retried) counts as done. With the feature off
 *   uploads need no registration: it answers `success: true` and changes nothing. A run (or
 *   project) that does not exist is a GraphQL error.
 * - `deleteFiles(input: { files: [ID], projectId })`: deletes the files (of that project, when
 *   `projectId` is given); an unknown id is an error and then nothing is deleted.
 *
 * Only the viewer's own entity, default entity or teams may be written to.
 *
 * @example
 * ```ts
 * const rootValue = { ...queries, ...fileMutations(store) };
 * ```
 */
export function fileMutations(store: EmulatorStore): View {
  return {
    createRunFiles: (args: Args, context: unknown) => {
      const m = 'createRunFiles';
      const { entityName, projectName, runName, files, clientMutationId } = runFilesInput(args, m);
      checkWritable(store, entityName, m);
      const project = store.findProject(entityName, projectName);
      const run = project ? store.findRun(project.id, runName) : undefined;
      if (!run) return { runID: '', uploadHeaders: [], files: [], clientMutationId };
      const ctx = storageContext(context);
      const uploadHeaders = [`Content-Type:${UPLOAD_CONTENT_TYPE}`];
      return {
        runID: globalId('Run', run.id),
        uploadHeaders,
        files: files.map((name) => ({
          name,
          displayName: name,
          uploadUrl: ctx.signer.sign('PUT', run.id, name, ctx.origin),
          uploadHeaders,
        })),
        clientMutationId,
      };
    },

    markRunFilesUploaded: (args: Args) => {
      const m = 'markRunFilesUploaded';
      const { entityName, projectName, runName, files, clientMutationId } = runFilesInput(args, m);
      checkWritable(store, entityName, m);
      const project = store.findProject(entityName, projectName);
      const run = project ? store.findRun(project.id, runName) : undefined;
      if (!run) throw new Error(`${m}: run ${entityName}/${projectName}/${runName} not found`);
      if (store.features.get(MARK_RUN_FILES_UPLOADED) !== true) return { success: true, clientMutationId };
      if (!files.every((name) => run.pendingFiles.has(name) || run.files.has(name))) {
        return { success: false, clientMutationId };
      }
      for (const name of files) {
        const content = run.pendingFiles.get(name);
        if (content === undefined) continue;
        store.putRunFile(run, name, content);
        run.pendingFiles.delete(name);
      }
      return { success: true, clientMutationId };
    },

    deleteFiles: (args: Args) => {
      const m = 'deleteFiles';
      const input = inputOf(args, m);
      const ids = input.files;
      const projectId = optionalNumber(input, 'projectId');
      if (!Array.isArray(ids)) throw new Error(`${m}: files must be a list of file ids`);
      const found: { run: RunRecord; file: FileRecord }[] = [];
      for (const id of ids) {
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
      return {
        success: true,
        clientMutationId: optionalString(input, 'clientMutationId'),
      };
    },
  };
}
