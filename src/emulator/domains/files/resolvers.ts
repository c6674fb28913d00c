/**
 * Run files over GraphQL (wandb-ops.md §7.1, §7.3): the `Run` fields `files` and `fileCount`,
 * and `File`, whose URLs are signed storage URLs (served by `http/storage.ts`; they need their
 * signature, not the API key).
 *
 * @example
 * ```ts
 * import { fileResolvers } from './resolvers.js';
 * ```
 * @module
 */
import { handles, pageArgs, type EmulatorResolvers } from '../../graphql/arguments.js';
import { connectionOf, paginate } from '../../graphql/connections.js';
import type { EmulatorContext } from '../../graphql/context.js';
import { notImplementedField } from '../../graphql/errors.js';
import { globalId } from '../../graphql/ids.js';
import { UPLOAD_CONTENT_TYPE } from '../../http/storage.js';
import type { RunRecord } from '../runs/records.js';
import { likeMatcher } from './like.js';
import { artifactFileFields } from '../artifacts/files.js';
import type { FileRecord, FileView, RunFileView } from './records.js';

/**
 * The `uploadHeaders` of an upload: what the PUT to a signed upload URL must send, as
 * `"Name:Value"` strings.
 *
 * @example
 * ```ts
 * UPLOAD_HEADERS; // ['Content-Type:application/octet-stream']
 * ```
 */
export const UPLOAD_HEADERS: readonly string[] = [`Content-Type:${UPLOAD_CONTENT_TYPE}`];

/** The stored file of a view; an upload slot has none of the stored fields. */
function stored(view: RunFileView, field: string): FileRecord {
  if (!view.file) throw notImplementedField('File', field);
  return view.file;
}

/** A signed GET URL of a stored file. */
function downloadUrl(view: RunFileView, field: string, { storage, origin }: EmulatorContext): string {
  return storage.sign('GET', view.run.id, stored(view, field).name, origin);
}

/**
 * `Run.files(names, pattern, after, first)`: the run's files ordered by name, only `names` when a
 * non-empty list is given, only the names matching `pattern` (SQL `LIKE`, see {@link likeMatcher})
 * when one is given; both apply when both are given (clients send one or the other). Pages run
 * over the selected files.
 *
 * @example
 * ```ts
 * runFilesPage(run, { names: ['a.txt'], first: 10 }).edges;
 * runFilesPage(run, { pattern: '%.json', first: 10 }).edges;
 * ```
 */
export function runFilesPage(
  run: RunRecord,
  args: {
    names?: readonly (string | null)[] | null;
    pattern?: string | null;
    after?: string | null;
    first?: number | null;
  },
) {
  const wanted = args.names && args.names.length > 0 ? new Set(args.names) : null;
  const matches = typeof args.pattern === 'string' ? likeMatcher(args.pattern) : null;
  const files = [...run.files.values()].filter(
    (f) => (wanted === null || wanted.has(f.name)) && (matches === null || matches(f.name)),
  );
  const page = paginate(
    files,
    (f) => ({ missing: false, value: f.name, createdAt: '', id: f.id }),
    '+name',
    1,
    pageArgs(args),
  );
  return {
    uploadHeaders: [],
    ...connectionOf(page, (file): FileView => ({ kind: 'run', run, name: file.name, file })),
    totalCount: page.totalCount,
  };
}

/**
 * The resolvers of the files domain (its mutations are in `mutations.ts`).
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(runResolvers, fileResolvers);
 * ```
 */
export const fileResolvers: EmulatorResolvers = {
  Run: {
    fileCount: (run) => run.files.size,
    files: handles(['names', 'pattern', 'after', 'first'], (run, args) => runFilesPage(run, args)),
  },
  FileConnection: {
    uploadHeaders: (connection) => connection.uploadHeaders,
    pageInfo: (connection) => connection.pageInfo,
    edges: (connection) => connection.edges,
    // Newer than the 2024 schema; without TOTAL_COUNT_IN_FILE_CONNECTION validation refuses it.
    totalCount: (connection) => connection.totalCount ?? null,
  },
  FileEdge: {
    node: (edge) => edge.node ?? null,
    cursor: (edge) => edge.cursor,
  },
  // Run files here; artifact files (stored files of versions, upload slots, manifests) in the
  // artifacts domain (`artifactFileFields`).
  File: {
    id: (view) =>
      view.kind === 'run' ? globalId('File', stored(view, 'id').id) : artifactFileFields.id(view),
    name: (view) => (view.kind === 'run' ? view.name : artifactFileFields.name(view)),
    displayName: (view) => (view.kind === 'run' ? view.name : artifactFileFields.name(view)),
    createdAt: (view) =>
      view.kind === 'run' ? stored(view, 'createdAt').createdAt : artifactFileFields.createdAt(view),
    updatedAt: (view) =>
      view.kind === 'run' ? stored(view, 'updatedAt').updatedAt : artifactFileFields.createdAt(view),
    mimetype: (view) =>
      view.kind === 'run' ? stored(view, 'mimetype').mimetype : artifactFileFields.mimetype(view),
    sizeBytes: (view, _args, context) =>
      view.kind === 'run'
        ? stored(view, 'sizeBytes').content.byteLength
        : artifactFileFields.sizeBytes(view, context),
    md5: (view) => (view.kind === 'run' ? stored(view, 'md5').md5 : artifactFileFields.md5(view)),
    digest: (view) => (view.kind === 'run' ? stored(view, 'digest').md5 : artifactFileFields.md5(view)),
    // The W&B-hosted URL; here a signed URL like directUrl (or a signed upload URL with `upload: true`).
    url: handles(['upload'], (view, args, context) => {
      if (view.kind !== 'run') return artifactFileFields.url(view, args.upload === true, context);
      return args.upload === true
        ? context.storage.sign('PUT', view.run.id, stored(view, 'url').name, context.origin)
        : downloadUrl(view, 'url', context);
    }),
    directUrl: (view, _args, context) =>
      view.kind === 'run'
        ? downloadUrl(view, 'directUrl', context)
        : artifactFileFields.directUrl(view, context),
    // A stored file has no pending upload; an upload slot (createRunFiles) has its signed PUT URL.
    uploadUrl: (view, _args, context) => {
      if (view.kind !== 'run') return artifactFileFields.uploadUrl(view, context);
      return view.file ? null : context.storage.sign('PUT', view.run.id, view.name, context.origin);
    },
    uploadHeaders: (view) =>
      view.kind === 'run' ? (view.file ? [] : [...UPLOAD_HEADERS]) : artifactFileFields.uploadHeaders(view),
    uploadMultipartUrls: (view, _args, context) =>
      view.kind === 'run' ? null : artifactFileFields.uploadMultipartUrls(view, context),
    storagePath: (view, _args, context) =>
      view.kind === 'run'
        ? `wandb_runs/${view.run.id}/${view.name}`
        : artifactFileFields.storagePath(view, context),
    artifact: (view, _args, context) =>
      view.kind === 'run' ? null : artifactFileFields.artifact(view, context),
    isReference: () => false,
    exists: (view, _args, context) =>
      view.kind === 'run' ? view.file !== undefined : artifactFileFields.exists(view, context),
  },
};
