/**
 * What every domain shares with the {@link Api} that made its objects: the {@link FacadeContext}
 * (a way to send operations, the settings that resolve paths and URLs, storage and disk access,
 * and the few cross-domain constructions), and the one {@link RequestOptions} of single-object calls.
 *
 * @example
 * ```ts
 * async function projectName(ctx: FacadeContext, options: RequestOptions): Promise<string> {
 *   const data = await ctx.request(ProjectDetailDocument, { name: 'vision', entity: 'acme' }, options);
 *   return data.project?.name ?? 'none';
 * }
 * ```
 * @module
 */
import type { DocumentTypeDecoration, TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { LocalFiles } from '../../io/files.js';
import type { RequestOptions as TransportCallOptions } from '../../transport/index.js';
import type { StorageRequest } from '../../transport/storage.js';
import type { PostJsonCall } from '../../transport/postJson.js';
import type { Artifact } from '../artifacts/artifact.js';
import type { ArtifactType } from '../artifacts/artifact-type.js';
import type {
  ArtifactsOptions,
  LogArtifactOptions,
  RunArtifactsOptions,
  UseArtifactOptions,
} from '../artifacts/artifacts.js';
import type { ArtifactCollection, ArtifactCollectionsOptions } from '../artifacts/collection.js';
import type { ArtifactOptions } from '../artifacts/artifacts.js';
import type { Project } from '../projects/project.js';
import type { CreateProjectOptions } from '../projects/projects.js';
import type { File, RunFilesOptions } from '../files/file.js';
import type { User } from '../users/user.js';
import type {
  ArtifactCollectionFieldsFragment,
  ArtifactCollectionMembershipFieldsFragment,
} from '../../generated/graphql.js';
import type { ArtifactCollectionRef } from '../paths/artifact-paths.js';
import type { ProjectPath, RunRef, SweepRef } from '../paths/paths.js';
import type { Run } from '../runs/run.js';
import type { Runs, RunsOptions } from '../runs/runs.js';
import type { RunCreateState } from '../runs/run.js';
import type { CreateRunOptions } from '../runs/writes.js';
import type { Sweep } from '../sweeps/sweep.js';
import type { SweepsOptions } from '../sweeps/sweeps.js';
import type { ListOptions, Paginated } from './pagination.js';

/**
 * Variables of a GraphQL operation, as `api.request` takes them.
 *
 * @example
 * ```ts
 * const variables: Variables = { entity: 'acme', project: 'vision', perPage: 10 };
 * ```
 */
export type Variables = Record<string, unknown>;

/**
 * A typed GraphQL document, as {@link Api.request} takes it: an AST (`TypedDocumentNode`, what
 * `wandb-api/graphql` exports and urql or Apollo take) or a string one (`DocumentTypeDecoration`
 * on a string, such as codegen's `TypedDocumentString`; the facade's documents are strings, which
 * urql parses itself).
 *
 * @example
 * ```ts
 * import { ViewerDocument } from 'wandb-api/graphql';
 * const doc: GraphQLDocument<ViewerQuery, ViewerQueryVariables> = ViewerDocument;
 * ```
 */
export type GraphQLDocument<TData, TVars> =
  | TypedDocumentNode<TData, TVars>
  // eslint-disable-next-line @typescript-eslint/no-wrapper-object-types -- codegen's TypedDocumentString extends String
  | (DocumentTypeDecoration<TData, TVars> & (string | String));

/**
 * Options of every call that reads or writes one object (`api.run`, `api.sweep`, `run.file`,
 * `run.update`, `file.text`, ...). Calls that write, or that read file content, take only
 * `signal` (`Pick<RequestOptions, 'signal'>`): their answers are never cached.
 *
 * @example
 * ```ts
 * const run = await api.run('acme/vision/a1b2c3d4', { signal: AbortSignal.timeout(5_000), cache: false });
 * ```
 */
export interface RequestOptions {
  /** Cancels the request: it rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** `false` asks the server even when the answer is cached (the fresh answer is cached). Default `true`. */
  cache?: boolean | undefined;
}

/**
 * What the facade passes down to the transport for one request: {@link RequestOptions} plus
 * `cacheIf` and `idempotent`, documented once, on the transport's own options.
 * @internal
 */
export type TransportRequestOptions<TData> = TransportCallOptions<TData>;

/**
 * Defaults for paths without an entity, project or organization: the `entity` / `project` /
 * `organization` options, else `WANDB_ENTITY` / `WANDB_PROJECT` / `WANDB_ORGANIZATION`.
 *
 * @example
 * ```ts
 * const settings: Settings = { entity: 'acme', project: undefined, organization: undefined };
 * ```
 */
export type Settings = Readonly<{
  /** The default entity (`entity` option, else `WANDB_ENTITY`); `undefined`: the viewer's. */
  entity: string | undefined;
  /** The default project (`project` option, else `WANDB_PROJECT`), if any. */
  project: string | undefined;
  /** The default organization (`organization` option, else `WANDB_ORGANIZATION`), if any. */
  organization: string | undefined;
}>;

/**
 * What facade objects (Run, Project, ...) and the domain functions need from the {@link Api}
 * that made them: a way to send operations, the settings to resolve paths and URLs, storage and
 * disk access, and the constructions that cross domains — a domain imports another one only as
 * types, so a {@link Sweep} lists its runs through {@link FacadeContext.projectRuns} rather than
 * by building a {@link Runs} itself. `Api` implements it (wired in `api.ts`). Internal; users
 * hold an `Api`.
 * @internal
 */
export interface FacadeContext {
  /** Sends one operation and returns its data, or throws a typed error. */
  request<TData, TVars extends Variables>(
    doc: GraphQLDocument<TData, TVars>,
    variables: TVars,
    options?: TransportRequestOptions<TData>,
  ): Promise<TData>;
  /** The W&B app (UI) URL, e.g. `https://wandb.ai`. */
  readonly appUrl: string;
  /** Defaults for paths: the `entity` and `project` options, or `WANDB_ENTITY` / `WANDB_PROJECT`. */
  readonly settings: Settings;
  /** The entity to use when a path has none: the `entity` option, `WANDB_ENTITY`, or the viewer's. */
  resolveEntity(entity?: string): Promise<string>;
  /** The authenticated user, loaded once (users domain), for `user.generateApiKey()`. */
  viewer(): Promise<User>;
  /**
   * The server's capability flags by name, loaded once and cached; empty (every feature off) when
   * the server cannot report them.
   */
  serverFeatures(): Promise<ReadonlyMap<string, boolean>>;
  /**
   * Sends a request to a storage URL (signed download or upload URL) without credentials — only a
   * URL starting with `/` (relative to the base URL) is authenticated — and resolves with the 2xx
   * response or rejects with a typed error.
   */
  storage(url: string, request?: StorageRequest): Promise<Response>;
  /**
   * Runs one storage transfer (request and body) in the Api's bounded pool, so parallel work
   * never starts unbounded requests; a transfer still waiting rejects when `signal` aborts.
   */
  transfer<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /**
   * How many GraphQL requests may run at once now: the current width of the Api's request limiter
   * (the `concurrency` option, halved after a 429). Work that reads ahead (parallel history
   * windows, bulk reads across runs) keeps at most this many requests in flight.
   */
  concurrency(): number;
  /**
   * Posts a JSON text to a path under the base URL (a run's `file_stream`) with credentials and
   * the retry policy — only for requests safe to repeat — and resolves with the parsed answer.
   */
  postJson(path: string, body: string, options?: PostJsonCall): Promise<unknown>;
  /** Local file access: Node's in the Node build; in the core build every method rejects with `UnsupportedError`. */
  disk(): LocalFiles;
  /** @internal The runs of a project (runs domain), for `project.runs()`, `sweep.runs` and `sweep.bestRun()`. */
  projectRuns(where: ProjectPath, options?: RunsOptions): Runs;
  /** @internal Creates a run in a state (runs domain), for `Run.create(api, { state })`. */
  createRunInState(options: CreateRunOptions, state: RunCreateState): Promise<Run>;
  /** @internal The sweeps of a project (sweeps domain), for `project.sweeps()`. */
  projectSweeps(where: Required<ProjectPath>, options?: SweepsOptions): Paginated<Sweep>;
  /** @internal One sweep, or `undefined` when it (or its project) is missing (sweeps domain), for `includeSweeps`. */
  findSweep(where: SweepRef, options?: RequestOptions): Promise<Sweep | undefined>;
  /** @internal The files of a run (files domain), for `run.files()`. */
  runFiles(ref: RunRef, options?: RunFilesOptions): Paginated<File>;
  /** @internal One file of a run by its exact name (files domain), for `run.file()`. */
  runFile(ref: RunRef, name: string, options?: RequestOptions): Promise<File>;
  /** @internal Uploads a file to a run (files domain), for `run.uploadFile()`; the arguments as given to it. */
  uploadRunFile(ref: RunRef, target: unknown, second?: unknown, third?: unknown): Promise<File>;
  /**
   * @internal A run from a run fragment (runs domain), for `artifact.usedBy()`, `artifact.loggedBy()`
   * and the pages of `Runs` (with the run's sweep, when listed with `includeSweeps`).
   */
  runFromData(
    entity: string,
    project: string,
    data: ConstructorParameters<typeof Run>[3],
    sweep?: Sweep,
  ): Promise<Run>;
  /** @internal The versions of a collection whose address is known (artifacts domain), for `collection.artifacts()`. */
  collectionArtifacts(
    where: ArtifactCollectionRef & { type: string },
    options?: ArtifactsOptions,
  ): Paginated<Artifact>;
  /** @internal The artifacts a run logged or used (artifacts domain), for `run.loggedArtifacts()` and `run.usedArtifacts()`. */
  runArtifacts(ref: RunRef, kind: 'logged' | 'used', options?: RunArtifactsOptions): Paginated<Artifact>;
  /** @internal Declares an artifact an input of a run (artifacts domain), for `run.useArtifact()`; the arguments as given to it. */
  useArtifact(ref: RunRef, artifact: unknown, options?: UseArtifactOptions): Promise<Artifact>;
  /** @internal Declares an existing artifact an output of a run (artifacts domain), for `run.logArtifact()`; the arguments as given to it. */
  logArtifact(ref: RunRef, artifact: unknown, options?: LogArtifactOptions): Promise<Artifact>;
  /** @internal The artifact types of a project (artifacts domain), for `project.artifactTypes()`. */
  projectArtifactTypes(where: Required<ProjectPath>, options?: ListOptions): Paginated<ArtifactType>;
  /**
   * @internal An artifact collection from a collection fragment another domain selected (artifacts
   * domain), for the registry searches; `organizationName` names the registry's organization (URLs).
   */
  collectionFromData(
    data: ArtifactCollectionFieldsFragment,
    where: Required<ProjectPath>,
    organizationName?: string,
  ): Promise<ArtifactCollection>;
  /**
   * @internal A version from a membership fragment another domain selected (artifacts domain), in
   * the collection `where` names, for the registry searches.
   */
  artifactFromMembership(
    membership: ArtifactCollectionMembershipFieldsFragment,
    where: ArtifactCollectionRef,
  ): Promise<Artifact>;
  /** @internal Every artifact collection of a project (artifacts domain), for `project.collections()`. */
  projectCollections(
    where: Required<ProjectPath>,
    options?: ArtifactCollectionsOptions,
  ): Paginated<ArtifactCollection>;

  // Launch (launch domain): the artifact of a job, the run of a queued run, the queues' project.
  /** @internal One artifact version by name (artifacts domain), for `api.job()`. */
  artifact(name: string, options?: ArtifactOptions): Promise<Artifact>;
  /** @internal One run by path, loaded (runs domain), for `queuedRun.run()` and its waits. */
  run(path: string, options?: RequestOptions): Promise<Run>;
  /** @internal Creates (upserts) a project (projects domain), for the queues' project `model-registry`. */
  createProject(name: string, entity?: string, options?: CreateProjectOptions): Promise<Project>;
}
