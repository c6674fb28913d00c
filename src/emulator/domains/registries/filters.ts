/**
 * The filters of the registry searches (notes §4, §8.5), evaluated by the emulator's one Mongo
 * filter evaluator (`graphql/mongo-filter.ts`) with its extended operators (`$contains $size $all
 * $not` besides the usual ones). Field names are those of both the basic and the advanced lists
 * (aliases included):
 *
 * - registries (`Entity.projects(filters:)`, `projectFilters`): `id` / `project_id` (the integer
 *   project id), `name` (the full `wandb-registry-*` name), `entity_id` (the integer entity id),
 *   `description`, `created_at`, `updated_at`;
 * - collections (`Entity.artifactCollections(filters:)`, `collectionFilters`):
 *   `artifact_collection_id` / `collection_id` / `id` (integer), `name` / `collection_name` /
 *   `artifact_collection_name`, `tag` / `tags` (any tag), `description`, `created_at`, `updated_at`;
 * - versions (`Entity.artifactMemberships(filters:)`): `id` / `artifact_id` (the integer artifact
 *   id), `version` / `version_index` (the index, given as `3` or `"v3"`), `tag` / `tags`, `alias` /
 *   `aliases` (any alias of the membership, `vN` included), `metadata` / `artifact_metadata` and
 *   `metadata.<path>`, `created_at` / `artifact_created_at` (the artifact's), `updated_at`,
 *   `artifact_size`.
 *
 * Dates are ISO 8601 and compare by instant. Orders: `±name`, `±created_at`, `±updated_at`.
 *
 * @example
 * ```ts
 * import { compileRegistryFilter } from './filters.js';
 * compileRegistryFilter('{"name": {"$regex": "model"}}')(doc);
 * ```
 * @module
 */
import { QueryInputError } from '../../graphql/errors.js';
import { parseJsonString } from '../../graphql/json-string.js';
import { compileMongoFilter, isPlainObject, type MongoFilterDialect } from '../../graphql/mongo-filter.js';

const REGISTRY_FIELDS: Readonly<Record<string, string>> = {
  id: 'id',
  project_id: 'id',
  name: 'name',
  entity_id: 'entityId',
  description: 'description',
  created_at: 'createdAt',
  updated_at: 'updatedAt',
};

const COLLECTION_FIELDS: Readonly<Record<string, string>> = {
  artifact_collection_id: 'id',
  collection_id: 'id',
  id: 'id',
  name: 'name',
  collection_name: 'name',
  artifact_collection_name: 'name',
  tag: 'tags',
  tags: 'tags',
  description: 'description',
  created_at: 'createdAt',
  updated_at: 'updatedAt',
};

const VERSION_FIELDS: Readonly<Record<string, string>> = {
  id: 'id',
  artifact_id: 'id',
  version: 'versionIndex',
  version_index: 'versionIndex',
  tag: 'tags',
  tags: 'tags',
  alias: 'aliases',
  aliases: 'aliases',
  metadata: 'metadata',
  artifact_metadata: 'metadata',
  created_at: 'createdAt',
  artifact_created_at: 'createdAt',
  updated_at: 'updatedAt',
  artifact_size: 'size',
};

/** `"v3"` → 3 in the operands of a version condition (lists and `$not` included); `$regex` operands stay. */
function versionOperand(value: unknown): unknown {
  if (typeof value === 'string') {
    const match = /^v(\d+)$/.exec(value);
    return match ? Number(match[1]) : value;
  }
  if (Array.isArray(value)) return value.map(versionOperand);
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === '$regex' ? v : versionOperand(v)]),
    );
  }
  return value;
}

function dialect(
  noun: string,
  fields: Readonly<Record<string, string>>,
  nested: string[],
): MongoFilterDialect {
  return {
    noun,
    fieldPath(field) {
      const path = Object.hasOwn(fields, field) ? fields[field] : undefined;
      if (path !== undefined) return path;
      const dot = field.indexOf('.');
      const head = dot > 0 ? field.slice(0, dot) : '';
      const base = Object.hasOwn(fields, head) ? fields[head] : undefined;
      if (base !== undefined && nested.includes(base)) return `${base}${field.slice(dot)}`;
      throw new QueryInputError(
        `Invalid filter fields: ${JSON.stringify(field)} in the ${noun}; must be one of: ${Object.keys(fields).join(', ')}${nested.map((n) => `, ${n}.<key>`).join('')}`,
      );
    },
    criteria(path, condition) {
      // A `$regex` on the version matches its `vN` text.
      if (path === 'versionIndex' && isPlainObject(condition) && '$regex' in condition) {
        return { version: condition };
      }
      return { [path]: path === 'versionIndex' ? versionOperand(condition) : condition };
    },
    dateFields: ['createdAt', 'updatedAt'],
    parseJson: parseJsonString,
    extendedOperators: true,
  };
}

const REGISTRY_DIALECT = dialect('registry filter', REGISTRY_FIELDS, []);
const COLLECTION_DIALECT = dialect('registry collection filter', COLLECTION_FIELDS, []);
const VERSION_DIALECT = dialect('registry version filter', VERSION_FIELDS, ['metadata']);

/**
 * The document a registry filter runs against.
 *
 * @example
 * ```ts
 * const doc: RegistryDocument = { id: 3, name: 'wandb-registry-models', entityId: 2, description: null, createdAt: 0, updatedAt: 0 };
 * ```
 */
export interface RegistryDocument {
  id: number;
  name: string;
  entityId: number;
  description: string | null;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds. */
  updatedAt: number;
}

/**
 * The document a registry collection filter runs against.
 *
 * @example
 * ```ts
 * const doc: RegistryCollectionDocument = { id: 4, name: 'detector', tags: [], description: null, createdAt: 0, updatedAt: 0 };
 * ```
 */
export interface RegistryCollectionDocument {
  id: number;
  name: string;
  tags: string[];
  description: string | null;
  createdAt: number;
  updatedAt: number;
}

/**
 * The document a registry version filter runs against.
 *
 * @example
 * ```ts
 * const doc: RegistryVersionDocument = { id: 7, versionIndex: 0, version: 'v0', tags: [], aliases: ['latest', 'v0'], metadata: null, createdAt: 0, updatedAt: 0, size: 10 };
 * ```
 */
export interface RegistryVersionDocument {
  /** The artifact's integer id. */
  id: number;
  versionIndex: number;
  version: string;
  tags: string[];
  aliases: string[];
  metadata: Record<string, unknown> | null;
  createdAt: number;
  updatedAt: number;
  size: number;
}

function withoutNulls<T extends object>(doc: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== null && v !== undefined));
}

function compile<T extends object>(
  filters: string | null | undefined,
  d: MongoFilterDialect,
): (doc: T) => boolean {
  const matches = compileMongoFilter(filters, d);
  return (doc) => matches(withoutNulls(doc));
}

/**
 * Compiles a registry (project) filter; empty or `null` matches every registry.
 *
 * @example
 * ```ts
 * compileRegistryFilter('{"name": "wandb-registry-models"}')(doc);
 * ```
 */
export function compileRegistryFilter(
  filters: string | null | undefined,
): (doc: RegistryDocument) => boolean {
  return compile(filters, REGISTRY_DIALECT);
}

/**
 * Compiles a registry collection filter; empty or `null` matches every collection.
 *
 * @example
 * ```ts
 * compileRegistryCollectionFilter('{"tag": "prod"}')(doc);
 * ```
 */
export function compileRegistryCollectionFilter(
  filters: string | null | undefined,
): (doc: RegistryCollectionDocument) => boolean {
  return compile(filters, COLLECTION_DIALECT);
}

/**
 * Compiles a registry version filter; empty or `null` matches every version.
 *
 * @example
 * ```ts
 * compileRegistryVersionFilter('{"alias": "best", "metadata.lr": {"$gt": 0.1}}')(doc);
 * ```
 */
export function compileRegistryVersionFilter(
  filters: string | null | undefined,
): (doc: RegistryVersionDocument) => boolean {
  return compile(filters, VERSION_DIALECT);
}
