/**
 * Custom charts (chart presets) as the store keeps them (`store.charts`, keyed by their id
 * `entity/name`), and the seed input and result of `emu.seed.customChart`.
 *
 * @example
 * ```ts
 * import type { CustomChartRecord } from './records.js';
 * const chart: CustomChartRecord | undefined = store.charts.get('acme/bar-chart');
 * ```
 * @module
 */

/**
 * A stored custom chart (`CustomChart`). Its GraphQL id is `entity/name`, what the official
 * client's `create_custom_chart` documents as its return value.
 *
 * @example
 * ```ts
 * const chart: CustomChartRecord = {
 *   id: 1, entityName: 'acme', name: 'bar-chart', displayName: 'Bar chart', type: 'vega2',
 *   access: 'PRIVATE', spec: '{"mark":"bar"}', username: 'alice',
 *   createdAt: '2024-06-01T00:00:00Z', updatedAt: '2024-06-01T00:00:00Z',
 * };
 * ```
 */
export interface CustomChartRecord {
  /** Integer storage id in creation order (1, 2, ...): the listing order of `customCharts`. The GraphQL id is `entity/name`. */
  id: number;
  entityName: string;
  /** Unique in the entity; may hold `/` (the built-in presets are named like `line/v0`). */
  name: string;
  displayName: string;
  /** The spec kind, `vega2`. */
  type: string;
  /** `PRIVATE` or `PUBLIC`, as the server stores it. */
  access: string;
  /** The Vega spec, the JSON string as sent. */
  spec: string;
  /** Author. */
  username: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * A custom chart to add with `emu.seed.customChart`.
 *
 * @example
 * ```ts
 * emu.seed.customChart({ entity: 'acme', name: 'bar-chart', spec: { mark: 'bar' }, access: 'PUBLIC' });
 * ```
 */
export interface SeedCustomChartInput {
  /** Owning entity (created when missing). Default the viewer's entity. */
  entity?: string;
  /** Name, unique in the entity. */
  name: string;
  /** Title. Default `name`. */
  displayName?: string;
  /** Spec kind. Default `'vega2'`. */
  type?: string;
  /** `PRIVATE` (default) or `PUBLIC`. */
  access?: 'PRIVATE' | 'PUBLIC';
  /** The spec: an object (stored as JSON) or a JSON string (stored as given). Default `{}`. */
  spec?: Record<string, unknown> | string;
  /** Author's username (created when missing). Default the viewer. */
  user?: string;
  /** Creation time. Default now (on the emulator clock). */
  createdAt?: Date | string;
}

/**
 * What `emu.seed.customChart` answers.
 *
 * @example
 * ```ts
 * const { id } = emu.seed.customChart({ name: 'bar-chart' }); // 'alice/bar-chart'
 * ```
 */
export interface SeededCustomChart {
  /** The chart's id, `entity/name`. */
  id: string;
}
