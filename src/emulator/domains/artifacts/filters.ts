/**
 * `filters` and `order` of the artifact listings, evaluated by the emulator's one Mongo filter
 * evaluator (`graphql/mongo-filter.ts`) with an artifacts dialect:
 *
 * - collections (`Project.artifactCollections`, `ArtifactType.artifactCollections`): `name`,
 *   `description`, `tag` (or `tags`, any of the collection's tags), `type` (the type's name),
 *   `createdAt` / `created_at` and `updatedAt` / `updated_at` (ISO 8601 dates); order by `name`,
 *   `createdAt`, `updatedAt` (either spelling), newest first (`-createdAt`) by default;
 * - versions (`ArtifactCollection.artifacts`): `state`, `versionIndex` / `version_index`,
 *   `version` (`"v3"`), `alias` / `aliases` (any alias in that collection, `vN` included),
 *   `tag` / `tags`, `digest`, `commitHash`, `description`, `size` / `artifact_size`, `metadata`
 *   and `metadata.<key>` (alias `artifact_metadata`), `createdAt` / `created_at` /
 *   `artifact_created_at` and `updatedAt` / `updated_at` (dates); order by `versionIndex`,
 *   `createdAt`, `updatedAt`, `size` (either spelling), newest version first (`-versionIndex`)
 *   by default.
 *
 * The operators are those of every filter: `$and $or $nor`, `$eq $ne $gt $gte $lt $lte $in $nin
 * $exists $regex`. Anything else is refused, never ignored.
 *
 * @example
 * ```ts
 * import { compileCollectionFilter, parseListOrder, COLLECTION_ORDER } from './filters.js';
 * compileCollectionFilter('{"tag": "curated"}')({ name: 'mnist', tags: ['curated'] }); // true
 * parseListOrder('name', COLLECTION_ORDER).tag; // '+name'
 * ```
 * @module
 */
import { QueryInputError } from '../../graphql/errors.js';
import { parseJsonString } from '../../graphql/json-string.js';
import { compileMongoFilter, type MongoFilterDialect } from '../../graphql/mongo-filter.js';

/** Field names of collection filters, as clients write them, and their document paths. */
const COLLECTION_FIELDS: Readonly<Record<string, string>> = {
  name: 'name',
  description: 'description',
  tag: 'tags',
  tags: 'tags',
  type: 'type',
  createdAt: 'createdAt',
  created_at: 'createdAt',
  updatedAt: 'updatedAt',
  updated_at: 'updatedAt',
};

/** Field names of version filters, as clients write them, and their document paths. */
const VERSION_FIELDS: Readonly<Record<string, string>> = {
  state: 'state',
  versionIndex: 'versionIndex',
  version_index: 'versionIndex',
  version: 'version',
  alias: 'aliases',
  aliases: 'aliases',
  tag: 'tags',
  tags: 'tags',
  digest: 'digest',
  commitHash: 'commitHash',
  description: 'description',
  size: 'size',
  artifact_size: 'size',
  metadata: 'metadata',
  artifact_metadata: 'metadata',
  createdAt: 'createdAt',
  created_at: 'createdAt',
  artifact_created_at: 'createdAt',
  updatedAt: 'updatedAt',
  updated_at: 'updatedAt',
};

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
        `Unknown ${noun.replace(/ filter$/, '')} field "${field}" in filters. Supported: ${Object.keys(fields).join(', ')}${nested.map((n) => `, ${n}.<key>`).join('')}`,
      );
    },
    dateFields: ['createdAt', 'updatedAt'],
    parseJson: parseJsonString,
  };
}

const COLLECTION_DIALECT = dialect('artifact collection filter', COLLECTION_FIELDS, []);
const VERSION_DIALECT = dialect('artifact filter', VERSION_FIELDS, ['metadata']);

/**
 * The document a collection filter runs against.
 *
 * @example
 * ```ts
 * const doc: CollectionDocument = { name: 'mnist', description: null, tags: [], type: 'dataset', createdAt: 0, updatedAt: 0 };
 * ```
 */
export interface CollectionDocument {
  name: string;
  description: string | null;
  tags: string[];
  type: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds. */
  updatedAt: number;
}

/**
 * The document a version filter runs against.
 *
 * @example
 * ```ts
 * const doc: VersionDocument = { state: 'COMMITTED', versionIndex: 0, version: 'v0', aliases: ['latest', 'v0'], tags: [], digest, commitHash, description: null, size: 1, metadata: {}, createdAt: 0, updatedAt: 0 };
 * ```
 */
export interface VersionDocument {
  state: string;
  versionIndex: number;
  version: string;
  aliases: string[];
  tags: string[];
  digest: string;
  commitHash: string;
  description: string | null;
  size: number;
  metadata: Record<string, unknown> | null;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds. */
  updatedAt: number;
}

/** Leaves out null fields, as run filters see them (so `$exists: false` matches them). */
function withoutNulls<T extends object>(doc: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== null && v !== undefined));
}

/**
 * Compiles a collections `filters` JSON string into a predicate. Empty, `null` or `'{}'` matches
 * every collection; bad JSON, unknown fields or operators throw {@link QueryInputError}.
 *
 * @example
 * ```ts
 * compileCollectionFilter('{"name": {"$regex": "^mni"}}')(doc);
 * ```
 */
export function compileCollectionFilter(
  filters: string | null | undefined,
): (doc: CollectionDocument) => boolean {
  const matches = compileMongoFilter(filters, COLLECTION_DIALECT);
  return (doc) => matches(withoutNulls(doc));
}

/**
 * Compiles a versions `filters` JSON string into a predicate (see the module description).
 *
 * @example
 * ```ts
 * compileVersionFilter('{"state": "COMMITTED", "metadata.rows": {"$gt": 2}}')(doc);
 * ```
 */
export function compileVersionFilter(filters: string | null | undefined): (doc: VersionDocument) => boolean {
  const matches = compileMongoFilter(filters, VERSION_DIALECT);
  return (doc) => matches(withoutNulls(doc));
}

/**
 * The order fields a listing takes, by the names clients write, and the field they sort by.
 *
 * @example
 * ```ts
 * COLLECTION_ORDER.fields.created_at; // 'createdAt'
 * ```
 */
export interface ListOrderSpec {
  /** Client name → canonical field. */
  fields: Readonly<Record<string, string>>;
  /** The order when none is given, e.g. `-createdAt`. */
  default: string;
}

/**
 * Orders of collection listings: `name`, `createdAt`, `updatedAt` (or `created_at`,
 * `updated_at`); default `-createdAt`.
 *
 * @example
 * ```ts
 * parseListOrder('-name', COLLECTION_ORDER).direction; // -1
 * ```
 */
export const COLLECTION_ORDER: ListOrderSpec = {
  fields: {
    name: 'name',
    createdAt: 'createdAt',
    created_at: 'createdAt',
    updatedAt: 'updatedAt',
    updated_at: 'updatedAt',
  },
  default: '-createdAt',
};

/**
 * Orders of version listings: `versionIndex`, `createdAt`, `updatedAt`, `size` (or
 * `version_index`, `created_at`, `updated_at`); default `-versionIndex`.
 *
 * @example
 * ```ts
 * parseListOrder('created_at', VERSION_ORDER).tag; // '+createdAt'
 * ```
 */
export const VERSION_ORDER: ListOrderSpec = {
  fields: {
    versionIndex: 'versionIndex',
    version_index: 'versionIndex',
    createdAt: 'createdAt',
    created_at: 'createdAt',
    updatedAt: 'updatedAt',
    updated_at: 'updatedAt',
    size: 'size',
  },
  default: '-versionIndex',
};

/**
 * A parsed `order`: the canonical field, its direction, and the tag its cursors carry.
 *
 * @example
 * ```ts
 * const order: ListOrder = { field: 'name', direction: 1, tag: '+name' };
 * ```
 */
export interface ListOrder {
  field: string;
  direction: 1 | -1;
  tag: string;
}

/**
 * Parses an `order` string (`[+-]?field`, unsigned = ascending) for a listing; `null`/absent
 * gives the listing's default. Throws {@link QueryInputError} for anything else.
 *
 * @example
 * ```ts
 * parseListOrder(null, VERSION_ORDER); // { field: 'versionIndex', direction: -1, tag: '-versionIndex' }
 * parseListOrder('colour', COLLECTION_ORDER); // throws
 * ```
 */
export function parseListOrder(order: string | null | undefined, spec: ListOrderSpec): ListOrder {
  const text = order ?? spec.default;
  const match = /^([+-]?)([A-Za-z_]\w*)$/.exec(text);
  const field =
    match?.[2] !== undefined && Object.hasOwn(spec.fields, match[2]) ? spec.fields[match[2]] : undefined;
  if (!match || field === undefined) {
    throw new QueryInputError(
      `Invalid order ${JSON.stringify(text)}: use [+-]<field> with one of ${Object.keys(spec.fields).join(', ')}`,
    );
  }
  const direction = match[1] === '-' ? -1 : 1;
  return { field, direction, tag: `${direction === 1 ? '+' : '-'}${field}` };
}
