/**
 * Storing run files: seeded files (`emu.seed.run({ files })`) and uploads.
 *
 * @example
 * ```ts
 * import { putRunFile } from './seed.js';
 * putRunFile(store, run, 'config.yaml', 'lr: 0.1\n').md5;
 * ```
 * @module
 */
import type { EmulatorStore } from '../../store/store.js';
import { toTimestamp } from '../../store/time.js';
import type { RunRecord } from '../runs/records.js';
import { guessMimetype, isStorableName, md5Base64, type FileRecord } from './records.js';

/**
 * Stores a file of a run (text is stored as UTF-8), replacing one of the same name (which keeps
 * its id and creation time). Names are stored as given — hostile ones such as `../x` included —
 * except empty, `.`, `..` and names containing NUL, which throw.
 *
 * @example
 * ```ts
 * putRunFile(store, run, 'config.yaml', 'lr: 0.1\n').md5;
 * ```
 */
export function putRunFile(
  store: EmulatorStore,
  run: RunRecord,
  name: string,
  content: string | Uint8Array,
): FileRecord {
  if (!isStorableName(name)) throw new Error(`Invalid file name ${JSON.stringify(name)}`);
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);
  const existing = run.files.get(name);
  const now = toTimestamp(store.now());
  const record: FileRecord = {
    id: existing?.id ?? store.nextId('file'),
    name,
    content: bytes,
    md5: md5Base64(bytes),
    mimetype: guessMimetype(name),
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  run.files.set(name, record);
  return record;
}
