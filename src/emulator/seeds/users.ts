/**
 * The demo's users: the viewer and `bob`, both in the team {@link DEMO_TEAM}, whose admin is the
 * viewer (so the demo can invite members and make service accounts).
 *
 * @example
 * ```ts
 * import { seedDemoUsers } from './users.js';
 * seedDemoUsers(store);
 * store.findUser('bob')?.teams; // ['demo-team']
 * ```
 * @module
 */
import type { EmulatorStore } from '../store/store.js';
import { seedTeam } from '../domains/teams/seed.js';
import { DEMO_TEAM } from './constants.js';

/**
 * Adds the demo's users and puts the viewer in the demo team.
 *
 * @example
 * ```ts
 * seedDemoUsers(store);
 * ```
 */
export function seedDemoUsers(store: EmulatorStore): void {
  store.seedUser({ username: store.viewer.username, teams: [DEMO_TEAM] });
  store.seedUser({ username: 'bob', name: 'Bob Builder', email: 'bob@example.com', teams: [DEMO_TEAM] });
  seedTeam(store, { name: DEMO_TEAM, admins: [store.viewer.username] });
}
