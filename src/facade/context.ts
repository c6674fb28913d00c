import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/** Variables of a GraphQL operation. */
export type Variables = Record<string, unknown>;

/** Per-request options the facade passes down to the transport. */
export interface RequestOptions {
  /** Cancels the request. */
  signal?: AbortSignal | undefined;
  /** `false` bypasses the response cache for this request. */
  cache?: boolean | undefined;
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
    options?: RequestOptions,
  ): Promise<TData>;
  /** The W&B app (UI) URL, e.g. `https://wandb.ai`. */
  readonly appUrl: string;
  /** The entity to use when a path has none: the `entity` option, `WANDB_ENTITY`, or the viewer's. */
  resolveEntity(entity?: string): Promise<string>;
}
