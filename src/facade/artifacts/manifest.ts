/**
 * Artifact manifests (version 1, protocol notes §7): the types, a tolerant parser of the JSON the
 * server stores (unknown keys ignored, formatting irrelevant — the Python client writes indented
 * JSON, the Go client compact JSON with extra entry keys), a writer, and the artifact (manifest)
 * digest of §7.2, which is `Artifact.digest` and what `createArtifact` is sent.
 *
 * @example
 * ```ts
 * const manifest = parseManifest(text);
 * for (const entry of manifest.entries) console.log(entry.path, entry.size, entry.ref ?? '(stored)');
 * manifestDigest(manifest.entries) === artifact.digest; // true for a committed version
 * ```
 * @module
 */
import { WandbError } from '../../errors/index.js';
import { Md5 } from '../core/hashing.js';
import { isPlainObject } from '../core/validate.js';

/**
 * One file of an artifact version, as its manifest lists it.
 *
 * @example
 * ```ts
 * const entry: ManifestEntry = { path: 'train/images.npz', digest: 'XUFAKrxLKna5cZ2REBfFkg==', size: 5 };
 * const reference: ManifestEntry = { path: 'big.bin', digest: 'etag-1', size: 0, ref: 'https://example.com/big.bin' };
 * ```
 */
export interface ManifestEntry {
  /** The file's path in the artifact, `/`-separated (`train/images.npz`). */
  path: string;
  /**
   * The content's digest: for a stored file the base64 MD5 of its bytes; for a reference what its
   * storage gives (an `http(s)://` reference: the `ETag` without quotes, or the URL itself).
   */
  digest: string;
  /** Size in bytes; `0` when the manifest gives none (a reference whose storage gave no length). */
  size: number;
  /** For a reference: the URI the content lives at (`https://...`, `s3://...`, `wandb-artifact://...`). */
  ref?: string;
  /** The id of the artifact version whose upload first stored this content (V2 storage layout). */
  birthArtifactId?: string;
  /** Free-form per-entry data the storage handlers keep (e.g. `{ etag }`), as stored. */
  extra?: Record<string, unknown>;
}

/**
 * The storage policy settings of a manifest (`storagePolicyConfig`).
 *
 * @example
 * ```ts
 * const config: ManifestStorageConfig = { storageLayout: 'V2', storageRegion: 'us-east1' };
 * ```
 */
export interface ManifestStorageConfig {
  /**
   * How stored files are laid out (`V1`: by entity and MD5; `V2`: by project, collection and birth
   * artifact). A manifest without one is read as `V1`.
   */
  storageLayout: 'V1' | 'V2' | (string & {});
  /** The storage region, when the manifest names one. */
  storageRegion?: string;
  /** Any other key, as stored. */
  [key: string]: unknown;
}

/**
 * An artifact version's manifest: what files it has, where, and their digests.
 *
 * @example
 * ```ts
 * const manifest: ArtifactManifest = await artifact.manifest();
 * console.log(manifest.entries.length, manifest.storagePolicyConfig.storageLayout);
 * const entry = manifest.entry('train/images.npz');
 * ```
 */
export interface ArtifactManifest {
  /** The manifest format version: 1. */
  readonly version: 1;
  /** The storage policy, `wandb-storage-policy-v1`. */
  readonly storagePolicy: string;
  /** The storage policy settings. */
  readonly storagePolicyConfig: Readonly<ManifestStorageConfig>;
  /** Every entry, sorted by path (code-point order). */
  readonly entries: readonly ManifestEntry[];
  /**
   * The entry of one path, or `undefined`.
   *
   * @example
   * ```ts
   * manifest.entry('train/images.npz')?.digest;
   * ```
   */
  entry(path: string): ManifestEntry | undefined;
}

/** Code-point order of strings (what Python's `sorted` and Go's byte order give for UTF-8). */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = ((x[i] as string).codePointAt(0) as number) - ((y[i] as string).codePointAt(0) as number);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function bad(what: string, why: string): WandbError {
  return new WandbError(`Could not read ${what}: ${why}`);
}

/**
 * A manifest from its entries and policy.
 *
 * @example
 * ```ts
 * const manifest = buildManifest([{ path: 'a.txt', digest: 'XUFAKrxLKna5cZ2REBfFkg==', size: 5 }]);
 * manifest.storagePolicyConfig.storageLayout; // 'V2'
 * ```
 */
export function buildManifest(
  entries: Iterable<ManifestEntry>,
  policy: { storagePolicy?: string; storagePolicyConfig?: ManifestStorageConfig } = {},
): ArtifactManifest {
  const sorted = [...entries].sort((a, b) => byCodePoint(a.path, b.path));
  const byPath = new Map(sorted.map((e) => [e.path, e]));
  return Object.freeze({
    version: 1 as const,
    storagePolicy: policy.storagePolicy ?? 'wandb-storage-policy-v1',
    storagePolicyConfig: Object.freeze({ ...(policy.storagePolicyConfig ?? { storageLayout: 'V2' }) }),
    entries: Object.freeze(sorted),
    entry: (path: string) => byPath.get(path),
  });
}

/**
 * Parses a manifest (version 1) as the server stores it, tolerantly: unknown keys (the Go client's
 * `local_path`, `skip_cache`, ...) are ignored, a missing `size` is `0`, a missing `storageLayout`
 * is `V1`, `birthArtifactID` becomes `birthArtifactId`. The text may also be the parsed object.
 *
 * @param what - what is parsed, for the error message.
 * @throws {@link WandbError} naming `what` when it is not a version-1 manifest (not JSON, another
 *   `version`, no `contents` object, an entry without a string `digest`).
 * @example
 * ```ts
 * const manifest = parseManifest('{"version":1,"storagePolicy":"wandb-storage-policy-v1","storagePolicyConfig":{"storageLayout":"V2"},"contents":{"a.txt":{"digest":"XUFAKrxLKna5cZ2REBfFkg==","size":5}}}');
 * manifest.entry('a.txt')?.size; // 5
 * ```
 */
export function parseManifest(text: string | unknown, what = 'the artifact manifest'): ArtifactManifest {
  let raw: unknown = text;
  if (typeof text === 'string') {
    try {
      raw = JSON.parse(text) as unknown;
    } catch (e) {
      throw new WandbError(`Could not read ${what}: it is not JSON (${(e as Error).message})`, 'UNKNOWN', {
        cause: e,
      });
    }
  }
  if (!isPlainObject(raw)) throw bad(what, 'expected a JSON object');
  if (raw.version !== 1) throw bad(what, `expected manifest version 1, got ${JSON.stringify(raw.version)}`);
  const contents = raw.contents ?? {};
  if (!isPlainObject(contents)) throw bad(what, '"contents" is not an object');
  const config = isPlainObject(raw.storagePolicyConfig) ? raw.storagePolicyConfig : {};
  const storagePolicyConfig: ManifestStorageConfig = {
    ...config,
    storageLayout: typeof config.storageLayout === 'string' ? config.storageLayout : 'V1',
  };
  const entries: ManifestEntry[] = Object.entries(contents).map(([path, value]) => {
    if (!isPlainObject(value)) throw bad(what, `the entry ${JSON.stringify(path)} is not an object`);
    if (typeof value.digest !== 'string') {
      throw bad(what, `the entry ${JSON.stringify(path)} has no digest`);
    }
    const size = typeof value.size === 'number' && Number.isFinite(value.size) ? value.size : 0;
    const entry: ManifestEntry = { path, digest: value.digest, size };
    if (typeof value.ref === 'string' && value.ref !== '') entry.ref = value.ref;
    if (typeof value.birthArtifactID === 'string' && value.birthArtifactID !== '') {
      entry.birthArtifactId = value.birthArtifactID;
    }
    if (isPlainObject(value.extra) && Object.keys(value.extra).length > 0) entry.extra = value.extra;
    return entry;
  });
  return buildManifest(entries, {
    storagePolicy: typeof raw.storagePolicy === 'string' ? raw.storagePolicy : 'wandb-storage-policy-v1',
    storagePolicyConfig,
  });
}

/** The first line of what the artifact digest hashes. */
export const MANIFEST_DIGEST_HEADER = 'wandb-artifact-manifest-v1\n';

/**
 * The artifact (manifest) digest of protocol §7.2, what `Artifact.digest` is and what
 * `createArtifact` is sent: the hex MD5 of `"wandb-artifact-manifest-v1\n"` followed by one line
 * `"{path}:{digest}\n"` per entry, sorted by path (code-point order), all UTF-8. Only paths and
 * entry digests count (not sizes, references, birth artifacts or the layout); an empty artifact
 * hashes the header alone. Distinct from the MD5 of the manifest file's bytes.
 *
 * @example
 * ```ts
 * manifestDigest([]); // the hex MD5 of "wandb-artifact-manifest-v1\n"
 * manifestDigest(manifest.entries) === artifact.digest; // true
 * ```
 */
export function manifestDigest(entries: Iterable<Pick<ManifestEntry, 'path' | 'digest'>>): string {
  const sorted = [...entries].sort((a, b) => byCodePoint(a.path, b.path));
  const hash = new Md5().update(MANIFEST_DIGEST_HEADER);
  for (const e of sorted) hash.update(`${e.path}:${e.digest}\n`);
  return hash.digestHex();
}
