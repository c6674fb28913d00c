/**
 * Reading one tfevents file: TFRecord framing ({@link splitRecords}) and `tensorboard.Event`
 * protos decoded with `@bufbuild/protobuf` from the code generated out of `proto/`. The protobuf
 * runtime and the generated code load on first use.
 *
 * @example
 * ```ts
 * const { events, corrupt } = await readEventFile(bytes, { file: 'train/events.out.tfevents.1' });
 * ```
 * @module
 */
import type { Event } from './generated/event_pb.js';
import { splitRecords, type CorruptRecord } from './tfrecord.js';

export type { Event } from './generated/event_pb.js';
export type { CorruptRecord } from './tfrecord.js';

/**
 * What {@link readEventFile} found in one file: its events in file order, and the corrupt or
 * truncated record that stopped the reading, if any.
 *
 * @example
 * ```ts
 * const { events, corrupt }: EventFile = await readEventFile(bytes, { file: 'events.out.tfevents.1' });
 * ```
 */
export interface EventFile {
  /** The file, relative to the root folder (`/`-separated). */
  file: string;
  /** The decoded events, in file order. */
  events: Event[];
  /** At most one entry: the record where reading stopped (the rest of the file is skipped). */
  corrupt: CorruptRecord[];
}

type Decode = (data: Uint8Array) => Event;
let decoder: Promise<Decode> | undefined;

function loadDecoder(): Promise<Decode> {
  decoder ??= Promise.all([import('@bufbuild/protobuf'), import('./generated/event_pb.js')]).then(
    ([pb, gen]) =>
      (data: Uint8Array) =>
        pb.fromBinary(gen.EventSchema, data),
  );
  return decoder;
}

/**
 * Reads the events of one tfevents file. Never throws on bad content: a record whose checksums
 * do not match, that is cut short, or that is not an `Event` proto is reported in `corrupt` with
 * its offset, and the rest of the file is skipped.
 *
 * @param bytes - The whole file.
 * @param options - `file`: the file's name relative to the root folder, used in reports and tag
 *   prefixes.
 * @example
 * ```ts
 * const { events } = await readEventFile(await readFile(path), { file: 'events.out.tfevents.1' });
 * console.log(events.length);
 * ```
 */
export async function readEventFile(bytes: Uint8Array, options: { file: string }): Promise<EventFile> {
  const { file } = options;
  const [{ records, corrupt }, decode] = await Promise.all([splitRecords(bytes, file), loadDecoder()]);
  const events: Event[] = [];
  for (const record of records) {
    try {
      events.push(decode(record.data));
    } catch (e) {
      const reason = `not an Event proto (${e instanceof Error ? e.message : String(e)})`;
      return { file, events, corrupt: [{ file, offset: record.offset, reason }] };
    }
  }
  return { file, events, corrupt: corrupt ? [corrupt] : [] };
}
