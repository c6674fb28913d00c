/**
 * Format and size of an encoded image from its header bytes (PNG, JPEG, GIF: the formats the
 * official client reads from TensorBoard image summaries).
 *
 * @example
 * ```ts
 * imageInfo(pngBytes); // { format: 'png', width: 2, height: 1 }
 * ```
 * @module
 */

/**
 * The format (also the file extension) and pixel size of an image, or undefined when the bytes
 * are not a PNG, JPEG or GIF this can read.
 *
 * @example
 * ```ts
 * const info = imageInfo(bytes);
 * if (info) console.log(info.format, info.width, info.height);
 * ```
 */
export function imageInfo(bytes: Uint8Array): { format: string; width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (bytes.length >= 24 && starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) };
  if (bytes.length >= 10 && starts([0x47, 0x49, 0x46, 0x38]))
    return { format: 'gif', width: view.getUint16(6, true), height: view.getUint16(8, true) };
  if (bytes.length >= 4 && starts([0xff, 0xd8])) {
    let at = 2;
    while (at + 9 <= bytes.length) {
      if (bytes[at] !== 0xff) return undefined;
      const marker = bytes[at + 1] as number;
      // Start-of-frame markers (not DHT 0xC4, JPG 0xC8, DAC 0xCC) carry the height and width.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        return { format: 'jpeg', height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
      at += 2 + view.getUint16(at + 2);
    }
  }
  return undefined;
}
