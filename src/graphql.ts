/**
 * `wandb-api/graphql`: the typed GraphQL documents this client sends (`ViewerDocument`,
 * `RunsPageDocument`, ...), their fragments, and the TypeScript types of their results and
 * variables (`RunsPageQuery`, `RunsPageQueryVariables`, ...), generated from `schema.graphql` and
 * the package's `operations/`. For urql / React users who send these documents themselves, through
 * an `Api`'s urql `Client` ({@link urqlClient} here, or `await api.client()`) or `api.request`
 * (typed data, or a typed error). Browser-safe: the documents are plain objects; nothing here
 * loads graphql-js.
 *
 * @example
 * ```ts
 * import { Api } from 'wandb-api';
 * import { RunsPageDocument, ViewerDocument, urqlClient, type ResultOf } from 'wandb-api/graphql';
 *
 * const api = new Api();
 * const { viewer } = await api.request(ViewerDocument, {});
 * const page: ResultOf<typeof RunsPageDocument> = await api.request(RunsPageDocument, {
 *   entity: 'acme', project: 'vision', perPage: 10, heavy: false,
 * });
 * const result = await urqlClient(api).query(ViewerDocument, {}).toPromise(); // urql's OperationResult
 * ```
 * @module
 */
import type { Client } from '@urql/core';
import { ValidationError } from './errors/index.js';
import * as engine from './transport/engine.js';
import type { TransportEngine } from './transport/index.js';

export type { TypedDocumentNode, ResultOf, VariablesOf } from '@graphql-typed-document-node/core';

/**
 * The urql `Client` of `api`, at once: ours, with the auth, retry and cache exchanges (or the
 * `client` given in its options). The same client `await api.client()` resolves with; this entry
 * holds urql already, so nothing waits. `wandb-api/react`'s `WandbProvider` hands it to urql's
 * `Provider`.
 *
 * @throws `ValidationError` naming `api` when `api` is not an `Api` of wandb-api (only an
 * `Api` has the client; the type only asks for its shape).
 * @example
 * ```ts
 * import { Api } from 'wandb-api';
 * import { urqlClient, ViewerDocument } from 'wandb-api/graphql';
 *
 * const result = await urqlClient(new Api()).query(ViewerDocument, {}).toPromise();
 * ```
 */
export function urqlClient(api: UrqlClientSource): Client {
  const source = api as Partial<{ clientWith(e: TransportEngine): Client }> | null;
  if (typeof source?.clientWith !== 'function') {
    throw new ValidationError('api', 'expected an Api from wandb-api');
  }
  return source.clientWith(engine);
}

/**
 * What {@link urqlClient} takes: an `Api` of wandb-api (typed by its shape, so that the `Api` of
 * `wandb-api` fits whichever build of it the app resolves).
 *
 * @example
 * ```ts
 * const source: UrqlClientSource = new Api();
 * ```
 */
export interface UrqlClientSource {
  /** The urql `Client`, once the part of wandb-api that holds urql has loaded: `Api.client`. */
  client(): Promise<Client>;
}
export * from './generated/graphql-ast.js';
