/**
 * `artifact.verify()` (Node): checks a downloaded folder against the version's manifest, offline
 * but for the manifest itself. As the official client does, every stored entry must be there with
 * its MD5, every file in the folder must be an entry, and references are not checked (their
 * digest is not an MD5 of the content; a file at a reference's path is not "extra", a missing one
 * is not "missing").
 *
 * @example
 * ```ts
 * await verifyArtifact(ctx, target, { root: 'data/mnist' }); // rejects with VerificationError
 * ```
 * @module
 */
import { VerificationError } from '../../errors/index.js';
import { abortReason, createPool } from '../core/concurrency.js';
import { md5AsBase64 } from '../core/content.js';
import { describeValue, optionalSignal, optionsObject } from '../core/validate.js';
import { ValidationError } from '../../errors/index.js';
import type { FacadeContext } from '../core/context.js';
import { artifactDisk, checkRootName, entrySegments, type DownloadTarget } from './download.js';

/**
 * Options of `artifact.verify()`.
 *
 * @example
 * ```ts
 * await artifact.verify({ root: 'data/mnist' });
 * ```
 */
export interface ArtifactVerifyOptions {
  /**
   * The folder to check. Default the default folder of `download()` (`./artifacts/<name>`).
   *
   * @example
   * ```ts
   * await artifact.verify({ root: await artifact.download() });
   * ```
   */
  root?: string;
  /**
   * Cancels the check (the manifest request and the hashing).
   *
   * @example
   * ```ts
   * await artifact.verify({ signal: AbortSignal.timeout(60_000) });
   * ```
   */
  signal?: AbortSignal;
}

/** How many files are hashed at once. */
const HASH_CONCURRENCY = 8;

function summary(what: string, paths: readonly string[]): string | undefined {
  if (paths.length === 0) return undefined;
  const shown = paths.slice(0, 5).map((p) => JSON.stringify(p));
  const more = paths.length > 5 ? ` and ${paths.length - 5} more` : '';
  return `${paths.length} ${what} (${shown.join(', ')}${more})`;
}

/**
 * Checks `root` against the manifest (see the module description) and resolves with nothing, or
 * rejects with {@link VerificationError} listing the missing, changed and extra paths.
 * @internal Users call `artifact.verify()`.
 * @example
 * ```ts
 * await verifyArtifact(ctx, target, { root: 'out' });
 * ```
 */
export async function verifyArtifact(
  ctx: FacadeContext,
  target: DownloadTarget,
  options: ArtifactVerifyOptions = {},
): Promise<void> {
  const o = optionsObject(options);
  if (o.root !== undefined && (typeof o.root !== 'string' || o.root === '')) {
    throw new ValidationError(
      'root',
      `expected a folder path (a non-empty string), got ${describeValue(o.root)}`,
    );
  }
  const signal = optionalSignal(o.signal);
  const { files: local } = artifactDisk(ctx, 'verify');
  const root = local.absolute(o.root ?? local.defaultRoot(checkRootName(target.rootName)));
  const manifest = await target.manifest({ signal });
  const present = new Set(await local.listFiles(root));
  const listed = new Set(manifest.entries.map((e) => e.path));
  const extra = [...present].filter((p) => !listed.has(p)).sort();
  const missing: string[] = [];
  const changed: string[] = [];
  const pool = createPool(HASH_CONCURRENCY);
  await Promise.all(
    manifest.entries
      .filter((e) => e.ref === undefined)
      .map((entry) =>
        pool.run(async () => {
          if (signal?.aborted) throw abortReason(signal);
          const actual = await local.fileMd5(local.join(root, entrySegments(entry.path)));
          if (actual === undefined) missing.push(entry.path);
          else if (actual !== md5AsBase64(entry.digest)) changed.push(entry.path);
        }, signal),
      ),
  );
  if (missing.length + changed.length + extra.length === 0) return;
  missing.sort();
  changed.sort();
  const parts = [summary('missing', missing), summary('changed', changed), summary('extra', extra)].filter(
    (p): p is string => p !== undefined,
  );
  throw new VerificationError(
    `${root} does not match artifact ${target.qualifiedName}: ${parts.join('; ')}`,
    { missing, changed, extra },
  );
}
