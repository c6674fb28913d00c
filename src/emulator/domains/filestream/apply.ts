/**
 * The run `file_stream` endpoint (wandb-ops.md §8.1): `POST /files/<entity>/<project>/<run>/file_stream`
 * with a JSON body, as the official clients send it (`wandb/sdk/internal/file_stream.py`, Go
 * `core/internal/filestream/`):
 *
 * ```json
 * { "files": { "wandb-history.jsonl": { "offset": 3, "content": ["{\"_step\":3,\"loss\":NaN}"] },
 *              "wandb-summary.json": { "offset": 0, "content": ["{\"loss\":NaN}"] },
 *              "output.log": [{ "offset": 0, "content": ["epoch 1"] }] },
 *   "dropped": 0, "uploaded": ["model.pt"], "preempting": false, "complete": true, "exitcode": 0 }
 * ```
 *
 * What each part does:
 * - a text file (`wandb-history.jsonl`, `wandb-events.jsonl`, `output.log`, any other name) is a
 *   list of lines; a chunk `{ offset, content }` (or, as for console output, a list of them) writes
 *   its lines from line `offset` on. A line already there is **replaced**, so a retried request
 *   never duplicates rows; an offset past the end of the file (a gap) is refused with 400, and so
 *   is the whole request then (a chunk without lines writes nothing and is never refused);
 * - history lines are the run's history rows (`Run.history`, `historyKeys`, `historyLineCount`,
 *   `sampledHistory`, `parquetHistory.liveData`), events lines its system metrics (`Run.events`,
 *   `eventsLineCount`, `systemMetrics` = the last row without its `_` keys), each one JSON object
 *   with bare `NaN`, `Infinity` and `-Infinity` tokens allowed (the official client writes them so);
 * - `wandb-summary.json`: its last line is the whole summary, which it replaces;
 * - `output.log` (and any other name) is stored as the run file of that name, one line each
 *   (`logLineCount` counts the `output.log` lines);
 * - `uploaded`: files whose uploads were held back (feature `MARK_RUN_FILES_UPLOADED`) join the
 *   run's files, as `markRunFilesUploaded` does;
 * - `preempting: true` sets the state `preempting`; `complete: true` sets `finished` (exit code 0
 *   or none) or `failed`, and `Run.exitcode`;
 * - every applied request, heartbeats (`{}`) included, stamps `heartbeatAt` and `updatedAt` with
 *   the emulator's clock.
 *
 * Every check runs before anything is written: a refused request changes nothing. The answer is
 * `{"exitcode": null, "limits": {}}` (what the official client's test server answers; the Python
 * client reads `limits`, the Go client `stopped`), errors are `{"error": "<message>"}`.
 *
 * @example
 * ```ts
 * import { applyFileStream } from './apply.js';
 * applyFileStream(store, 'alice', { entity: 'alice', project: 'p', run: 'r1' }, body).status; // 200
 * ```
 * @module
 */
import { parseJsonString } from '../../graphql/json-string.js';
import type { EmulatorStore } from '../../store/store.js';
import { toTimestamp } from '../../store/time.js';
import { isStorableName } from '../files/records.js';
import { putRunFile } from '../files/seed.js';
import type { HistoryRecord } from '../history/records.js';
import { freezeHistoryExport } from '../history/parquet.js';
import { latestSystemMetrics } from '../history/seed.js';
import type { RunRecord } from '../runs/records.js';
import { EVENTS_FILE, fileStreamOf, HISTORY_FILE, SUMMARY_FILE } from './records.js';

/**
 * The run a file_stream request names (its path segments, URL-decoded).
 *
 * @example
 * ```ts
 * const target: FileStreamTarget = { entity: 'alice', project: 'p', run: 'r1' };
 * ```
 */
export interface FileStreamTarget {
  entity: string;
  project: string;
  run: string;
}

/**
 * The endpoint's answer: an HTTP status and a JSON body.
 *
 * @example
 * ```ts
 * const answer: FileStreamAnswer = { status: 200, body: '{"exitcode":null,"limits":{}}' };
 * ```
 */
export interface FileStreamAnswer {
  status: number;
  body: string;
}

/**
 * The body of a successful answer.
 *
 * @example
 * ```ts
 * JSON.parse(FILE_STREAM_OK); // { exitcode: null, limits: {} }
 * ```
 */
export const FILE_STREAM_OK = JSON.stringify({ exitcode: null, limits: {} });

/** A refusal: its status and message. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The body of an error answer of the endpoint (the Python client reads a failed answer's `error`).
 *
 * @example
 * ```ts
 * fileStreamError('run not found'); // '{"error":"run not found"}'
 * ```
 */
export function fileStreamError(message: string): string {
  return JSON.stringify({ error: message });
}

interface Chunk {
  offset: number;
  content: string[];
}

interface ParsedRequest {
  files: Map<string, Chunk[]>;
  complete: boolean;
  exitcode: number | null;
  preempting: boolean;
  dropped: number | undefined;
  uploaded: string[];
}

const TOP_LEVEL_KEYS = new Set([
  'files',
  'dropped',
  'uploaded',
  'complete',
  'exitcode',
  'preempting',
  'failed',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bad(message: string): never {
  throw new Refusal(400, message);
}

function optionalBoolean(body: Record<string, unknown>, key: string): boolean {
  const value = body[key];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') bad(`"${key}" must be a boolean, got ${JSON.stringify(value)}`);
  return value;
}

function chunkOf(value: unknown, where: string): Chunk {
  if (!isRecord(value)) bad(`${where} must be an object {"offset": <line>, "content": [<lines>]}`);
  for (const key of Object.keys(value)) {
    if (key === 'encoding') bad(`${where}: the emulator does not implement binary chunks ("encoding")`);
    if (key !== 'offset' && key !== 'content') bad(`${where}: unknown field "${key}"`);
  }
  const { offset, content } = value;
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
    bad(`${where}.offset must be an integer >= 0 (a line number), got ${JSON.stringify(offset)}`);
  }
  if (!Array.isArray(content) || !content.every((line) => typeof line === 'string')) {
    bad(`${where}.content must be a list of strings (one per line)`);
  }
  return { offset, content: content as string[] };
}

/** Reads and checks the body's shape (not yet the lines' JSON). */
function parseRequest(body: unknown): ParsedRequest {
  if (!isRecord(body)) bad('The body must be a JSON object such as {"files": {...}, "dropped": 0}');
  for (const key of Object.keys(body)) {
    if (!TOP_LEVEL_KEYS.has(key)) bad(`The emulator does not implement the file_stream field "${key}"`);
  }
  const files = new Map<string, Chunk[]>();
  if (body.files !== undefined && body.files !== null) {
    if (!isRecord(body.files)) bad('"files" must be an object of file names to chunks');
    for (const [name, value] of Object.entries(body.files)) {
      if (!isStorableName(name)) bad(`Invalid file name ${JSON.stringify(name)}`);
      const where = `files[${JSON.stringify(name)}]`;
      const chunks = Array.isArray(value)
        ? value.map((chunk, i) => chunkOf(chunk, `${where}[${i}]`))
        : [chunkOf(value, where)];
      files.set(name, chunks);
    }
  }
  const { exitcode, dropped, uploaded } = body;
  if (
    exitcode !== undefined &&
    exitcode !== null &&
    !(typeof exitcode === 'number' && Number.isSafeInteger(exitcode))
  ) {
    bad(`"exitcode" must be an integer, got ${JSON.stringify(exitcode)}`);
  }
  if (
    dropped !== undefined &&
    dropped !== null &&
    !(typeof dropped === 'number' && Number.isSafeInteger(dropped) && dropped >= 0)
  ) {
    bad(`"dropped" must be an integer >= 0, got ${JSON.stringify(dropped)}`);
  }
  if (uploaded !== undefined && uploaded !== null) {
    if (!Array.isArray(uploaded) || !uploaded.every((n) => typeof n === 'string')) {
      bad('"uploaded" must be a list of file names');
    }
  }
  // The official client sends `failed: false` with its upload notices; what `true` would do is not
  // known, so it is refused rather than ignored.
  if (optionalBoolean(body, 'failed') === true) bad('The emulator does not implement "failed": true');
  return {
    files,
    complete: optionalBoolean(body, 'complete'),
    exitcode: typeof exitcode === 'number' ? exitcode : null,
    preempting: optionalBoolean(body, 'preempting'),
    dropped: typeof dropped === 'number' ? dropped : undefined,
    uploaded: Array.isArray(uploaded) ? (uploaded as string[]) : [],
  };
}

/** Parses JSON-object lines (bare NaN / ±Infinity allowed), naming the line that is not one. */
function objectLines(name: string, chunks: readonly Chunk[]): { offset: number; rows: HistoryRecord[] }[] {
  return chunks.map(({ offset, content }) => ({
    offset,
    rows: content.map((line, i) => {
      let parsed: unknown;
      try {
        parsed = parseJsonString(line);
      } catch (e) {
        bad(`${name} line ${offset + i} is not JSON: ${(e as Error).message}`);
      }
      if (!isRecord(parsed)) bad(`${name} line ${offset + i} must be a JSON object`);
      return parsed;
    }),
  }));
}

/**
 * Checks that the chunks write no line past the end of a file of `length` lines (applied in
 * order), refusing a gap. An empty chunk writes nothing and is never refused.
 */
function checkNoGap(name: string, length: number, chunks: readonly { offset: number; size: number }[]): void {
  let end = length;
  for (const { offset, size } of chunks) {
    if (size === 0) continue; // writes nothing, so it leaves no gap
    if (offset > end) {
      bad(
        `${name}: offset ${offset} is past the end of the file (${end} lines): ` +
          `lines ${end} to ${offset - 1} were never sent`,
      );
    }
    end = Math.max(end, offset + size);
  }
}

/** Writes the chunks' lines into `lines` from their offsets, replacing lines already there. */
function writeLines<T>(lines: T[], chunks: readonly { offset: number; values: readonly T[] }[]): void {
  for (const { offset, values } of chunks) values.forEach((value, i) => (lines[offset + i] = value));
}

/** The run at `target`, checked for the acting user's write access. */
function findWritableRun(store: EmulatorStore, username: string, target: FileStreamTarget): RunRecord {
  const path = `${target.entity}/${target.project}/${target.run}`;
  const project = store.findProject(target.entity, target.project);
  const run = project ? store.findRun(project.id, target.run) : undefined;
  if (!run) throw new Refusal(404, `run ${path} not found`);
  if (!store.canWrite(username, target.entity)) {
    throw new Refusal(403, `permission denied: user ${username} cannot write to entity ${target.entity}`);
  }
  return run;
}

function linesText(lines: readonly string[]): string {
  return lines.map((line) => (line.endsWith('\n') ? line : `${line}\n`)).join('');
}

/**
 * Applies one file_stream request of `username` to the run at `target`; see the module
 * description. Never throws for a bad request: it answers 400 (bad body, gap), 403 (not the
 * user's entity) or 404 (no such run).
 *
 * @example
 * ```ts
 * applyFileStream(store, 'alice', { entity: 'alice', project: 'p', run: 'r1' }, {
 *   files: { 'wandb-history.jsonl': { offset: 0, content: ['{"_step":0,"loss":1}'] } },
 * }); // { status: 200, body: '{"exitcode":null,"limits":{}}' }
 * ```
 */
export function applyFileStream(
  store: EmulatorStore,
  username: string,
  target: FileStreamTarget,
  body: unknown,
): FileStreamAnswer {
  try {
    const run = findWritableRun(store, username, target);
    const request = parseRequest(body);
    apply(store, run, request);
    return { status: 200, body: FILE_STREAM_OK };
  } catch (error) {
    if (error instanceof Refusal) return { status: error.status, body: fileStreamError(error.message) };
    throw error;
  }
}

function apply(store: EmulatorStore, run: RunRecord, request: ParsedRequest): void {
  const stream = fileStreamOf(store, run);
  // Every check first.
  const history = objectLines(HISTORY_FILE, request.files.get(HISTORY_FILE) ?? []);
  const events = objectLines(EVENTS_FILE, request.files.get(EVENTS_FILE) ?? []);
  checkNoGap(
    HISTORY_FILE,
    run.history.length,
    history.map((c) => ({ offset: c.offset, size: c.rows.length })),
  );
  checkNoGap(
    EVENTS_FILE,
    run.events.length,
    events.map((c) => ({ offset: c.offset, size: c.rows.length })),
  );
  let summary: Record<string, unknown> | undefined;
  const summaryLine = (request.files.get(SUMMARY_FILE) ?? []).flatMap((c) => c.content).at(-1);
  if (summaryLine !== undefined) {
    const [parsed] = objectLines(SUMMARY_FILE, [{ offset: 0, content: [summaryLine] }]);
    summary = parsed?.rows[0];
  }
  const texts: [string, Chunk[]][] = [];
  for (const [name, chunks] of request.files) {
    if (name === HISTORY_FILE || name === EVENTS_FILE || name === SUMMARY_FILE) continue;
    checkNoGap(
      name,
      stream.lines.get(name)?.length ?? 0,
      chunks.map((c) => ({ offset: c.offset, size: c.content.length })),
    );
    texts.push([name, chunks]);
  }

  // Then the writes. Rows added to an exported history are live until exported again.
  if (history.some((c) => c.offset + c.rows.length > run.history.length)) freezeHistoryExport(run);
  writeLines(
    run.history,
    history.map((c) => ({ offset: c.offset, values: c.rows })),
  );
  if (events.length > 0) {
    writeLines(
      run.events,
      events.map((c) => ({ offset: c.offset, values: c.rows })),
    );
    run.systemMetrics = latestSystemMetrics(run.events);
  }
  if (summary !== undefined) run.summary = summary;
  for (const [name, chunks] of texts) {
    const lines = stream.lines.get(name) ?? [];
    writeLines(
      lines,
      chunks.map((c) => ({ offset: c.offset, values: c.content })),
    );
    stream.lines.set(name, lines);
    putRunFile(store, run, name, linesText(lines));
  }
  for (const name of request.uploaded) {
    stream.uploaded.add(name);
    const content = run.pendingFiles.get(name);
    if (content === undefined) continue;
    putRunFile(store, run, name, content);
    run.pendingFiles.delete(name);
  }
  if (request.dropped !== undefined) stream.dropped = request.dropped;
  if (request.complete) {
    stream.exitcode = request.exitcode;
    run.state = request.exitcode === null || request.exitcode === 0 ? 'finished' : 'failed';
  } else if (request.preempting) {
    run.state = 'preempting';
  }
  stream.requests++;
  const now = toTimestamp(store.now());
  run.heartbeatAt = now;
  run.updatedAt = now;
}
