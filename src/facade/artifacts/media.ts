/**
 * The media objects `artifact.get(name)` reads (what the official client's `artifact.add(obj,
 * name)` stores as `<name>.<type>.json`): their types and {@link isArtifactTable}, which
 * `wandb-api` exports. The reading is in `media-get.ts`, loaded with the artifacts domain.
 *
 * @example
 * ```ts
 * const media = await artifact.get('samples');
 * if (isArtifactTable(media)) console.log(media.columns, media.rows.length);
 * ```
 * @module
 */
/**
 * A W&B Table read from an artifact (`_type: "table"`; the JSON's `columns` and `data`).
 *
 * @example
 * ```ts
 * const table = (await artifact.get('samples')) as ArtifactTable;
 * for (const row of table.rows) console.log(Object.fromEntries(table.columns.map((c, i) => [c, row[i]])));
 * ```
 */
export interface ArtifactTable {
  /** The column names, in order. */
  columns: string[];
  /** The rows, each a list of cells in column order (media cells stay as their JSON objects). */
  rows: unknown[][];
}

/**
 * What `artifact.get()` resolves with: a {@link ArtifactTable} for a W&B Table, else the stored
 * JSON object as it is (images, plots, other media: their `_type` and fields).
 *
 * @example
 * ```ts
 * const media: ArtifactMedia = await artifact.get('samples');
 * if ('rows' in media) console.log(media.columns);
 * ```
 */
export type ArtifactMedia = ArtifactTable | Record<string, unknown>;

/**
 * Options of `artifact.get()`.
 *
 * @example
 * ```ts
 * await artifact.get('samples', { signal: AbortSignal.timeout(30_000) });
 * ```
 */
export interface ArtifactGetOptions {
  /**
   * Cancels the requests.
   *
   * @example
   * ```ts
   * await artifact.get('samples', { signal });
   * ```
   */
  signal?: AbortSignal;
}

/**
 * Whether what `artifact.get()` gave is a W&B Table (`{ columns, rows }`).
 *
 * @example
 * ```ts
 * const media = await artifact.get('samples');
 * if (isArtifactTable(media)) console.log(media.columns, media.rows.length);
 * ```
 */
export function isArtifactTable(media: ArtifactMedia): media is ArtifactTable {
  return (
    Array.isArray(media.columns) &&
    Array.isArray(media.rows) &&
    Object.keys(media).length === 2 &&
    !('_type' in media)
  );
}
