/**
 * MD5 for every platform (browsers have no MD5 in `crypto.subtle`), from `@noble/hashes` (its
 * `legacy` module, plain JavaScript, audited, no Node built-ins): W&B names file contents by their
 * MD5 (base64) and artifact manifests by an MD5 of their entries (hex). Incremental: feed bytes as
 * they stream, then take the digest once. Node-only code that hashes files may use `node:crypto`
 * instead (`files.node.ts` does).
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
import { md5 } from '@noble/hashes/legacy';
import { bytesToHex as nobleBytesToHex } from '@noble/hashes/utils';

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
  #hash = md5.create();
  #done = false;

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
    this.#hash.update(typeof data === 'string' ? new TextEncoder().encode(data) : data);
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
    this.#done = true;
    return this.#hash.digest();
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
  return nobleBytesToHex(bytes);
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
