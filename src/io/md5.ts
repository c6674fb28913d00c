/**
 * MD5 in plain TypeScript, for every platform (browsers have no MD5 in `crypto.subtle`): W&B names
 * file contents by their MD5 (base64) and artifact manifests by an MD5 of their entries (hex).
 * Incremental: feed bytes as they stream, then take the digest once.
 *
 * @example
 * ```ts
 * md5Hex(new TextEncoder().encode('')); // 'd41d8cd98f00b204e9800998ecf8427e'
 * const h = new Md5();
 * h.update(chunk1);
 * h.update(chunk2);
 * h.digestBase64(); // e.g. '1B2M2Y8AsgTpgAmY7PhCfg=='
 * ```
 * @module
 */

// Per-round shift amounts and the sine-derived constants of RFC 1321.
const S = [
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9,
  14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15,
  21, 6, 10, 15, 21,
];
const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

/**
 * An incremental MD5 hash (RFC 1321). `update` may be called any number of times; a digest method
 * ends it (further calls throw).
 *
 * @example
 * ```ts
 * const hash = new Md5();
 * for await (const chunk of stream) hash.update(chunk);
 * console.log(hash.digestHex());
 * ```
 */
export class Md5 {
  #state = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]);
  #block = new Uint8Array(64);
  #blockLength = 0;
  #bytes = 0;
  #done = false;
  #words = new Uint32Array(16);

  /**
   * Adds bytes (or a string, as UTF-8) to the hash.
   *
   * @example
   * ```ts
   * new Md5().update('abc').digestHex(); // '900150983cd24fb0d6963f7d28e17f72'
   * ```
   */
  update(data: Uint8Array | string): this {
    if (this.#done) throw new Error('Md5: update() after the digest was taken');
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    this.#bytes += bytes.length;
    let offset = 0;
    if (this.#blockLength > 0) {
      const take = Math.min(64 - this.#blockLength, bytes.length);
      this.#block.set(bytes.subarray(0, take), this.#blockLength);
      this.#blockLength += take;
      offset = take;
      if (this.#blockLength < 64) return this;
      this.#compress(this.#block, 0);
      this.#blockLength = 0;
    }
    for (; offset + 64 <= bytes.length; offset += 64) this.#compress(bytes, offset);
    if (offset < bytes.length) {
      this.#block.set(bytes.subarray(offset), 0);
      this.#blockLength = bytes.length - offset;
    }
    return this;
  }

  /**
   * The 16-byte digest. Ends the hash.
   *
   * @example
   * ```ts
   * new Md5().update('').digest().length; // 16
   * ```
   */
  digest(): Uint8Array {
    if (this.#done) throw new Error('Md5: the digest was already taken');
    const bits = this.#bytes * 8;
    const padding = new Uint8Array((this.#blockLength < 56 ? 56 : 120) - this.#blockLength + 8);
    padding[0] = 0x80;
    const view = new DataView(padding.buffer);
    view.setUint32(padding.length - 8, bits >>> 0, true);
    view.setUint32(padding.length - 4, Math.floor(bits / 2 ** 32) >>> 0, true);
    this.update(padding);
    this.#done = true;
    const out = new Uint8Array(16);
    const outView = new DataView(out.buffer);
    for (let i = 0; i < 4; i++) outView.setUint32(i * 4, this.#state[i] as number, true);
    return out;
  }

  /**
   * The digest as 32 lowercase hex digits. Ends the hash.
   *
   * @example
   * ```ts
   * new Md5().update('').digestHex(); // 'd41d8cd98f00b204e9800998ecf8427e'
   * ```
   */
  digestHex(): string {
    return bytesToHex(this.digest());
  }

  /**
   * The digest in standard padded base64, the form W&B gives file MD5s in. Ends the hash.
   *
   * @example
   * ```ts
   * new Md5().update('').digestBase64(); // '1B2M2Y8AsgTpgAmY7PhCfg=='
   * ```
   */
  digestBase64(): string {
    return bytesToBase64(this.digest());
  }

  #compress(bytes: Uint8Array, offset: number): void {
    const w = this.#words;
    for (let i = 0; i < 16; i++) {
      const j = offset + i * 4;
      w[i] =
        ((bytes[j] as number) |
          ((bytes[j + 1] as number) << 8) |
          ((bytes[j + 2] as number) << 16) |
          ((bytes[j + 3] as number) << 24)) >>>
        0;
    }
    const st = this.#state;
    let a = st[0] as number;
    let b = st[1] as number;
    let c = st[2] as number;
    let d = st[3] as number;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) % 16;
      }
      const sum = (a + f + (K[i] as number) + (w[g] as number)) >>> 0;
      const s = S[i] as number;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << s) | (sum >>> (32 - s)))) >>> 0;
    }
    st[0] = ((st[0] as number) + a) >>> 0;
    st[1] = ((st[1] as number) + b) >>> 0;
    st[2] = ((st[2] as number) + c) >>> 0;
    st[3] = ((st[3] as number) + d) >>> 0;
  }
}

/**
 * The MD5 of `data` (bytes, or a string as UTF-8) as 32 lowercase hex digits.
 *
 * @example
 * ```ts
 * md5Hex('The quick brown fox jumps over the lazy dog'); // '9e107d9d372bb6826bd81d3542a419d6'
 * ```
 */
export function md5Hex(data: Uint8Array | string): string {
  return new Md5().update(data).digestHex();
}

/**
 * The MD5 of `data` (bytes, or a string as UTF-8) in padded base64, as W&B gives file MD5s.
 *
 * @example
 * ```ts
 * md5Base64('hello'); // 'XUFAKrxLKna5cZ2REBfFkg=='
 * ```
 */
export function md5Base64(data: Uint8Array | string): string {
  return new Md5().update(data).digestBase64();
}

/**
 * Bytes as lowercase hex digits.
 *
 * @example
 * ```ts
 * bytesToHex(new Uint8Array([1, 255])); // '01ff'
 * ```
 */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/**
 * Bytes in standard padded base64 (no Node `Buffer`: works in browsers).
 *
 * @example
 * ```ts
 * bytesToBase64(new Uint8Array([104, 105])); // 'aGk='
 * ```
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
