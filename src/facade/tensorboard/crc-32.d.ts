// Types for the CRC-32C module of the `crc-32` package (it ships types for CRC-32 only).
declare module 'crc-32/crc32c.js' {
  /** The CRC-32C module: `buf(bytes)` is the checksum as a signed 32-bit integer. */
  const crc32c: { buf(data: Uint8Array, seed?: number): number };
  export default crc32c;
}
