import type { UserFieldsFragment } from '../../generated/graphql.js';
import { parseServerDate } from '../core/dates.js';

/**
 * A W&B user, as returned by {@link Api.viewer}.
 *
 * @example
 * ```ts
 * const me = await api.viewer();
 * console.log(me.username, me.entity, me.teams);
 * ```
 */
export class User {
  /** GraphQL node id. */
  readonly id: string;
  /** Full name. */
  readonly name: string;
  /** Login name, or `undefined` for users without one. */
  readonly username: string | undefined;
  /** Email address, when the server shows it to the caller. */
  readonly email: string | undefined;
  /** Whether the user is an instance admin. */
  readonly admin: boolean;
  /** The user's default entity (where runs go when no entity is given). */
  readonly entity: string | undefined;
  /** Names of the teams the user belongs to. */
  readonly teams: readonly string[];
  /** When the user was deleted, for deleted users. */
  readonly deletedAt: Date | undefined;

  /** @internal Built by the facade from a `UserFields` selection. */
  constructor(data: UserFieldsFragment) {
    this.id = data.id;
    this.name = data.name;
    this.username = data.username ?? undefined;
    this.email = data.email ?? undefined;
    this.admin = data.admin ?? false;
    this.entity = data.entity ?? undefined;
    this.teams = (data.teams?.edges ?? []).flatMap((e) => (e.node ? [e.node.name] : []));
    this.deletedAt = parseServerDate(data.deletedAt);
  }

  /**
   * A plain-object form, for logging and JSON.
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(me, null, 2));
   * ```
   */
  toJSON(): Record<string, unknown> {
    const { id, name, username, email, admin, entity, teams, deletedAt } = this;
    return { id, name, username, email, admin, entity, teams, deletedAt };
  }
}
