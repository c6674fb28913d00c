/**
 * The manifest file a publish uploads ({@link serializeManifest}), apart from the reading of
 * `manifest.ts`: an app that reads artifacts does not load it.
 *
 * @example
 * ```ts
 * const text = serializeManifest(buildManifest([{ path: 'a.txt', digest: 'XUFAKrxLKna5cZ2REBfFkg==', size: 5 }]));
 * ```
 * @module
 */
import type { ArtifactManifest } from './manifest.js';

/**
 * The manifest as JSON text, in the form the Python client writes (entries keyed by path, without
 * `ref` / `birthArtifactID` / `extra` when absent; keys in camelCase), compact.
 *
 * @example
 * ```ts
 * serializeManifest(buildManifest([{ path: 'a.txt', digest: 'XUFAKrxLKna5cZ2REBfFkg==', size: 5 }]));
 * // '{"version":1,"storagePolicy":"wandb-storage-policy-v1","storagePolicyConfig":{"storageLayout":"V2"},"contents":{"a.txt":{"digest":"XUFAKrxLKna5cZ2REBfFkg==","size":5}}}'
 * ```
 */
export function serializeManifest(manifest: ArtifactManifest): string {
  const contents: Record<string, Record<string, unknown>> = {};
  for (const e of manifest.entries) {
    const entry: Record<string, unknown> = { digest: e.digest };
    if (e.ref !== undefined) entry.ref = e.ref;
    entry.size = e.size;
    if (e.birthArtifactId !== undefined) entry.birthArtifactID = e.birthArtifactId;
    if (e.extra !== undefined && Object.keys(e.extra).length > 0) entry.extra = e.extra;
    Object.defineProperty(contents, e.path, {
      value: entry,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  const config = Object.fromEntries(
    Object.entries(manifest.storagePolicyConfig).filter(([, v]) => v !== undefined && v !== null),
  );
  return JSON.stringify({
    version: manifest.version,
    storagePolicy: manifest.storagePolicy,
    storagePolicyConfig: config,
    contents,
  });
}
