/**
 * `wandb-api/graphql`: the typed GraphQL documents this client sends (`ViewerDocument`,
 * `RunsPageDocument`, ...), their fragments, and the TypeScript types of their results and
 * variables (`RunsPageQuery`, `RunsPageQueryVariables`, ...), generated from `schema.graphql` and
 * the package's `operations/`. For urql / React users who send these documents themselves, through
 * `api.client` (an urql `Client`) or `api.request` (typed data, or a typed error). Browser-safe:
 * the documents are plain objects; nothing here loads graphql-js.
 *
 * @example
 * ```ts
 * import { Api } from 'wandb-api';
 * import { RunsPageDocument, ViewerDocument, type ResultOf } from 'wandb-api/graphql';
 *
 * const api = new Api();
 * const { viewer } = await api.request(ViewerDocument, {});
 * const page: ResultOf<typeof RunsPageDocument> = await api.request(RunsPageDocument, {
 *   entity: 'acme', project: 'vision', perPage: 10, heavy: false,
 * });
 * const result = await api.client.query(ViewerDocument, {}).toPromise(); // urql's OperationResult
 * ```
 * @module
 */
export type { TypedDocumentNode, ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
export * from './generated/graphql-ast.js';
