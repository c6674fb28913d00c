/**
 * The fixed instants and names of the demo seed.
 *
 * @example
 * ```ts
 * import { DEMO_NOW, DEMO_TEAM } from './constants.js';
 * DEMO_NOW.toISOString(); // '2024-06-01T00:00:00.000Z'
 * ```
 * @module
 */

/**
 * When the demo data "ends": every demo run was created in the 14 days before this instant.
 *
 * @example
 * ```ts
 * DEMO_NOW.toISOString(); // '2024-06-01T00:00:00.000Z'
 * ```
 */
export const DEMO_NOW = new Date('2024-06-01T00:00:00Z');

/**
 * The team entity the demo seed creates (the viewer is a member).
 *
 * @example
 * ```ts
 * await api.project(DEMO_TEAM, 'shared-benchmarks');
 * ```
 */
export const DEMO_TEAM = 'demo-team';

/**
 * A day in milliseconds.
 *
 * @example
 * ```ts
 * new Date(DEMO_NOW.getTime() - 14 * DAY_MS); // the first demo day
 * ```
 */
export const DAY_MS = 24 * 3600 * 1000;

/**
 * When the demo's runs start: 14 days before {@link DEMO_NOW}.
 *
 * @example
 * ```ts
 * new Date(DEMO_START).toISOString(); // '2024-05-18T00:00:00.000Z'
 * ```
 */
export const DEMO_START = DEMO_NOW.getTime() - 14 * DAY_MS;
