// storageFetch and Transport.storage with a fake fetch: retries, timeouts, aborts, typed errors
// that never show a signature, and credentials only for URLs relative to the base URL.
import { describe, expect, it } from 'vitest';
import {
  NetworkError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '../../../src/index.js';
import { Transport, type RetryEvent } from '../../../src/transport/index.js';
import { storageFetch } from '../../../src/transport/storage.js';
import { expectNotShown, failure } from '../../support/expect-errors.js';

const SIGNATURE = 'c2lnbmF0dXJlLXNlY3JldC12YWx1ZQ';
const URL_ = `https://storage.example.com/bucket/run/a.txt?X-Amz-Expires=60&X-Amz-Signature=${SIGNATURE}`;
const FAST = { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2, maxElapsedMs: 5_000 };

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(responses: Array<Response | Error | 'hang'>): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetchImpl = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    calls.push({ url: String(input), init });
    const next = responses.shift() ?? new Response('ok');
    if (next === 'hang') {
      return new Promise((_, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
      });
    }
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  };
  return { fetch: fetchImpl as typeof fetch, calls };
}

function expectNoSignature(err: Error): void {
  expectNotShown(err, SIGNATURE, 'X-Amz-Signature');
}

describe('storageFetch', () => {
  it('sends the method, headers and body, without cookies, and resolves with the 2xx response', async () => {
    const { fetch, calls } = fakeFetch([new Response('stored', { status: 201 })]);
    const res = await storageFetch(
      URL_,
      { method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: 'hello' },
      { fetch, retry: FAST },
    );
    expect(await res.text()).toBe('stored');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(URL_);
    expect(calls[0]!.init).toMatchObject({ method: 'PUT', body: 'hello', credentials: 'omit' });
    expect(calls[0]!.init.headers).toEqual({ 'Content-Type': 'text/plain' });
  });

  it('retries 5xx and 429 until a success', async () => {
    const { fetch, calls } = fakeFetch([
      new Response('busy', { status: 503 }),
      new Response('slow down', { status: 429, headers: { 'Retry-After': '0' } }),
      new Response('content'),
    ]);
    const res = await storageFetch(URL_, {}, { fetch, retry: FAST });
    expect(await res.text()).toBe('content');
    expect(calls).toHaveLength(3);
  });

  it('reports each scheduled retry to onRetry with its delay and reason', async () => {
    const { fetch } = fakeFetch([
      new Response('busy', { status: 503, headers: { 'Retry-After': '0.002' } }),
      new TypeError('fetch failed'),
      new Response('content'),
    ]);
    const events: RetryEvent[] = [];
    const res = await storageFetch(
      URL_,
      { what: 'Download of "a.txt"' },
      { fetch, retry: { ...FAST, onRetry: (e) => events.push(e) }, random: () => 0 },
    );
    expect(await res.text()).toBe('content');
    expect(events).toEqual([
      {
        target: 'storage',
        what: 'Download of "a.txt"',
        attempt: 1,
        delayMs: 2,
        reason: 'http',
        status: 503,
        retryAfterMs: 2,
      },
      // the backoff of attempt 2: initialDelayMs 1 doubled, no jitter, capped at maxDelayMs 2
      { target: 'storage', what: 'Download of "a.txt"', attempt: 2, delayMs: 2, reason: 'network' },
    ]);
  });

  it('ignores an onRetry hook that throws', async () => {
    const { fetch, calls } = fakeFetch([new Response('busy', { status: 503 }), new Response('content')]);
    const onRetry = (): void => {
      throw new Error('logger broke');
    };
    const res = await storageFetch(URL_, {}, { fetch, retry: { ...FAST, onRetry } });
    expect(await res.text()).toBe('content');
    expect(calls).toHaveLength(2);
  });

  it('gives up after maxAttempts with a ServerError that does not show the signature', async () => {
    const { fetch, calls } = fakeFetch([
      new Response('{"message":"down"}', { status: 500 }),
      new Response('{"message":"down"}', { status: 500 }),
      new Response(`<Error><Message>down, see ${URL_}</Message></Error>`, { status: 500 }),
    ]);
    const err = await failure(storageFetch(URL_, { what: 'Download of "a.txt"' }, { fetch, retry: FAST }));
    expect(err).toBeInstanceOf(ServerError);
    expect(err.message).toContain('Download of "a.txt" failed');
    expect(err.message).toContain('after 3 attempts');
    expect(err.message).toContain('https://storage.example.com/bucket/run/a.txt');
    expect(calls).toHaveLength(3);
    expectNoSignature(err);
  });

  it('does not wait for a Retry-After beyond the budget', async () => {
    const { fetch, calls } = fakeFetch([
      new Response('', { status: 429, headers: { 'Retry-After': '120' } }),
    ]);
    const err = await failure(storageFetch(URL_, {}, { fetch, retry: { ...FAST, maxElapsedMs: 1_000 } }));
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryAfterMs).toBe(120_000);
    expect(calls).toHaveLength(1);
  });

  it('does not retry 403 or 404, and maps them to PermissionError / NotFoundError with the status', async () => {
    const forbidden = fakeFetch([
      new Response('<Error><Message>Request has expired</Message></Error>', { status: 403 }),
    ]);
    const err = await failure(storageFetch(URL_, {}, { fetch: forbidden.fetch, retry: FAST }));
    expect(err).toBeInstanceOf(PermissionError);
    expect((err as PermissionError).status).toBe(403);
    expect(err.message).toContain('Request has expired');
    expect(forbidden.calls).toHaveLength(1);
    expectNoSignature(err);
    expect((err as PermissionError).request?.url).toBe('https://storage.example.com/bucket/run/a.txt');

    const missing = fakeFetch([new Response('', { status: 404 })]);
    expect(await failure(storageFetch(URL_, {}, { fetch: missing.fetch, retry: FAST }))).toBeInstanceOf(
      NotFoundError,
    );
    expect(missing.calls).toHaveLength(1);
  });

  it('retries network errors and then fails with a NetworkError whose cause is scrubbed', async () => {
    const refused = Object.assign(new TypeError(`fetch failed for ${URL_}`), {
      cause: Object.assign(new Error(`connect ECONNREFUSED (${SIGNATURE})`), { code: 'ECONNREFUSED' }),
    });
    const { fetch, calls } = fakeFetch([refused, refused, refused]);
    const err = await failure(storageFetch(URL_, {}, { fetch, retry: FAST }));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toContain('ECONNREFUSED');
    expect(calls).toHaveLength(3);
    expectNoSignature(err);
    expect(String((err.cause as Error).message)).toContain('fetch failed');
  });

  it('times out an attempt that gets no response headers', async () => {
    const { fetch, calls } = fakeFetch(['hang', 'hang']);
    const err = await failure(
      storageFetch(URL_, {}, { fetch, timeoutMs: 20, retry: { ...FAST, maxAttempts: 2 } }),
    );
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toContain('within 20 ms');
    expect(calls).toHaveLength(2);
  });

  it('does not time out an upload: its response only comes once the whole body has been sent', async () => {
    // A PUT whose body takes longer to send than the wait allowed for the headers of a GET.
    let aborted = false;
    const slowUpload = ((_: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((resolve, reject) => {
        const timer = setTimeout(() => resolve(new Response('stored')), 100);
        init?.signal?.addEventListener(
          'abort',
          () => {
            aborted = true;
            clearTimeout(timer);
            reject(init.signal?.reason);
          },
          { once: true },
        );
      })) as typeof fetch;
    const res = await storageFetch(
      URL_,
      { method: 'PUT', body: new Uint8Array(10) },
      { fetch: slowUpload, timeoutMs: 20, retry: false },
    );
    expect(await res.text()).toBe('stored');
    expect(aborted).toBe(false);
  });

  it('rejects with the signal reason, before any request when already aborted', async () => {
    const { fetch, calls } = fakeFetch([]);
    const reason = new Error('stop');
    await expect(storageFetch(URL_, { signal: AbortSignal.abort(reason) }, { fetch })).rejects.toBe(reason);
    expect(calls).toHaveLength(0);

    const hanging = fakeFetch(['hang']);
    const controller = new AbortController();
    const pending = storageFetch(URL_, { signal: controller.signal }, { fetch: hanging.fetch });
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('an abort after the headers cancels the body', async () => {
    const controller = new AbortController();
    const body = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => undefined) });
    let seen: AbortSignal | undefined;
    const fetchImpl = ((_: RequestInfo | URL, init?: RequestInit) => {
      seen = init?.signal ?? undefined;
      return Promise.resolve(new Response(body));
    }) as typeof fetch;
    const res = await storageFetch(URL_, { signal: controller.signal }, { fetch: fetchImpl });
    controller.abort(new Error('stop'));
    expect(seen?.aborted).toBe(true);
    expect(res.status).toBe(200);
  });

  it('refuses a URL that is not http(s) before any request', async () => {
    const { fetch, calls } = fakeFetch([]);
    const err = await failure(storageFetch(`file:///etc/passwd?sig=${SIGNATURE}`, {}, { fetch }));
    expect(err).toBeInstanceOf(NetworkError);
    expect(calls).toHaveLength(0);
    expectNoSignature(err);
  });
});

describe('Transport.storage', () => {
  const options = { userAgent: 'test', clientHeader: 'test', apiKey: 'secret-key-0123456789', retry: FAST };

  it('never sends credentials to an absolute URL, even on the W&B host', async () => {
    const { fetch, calls } = fakeFetch([new Response('a'), new Response('b')]);
    const t = new Transport({ ...options, baseUrl: 'https://wandb.example.com', fetch });
    await t.storage(URL_);
    await t.storage('https://wandb.example.com/storage/runs/1/a.txt?signature=abc');
    for (const call of calls) {
      expect(new Headers(call.init.headers).has('authorization')).toBe(false);
      expect(JSON.stringify(call)).not.toContain('secret-key');
    }
  });

  it('sends a URL starting with / to the base URL, with credentials', async () => {
    const { fetch, calls } = fakeFetch([new Response('ok')]);
    const t = new Transport({ ...options, baseUrl: 'https://wandb.example.com/api', fetch });
    await t.storage('/files/acme/run/a.txt?sig=1', { method: 'PUT', body: 'x' });
    expect(calls[0]!.url).toBe('https://wandb.example.com/api/files/acme/run/a.txt?sig=1');
    expect(new Headers(calls[0]!.init.headers).get('authorization')).toBe(
      `Basic ${btoa('api:secret-key-0123456789')}`,
    );
  });
});
