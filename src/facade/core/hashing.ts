/**
 * MD5, as W&B uses it for file and manifest digests (base64) and multipart parts (hex): the
 * platform-neutral incremental hasher of `src/io/md5.ts`, re-exported for the domains (which
 * import `core`, `paths`, `generated` and `errors` only).
 *
 * @example
 * ```ts
 * import { Md5 } from '../core/hashing.js';
 * const md5 = new Md5();
 * md5.update(bytes);
 * md5.digestBase64(); // what a manifest entry's digest is
 * ```
 * @module
 */
export { bytesToBase64, bytesToHex, Md5, md5Base64, md5Hex } from '../../io/md5.js';
