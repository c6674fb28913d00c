/**
 * `emu.launch`: what a test drives of Launch in place of a launch agent (see
 * {@link LaunchControls}).
 *
 * @example
 * ```ts
 * import { createLaunchControls } from './controls.js';
 * const launch = createLaunchControls(store);
 * launch.advance(itemId, 'RUNNING', { runId: 'launch01' });
 * ```
 * @module
 */
import type { EmulatorStore } from '../../store/store.js';
import { advanceItem, byGlobalId, snapshotOf } from './model.js';
import type { LaunchAdvanceState, LaunchControls } from './records.js';

const STATES: readonly LaunchAdvanceState[] = [
  'LEASED',
  'CLAIMED',
  'RUNNING',
  'FINISHED',
  'FAILED',
  'CRASHED',
];

/**
 * The Launch controls over a store.
 *
 * @example
 * ```ts
 * createLaunchControls(store).item(itemId).phase; // 'PENDING'
 * ```
 */
export function createLaunchControls(store: EmulatorStore): LaunchControls {
  const find = (itemId: string, m: string) => {
    const item = byGlobalId(store, 'RunQueueItem', itemId);
    if (!item) throw new Error(`${m}: no run queue item ${JSON.stringify(itemId)}`);
    return item;
  };
  return {
    advance(itemId, state, options = {}) {
      const m = 'emu.launch.advance';
      if (!STATES.includes(state)) {
        throw new Error(`${m}: unknown state ${JSON.stringify(state)} (one of ${STATES.join(', ')})`);
      }
      const item = find(itemId, m);
      advanceItem(store, item, state, options, m);
      return snapshotOf(item);
    },
    item: (itemId) => snapshotOf(find(itemId, 'emu.launch.item')),
  };
}
