/**
 * The functions behind the artifact methods of {@link Api} (`artifact`, `artifactExists`,
 * `artifactTypes`, `artifactType`, `artifactCollections`, `artifactCollection`,
 * `artifactCollectionExists`, `artifacts`) and of {@link Run} (`loggedArtifacts`,
 * `usedArtifacts`, `useArtifact`, `logArtifact`), which reaches them through the context.
 * Paths are parsed and options checked before any request ({@link ValidationError}).
 *
 * @example
 * ```ts
 * const artifact = await getArtifact(ctx, 'acme/vision/mnist:latest', { type: 'dataset' });
 * for await (const version of listArtifactsByPath(ctx, 'dataset', 'acme/vision/mnist')) console.log(version.name);
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { ConflictError, NotFoundError, ServerError, ValidationError } from '../../errors/index.js';
import type {
  ArtifactFieldsFragment,
  CreateArtifactInput,
  UseArtifactInput,
} from '../../generated/graphql.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { serializeFilter, type MongoFilter } from '../core/filters.js';
import { once } from '../core/memo.js';
import { artifactCollectionNotFound, runNotFound } from '../core/notFound.js';
import { parseFieldOrder } from '../core/order.js';
import { connectionPosition, Paginated, type ListOptions, type Page } from '../core/pagination.js';
import { describeValue, optionalBoolean, optionalSignal, optionsObject } from '../core/validate.js';
import {
  formatCollectionPath,
  parseArtifactCollectionPath,
  parseArtifactPath,
  type ArtifactCollectionRef,
} from '../paths/artifact-paths.js';
import { formatRunPath, parseProjectPath, type ProjectPath, type RunRef } from '../paths/paths.js';
import { Artifact } from './artifact.js';
import { artifactFromListing, artifactFromSource, fetchArtifactByName } from './artifact-impl.js';
import type { ArtifactType } from './artifact-type.js';
import { fetchArtifactType, listArtifactTypes } from './artifact-types.js';
import type { ArtifactCollection, ArtifactCollectionsOptions } from './collection.js';
import { fetchCollection, listTypeCollections } from './collection-impl.js';
import { resolveCollectionPlace } from './resolve.js';
import { checkTypeName } from './rules.js';
import { checkAliases, checkTags } from './labels.js';

/** The server feature that lets `useArtifact` name the artifact's entity and project. */
export const USE_ARTIFACT_PLACE_FEATURE = 'USE_ARTIFACT_WITH_ENTITY_AND_PROJECT_INFORMATION';

/** What `api.artifacts()` lists unless `filters` says otherwise: committed versions. */
export const DEFAULT_ARTIFACT_FILTER: Readonly<ArtifactFilter> = Object.freeze({ state: 'COMMITTED' });

/**
 * A Mongo-style filter over the versions of a collection, as the server evaluates it (`state`,
 * `alias`, `tag`, `createdAt`, `metadata.<key>`, ...: field names are the server's, sent as
 * they are).
 *
 * @example
 * ```ts
 * const filter: ArtifactFilter = { $or: [{ state: 'COMMITTED' }, { state: 'PENDING' }] };
 * ```
 */
export type ArtifactFilter = MongoFilter<string>;

/**
 * Options of {@link Api.artifact} and {@link Api.artifactExists}: those of every single-object
 * call, and the type the artifact must have.
 *
 * @example
 * ```ts
 * const model = await api.artifact('acme/vision/resnet:prod', { type: 'model', cache: false });
 * ```
 */
export interface ArtifactOptions extends RequestOptions {
  /** The artifact's type; a different one is a {@link ValidationError} (after the lookup). Default: any type. */
  type?: string;
}

/**
 * Options of {@link Api.artifacts} and {@link ArtifactCollection.artifacts}: those of every
 * listing (`perPage`, default 50; `start`; `signal`), plus `tags`, `order` and `filters`.
 *
 * @example
 * ```ts
 * const versions = api.artifacts('dataset', 'acme/vision/mnist', { tags: ['clean'], order: '-createdAt', perPage: 20 });
 * ```
 */
export interface ArtifactsOptions extends ListOptions {
  /**
   * Only the versions that have every one of these tags, filtered here, page by page (the server
   * does not filter by tag): pages may come back shorter, and `totalCount()` still counts every
   * version the `filters` select.
   */
  tags?: readonly string[];
  /** `+field` or `-field` (e.g. `-createdAt`); an unsigned field sorts ascending. Default: the server's order. */
  order?: string;
  /**
   * Which versions, filtered on the server. Default `{ state: 'COMMITTED' }` (versions still being
   * published, or deleted, are left out); pass `{}` for every version.
   */
  filters?: ArtifactFilter;
}

/**
 * Options of `run.loggedArtifacts()` and `run.usedArtifacts()`: those of every listing
 * (`perPage`, default 100 here; `start`; `signal`).
 *
 * @example
 * ```ts
 * const outputs = run.loggedArtifacts({ perPage: 20 });
 * ```
 */
export type RunArtifactsOptions = ListOptions;

/**
 * Options of `run.useArtifact()`.
 *
 * @example
 * ```ts
 * await run.useArtifact(dataset, { usedAs: 'training-data' });
 * ```
 */
export interface UseArtifactOptions extends Pick<RequestOptions, 'signal'> {
  /** How the run used it (what the app shows). Default: the artifact's `name` (`collection:vN`). */
  usedAs?: string;
}

/**
 * Options of `run.logArtifact()`.
 *
 * @example
 * ```ts
 * await run.logArtifact(model, { aliases: ['candidate'], tags: ['resnet'] });
 * ```
 */
export interface LogArtifactOptions extends Pick<RequestOptions, 'signal'> {
  /** Aliases to give the version in its collection (the rules of `artifact.aliases`). Default none. */
  aliases?: readonly string[];
  /** Tags to give the version (the rules of `artifact.tags`). Default none. */
  tags?: readonly string[];
}

function checkTypeOption(type: unknown): string | undefined {
  return type === undefined ? undefined : checkTypeName(type, 'type');
}

/** Parses and resolves an `api.artifact` name to the collection and alias to ask for. */
async function resolveVersionPath(
  ctx: FacadeContext,
  name: string,
  options: RequestOptions,
): Promise<{ where: ArtifactCollectionRef; alias: string }> {
  const parsed = parseArtifactPath(name, ctx.settings, 'name');
  const where = await resolveCollectionPlace(ctx, parsed, options);
  return { where, alias: parsed.alias };
}

function checkType(artifact: Artifact, type: string | undefined): Artifact {
  if (type !== undefined && artifact.type !== type) {
    throw new ValidationError(
      'type',
      `${JSON.stringify(type)} was given, but ${artifact.qualifiedName} is of type ${JSON.stringify(artifact.type)}`,
    );
  }
  return artifact;
}

/**
 * One version by path (`[entity/][project/]collection[:alias]`), checked against `type`.
 * @internal Users call {@link Api.artifact}.
 * @example
 * ```ts
 * const artifact = await getArtifact(ctx, 'vision/mnist:v3', { type: 'dataset' });
 * ```
 */
export async function getArtifact(
  ctx: FacadeContext,
  name: string,
  options: ArtifactOptions = {},
): Promise<Artifact> {
  const o = optionsObject(options);
  const type = checkTypeOption(o.type);
  const signal = optionalSignal(o.signal);
  const cache = optionalBoolean(o.cache, 'cache');
  const { where, alias } = await resolveVersionPath(ctx, name, { signal, cache });
  return checkType(await fetchArtifactByName(ctx, where, alias, { signal, cache }), type);
}

/**
 * Whether a version exists: `false` only when the server says the version (or its project) is
 * not there; failures (network, authentication, permission, rate limit, server errors) are thrown,
 * and so is a `type` that differs from the version's ({@link ValidationError}, as `getArtifact`).
 * @internal Users call {@link Api.artifactExists}.
 * @example
 * ```ts
 * if (!(await artifactExists(ctx, 'acme/vision/mnist:v9'))) console.log('no v9 yet');
 * ```
 */
export async function artifactExists(
  ctx: FacadeContext,
  name: string,
  options: ArtifactOptions = {},
): Promise<boolean> {
  const o = optionsObject(options);
  const type = checkTypeOption(o.type);
  const signal = optionalSignal(o.signal);
  const cache = optionalBoolean(o.cache, 'cache');
  const { where, alias } = await resolveVersionPath(ctx, name, { signal, cache });
  let artifact: Artifact;
  try {
    artifact = await fetchArtifactByName(ctx, where, alias, { signal, cache });
  } catch (e) {
    if (e instanceof NotFoundError) return false;
    throw e;
  }
  checkType(artifact, type);
  return true;
}

/** `project` of the type and collection methods: a project path, else the `project` setting. */
function projectWhere(ctx: FacadeContext, project: string | undefined): ProjectPath {
  if (project !== undefined && typeof project !== 'string') {
    throw new ValidationError(
      'project',
      `expected a project path ("entity/project" or "project"), got ${describeValue(project)}`,
    );
  }
  return parseProjectPath(project, ctx.settings);
}

/**
 * The artifact types of a project path (default: the `project` setting).
 * @internal Users call {@link Api.artifactTypes}.
 * @example
 * ```ts
 * const types = await listTypesByPath(ctx, 'acme/vision').toArray();
 * ```
 */
export function listTypesByPath(
  ctx: FacadeContext,
  project: string | undefined,
  options: ListOptions = {},
): Paginated<ArtifactType> {
  return listArtifactTypes(ctx, projectWhere(ctx, project), options);
}

/**
 * One artifact type of a project path (default: the `project` setting).
 * @internal Users call {@link Api.artifactType}.
 * @example
 * ```ts
 * const type = await getTypeByPath(ctx, 'dataset', 'acme/vision');
 * ```
 */
export async function getTypeByPath(
  ctx: FacadeContext,
  typeName: string,
  project: string | undefined,
  options: RequestOptions = {},
): Promise<ArtifactType> {
  const type = checkTypeName(typeName, 'type');
  const o = optionsObject(options);
  const where = projectWhere(ctx, project);
  const signal = optionalSignal(o.signal);
  const cache = optionalBoolean(o.cache, 'cache');
  const entity = where.entity ?? (await ctx.resolveEntity());
  return fetchArtifactType(ctx, { entity, project: where.project }, type, { signal, cache });
}

/**
 * The collections of one type of a project path, with the server's total.
 * @internal Users call {@link Api.artifactCollections}.
 * @example
 * ```ts
 * const collections = listCollectionsByPath(ctx, 'acme/vision', 'dataset', { perPage: 20 });
 * ```
 */
export function listCollectionsByPath(
  ctx: FacadeContext,
  project: string,
  typeName: string,
  options: ArtifactCollectionsOptions = {},
): Paginated<ArtifactCollection> {
  const where = projectWhere(ctx, project);
  const type = checkTypeName(typeName, 'type');
  return listTypeCollections(ctx, { ...where, type }, options);
}

/** Parses and resolves a collection path (`[entity/][project/]collection`). */
function collectionPathResolver(
  ctx: FacadeContext,
  name: string,
): {
  parsed: ReturnType<typeof parseArtifactCollectionPath>;
  resolve: (o: RequestOptions) => Promise<ArtifactCollectionRef>;
} {
  const parsed = parseArtifactCollectionPath(name, ctx.settings, 'name');
  return { parsed, resolve: (o) => resolveCollectionPlace(ctx, parsed, o) };
}

/**
 * One collection by type and path (`[entity/][project/]collection`).
 * @internal Users call {@link Api.artifactCollection}.
 * @example
 * ```ts
 * const collection = await getCollectionByPath(ctx, 'dataset', 'acme/vision/mnist');
 * ```
 */
export async function getCollectionByPath(
  ctx: FacadeContext,
  typeName: string,
  name: string,
  options: RequestOptions = {},
): Promise<ArtifactCollection> {
  const type = checkTypeName(typeName, 'type');
  const o = optionsObject(options);
  const signal = optionalSignal(o.signal);
  const cache = optionalBoolean(o.cache, 'cache');
  const { resolve } = collectionPathResolver(ctx, name);
  const where = await resolve({ signal, cache });
  return fetchCollection(ctx, { ...where, type }, { signal, cache });
}

/**
 * Whether a collection of that type exists: `false` only when the server says it (or its type, or
 * its project) is not there; every failure is thrown.
 * @internal Users call {@link Api.artifactCollectionExists}.
 * @example
 * ```ts
 * await artifactCollectionExists(ctx, 'acme/vision/mnist', 'dataset'); // true
 * ```
 */
export async function artifactCollectionExists(
  ctx: FacadeContext,
  name: string,
  typeName: string,
  options: RequestOptions = {},
): Promise<boolean> {
  const type = checkTypeName(typeName, 'type');
  const o = optionsObject(options);
  const signal = optionalSignal(o.signal);
  const cache = optionalBoolean(o.cache, 'cache');
  const { resolve } = collectionPathResolver(ctx, name);
  const where = await resolve({ signal, cache });
  try {
    await fetchCollection(ctx, { ...where, type }, { signal, cache });
    return true;
  } catch (e) {
    if (e instanceof NotFoundError) return false;
    throw e;
  }
}

function checkTagFilter(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((t) => typeof t === 'string')) {
    throw new ValidationError(
      'tags',
      `expected an array of tag names (strings), got ${describeValue(value)}`,
    );
  }
  return [...new Set(value as string[])];
}

/** The checked options of a version listing. */
interface VersionListing {
  perPage: number;
  start: string | null;
  signal: AbortSignal | undefined;
  prefetch: boolean | undefined;
  tags: string[];
  order: string | undefined;
  filters: string;
}

function checkVersionListing(options: ArtifactsOptions): VersionListing {
  const o = optionsObject(options);
  return {
    perPage: o.perPage ?? 50,
    start: o.start ?? null,
    signal: optionalSignal(o.signal),
    prefetch: o.prefetch,
    tags: checkTagFilter(o.tags),
    order: parseFieldOrder(o.order),
    filters: serializeFilter(o.filters ?? DEFAULT_ARTIFACT_FILTER),
  };
}

function versionsPaginated(
  ctx: FacadeContext,
  listing: VersionListing,
  where: () => Promise<ArtifactCollectionRef>,
  type: string,
  what: string,
): Paginated<Artifact> {
  const { tags, order, filters } = listing;
  return new Paginated<Artifact>(
    async ({ cursor, perPage, signal, total }): Promise<Page<Artifact>> => {
      const place = await where();
      const data = await ctx.request(
        (await documents()).ProjectArtifactsDocument,
        {
          entity: place.entity,
          project: place.project,
          type,
          collection: place.collection,
          cursor,
          perPage,
          order,
          filters,
          withTotal: total ?? true,
        },
        { signal, cacheIf: (d) => d.project?.artifactType?.artifactCollection != null },
      );
      const collection = data.project?.artifactType?.artifactCollection;
      if (!collection) {
        const how = !data.project ? 'none' : !data.project.artifactType ? 'project' : 'type';
        throw artifactCollectionNotFound(place.collection, type, place.entity, place.project, how);
      }
      const connection = collection.artifacts;
      const items = (connection?.edges ?? [])
        .map((e) => artifactFromListing(ctx, e.node, place, e.version))
        .filter((a) => tags.every((t) => a.tags.includes(t)));
      return { items, ...connectionPosition(connection), totalCount: connection?.totalCount ?? undefined };
    },
    {
      perPage: listing.perPage,
      start: listing.start,
      signal: listing.signal,
      what,
      prefetch: listing.prefetch,
    },
  );
}

/**
 * The versions of a collection by type and path, with the server's total (of the versions the
 * filters select; `tags` are filtered here and not counted).
 * @internal Users call {@link Api.artifacts}.
 * @example
 * ```ts
 * const versions = listArtifactsByPath(ctx, 'dataset', 'acme/vision/mnist', { tags: ['clean'] });
 * ```
 */
export function listArtifactsByPath(
  ctx: FacadeContext,
  typeName: string,
  name: string,
  options: ArtifactsOptions = {},
): Paginated<Artifact> {
  const type = checkTypeName(typeName, 'type');
  const { parsed, resolve } = collectionPathResolver(ctx, name);
  const listing = checkVersionListing(options);
  const where = once(() => resolve({ signal: listing.signal }));
  return versionsPaginated(
    ctx,
    listing,
    where,
    type,
    `versions of artifact ${parsed.project}/${parsed.collection}`,
  );
}

/**
 * The versions of a collection whose address is known.
 * @internal `ArtifactCollection.artifacts()` reaches it as {@link FacadeContext.collectionArtifacts}.
 * @example
 * ```ts
 * const versions = listCollectionVersions(ctx, { entity: 'acme', project: 'vision', collection: 'mnist', type: 'dataset' });
 * ```
 */
export function listCollectionVersions(
  ctx: FacadeContext,
  where: ArtifactCollectionRef & { type: string },
  options: ArtifactsOptions = {},
): Paginated<Artifact> {
  const listing = checkVersionListing(options);
  const { type, ...place } = where;
  return versionsPaginated(
    ctx,
    listing,
    () => Promise.resolve(place),
    type,
    `versions of artifact ${formatCollectionPath(place)}`,
  );
}

/**
 * The versions a run logged (`logged`, its outputs) or used (`used`, its inputs), each named in
 * the collection it was born in, with the server's total.
 * @internal Users call `run.loggedArtifacts()` / `run.usedArtifacts()` (through {@link FacadeContext.runArtifacts}).
 * @example
 * ```ts
 * const outputs = listRunArtifacts(ctx, { entity: 'acme', project: 'vision', runId: 'a1b2c3d4' }, 'logged');
 * ```
 */
export function listRunArtifacts(
  ctx: FacadeContext,
  ref: RunRef,
  kind: 'logged' | 'used',
  options: RunArtifactsOptions = {},
): Paginated<Artifact> {
  const o = optionsObject(options);
  const signal = optionalSignal(o.signal);
  return new Paginated<Artifact>(
    async ({ cursor, perPage, signal: pageSignal, total }) => {
      const docs = await documents();
      const data = await ctx.request(
        kind === 'logged' ? docs.RunOutputArtifactsDocument : docs.RunInputArtifactsDocument,
        {
          entity: ref.entity,
          project: ref.project,
          run: ref.runId,
          cursor,
          perPage,
          withTotal: total ?? true,
        },
        { signal: pageSignal, cacheIf: (d) => d.project?.run != null },
      );
      const run = data.project?.run;
      if (!run) throw runNotFound(ref.entity, ref.project, ref.runId, data.project != null);
      const connection = run.artifacts;
      const nodes = (connection?.edges ?? []).flatMap((e) =>
        e.node ? [e.node as ArtifactFieldsFragment] : [],
      );
      return {
        items: nodes.flatMap((n) => artifactFromSource(ctx, n) ?? []),
        ...connectionPosition(connection),
        totalCount: connection?.totalCount ?? undefined,
      };
    },
    {
      perPage: o.perPage ?? 100,
      start: o.start ?? null,
      signal,
      what: `artifacts ${kind === 'logged' ? 'logged' : 'used'} by run ${formatRunPath(ref)}`,
      prefetch: o.prefetch,
    },
  );
}

function checkArtifact(value: unknown): Artifact {
  if (!(value instanceof Artifact)) {
    throw new ValidationError(
      'artifact',
      `expected an Artifact (from api.artifact() or a listing), got ${describeValue(value)}`,
    );
  }
  return value;
}

/**
 * Declares a version an input of a run (`useArtifact`) and resolves with the version.
 * @internal Users call `run.useArtifact()` (through {@link FacadeContext.useArtifact}).
 * @example
 * ```ts
 * await useArtifact(ctx, { entity: 'acme', project: 'vision', runId: 'a1b2c3d4' }, dataset, { usedAs: 'train' });
 * ```
 */
export async function useArtifact(
  ctx: FacadeContext,
  ref: RunRef,
  artifact: unknown,
  options: UseArtifactOptions = {},
): Promise<Artifact> {
  const a = checkArtifact(artifact);
  const o = optionsObject(options);
  const signal = optionalSignal(o.signal);
  if (o.usedAs !== undefined && (typeof o.usedAs !== 'string' || o.usedAs === '')) {
    throw new ValidationError('usedAs', `expected a non-empty string, got ${describeValue(o.usedAs)}`);
  }
  const input: UseArtifactInput = {
    entityName: ref.entity,
    projectName: ref.project,
    runName: ref.runId,
    artifactID: a.id,
    usedAs: o.usedAs ?? a.name,
  };
  if ((await ctx.serverFeatures()).get(USE_ARTIFACT_PLACE_FEATURE) === true) {
    input.artifactEntityName = a.entity;
    input.artifactProjectName = a.project;
  }
  const data = await ctx.request(
    (await documents()).UseArtifactDocument,
    { input },
    { signal, idempotent: true },
  );
  if (!data.useArtifact)
    throw new ServerError(`useArtifact returned nothing for ${a.qualifiedName} in run ${formatRunPath(ref)}`);
  return a;
}

/**
 * Declares an existing version an output of a run, with more aliases and tags, the official way:
 * `createArtifact` with the version's digest and digest deduplication, which the server answers
 * with the existing version, committed, creating nothing. Then reads the version again.
 * @internal Users call `run.logArtifact()` (through {@link FacadeContext.logArtifact}).
 * @example
 * ```ts
 * const logged = await logArtifact(ctx, { entity: 'acme', project: 'vision', runId: 'a1b2c3d4' }, model, { aliases: ['candidate'] });
 * ```
 */
export async function logArtifact(
  ctx: FacadeContext,
  ref: RunRef,
  artifact: unknown,
  options: LogArtifactOptions = {},
): Promise<Artifact> {
  const a = checkArtifact(artifact);
  const o = optionsObject(options);
  const signal = optionalSignal(o.signal);
  const aliases = o.aliases === undefined ? [] : checkAliases(o.aliases, 'aliases');
  const tags = o.tags === undefined ? [] : checkTags(o.tags, 'tags');
  const source = a.source;
  if (source.entity !== ref.entity || source.project !== ref.project) {
    throw new ValidationError(
      'artifact',
      `a run can only log artifacts of its own project: ${source.entity}/${source.project}/${source.name} is not in ${ref.entity}/${ref.project}`,
    );
  }
  // W&B recognises a digest as an existing version only for the collection's latest version: for
  // any other, createArtifact would start a new (pending) version, or name the latest one when the
  // contents are equal. Refuse it before writing anything.
  const latest = await fetchArtifactByName(
    ctx,
    { entity: source.entity, project: source.project, collection: source.collection },
    'latest',
    { signal, cache: false },
  );
  if (latest.id !== a.id) {
    throw new ValidationError(
      'artifact',
      `only the latest version of a collection can be declared a run's output: ${source.entity}/${source.project}/${source.name} is not ` +
        `the latest of ${source.collection} (${latest.version} is); log ${source.collection}:latest, or publish a new version`,
    );
  }
  const input: CreateArtifactInput = {
    entityName: ref.entity,
    projectName: ref.project,
    artifactTypeName: a.type,
    artifactCollectionNames: [source.collection],
    runName: ref.runId,
    digest: a.digest,
    digestAlgorithm: 'MANIFEST_MD5',
    enableDigestDeduplication: true,
    aliases: aliases.map((alias) => ({ artifactCollectionName: source.collection, alias })),
    ...(tags.length === 0 ? {} : { tags: tags.map((tagName) => ({ tagName })) }),
  };
  const data = await ctx.request((await documents()).CreateArtifactDocument, { input }, { signal });
  const created = data.createArtifact?.artifact;
  if (!created)
    throw new ServerError(
      `createArtifact returned nothing for ${a.qualifiedName} in run ${formatRunPath(ref)}`,
    );
  if (created.state !== 'COMMITTED' || created.id !== a.id) {
    throw new ConflictError(
      `The server did not take ${source.entity}/${source.project}/${source.name} as an existing version (W&B promises it only for ` +
        `the collection's latest version) and started a new one (state ${created.state}) instead, which stays unfinished: ` +
        'declare the latest version of the collection with run.logArtifact()',
    );
  }
  const found = await ctx.request(
    (await documents()).ArtifactByIdDocument,
    { id: created.id },
    { signal, cache: false },
  );
  const logged = found.artifact ? artifactFromSource(ctx, found.artifact) : undefined;
  if (!logged)
    throw new NotFoundError(
      `Artifact ${created.id} logged by run ${formatRunPath(ref)} could not be read back`,
    );
  return logged;
}
