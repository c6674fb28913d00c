/**
 * Who may write where: the viewer writes to its own entity, its default entity and its teams.
 *
 * @example
 * ```ts
 * import { checkWritable } from './permissions.js';
 * checkWritable(store, 'someone-else', 'upsertBucket'); // throws
 * ```
 * @module
 */
import type { EmulatorStore } from '../../store/store.js';

/**
 * Refuses a write to `entityName` unless the viewer may write there (its own entity, its default
 * entity or one of its teams): throws `<mutation>: permission denied: ...`.
 *
 * @example
 * ```ts
 * checkWritable(store, 'someone-else', 'upsertBucket'); // throws
 * ```
 */
export function checkWritable(store: EmulatorStore, entityName: string, mutation: string): void {
  const viewer = store.viewer;
  if (!store.canWrite(viewer.username, entityName)) {
    throw new Error(
      `${mutation}: permission denied: user ${viewer.username} cannot write to entity ${entityName}`,
    );
  }
}
