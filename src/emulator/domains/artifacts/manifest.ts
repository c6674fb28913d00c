/**
 * Manifests and digests as W&B computes them (wandb-ops.md §7.4; the protocol notes §7): the
 * manifest JSON (version 1), the artifact digest over its entries, and the MD5 encodings.
 *
 * - An entry digest of a stored file is the base64 (standard, padded) MD5 of its content; URLs use
 *   the hex form of the same 16 bytes.
 * - The artifact digest is hex(md5("wandb-artifact-manifest-v1\n" + for each entry sorted by path
 *   in code-point order: "{path}:{digest}\n")): only paths and entry digests count.
 *
 * @example
 * ```ts
 * import { manifestDigest, buildManifest, parseManifest } from './manifest.js';
 * manifestDigest([]); // md5 of the header alone
 * const text = buildManifest([{ path: 'a.txt', digest: 'DMF1ucDxtqgxw5niaXcmYQ==', size: 1 }], { storageLayout: 'V2' });
 * parseManifest(text).entries[0]?.path; // 'a.txt'
 * ```
 * @module
 */
import { createHash } from 'node:crypto';
import type { ManifestEntry } from './records.js';

/**
 * The file name of a full manifest (`createArtifactManifest(name:)`).
 *
 * @example
 * ```ts
 * MANIFEST_FILE_NAME; // 'wandb_manifest.json'
 * ```
 */
export const MANIFEST_FILE_NAME = 'wandb_manifest.json';

/**
 * The first line of the text the artifact digest is the MD5 of.
 *
 * @example
 * ```ts
 * MANIFEST_DIGEST_HEADER; // 'wandb-artifact-manifest-v1\n'
 * ```
 */
export const MANIFEST_DIGEST_HEADER = 'wandb-artifact-manifest-v1\n';

const BASE64_MD5 = /^[A-Za-z0-9+/]{22}==$/;
const HEX_MD5 = /^[0-9a-f]{32}$/;

/**
 * Whether `text` is a base64 MD5 (24 characters, standard alphabet, padded).
 *
 * @example
 * ```ts
 * isBase64Md5('1B2M2Y8AsgTpgAmY7PhCfg=='); // true
 * isBase64Md5('d41d8cd98f00b204e9800998ecf8427e'); // false: that is hex
 * ```
 */
export function isBase64Md5(text: string): boolean {
  return BASE64_MD5.test(text) && Buffer.from(text, 'base64').toString('base64') === text;
}

/**
 * Whether `text` is a hex MD5 (32 lower-case hex digits).
 *
 * @example
 * ```ts
 * isHexMd5('d41d8cd98f00b204e9800998ecf8427e'); // true
 * ```
 */
export function isHexMd5(text: string): boolean {
  return HEX_MD5.test(text);
}

/**
 * The hex form of a base64 MD5 (what fallback download URLs carry).
 *
 * @example
 * ```ts
 * b64ToHex('1B2M2Y8AsgTpgAmY7PhCfg=='); // 'd41d8cd98f00b204e9800998ecf8427e'
 * ```
 */
export function b64ToHex(b64: string): string {
  return Buffer.from(b64, 'base64').toString('hex');
}

/**
 * The base64 form of a hex MD5.
 *
 * @example
 * ```ts
 * hexToB64('d41d8cd98f00b204e9800998ecf8427e'); // '1B2M2Y8AsgTpgAmY7PhCfg=='
 * ```
 */
export function hexToB64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

/**
 * The hex MD5 of some bytes.
 *
 * @example
 * ```ts
 * md5Hex(new Uint8Array()); // 'd41d8cd98f00b204e9800998ecf8427e'
 * ```
 */
export function md5Hex(content: Uint8Array | string): string {
  return createHash('md5').update(content).digest('hex');
}

/**
 * Compares two strings by code point (the order of their UTF-8 bytes), as Python's `sorted` and
 * Go's `sort.Strings` order manifest paths (JavaScript's `<` compares UTF-16 units instead).
 *
 * @example
 * ```ts
 * ['b', 'a', '\u{1F600}', '\uFFFD'].sort(compareCodePoints); // ['a', 'b', '\uFFFD', '\u{1F600}']
 * ```
 */
export function compareCodePoints(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * The artifact (manifest) digest of a set of entries: hex MD5 of the header and one
 * `"{path}:{digest}\n"` line per entry, in code-point order of the paths.
 *
 * @example
 * ```ts
 * manifestDigest([{ path: 'a.txt', digest: 'DMF1ucDxtqgxw5niaXcmYQ==' }]);
 * // md5('wandb-artifact-manifest-v1\na.txt:DMF1ucDxtqgxw5niaXcmYQ==\n') in hex
 * ```
 */
export function manifestDigest(entries: Iterable<Pick<ManifestEntry, 'path' | 'digest'>>): string {
  const sorted = [...entries].sort((x, y) => compareCodePoints(x.path, y.path));
  const hash = createHash('md5').update(MANIFEST_DIGEST_HEADER, 'utf8');
  for (const entry of sorted) hash.update(`${entry.path}:${entry.digest}\n`, 'utf8');
  return hash.digest('hex');
}

/**
 * A manifest's storage policy configuration (`storagePolicyConfig`).
 *
 * @example
 * ```ts
 * const config: StorageConfig = { storageLayout: 'V2', storageRegion: null };
 * ```
 */
export interface StorageConfig {
  /** `V1` or `V2`; a manifest without one reads as `V1`. */
  storageLayout: 'V1' | 'V2';
  /** The storage region, if the manifest names one. */
  storageRegion: string | null;
}

/**
 * A parsed manifest.
 *
 * @example
 * ```ts
 * const { config, entries } = parseManifest(text);
 * ```
 */
export interface ParsedManifest {
  config: StorageConfig;
  /** The entries, in code-point order of their paths. */
  entries: ManifestEntry[];
}

/**
 * Writes a manifest (version 1) as the official client does (entries in path order, defaults
 * left out, indented by 4 spaces).
 *
 * @example
 * ```ts
 * buildManifest([{ path: 'a.txt', digest: 'DMF1ucDxtqgxw5niaXcmYQ==', size: 1, birthArtifactID: 'QXJ0aWZhY3Q6MQ==' }], { storageLayout: 'V2' });
 * ```
 */
export function buildManifest(
  entries: readonly ManifestEntry[],
  config: { storageLayout: 'V1' | 'V2'; storageRegion?: string | null },
): string {
  const contents: Record<string, Record<string, unknown>> = {};
  for (const entry of [...entries].sort((x, y) => compareCodePoints(x.path, y.path))) {
    const out: Record<string, unknown> = { digest: entry.digest };
    if (entry.ref !== undefined) out.ref = entry.ref;
    if (entry.size !== null) out.size = entry.size;
    if (entry.birthArtifactID !== undefined) out.birthArtifactID = entry.birthArtifactID;
    if (entry.extra !== undefined && Object.keys(entry.extra).length > 0) out.extra = entry.extra;
    Object.defineProperty(contents, entry.path, { value: out, enumerable: true, writable: true });
  }
  const storagePolicyConfig: Record<string, string> = { storageLayout: config.storageLayout };
  if (config.storageRegion) storagePolicyConfig.storageRegion = config.storageRegion;
  return JSON.stringify(
    { version: 1, storagePolicy: 'wandb-storage-policy-v1', storagePolicyConfig, contents },
    null,
    4,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a manifest: a JSON object with `version: 1` and `contents` (path → entry with a string
 * `digest`, an optional non-negative integer `size`, string `ref` and `birthArtifactID`, object
 * `extra`; unknown keys such as the Go saver's `local_path` and `skip_cache` are ignored).
 *
 * @throws Error saying what is wrong, for anything else.
 * @example
 * ```ts
 * parseManifest('{"version":1,"contents":{"a.txt":{"digest":"DMF1ucDxtqgxw5niaXcmYQ==","size":1}}}').config.storageLayout; // 'V1'
 * ```
 */
export function parseManifest(text: string): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`the manifest is not JSON (${(error as Error).message})`);
  }
  if (!isObject(json)) throw new Error('the manifest is not a JSON object');
  if (json.version !== 1) throw new Error(`unsupported manifest version ${JSON.stringify(json.version)}`);
  const policy = json.storagePolicyConfig;
  const layout = isObject(policy) ? policy.storageLayout : undefined;
  const region = isObject(policy) ? policy.storageRegion : undefined;
  if (layout !== undefined && layout !== 'V1' && layout !== 'V2') {
    throw new Error(`unknown storageLayout ${JSON.stringify(layout)}`);
  }
  const contents = json.contents;
  if (!isObject(contents)) throw new Error('the manifest has no "contents" object');
  const entries: ManifestEntry[] = [];
  for (const [path, raw] of Object.entries(contents)) {
    if (!isObject(raw)) throw new Error(`entry ${JSON.stringify(path)} is not an object`);
    if (path === '') throw new Error('an entry has an empty path');
    const { digest, size, ref, birthArtifactID, extra } = raw;
    if (typeof digest !== 'string' || digest === '') {
      throw new Error(`entry ${JSON.stringify(path)} has no digest`);
    }
    if (size !== undefined && size !== null && !(Number.isSafeInteger(size) && (size as number) >= 0)) {
      throw new Error(`entry ${JSON.stringify(path)} has an invalid size ${JSON.stringify(size)}`);
    }
    const entry: ManifestEntry = { path, digest, size: typeof size === 'number' ? size : null };
    if (ref !== undefined && ref !== null) {
      if (typeof ref !== 'string') throw new Error(`entry ${JSON.stringify(path)} has a non-string ref`);
      entry.ref = ref;
    }
    if (birthArtifactID !== undefined && birthArtifactID !== null) {
      if (typeof birthArtifactID !== 'string') {
        throw new Error(`entry ${JSON.stringify(path)} has a non-string birthArtifactID`);
      }
      entry.birthArtifactID = birthArtifactID;
    }
    if (extra !== undefined && extra !== null) {
      if (!isObject(extra)) throw new Error(`entry ${JSON.stringify(path)} has a non-object extra`);
      entry.extra = extra;
    }
    entries.push(entry);
  }
  entries.sort((x, y) => compareCodePoints(x.path, y.path));
  return {
    config: {
      storageLayout: layout ?? 'V1',
      storageRegion: typeof region === 'string' && region !== '' ? region : null,
    },
    entries,
  };
}
