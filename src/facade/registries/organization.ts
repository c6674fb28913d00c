/**
 * Organizations for the registry methods (protocol notes §1.1, §4 R5; wandb-ops.md §6.10, §7.15):
 * which organization a call means — the `organization` option of the call, else the Api's
 * `organization` option (`WANDB_ORGANIZATION`), else the one organization of the default entity
 * (`FetchOrgInfoFromEntity`) — its org entity (where its registries live, `FetchOrganization`),
 * and {@link Organization}, what `api.organization()` answers. This file holds the class, light;
 * the lookups are in `organization-api.ts`.
 *
 * @example
 * ```ts
 * const org = await api.organization(); // the default entity's organization
 * console.log(org.name, org.orgEntity.name);
 * ```
 * @module
 */
import type { FetchOrganizationQuery } from '../../generated/graphql.js';

type OrganizationData = NonNullable<FetchOrganizationQuery['organization']>;

/**
 * The org entity of an {@link Organization}: the entity that owns its registries.
 *
 * @example
 * ```ts
 * const { name, entityType } = org.orgEntity; // 'acme-org', 'organization'
 * ```
 */
export interface OrganizationEntity {
  /** The server's node id of the entity. */
  readonly id: string;
  /** Its name: the entity of registry projects (`<orgEntity>/wandb-registry-<name>`). */
  readonly name: string;
  /** Its kind as the server reports it, or `undefined`. */
  readonly entityType: string | undefined;
}

/**
 * An organization: its name and its org entity. Get one with {@link Api.organization}.
 *
 * @example
 * ```ts
 * const org = await api.organization('acme');
 * console.log(org.id, org.name, org.orgEntity.name);
 * ```
 */
export class Organization {
  /** The server's node id. */
  readonly id: string;
  /** The organization's name (what the app shows, and what registry URLs hold). */
  readonly name: string;
  /** The entity that owns its registries. */
  readonly orgEntity: OrganizationEntity;

  /** @internal Made by `api.organization()`. */
  constructor(data: OrganizationData & { orgEntity: NonNullable<OrganizationData['orgEntity']> }) {
    this.id = data.id;
    this.name = data.name;
    this.orgEntity = Object.freeze({
      id: data.orgEntity.id,
      name: data.orgEntity.name,
      entityType: data.orgEntity.entityType ?? undefined,
    });
  }

  /**
   * A plain object of its fields, for `JSON.stringify` and logs.
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(org)); // {"id":"...","name":"acme","orgEntity":{...}}
   * ```
   */
  toJSON(): {
    /** {@link Organization.id}. */
    id: string;
    /** {@link Organization.name}. */
    name: string;
    /** {@link Organization.orgEntity}. */
    orgEntity: OrganizationEntity;
  } {
    return { id: this.id, name: this.name, orgEntity: this.orgEntity };
  }
}
