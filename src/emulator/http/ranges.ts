/**
 * HTTP byte ranges for the storage answers (RFC 9110 §14): one `Range: bytes=a-b`, `bytes=a-` or
 * `bytes=-n` → 206 with `Content-Range: bytes a-b/<size>`; a range past the end → 416 with a
 * `Content-Range` of `bytes *` then `/<size>`; no `Range` (or one the emulator does not parse, such as
 * several ranges) → 200 with the whole body.
 *
 * @example
 * ```ts
 * import { rangedAnswer } from './ranges.js';
 * rangedAnswer(new Uint8Array(10), 'bytes=2-4', {}).status; // 206, 3 bytes
 * ```
 * @module
 */

/**
 * A storage answer with its body.
 *
 * @example
 * ```ts
 * const answer: RangedAnswer = { status: 206, headers: { 'Content-Range': 'bytes 0-9/100' }, body };
 * ```
 */
export interface RangedAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

/**
 * Answers `bytes` (with `headers`) for a request that sent `range` (the `Range` header, if any).
 *
 * @example
 * ```ts
 * rangedAnswer(bytes, 'bytes=-4', { 'Content-Type': 'application/octet-stream' }); // the last 4 bytes, 206
 * rangedAnswer(bytes, undefined, {}); // all of them, 200
 * ```
 */
export function rangedAnswer(
  bytes: Uint8Array,
  range: string | undefined,
  headers: Record<string, string>,
): RangedAnswer {
  const match = range === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (range !== undefined && match) {
    const size = bytes.byteLength;
    const [, from = '', to = ''] = match;
    let start = from === '' ? size - Number(to) : Number(from);
    let end = from === '' || to === '' ? size - 1 : Math.min(Number(to), size - 1);
    if (from === '' && to === '') start = size;
    start = Math.max(start, 0);
    if (start >= size || start > end) {
      return {
        status: 416,
        headers: { 'Content-Range': `bytes */${size}`, 'Content-Type': 'text/plain; charset=utf-8' },
        body: '',
      };
    }
    end = Math.max(end, start);
    return {
      status: 206,
      headers: { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}` },
      body: bytes.subarray(start, end + 1),
    };
  }
  return { status: 200, headers, body: bytes };
}
