/**
 * Run files as the store keeps them: content, MD5 and MIME type, and which names can be stored.
 *
 * @example
 * ```ts
 * import { guessMimetype, md5Base64 } from './records.js';
 * guessMimetype('output.log'); // 'text/plain'
 * md5Base64(new Uint8Array()); // '1B2M2Y8AsgTpgAmY7PhCfg=='
 * ```
 * @module
 */

import { createHash } from 'node:crypto';
import type { ArtifactFileView } from '../artifacts/records.js';
import type { RunRecord } from '../runs/records.js';

/**
 * A stored run file.
 *
 * @example
 * ```ts
 * run.files.get('config.yaml')?.md5; // base64 MD5 of the content
 * ```
 */
export interface FileRecord {
  /** Integer id (global id `File:<id>`). */
  id: number;
  /** Name within the run, `/`-separated, stored as given. */
  name: string;
  /** The bytes (`File.sizeBytes` is their length). */
  content: Uint8Array;
  /** MD5 of the content, base64 (as `File.md5`). */
  md5: string;
  /** MIME type, from the name's extension (`application/octet-stream` when unknown). */
  mimetype: string;
  /** First stored. */
  createdAt: string;
  /** Last stored (an upload replaces the content). */
  updatedAt: string;
}

/**
 * The server feature under which uploads must be registered with `markRunFilesUploaded` before
 * they are listed (wandb-ops.md §3, §7.1). Off by default; on with
 * `startEmulator({ features: { MARK_RUN_FILES_UPLOADED: true } })`.
 *
 * @example
 * ```ts
 * store.features.get(MARK_RUN_FILES_UPLOADED); // undefined: off
 * ```
 */
export const MARK_RUN_FILES_UPLOADED = 'MARK_RUN_FILES_UPLOADED';

const MIME_TYPES: Record<string, string> = {
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  json: 'application/json',
  jsonl: 'application/jsonl',
  yaml: 'application/x-yaml',
  yml: 'application/x-yaml',
  py: 'text/x-python',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  mp4: 'video/mp4',
  wav: 'audio/wav',
};

/**
 * The MIME type the emulator gives a file, from its extension (`application/octet-stream` for
 * unknown ones).
 *
 * @example
 * ```ts
 * guessMimetype('logs/output.log'); // 'text/plain'
 * ```
 */
export function guessMimetype(name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > name.lastIndexOf('/') ? name.slice(dot + 1).toLowerCase() : '';
  return MIME_TYPES[ext] ?? 'application/octet-stream';
}

/**
 * MD5 of the content, base64-encoded, as W&B reports `File.md5`.
 *
 * @example
 * ```ts
 * md5Base64(new Uint8Array()); // '1B2M2Y8AsgTpgAmY7PhCfg=='
 * ```
 */
export function md5Base64(content: Uint8Array): string {
  return createHash('md5').update(content).digest('base64');
}

/**
 * Whether a file name can be stored: not empty, not `.` or `..` (names are otherwise stored as
 * given, hostile ones included, as a server that trusts its clients would).
 *
 * @example
 * ```ts
 * isStorableName('../evil.txt'); // true
 * isStorableName('..'); // false
 * ```
 */
export function isStorableName(name: unknown): name is string {
  return typeof name === 'string' && name !== '' && name !== '.' && name !== '..' && !name.includes('\0');
}

/**
 * What a `File` of a run resolves from: a stored file of a run, or (in `createRunFiles` answers)
 * the slot of a file to upload, which has a name and an upload URL but no content yet.
 *
 * @example
 * ```ts
 * const stored: RunFileView = { kind: 'run', run, name: file.name, file };
 * const slot: RunFileView = { kind: 'run', run, name: 'model.ckpt', file: undefined };
 * ```
 */
export interface RunFileView {
  kind: 'run';
  /** The run the file belongs to. */
  run: RunRecord;
  /** The file's name within the run. */
  name: string;
  /** The stored file; `undefined` for an upload slot. */
  file: FileRecord | undefined;
}

/**
 * What a `File` resolves from: a run's file ({@link RunFileView}) or an artifact's (a stored file
 * of a version, an upload slot of the publish flow, or a manifest; the artifacts domain's
 * `ArtifactFileView`).
 *
 * @example
 * ```ts
 * const view: FileView = { kind: 'run', run, name: file.name, file };
 * ```
 */
export type FileView = RunFileView | ArtifactFileView;
