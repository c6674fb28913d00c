/**
 * `artifact.get(name)`: a media object stored in an artifact as the official client stores it
 * (`artifact.add(obj, name)` writes `<name>.<type>.json`, e.g. `samples.table.json`), read and
 * parsed. Works anywhere `fetch` does (nothing is written to disk).
 *
 * @example
 * ```ts
 * const table = await getMedia(ctx, target, 'samples'); // { columns, rows }
 * ```
 * @module
 */
import { NotFoundError, UnsupportedError, ValidationError, WandbError } from '../../errors/index.js';
import type { FacadeContext } from '../core/context.js';
import { describeValue, isPlainObject, optionalSignal, optionsObject } from '../core/validate.js';
import { listArtifactFiles } from './artifact-file-impl.js';
import type { DownloadTarget } from './download.js';
import type { ArtifactManifest, ManifestEntry } from './manifest.js';
import type { ArtifactGetOptions, ArtifactMedia } from './media.js';

/**
 * The manifest entry of the media object `name`: the entry at `name` itself when it ends in
 * `.json`, else one at `<name>.<type>.json` (the first in path order), else `undefined`.
 *
 * @example
 * ```ts
 * findMediaEntry(manifest, 'samples')?.path; // 'samples.table.json'
 * ```
 */
export function findMediaEntry(manifest: ArtifactManifest, name: string): ManifestEntry | undefined {
  const exact = manifest.entry(name);
  if (exact && name.endsWith('.json')) return exact;
  return manifest.entries.find((e) => {
    if (!e.path.startsWith(`${name}.`) || !e.path.endsWith('.json')) return false;
    const type = e.path.slice(name.length + 1, -'.json'.length);
    return type !== '' && !type.includes('/');
  });
}

/**
 * The parsed media JSON as `get()` gives it: a Table as `{ columns, rows }`, anything else as is.
 *
 * @example
 * ```ts
 * mediaFromJson({ _type: 'table', columns: ['a'], data: [[1]] }, 'x'); // { columns: ['a'], rows: [[1]] }
 * ```
 */
export function mediaFromJson(json: unknown, what: string): ArtifactMedia {
  if (!isPlainObject(json)) throw new WandbError(`${what} is not a JSON object`);
  if (json._type !== 'table') return json;
  const { columns, data } = json;
  if (!Array.isArray(columns) || !Array.isArray(data) || !data.every((r) => Array.isArray(r))) {
    throw new WandbError(`${what} is a table without "columns" and "data" arrays`);
  }
  return { columns: columns.map((c) => String(c)), rows: data as unknown[][] };
}

/**
 * Reads and parses the media object `name` (see the module description).
 * @internal Users call `artifact.get()`.
 * @example
 * ```ts
 * const media = await getMedia(ctx, target, 'samples');
 * ```
 */
export async function getMedia(
  ctx: FacadeContext,
  target: DownloadTarget,
  name: string,
  options: ArtifactGetOptions = {},
): Promise<ArtifactMedia> {
  if (typeof name !== 'string' || name === '') {
    throw new ValidationError(
      'name',
      `expected the name the object was added under (a non-empty string), got ${describeValue(name)}`,
    );
  }
  const signal = optionalSignal(optionsObject(options).signal);
  const manifest = await target.manifest({ signal });
  const entry = findMediaEntry(manifest, name);
  if (!entry) {
    throw new NotFoundError(
      `Artifact ${target.qualifiedName} has no media object ${JSON.stringify(name)} (no entry ${JSON.stringify(name.endsWith('.json') ? name : `${name}.<type>.json`)})`,
    );
  }
  if (entry.ref !== undefined) {
    throw new UnsupportedError(
      `The media object ${JSON.stringify(name)} of artifact ${target.qualifiedName} is a reference (${entry.ref}); only stored objects can be read`,
    );
  }
  const [file] = await listArtifactFiles(ctx, target.where, {
    names: [entry.path],
    perPage: 1,
    signal,
  }).toArray({
    limit: 1,
  });
  if (!file)
    throw new NotFoundError(
      `Artifact ${target.qualifiedName} does not list its file ${JSON.stringify(entry.path)}`,
    );
  const what = `${JSON.stringify(entry.path)} of artifact ${target.qualifiedName}`;
  let json: unknown;
  try {
    json = JSON.parse(await file.text({ signal }));
  } catch (e) {
    if (e instanceof SyntaxError)
      throw new WandbError(`${what} is not JSON (${e.message})`, 'UNKNOWN', { cause: e });
    throw e;
  }
  return mediaFromJson(json, what);
}
