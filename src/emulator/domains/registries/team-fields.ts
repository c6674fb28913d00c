/**
 * The fields of a team entity that the official client selects for a registry's team members
 * (its `TeamFragment`, aligned with the teams API's `TEAM_QUERY`): `Entity.available`,
 * `photoUrl`, `readOnly`, `readOnlyAdmin`, `privateOnly`, `storageBytes`, `codeSavingEnabled`,
 * `defaultAccess`, `isPaid`, `members`, and the `Member` type.
 *
 * What the emulator answers (its own choice where the store has nothing to say):
 * - `available` false (the name is taken), `photoUrl` null, `readOnly` and `readOnlyAdmin`
 *   false, `privateOnly` false, `codeSavingEnabled` false, `defaultAccess` `PRIVATE`, `isPaid`
 *   false;
 * - `storageBytes` the sizes of the entity's artifact versions that are not deleted;
 * - `members` the users whose teams include the entity, each with `role` `member`, `pending`
 *   false, `accountType` `USER` and `apiKey` **null**: the emulator never answers a key.
 * A teams domain that models team roles and settings should take these over.
 *
 * @example
 * ```ts
 * import { teamFieldResolvers } from './team-fields.js';
 * ```
 * @module
 */
import { handles, type EmulatorResolvers } from '../../graphql/arguments.js';
import { globalId } from '../../graphql/ids.js';
import type { EmulatorStore } from '../../store/store.js';
import type { EntityRecord } from '../users/records.js';

function storageBytes(store: EmulatorStore, entity: EntityRecord): number {
  const data = store.artifacts;
  let total = 0;
  for (const artifact of data.artifacts.values()) {
    if (artifact.state === 'DELETED') continue;
    const collection = data.collections.get(artifact.sequenceId);
    const project = collection ? store.projects.get(collection.projectId) : undefined;
    if (project?.entityName === entity.name) total += artifact.size;
  }
  return total;
}

/**
 * The resolvers of the team fields above.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(userResolvers, teamFieldResolvers);
 * ```
 */
export const teamFieldResolvers: EmulatorResolvers = {
  Entity: {
    available: () => false,
    photoUrl: () => null,
    readOnly: () => false,
    readOnlyAdmin: () => false,
    privateOnly: () => false,
    storageBytes: handles(['cached'], (entity, _args, { store }) => storageBytes(store, entity)),
    codeSavingEnabled: () => false,
    defaultAccess: () => 'PRIVATE',
    isPaid: () => false,
    members: (entity, _args, { store }) =>
      [...store.users.values()]
        .filter((user) => user.teams.includes(entity.name) || (!entity.isTeam && user.entity === entity.name))
        .map((user) => ({ user, team: entity })),
  },
  Member: {
    id: (member) => globalId('User', member.user.id),
    role: () => 'member',
    pending: () => false,
    email: (member) => member.user.email,
    username: (member) => member.user.username,
    name: (member) => member.user.name,
    photoUrl: (member) => member.user.photoUrl,
    accountType: () => 'USER',
    apiKey: () => null,
  },
};
