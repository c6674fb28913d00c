/**
 * An urql exchange that makes the HTTP status authoritative.
 *
 * urql's `fetchExchange` reports a non-2xx response whose JSON body carries `data` (and no
 * `errors`) as a success, and does not expose the response then. This exchange, placed right
 * before `fetchExchange`, gives each operation a `fetch` that remembers the `Response`; a result
 * without an error that came from a non-2xx response is turned into an error result with
 * `error.response` set (and the data kept), so the retry policy and `request()` see the status.
 *
 * It has no options.
 *
 * @example
 * ```ts
 * new Client({ url, exchanges: [retryExchange(), httpStatusExchange, fetchExchange] });
 * ```
 * @module
 */
import {
  CombinedError,
  type Exchange,
  makeOperation,
  type Operation,
  type OperationResult,
} from '@urql/core';
import { map, pipe } from 'wonka';

interface Capture {
  /** The `fetch` the operation had before we wrapped it. */
  inner: typeof fetch | undefined;
  /** The response of the current attempt, once it arrived. */
  response: Response | undefined;
}

function captureOf(op: Operation): Capture | undefined {
  const c: unknown = op.context.httpCapture;
  return typeof c === 'object' && c !== null && 'response' in c ? (c as Capture) : undefined;
}

/** See the module description. */
export const httpStatusExchange: Exchange =
  ({ forward }) =>
  (operations$) =>
    pipe(
      operations$,
      map((op: Operation): Operation => {
        if (op.kind !== 'query' && op.kind !== 'mutation') return op;
        // A retried operation still carries the wrapper of its previous attempt: wrap the original.
        const inner = captureOf(op)?.inner ?? op.context.fetch;
        const capture: Capture = { inner, response: undefined };
        const captured: typeof fetch = async (input, init) => {
          const res = await (inner ?? globalThis.fetch)(input, init);
          capture.response = res;
          return res;
        };
        return makeOperation(op.kind, op, { ...op.context, fetch: captured, httpCapture: capture });
      }),
      forward,
      map((result: OperationResult): OperationResult => {
        const capture = captureOf(result.operation);
        const res = capture?.response;
        if (capture) capture.response = undefined; // do not keep the Response alive in cached results
        if (!res || result.error || (res.status >= 200 && res.status <= 299)) return result;
        return {
          ...result,
          error: new CombinedError({
            networkError: new Error(res.statusText || `HTTP ${res.status}`),
            response: res,
          }),
        };
      }),
    );
