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
import type { FileRecord, FileView } from './records.js';

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
function stored(view: FileView, field: string): FileRecord {
  if (!view.file) throw notImplementedField('File', field);
  return view.file;
}

/** A signed GET URL of a stored file. */
function downloadUrl(view: FileView, field: string, { storage, origin }: EmulatorContext): string {
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
    ...connectionOf(page, (file): FileView => ({ run, name: file.name, file })),
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
  },
  FileEdge: {
    node: (edge) => edge.node ?? null,
    cursor: (edge) => edge.cursor,
  },
  File: {
    id: (view) => globalId('File', stored(view, 'id').id),
    name: (view) => view.name,
    displayName: (view) => view.name,
    createdAt: (view) => stored(view, 'createdAt').createdAt,
    updatedAt: (view) => stored(view, 'updatedAt').updatedAt,
    mimetype: (view) => stored(view, 'mimetype').mimetype,
    sizeBytes: (view) => stored(view, 'sizeBytes').content.byteLength,
    md5: (view) => stored(view, 'md5').md5,
    digest: (view) => stored(view, 'digest').md5,
    // The W&B-hosted URL; here a signed URL like directUrl (or a signed upload URL with `upload: true`).
    url: handles(['upload'], (view, args, context) =>
      args.upload === true
        ? context.storage.sign('PUT', view.run.id, stored(view, 'url').name, context.origin)
        : downloadUrl(view, 'url', context),
    ),
    directUrl: (view, _args, context) => downloadUrl(view, 'directUrl', context),
    // A stored file has no pending upload; an upload slot (createRunFiles) has its signed PUT URL.
    uploadUrl: (view, _args, { storage, origin }) =>
      view.file ? null : storage.sign('PUT', view.run.id, view.name, origin),
    uploadHeaders: (view) => (view.file ? [] : [...UPLOAD_HEADERS]),
  },
};
