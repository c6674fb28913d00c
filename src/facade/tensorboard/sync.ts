/**
 * `api.syncTensorboard()` (Node): TensorBoard logs into a W&B run. Reads every tfevents file
 * under the root ({@link readTensorboardDir}), creates the run (or resumes `runId`), writes the
 * rows through the run's `RunWriter` (`file_stream`), uploads the images under `media/images/`
 * and the event files themselves, and finishes the run with exit code 0.
 *
 * @example
 * ```ts
 * const { run, rows, corrupt } = await api.syncTensorboard('logs', { project: 'vision' });
 * ```
 * @module
 */
import type { TensorboardFiles } from '../../io/tensorboard.js';
import type { FacadeContext } from '../core/context.js';
import { optionalName, optionalSignal, optionsObject } from '../core/validate.js';
import { ValidationError } from '../../errors/index.js';
import type { Run } from '../runs/run.js';
import type { CorruptRecord } from './tfrecord.js';
import type { TbProblem } from './convert.js';
import { readTensorboardDir } from './index.js';

/**
 * Where {@link SyncTensorboardOptions.onProgress} is: `history` while rows are sent, `files`
 * while images and event files are uploaded.
 *
 * @example
 * ```ts
 * const p: SyncTensorboardProgress = { phase: 'history', rowsSent: 100, rows: 250, filesUploaded: 0, files: 3 };
 * ```
 */
export interface SyncTensorboardProgress {
  /** `history` while rows are sent, `files` while images and event files are uploaded. */
  phase: 'history' | 'files';
  /** Rows the server acknowledged. */
  rowsSent: number;
  /** Rows to send in all. */
  rows: number;
  /** Run files uploaded (images, then event files). */
  filesUploaded: number;
  /** Run files to upload in all. */
  files: number;
}

/**
 * Options of `api.syncTensorboard()`.
 *
 * @example
 * ```ts
 * await api.syncTensorboard('logs', { project: 'vision', runId: 'tb-2024', onProgress: (p) => console.log(p.phase, p.rowsSent) });
 * ```
 */
export interface SyncTensorboardOptions {
  /** Resume this run (its history continues after its existing rows), creating it when missing. Default: a new run. */
  runId?: string;
  /** The project. Default: the Api's `project` option (`WANDB_PROJECT`). */
  project?: string;
  /** The entity. Default: the Api's `entity` option, else the viewer's. */
  entity?: string;
  /** Called as rows are acknowledged and files uploaded. What it throws is ignored. */
  onProgress?: (progress: SyncTensorboardProgress) => void;
  /** Stops the sync: it rejects with the signal's reason; what was sent stays, the run stays `running`. */
  signal?: AbortSignal;
}

/**
 * What `api.syncTensorboard()` did.
 *
 * @example
 * ```ts
 * const { run, rows, files, skipped, corrupt } = await api.syncTensorboard('logs', { project: 'vision' });
 * console.log(`${rows} rows into ${run.url}; skipped`, skipped, 'corrupt', corrupt);
 * ```
 */
export interface SyncTensorboardResult {
  /** The run, reloaded after it finished. */
  run: Run;
  /** History rows written. */
  rows: number;
  /** Run files uploaded: the images (`media/images/…`), then the event files (relative to the root). */
  files: string[];
  /** Values of plugins this does not convert, by plugin. */
  skipped: Record<string, number>;
  /** Records that cut an event file short (the rest of that file was skipped). */
  corrupt: CorruptRecord[];
  /** Values of known plugins that could not be converted (left out of their rows). */
  problems: TbProblem[];
}

// The core (browser) build's stand-in for disk access, beside NO_LOCAL_FILES (kept out of this
// module so that `Api` need not load it until syncTensorboard is called).
export { NO_TENSORBOARD_FILES } from '../core/options.js';

function report(options: SyncTensorboardOptions, progress: SyncTensorboardProgress): void {
  try {
    options.onProgress?.({ ...progress });
  } catch {
    // A progress callback's failure is not the sync's.
  }
}

/**
 * Syncs the TensorBoard logs under `rootDir` into a run; see the module description.
 * @internal Users call {@link Api.syncTensorboard}.
 * @example
 * ```ts
 * const result = await syncTensorboard(api, 'logs', nodeTensorboardFiles, { project: 'vision' });
 * ```
 */
export async function syncTensorboard(
  ctx: FacadeContext,
  rootDir: string,
  io: TensorboardFiles,
  options: SyncTensorboardOptions = {},
): Promise<SyncTensorboardResult> {
  if (typeof rootDir !== 'string' || rootDir === '')
    throw new ValidationError('rootDir', 'expected the path of a TensorBoard log folder');
  const o = optionsObject(options);
  const runId = optionalName(o.runId, 'runId');
  const project = optionalName(o.project, 'project');
  const entity = optionalName(o.entity, 'entity');
  const signal = optionalSignal(o.signal);
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function')
    throw new ValidationError('onProgress', 'expected a function');
  const logs = await readTensorboardDir(rootDir, io, signal ? { signal } : {});
  const run = await ctx.createRunInState(
    {
      ...(runId !== undefined && { runId }),
      ...(project !== undefined && { project }),
      ...(entity !== undefined && { entity }),
      ...(signal && { signal }),
    },
    'running',
  );
  const progress: SyncTensorboardProgress = {
    phase: 'history',
    rowsSent: 0,
    rows: logs.rows.length,
    filesUploaded: 0,
    files: logs.media.length + logs.files.length,
  };
  const writer = run.writer({
    ...(signal && { signal }),
    onProgress: (p) => {
      if (p.rowsSent === progress.rowsSent) return; // the summary and the final `complete` send no rows
      progress.rowsSent = p.rowsSent;
      report(o, progress);
    },
  });
  for (const row of logs.rows) await writer.log(row);
  await writer.flush();
  progress.phase = 'files';
  const files: string[] = [];
  const upload = async (name: string, data: Uint8Array): Promise<void> => {
    signal?.throwIfAborted();
    const file = await run.uploadFile(name, data, signal ? { signal } : {});
    files.push(file.name);
    progress.filesUploaded++;
    report(o, progress);
  };
  for (const media of logs.media) await upload(media.path, media.data);
  for (const file of logs.files) await upload(file, await io.read(rootDir, file));
  await writer.finish({ exitCode: 0 });
  const finished = await ctx.run(`${run.entity}/${run.project}/${run.id}`, signal ? { signal } : {});
  return {
    run: finished,
    rows: logs.rows.length,
    files,
    skipped: logs.skipped,
    corrupt: logs.corrupt,
    problems: logs.problems,
  };
}
