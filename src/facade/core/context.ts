import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { LocalFiles } from '../../io/files.js';
import type { StorageRequest } from '../../transport/storage.js';

/** Variables of a GraphQL operation. */
export type Variables = Record<string, unknown>;

/**
 * Per-request options.
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

/** What the facade passes down to the transport for one request. @internal */
export interface TransportRequestOptions<TData> extends RequestOptions {
  /** Whether a successful result may be cached (e.g. not when the object asked for was null). */
  cacheIf?: (data: TData) => boolean;
  /** Marks a mutation safe to repeat, so the transport retries it like a query. Default `false`. */
  idempotent?: boolean;
}

/**
 * What facade objects (Run, Project, ...) need from the {@link Api} that made them: a way to send
 * operations and the settings to resolve paths and URLs. Internal; users hold an `Api`.
 * @internal
 */
export interface FacadeContext {
  /** Sends one operation and returns its data, or throws a typed error. */
  request<TData, TVars extends Variables>(
    doc: TypedDocumentNode<TData, TVars>,
    variables: TVars,
    options?: TransportRequestOptions<TData>,
  ): Promise<TData>;
  /** The W&B app (UI) URL, e.g. `https://wandb.ai`. */
  readonly appUrl: string;
  /** The entity to use when a path has none: the `entity` option, `WANDB_ENTITY`, or the viewer's. */
  resolveEntity(entity?: string): Promise<string>;
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
  /** Local file access: Node's in the Node build; in the core build every method rejects with `UnsupportedError`. */
  disk(): LocalFiles;
}
