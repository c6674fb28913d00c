/**
 * TFRecord framing of tfevents files: each record is its length (uint64, little-endian), the
 * masked CRC-32C of those 8 bytes, the data, and the masked CRC-32C of the data. Both checksums
 * are checked (CRC-32C from the `crc-32` package, pure JavaScript, loaded on first use).
 *
 * @example
 * ```ts
 * const { records, corrupt } = await splitRecords(bytes, 'train/events.out.tfevents.1');
 * ```
 * @module
 */

/**
 * A record that could not be read: the file, the byte offset where the record starts, and why.
 * The rest of that file is skipped.
 *
 * @example
 * ```ts
 * const c: CorruptRecord = { file: 'train/events.out.tfevents.1', offset: 120, reason: 'data checksum mismatch' };
 * ```
 */
export interface CorruptRecord {
  /** The event file, relative to the root folder (`/`-separated). */
  file: string;
  /** Byte offset of the record in the file. */
  offset: number;
  /** What is wrong with it. */
  reason: string;
}

/** One framed record: where it starts in the file and its data. */
export interface TfRecord {
  offset: number;
  data: Uint8Array;
}

type Crc = (data: Uint8Array) => number;
let crcModule: Promise<Crc> | undefined;

/** CRC-32C (Castagnoli) of `data`, unsigned; loads `crc-32/crc32c` on first use. */
export function loadCrc32c(): Promise<Crc> {
  crcModule ??= import('crc-32/crc32c.js').then((m) => {
    const mod = (m.default ?? m) as { buf(data: Uint8Array): number };
    return (data: Uint8Array) => mod.buf(data) >>> 0;
  });
  return crcModule;
}

/** The "masked" CRC-32C that TFRecord stores: rotated right by 15 bits plus a constant. */
export function maskCrc(crc: number): number {
  return (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;
}

/**
 * Splits a file into its records, checking both checksums. Stops at the first corrupt or
 * truncated record and reports it in `corrupt` (the records before it are kept).
 *
 * @example
 * ```ts
 * const { records } = await splitRecords(bytes, 'events.out.tfevents.1');
 * ```
 */
export async function splitRecords(
  bytes: Uint8Array,
  file: string,
): Promise<{ records: TfRecord[]; corrupt?: CorruptRecord }> {
  const crc32c = await loadCrc32c();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: TfRecord[] = [];
  let offset = 0;
  const fail = (reason: string) => ({ records, corrupt: { file, offset, reason } });
  while (offset < bytes.length) {
    const left = bytes.length - offset;
    if (left < 12) return fail(`truncated record header: ${left} of 12 bytes`);
    const length = view.getBigUint64(offset, true);
    if (maskCrc(crc32c(bytes.subarray(offset, offset + 8))) !== view.getUint32(offset + 8, true))
      return fail('length checksum mismatch');
    if (length + 16n > BigInt(left))
      return fail(`truncated record: ${length} data bytes announced, ${Math.max(0, left - 16)} present`);
    const start = offset + 12;
    const end = start + Number(length);
    const data = bytes.subarray(start, end);
    if (maskCrc(crc32c(data)) !== view.getUint32(end, true)) return fail('data checksum mismatch');
    records.push({ offset, data });
    offset = end + 4;
  }
  return { records };
}
