/**
 * The transport's engine: the urql `Client` with our exchanges, and the running of one operation
 * on it. It holds urql, wonka and GraphQL's printer and parser, about half of what `Api` would
 * otherwise put in a browser bundle's initial chunk, so {@link Transport} loads it as a chunk of its
 * own: asked for when a transport is made, awaited by the first request (`urqlClient` of
 * `wandb-api/graphql`, which hands the client over at once, imports it).
 *
 * @example
 * ```ts
 * const engine = await import('./engine.js');
 * const { client } = engine.buildClient({ url, cache: true, retry: {}, fetch: limitedFetch });
 * const data = await engine.execute(client, { kind: 'query', name: 'Viewer', doc: ViewerDocument, variables: {}, context: {} }, fail);
 * ```
 * @module
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  type AnyVariables,
  Client,
  type Exchange,
  type Operation,
  type OperationContext,
  type OperationResult,
  createRequest,
  fetchExchange,
  makeOperation,
} from '@urql/core';
import { filter, onEnd, pipe, subscribe, take } from 'wonka';
import { NetworkError } from '../errors/index.js';
import { type CacheExchange, cacheExchange } from './cacheExchange.js';
import { abortReason } from './fetchWithTimeout.js';
import { type RetryOptions, retryExchange } from './retryExchange.js';
import { httpStatusExchange } from './statusExchange.js';

/** What {@link buildClient} needs: where to send, whether to cache, how to retry, and the `fetch`. */
export interface EngineConfig {
  /** The GraphQL endpoint, e.g. `https://api.wandb.ai/graphql`. */
  url: string;
  /** Whether to keep successful query results (see {@link cacheExchange}). */
  cache: boolean;
  /** Retry bounds, or `false` for a single attempt. */
  retry: RetryOptions | false;
  /** The `fetch` every attempt goes through (limited, timed, authenticated). */
  fetch: typeof fetch;
}

/** An urql client and, when it caches, its cache exchange (which the transport empties). */
export interface BuiltClient {
  client: Client;
  cache: CacheExchange | undefined;
}

/**
 * Our urql `Client`: {@link cacheExchange} → {@link retryExchange} → {@link httpStatusExchange} →
 * urql's `fetchExchange`, always POST, cache-first.
 *
 * @example
 * ```ts
 * const { client, cache } = buildClient({ url: 'https://api.wandb.ai/graphql', cache: true, retry: {}, fetch });
 * ```
 */
export function buildClient(config: EngineConfig): BuiltClient {
  const exchanges: Exchange[] = [];
  const cache = config.cache ? cacheExchange() : undefined;
  if (cache) exchanges.push(cache);
  if (config.retry !== false) exchanges.push(retryExchange(config.retry));
  exchanges.push(httpStatusExchange, fetchExchange);
  const client = new Client({
    url: config.url,
    exchanges,
    fetch: config.fetch,
    preferGetMethod: false,
    requestPolicy: 'cache-first',
  });
  return { client, cache };
}

/**
 * The AST urql keeps for a document's text: parsed once, the same object every time.
 *
 * @example
 * ```ts
 * const doc = parsedDocument(String(typedDocumentString)); // codegen's documentMode: 'string'
 * ```
 */
export function parsedDocument<TData, TVars extends AnyVariables>(
  text: string,
): TypedDocumentNode<TData, TVars> {
  return createRequest(text, {}).query as TypedDocumentNode<TData, TVars>;
}

/** One operation for {@link execute}. */
export interface Execution<TData, TVars extends AnyVariables> {
  kind: 'query' | 'mutation';
  /** The operation's name, for the message of a request that ends without a result. */
  name: string;
  doc: TypedDocumentNode<TData, TVars>;
  variables: TVars;
  context: Partial<OperationContext>;
  signal?: AbortSignal;
}

let mutationSeq = 0;

/**
 * Runs one operation on `client` and resolves with its `data`; a failed result rejects with what
 * `fail` makes of it, an abort of `signal` with the signal's reason (and the HTTP request is
 * cancelled).
 *
 * @example
 * ```ts
 * const data = await execute(client, { kind: 'query', name: 'Viewer', doc: ViewerDocument, variables: {}, context: {} }, (r) => Promise.resolve(r.error!));
 * ```
 */
export function execute<TData, TVars extends AnyVariables>(
  client: Client,
  run: Execution<TData, TVars>,
  fail: (result: OperationResult<TData, TVars>) => Promise<Error>,
): Promise<TData> {
  const { kind, name, doc, variables, context, signal } = run;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  const req = createRequest<TData, TVars>(doc, variables);
  let operation: Operation<TData, TVars> = client.createRequestOperation(kind, req, context);
  if (kind === 'mutation') {
    // A key of its own, so tearing this mutation down never cancels an identical concurrent one.
    mutationSeq = (mutationSeq + 1) | 0;
    operation = makeOperation(
      kind,
      { ...operation, key: (Math.imul(req.key, 31) + mutationSeq) | 0 },
      operation.context,
    );
  }

  return new Promise<TData>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };

    const subscription = pipe(
      client.executeRequestOperation(operation),
      filter((r: OperationResult<TData, TVars>) => !r.hasNext),
      take(1),
      onEnd(() =>
        settle(() => reject(new NetworkError(`${name} failed: the request ended without a result`))),
      ),
      subscribe((result: OperationResult<TData, TVars>) => {
        settle(() => {
          if (result.error) fail(result).then(reject, reject);
          else resolve(result.data as TData);
        });
      }),
    );

    // A hoisted declaration: `settle` may run (and remove it) before this line is reached.
    function onAbort(): void {
      settle(() => {
        reject(abortReason(signal as AbortSignal));
        subscription.unsubscribe();
        // The client tears queries down when unsubscribed, but not mutations: do it ourselves.
        if (kind === 'mutation')
          client.reexecuteOperation(makeOperation('teardown', operation, operation.context));
      });
    }
    // Not settled yet unless the result came synchronously (a cache hit).
    if (!settled) signal?.addEventListener('abort', onAbort, { once: true });
  });
}
