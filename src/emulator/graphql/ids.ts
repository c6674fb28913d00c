/**
 * W&B-style global ids: the opaque `ID` of every object, base64 of `"<Kind>:<integer id>"`.
 *
 * @example
 * ```ts
 * import { globalId, parseGlobalId } from './ids.js';
 * globalId('Run', 12); // 'UnVuOjEy'
 * parseGlobalId('UnVuOjEy', 'Run'); // 12
 * ```
 * @module
 */

/**
 * The object kinds that get W&B-style global ids.
 *
 * @example
 * ```ts
 * const kind: GlobalIdKind = 'Run';
 * ```
 */
export type GlobalIdKind =
  | 'User'
  | 'Entity'
  | 'Project'
  | 'Run'
  | 'Sweep'
  | 'View'
  | 'File'
  | 'ApiKey'
  | 'ArtifactType'
  /** Sequences and portfolios alike (the official client's tests use `ArtifactCollection:<n>`). */
  | 'ArtifactCollection'
  | 'Artifact'
  | 'ArtifactCollectionMembership'
  | 'ArtifactAlias'
  | 'ArtifactManifest'
  | 'Tag'
  | 'Organization'
  | 'Integration'
  | 'Trigger'
  /** Launch (domains/launch): run queues, their items, default resource configs, launch agents. */
  | 'RunQueue'
  | 'RunQueueItem'
  | 'DefaultResourceConfig'
  | 'LaunchAgent'
  /** `Project.internalId`: the official client decodes `ProjectInternalId:<n>` (registries/_utils.py). */
  | 'ProjectInternalId';

/**
 * The opaque global id W&B gives an object: base64 of `"<Kind>:<integer id>"`.
 *
 * @example
 * ```ts
 * globalId('Project', 3); // 'UHJvamVjdDoz'
 * ```
 */
export function globalId(kind: GlobalIdKind, id: number): string {
  return Buffer.from(`${kind}:${id}`, 'utf8').toString('base64');
}

/**
 * Decodes a global id made by {@link globalId} into its integer id, or `undefined` when `value` is
 * not the global id of a `kind` object (another kind, not base64, not `"<Kind>:<integer>"`).
 *
 * @example
 * ```ts
 * parseGlobalId('UnVuOjEy', 'Run'); // 12
 * parseGlobalId('UnVuOjEy', 'Project'); // undefined
 * ```
 */
export function parseGlobalId(value: unknown, kind: GlobalIdKind): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const text = Buffer.from(value, 'base64').toString('utf8');
  const match = /^([A-Za-z]+):([1-9][0-9]*)$/.exec(text);
  if (!match || match[1] !== kind) return undefined;
  const id = Number(match[2]);
  // Reject strings that only decode to the right text by accident (Buffer ignores invalid base64).
  return Number.isSafeInteger(id) && globalId(kind, id) === value ? id : undefined;
}
