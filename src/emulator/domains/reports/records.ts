/**
 * Reports (saved views) as the store keeps them, and the seed input that makes one.
 *
 * @example
 * ```ts
 * import type { ReportRecord } from './records.js';
 * const reports: ReportRecord[] = [...store.reports.values()];
 * ```
 * @module
 */

/**
 * A stored report: a saved view (`View`) of a project.
 *
 * @example
 * ```ts
 * [...store.reports.values()].map((r) => r.displayName); // ['Weekly sync']
 * ```
 */
export interface ReportRecord {
  /** Integer storage id (global id `View:<id>`). */
  id: number;
  /** Storage id of the report's project ({@link ProjectRecord.id}). */
  projectId: number;
  /** Internal view name (`View.name`). */
  name: string;
  /** The title shown in the app. */
  displayName: string;
  /** View type; reports are `runs`. */
  type: string;
  /** The description (`null` for none). */
  description: string | null;
  /** The content as a JSON string, the way the server stores it. */
  spec: string | null;
  /** Username of the author (`null` when unknown). */
  username: string | null;
  /** Creation time, an ISO 8601 timestamp in whole seconds (`2024-01-02T03:04:05Z`). */
  createdAt: string;
  /** Last update, the same format. */
  updatedAt: string;
}

/**
 * Input of `emu.seed.report`: a report is a saved view of type `runs` in a project.
 *
 * @example
 * ```ts
 * emu.seed.report({
 *   project: 'vision',
 *   displayName: 'Weekly sync',
 *   description: 'What changed this week',
 *   spec: { panelGroups: [{ name: 'Loss curves' }] },
 * });
 * ```
 */
export interface SeedReportInput {
  /** Entity. Default the viewer's entity. */
  entity?: string;
  /** Project (created when missing). */
  project: string;
  /** Title shown in the app (`View.displayName`). */
  displayName: string;
  /** Description. Default `null`. */
  description?: string | null;
  /**
   * Content: an object (stored as a JSON string, as the server does) or a JSON string (stored as
   * given, unchecked, so a client's handling of a blank or broken spec can be tested). Default `null`.
   */
  spec?: Record<string, unknown> | string | null;
  /** The view's internal name (what `viewName` filters on). Default a random 8-character id. */
  name?: string;
  /** View type. Default `'runs'` (a report); other types are not listed as reports. */
  type?: string;
  /** Username of the author (created when missing). Default the viewer. */
  user?: string;
  /** Creation time. Default now (on the emulator clock). */
  createdAt?: Date | string;
  /** Last save. Default `createdAt`. */
  updatedAt?: Date | string;
}

/**
 * The result of `emu.seed.report`.
 *
 * @example
 * ```ts
 * const { id, name } = emu.seed.report({ project: 'vision', displayName: 'Weekly sync' }); // id: base64 'View:<n>'
 * ```
 */
export interface SeededReport {
  /** Global id (GraphQL `View.id`), what report URLs end with (without `=` padding). */
  id: string;
  /** The view's internal name. */
  name: string;
}
