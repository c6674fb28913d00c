/**
 * Where an automation watches: a project, a registry, an artifact collection, or a team or
 * organization entity (`/work/notes/registries-protocol.md` §7.2–§7.4). A scope is given as the
 * facade object itself (`Project`, `ArtifactCollection`, `Registry`) or as one of the
 * {@link AutomationScope} objects that saved automations read back as.
 *
 * @example
 * ```ts
 * const project = await api.project('vision', 'acme');
 * const event = OnRunState({ scope: project, filter: RunEvent.state.eq('failed') });
 * const team = Scope.team({ id: 'RW50aXR5Ojc4OQ==', name: 'acme' });
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import type { TriggerScopeType } from '../../generated/graphql.js';
import type { ArtifactCollection } from '../artifacts/collection.js';
import type { Project } from '../projects/project.js';
import type { Registry } from '../registries/registry.js';
import { describeValue } from '../core/validate.js';

/** The prefix of a registry's project name. */
export const REGISTRY_PREFIX = 'wandb-registry-';

/**
 * A project scope (`scopeType: PROJECT`).
 *
 * @example
 * ```ts
 * const scope: ProjectScope = Scope.project({ id: 'UHJvamVjdDoxMjM=', name: 'vision', entity: 'acme' });
 * ```
 */
export interface ProjectScope {
  /** A project. */
  readonly kind: 'project';
  /** The project's node id (the `scopeID`). */
  readonly id: string;
  /** The project's name. */
  readonly name: string;
  /** The project's entity when known (not in a saved automation's scope). */
  readonly entity: string | undefined;
}

/**
 * A registry scope: the registry's project (`scopeType: PROJECT`).
 *
 * @example
 * ```ts
 * const scope: RegistryScope = Scope.registry({ id: 'UHJvamVjdDo5', name: 'models' });
 * ```
 */
export interface RegistryScope {
  /** A registry (a `wandb-registry-*` project). */
  readonly kind: 'registry';
  /** The registry project's node id (the `scopeID`). */
  readonly id: string;
  /** The registry's name, without the `wandb-registry-` prefix. */
  readonly name: string;
  /** The project name, `wandb-registry-<name>`. */
  readonly fullName: string;
  /** The organization's entity when known. */
  readonly entity: string | undefined;
}

/**
 * An artifact collection scope (`scopeType: ARTIFACT_COLLECTION`): a sequence or a portfolio.
 *
 * @example
 * ```ts
 * const scope: ArtifactCollectionScope = Scope.collection({ id: 'QXJ0aWZhY3RDb2xsZWN0aW9uOjQ1Ng==', name: 'mnist' });
 * ```
 */
export interface ArtifactCollectionScope {
  /** An artifact collection (a sequence or a portfolio). */
  readonly kind: 'collection';
  /** The collection's node id (the `scopeID`). */
  readonly id: string;
  /** The collection's name. */
  readonly name: string;
  /** `true` for a sequence, `false` for a portfolio, `undefined` when unknown. */
  readonly isSequence: boolean | undefined;
  /** The collection's entity when known. */
  readonly entity: string | undefined;
}

/**
 * A team or organization entity scope (`scopeType: ENTITY`; servers with
 * `AUTOMATION_SCOPE_ENTITY`). For an organization, `id` is its org entity's id.
 *
 * @example
 * ```ts
 * const scope: EntityScope = Scope.team({ id: 'RW50aXR5Ojc4OQ==', name: 'acme' });
 * ```
 */
export interface EntityScope {
  /** A team, or an organization (through its own team entity). */
  readonly kind: 'team' | 'organization';
  /** The entity's node id (the `scopeID`). */
  readonly id: string;
  /** The entity's name. */
  readonly name: string;
}

/**
 * Any scope, as saved automations read back.
 *
 * @example
 * ```ts
 * if (automation.scope.kind === 'collection') console.log(automation.scope.name);
 * ```
 */
export type AutomationScope = ProjectScope | RegistryScope | ArtifactCollectionScope | EntityScope;

/**
 * What a registry must offer to be a scope: its project's id and full name, as the `Registry` of
 * `api.registry()` has them (any object of that shape works).
 *
 * @example
 * ```ts
 * const registry: RegistryLike = await api.registry('models');
 * ```
 */
export interface RegistryLike {
  /** The registry project's node id. */
  readonly id: string;
  /** `wandb-registry-<name>`. */
  readonly fullName: string;
  /** The organization's entity, when the object knows it. */
  readonly entity?: string | undefined;
}

/**
 * A scope for run events (`OnRunMetric`, `OnRunState`): a project, a registry or an entity.
 *
 * @example
 * ```ts
 * const scope: RunEventScope = await api.project('vision', 'acme');
 * ```
 */
export type RunEventScope = Project | Registry | RegistryLike | ProjectScope | RegistryScope | EntityScope;

/**
 * A scope for `OnCreateArtifact`: an artifact collection only.
 *
 * @example
 * ```ts
 * const scope: CollectionEventScope = await api.artifactCollection('model', 'acme/vision/detector');
 * ```
 */
export type CollectionEventScope = ArtifactCollection | ArtifactCollectionScope;

/**
 * A scope for the other artifact events: any of the above.
 *
 * @example
 * ```ts
 * const scope: ArtifactEventScope = await api.project('vision', 'acme');
 * ```
 */
export type ArtifactEventScope = RunEventScope | CollectionEventScope;

/**
 * The wire `scopeType` of a scope.
 *
 * @example
 * ```ts
 * scopeTypeOf(Scope.team({ id: 'RQ==', name: 'acme' })); // 'ENTITY'
 * ```
 */
export function scopeTypeOf(scope: AutomationScope): TriggerScopeType {
  switch (scope.kind) {
    case 'project':
    case 'registry':
      return 'PROJECT';
    case 'collection':
      return 'ARTIFACT_COLLECTION';
    default:
      return 'ENTITY';
  }
}

/** Whether `name` is a registry's project name (the prefix and more). */
export function isRegistryProject(name: string): boolean {
  return name.startsWith(REGISTRY_PREFIX) && name.length > REGISTRY_PREFIX.length;
}

function str(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

function freeze<T extends AutomationScope>(scope: T): T {
  return Object.freeze(scope);
}

/**
 * A scope given in any accepted form, as an {@link AutomationScope}.
 *
 * @throws {@link ValidationError} when `value` is none of them.
 * @example
 * ```ts
 * toScope(project); // { kind: 'project', id: 'UHJvamVjdDoxMjM=', name: 'vision', entity: 'acme' }
 * ```
 */
export function toScope(value: unknown, parameter = 'scope'): AutomationScope {
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    const id = v.id;
    if (str(id)) {
      const entity = str(v.entity) ? v.entity : undefined;
      switch (v.kind) {
        case 'project':
          if (str(v.name)) return freeze({ kind: 'project', id, name: v.name, entity });
          break;
        case 'registry':
          if (str(v.name) && str(v.fullName)) {
            return freeze({ kind: 'registry', id, name: v.name, fullName: v.fullName, entity });
          }
          break;
        case 'collection':
          if (str(v.name)) {
            const isSequence = typeof v.isSequence === 'boolean' ? v.isSequence : undefined;
            return freeze({ kind: 'collection', id, name: v.name, isSequence, entity });
          }
          break;
        case 'team':
        case 'organization':
          if (str(v.name)) return freeze({ kind: v.kind, id, name: v.name });
          break;
        case undefined:
          if (str(v.fullName) && isRegistryProject(v.fullName)) {
            const name = v.fullName.slice(REGISTRY_PREFIX.length);
            return freeze({ kind: 'registry', id, name, fullName: v.fullName, entity });
          }
          if (typeof v.isSequence === 'boolean' && str(v.name)) {
            return freeze({ kind: 'collection', id, name: v.name, isSequence: v.isSequence, entity });
          }
          if (str(v.name) && entity !== undefined) {
            if (isRegistryProject(v.name)) {
              const name = v.name.slice(REGISTRY_PREFIX.length);
              return freeze({ kind: 'registry', id, name, fullName: v.name, entity });
            }
            return freeze({ kind: 'project', id, name: v.name, entity });
          }
          break;
      }
    }
  }
  throw new ValidationError(
    parameter,
    `expected a Project, a Registry, an ArtifactCollection or a Scope (Scope.team(...), ...), got ${describeValue(value)}`,
  );
}

function checkIdName(fields: unknown, what: string): { id: string; name: string; entity?: string } {
  const f = (typeof fields === 'object' && fields !== null ? fields : {}) as Record<string, unknown>;
  if (!str(f.id) || !str(f.name)) {
    throw new ValidationError('scope', `${what} needs a non-empty id and name, got ${describeValue(fields)}`);
  }
  if (f.entity !== undefined && !str(f.entity)) {
    throw new ValidationError('scope', `${what}: entity must be a non-empty string`);
  }
  return { id: f.id, name: f.name, ...(str(f.entity) ? { entity: f.entity } : {}) };
}

/**
 * Scopes made from ids, for when no facade object is at hand (a team or organization entity,
 * whose id the caller knows). The facade objects (`Project`, `ArtifactCollection`, `Registry`)
 * can be given directly instead.
 *
 * @example
 * ```ts
 * const team = Scope.team({ id: 'RW50aXR5Ojc4OQ==', name: 'acme' });
 * const event = OnRunState({ scope: team, filter: RunEvent.state.eq('failed') });
 * ```
 */
export const Scope = /* @__PURE__ */ Object.freeze({
  /**
   * A project by id (a `wandb-registry-*` name gives a registry scope, as saved scopes read back).
   *
   * @example
   * ```ts
   * Scope.project({ id: 'UHJvamVjdDoxMjM=', name: 'vision', entity: 'acme' });
   * ```
   */
  project(fields: { id: string; name: string; entity?: string }): ProjectScope | RegistryScope {
    const f = checkIdName(fields, 'Scope.project');
    if (isRegistryProject(f.name)) {
      return freeze({
        kind: 'registry',
        id: f.id,
        name: f.name.slice(REGISTRY_PREFIX.length),
        fullName: f.name,
        entity: f.entity,
      });
    }
    return freeze({ kind: 'project', id: f.id, name: f.name, entity: f.entity });
  },
  /**
   * A registry by its project id and its name (with or without the `wandb-registry-` prefix).
   *
   * @example
   * ```ts
   * Scope.registry({ id: 'UHJvamVjdDo5', name: 'models' });
   * ```
   */
  registry(fields: { id: string; name: string; entity?: string }): RegistryScope {
    const f = checkIdName(fields, 'Scope.registry');
    const name = f.name.startsWith(REGISTRY_PREFIX) ? f.name.slice(REGISTRY_PREFIX.length) : f.name;
    if (name === '') throw new ValidationError('scope', 'Scope.registry: the registry name is empty');
    return freeze({ kind: 'registry', id: f.id, name, fullName: REGISTRY_PREFIX + name, entity: f.entity });
  },
  /**
   * An artifact collection by id.
   *
   * @example
   * ```ts
   * Scope.collection({ id: 'QXJ0aWZhY3RDb2xsZWN0aW9uOjQ1Ng==', name: 'mnist' });
   * ```
   */
  collection(fields: {
    id: string;
    name: string;
    entity?: string;
    isSequence?: boolean;
  }): ArtifactCollectionScope {
    const f = checkIdName(fields, 'Scope.collection');
    const isSequence = typeof fields.isSequence === 'boolean' ? fields.isSequence : undefined;
    return freeze({ kind: 'collection', id: f.id, name: f.name, isSequence, entity: f.entity });
  },
  /**
   * A team entity by id (needs `AUTOMATION_SCOPE_ENTITY` on the server).
   *
   * @example
   * ```ts
   * Scope.team({ id: 'RW50aXR5Ojc4OQ==', name: 'acme' });
   * ```
   */
  team(fields: { id: string; name: string }): EntityScope {
    const f = checkIdName(fields, 'Scope.team');
    return freeze({ kind: 'team', id: f.id, name: f.name });
  },
  /**
   * An organization by its org entity's id and name (needs `AUTOMATION_SCOPE_ENTITY`).
   *
   * @example
   * ```ts
   * Scope.organization({ id: 'RW50aXR5OjE=', name: 'acme-org' });
   * ```
   */
  organization(fields: { id: string; name: string }): EntityScope {
    const f = checkIdName(fields, 'Scope.organization');
    return freeze({ kind: 'organization', id: f.id, name: f.name });
  },
});

/**
 * The entity whose automations include this scope's, when the scope knows it (for looking an
 * automation up by name): the entity's own name for entity scopes.
 *
 * @example
 * ```ts
 * scopeEntity(Scope.team({ id: 'RQ==', name: 'acme' })); // 'acme'
 * ```
 */
export function scopeEntity(scope: AutomationScope): string | undefined {
  return 'entity' in scope ? scope.entity : scope.name;
}
