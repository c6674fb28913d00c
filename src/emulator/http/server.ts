/**
 * The emulator's HTTP layer over node:http: CORS, authentication, fault injection, the request log,
 * the storage endpoint, the run `file_stream` endpoint (`domains/filestream/apply.ts`) and
 * `POST /graphql` (executed by `graphql/execute.ts`).
 *
 * @example
 * ```ts
 * const server = new EmulatorHttpServer({ store, schema, apiKey: 'k', faults: new FaultRegistry() });
 * const port = await server.listen(0);
 * await server.close();
 * ```
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { applyFileStream, fileStreamError, type FileStreamTarget } from '../domains/filestream/apply.js';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import {
  executeRequest,
  operationNameOf,
  parseRequest,
  responseStatus,
  type GraphQLRequest,
} from '../graphql/execute.js';
import { systemClock, type EmulatorClock } from '../store/clock.js';
import type { EmulatorStore } from '../store/store.js';
import { authenticate, UNAUTHORIZED_MESSAGE } from './auth.js';
import type { Fault, FaultRegistry } from './faults.js';
import { Redactor, requestKind, type RecordedRequest } from './request-log.js';
import { handleParquetHistoryRequest, isParquetHistoryPath } from '../domains/history/parquet.js';
import { handleStorageRequest, isStorageRequestPath, StorageSigner } from './storage.js';
const ALLOWED_HEADERS =
  'authorization, content-type, x-wandb-client, use-admin-privileges, x-wandb-username, x-wandb-user-email';
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * What the HTTP layer needs.
 *
 * @example
 * ```ts
 * const deps: HttpServerDeps = { store, schema, apiKey: 'k', faults: new FaultRegistry() };
 * ```
 */
export interface HttpServerDeps {
  store: EmulatorStore;
  schema: GraphQLSchema;
  /**
   * The configured viewer's key. Requests are authenticated against every key of the store's key
   * ring (`store.keyRing`), which holds this one once `startEmulator` registered it.
   */
  apiKey: string;
  faults: FaultRegistry;
  /** Lifetime of signed storage URLs, in ms. Default one hour. */
  signedUrlLifetimeMs?: number;
  /** What "now" is and when waits end. Default the system clock. */
  clock?: EmulatorClock;
  /** How long every request waits before it is handled, in ms. Default `0`. */
  latencyMs?: number;
}

/** An answer to send: status, body and extra headers. */
interface Answer {
  status: number;
  body: string | Uint8Array;
  headers?: Record<string, string>;
}

function errorBody(message: string): string {
  return JSON.stringify({ errors: [{ message }] });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The HTTP server. One per emulator.
 *
 * @example
 * ```ts
 * const http = new EmulatorHttpServer(deps);
 * const port = await http.listen(0);
 * http.requests.length;
 * ```
 */
export class EmulatorHttpServer {
  /** Requests received, oldest first (CORS preflights are not recorded). */
  requests: RecordedRequest[] = [];

  private readonly server: Server;
  private readonly signer: StorageSigner;
  private readonly redactor: Redactor;
  private readonly sleepers = new Set<{ cancel: () => void; resolve: () => void }>();
  private readonly clock: EmulatorClock;
  private readonly latencyMs: number;
  private closing = false;

  constructor(private readonly deps: HttpServerDeps) {
    this.clock = deps.clock ?? systemClock;
    const latencyMs = deps.latencyMs ?? 0;
    if (!(Number.isFinite(latencyMs) && latencyMs >= 0)) {
      throw new Error(`latencyMs must be a number of milliseconds >= 0, got ${latencyMs}`);
    }
    this.latencyMs = latencyMs;
    this.signer = new StorageSigner({ lifetimeMs: deps.signedUrlLifetimeMs, now: () => this.clock.now() });
    // Every key the store ever knew (the configured one is on its key ring once registered).
    this.redactor = new Redactor(() => deps.store.keyRing.secrets());
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          this.send(
            res,
            undefined,
            500,
            errorBody(`Emulator internal error: ${this.redactor.scrub((error as Error).message)}`),
          );
        } else res.destroy();
      });
    });
  }

  /** Starts listening on 127.0.0.1 and resolves with the port. */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        const address = this.server.address();
        if (address === null || typeof address === 'string') reject(new Error('Emulator: no TCP address'));
        else resolve(address.port);
      });
    });
  }

  /** Stops the server, cancels pending fault delays and closes open connections. */
  close(): Promise<void> {
    this.closing = true;
    for (const sleeper of this.sleepers) {
      sleeper.cancel();
      sleeper.resolve();
    }
    this.sleepers.clear();
    return new Promise((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  /** Waits `ms` on the emulator's clock; `close()` ends every wait at once. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const sleeper = { cancel: () => {}, resolve };
      this.sleepers.add(sleeper);
      sleeper.cancel = this.clock.setTimer(ms, () => {
        this.sleepers.delete(sleeper);
        resolve();
      });
    });
  }

  /**
   * Waits out `latencyMs` (the distance to the server). Resolves with whether the request may
   * still be answered (the server is not closing and the client has not gone).
   */
  private async travel(res: ServerResponse): Promise<boolean> {
    if (this.latencyMs > 0) await this.sleep(this.latencyMs);
    if (this.closing || res.destroyed) {
      res.destroy();
      return false;
    }
    return true;
  }

  private corsHeaders(req: IncomingMessage): Record<string, string> {
    const origin = req.headers.origin;
    const requested = req.headers['access-control-request-headers'];
    return {
      'Access-Control-Allow-Origin': origin ?? '*',
      'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
      'Access-Control-Allow-Headers':
        typeof requested === 'string' && requested ? requested : ALLOWED_HEADERS,
      'Access-Control-Expose-Headers': 'Retry-After, ETag, Content-Range',
      ...(origin ? { 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' } : {}),
    };
  }

  /**
   * Answers with CORS headers and `body` (JSON unless `headers` give another `Content-Type`).
   * With `truncateBody`, only that many bytes of the body are sent (after the whole answer's
   * headers), then the connection is destroyed.
   */
  private send(
    res: ServerResponse,
    record: RecordedRequest | undefined,
    status: number,
    body: string | Uint8Array,
    headers: Record<string, string> = {},
    truncateBody?: number,
  ): void {
    if (res.destroyed || res.headersSent) return;
    if (record) record.status = status;
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    res.writeHead(status, {
      ...this.corsHeaders(res.req),
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(bytes.byteLength),
      ...headers,
    });
    if (truncateBody === undefined) {
      res.end(bytes);
      return;
    }
    res.flushHeaders();
    const destroy = (): void => {
      res.socket?.destroy();
      res.destroy();
    };
    const part = bytes.subarray(0, truncateBody);
    if (part.byteLength === 0) setImmediate(destroy);
    else res.write(part, destroy);
  }

  private readBody(req: IncomingMessage): Promise<Buffer | undefined> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          resolve(undefined);
          req.removeAllListeners('data');
          req.resume();
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
  }

  /**
   * Plays a fault: waits its delay, then drops the connection or answers its status (cut short
   * with `truncateBody`). Resolves with `handled` when the request was answered (or dropped) and
   * must not be handled further; else with the `truncateBody` the real answer must get, if any.
   */
  private async applyFault(
    fault: Fault,
    req: IncomingMessage,
    res: ServerResponse,
    record: RecordedRequest,
  ): Promise<{ handled: boolean; truncateBody?: number }> {
    if (fault.delayMs !== undefined && fault.delayMs > 0) await this.sleep(fault.delayMs);
    if (this.closing || res.destroyed) {
      res.destroy();
      return { handled: true };
    }
    if (fault.dropConnection) {
      record.status = 0;
      req.socket.destroy();
      return { handled: true };
    }
    if (fault.status !== undefined) {
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
      else if (fault.retryAfterMs !== undefined)
        headers['Retry-After'] = String(Number((fault.retryAfterMs / 1000).toFixed(3)));
      else if (fault.retryAfterDate !== undefined)
        headers['Retry-After'] = fault.retryAfterDate.toUTCString();
      const body = fault.body ?? errorBody(`emulated ${fault.status}`);
      this.send(res, record, fault.status, body, headers, fault.truncateBody);
      return { handled: true };
    }
    return {
      handled: false,
      ...(fault.truncateBody !== undefined ? { truncateBody: fault.truncateBody } : {}),
    };
  }

  /**
   * Answers a request that `fault` (if any) may hit: a fault plays before `produce` runs (nothing
   * is handled), or with `afterApply` after it (the request was handled, its answer is replaced,
   * delayed or cut short).
   */
  private async answerWithFault(
    fault: Fault | undefined,
    req: IncomingMessage,
    res: ServerResponse,
    record: RecordedRequest,
    produce: () => Answer | Promise<Answer>,
  ): Promise<void> {
    let truncateBody: number | undefined;
    if (fault && !fault.afterApply) {
      const played = await this.applyFault(fault, req, res, record);
      if (played.handled) return;
      truncateBody = played.truncateBody;
    }
    const answer = await produce();
    if (fault?.afterApply) {
      const played = await this.applyFault(fault, req, res, record);
      if (played.handled) return;
      truncateBody = played.truncateBody;
    }
    this.send(res, record, answer.status, answer.body, answer.headers, truncateBody);
  }

  /**
   * `POST /files/<entity>/<project>/<run>/file_stream`: the body is read (gzip allowed) and
   * recorded, faults play, then the API key is checked and the request applied to the run.
   */
  private async handleFileStream(
    req: IncomingMessage,
    res: ServerResponse,
    record: RecordedRequest,
    url: URL,
    method: string,
    raw: Buffer,
  ): Promise<void> {
    if (method !== 'POST') {
      this.send(res, record, 405, fileStreamError('Use POST for file_stream'), { Allow: 'POST, OPTIONS' });
      return;
    }
    const [entity, project, run] = url.pathname.replace(/\/+$/, '').split('/').slice(2, 5);
    let target: FileStreamTarget;
    let body: unknown;
    try {
      target = {
        entity: decodeURIComponent(entity ?? ''),
        project: decodeURIComponent(project ?? ''),
        run: decodeURIComponent(run ?? ''),
      };
    } catch {
      this.send(res, record, 400, fileStreamError('Malformed percent-encoding in the path'));
      return;
    }
    const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'gzip' && encoding !== 'identity') {
      this.send(res, record, 415, fileStreamError(`Unsupported Content-Encoding ${encoding} (gzip or none)`));
      return;
    }
    try {
      const text = encoding === 'gzip' ? gunzipSync(raw, { maxOutputLength: MAX_BODY_BYTES }) : raw;
      body = JSON.parse(text.toString('utf8'));
    } catch (e) {
      this.send(
        res,
        record,
        400,
        fileStreamError(`Malformed JSON body: ${this.redactor.scrub((e as Error).message)}`),
      );
      return;
    }
    record.body = this.redactor.scrubValue(body);
    const fault = this.deps.faults.take({ target: 'file_stream', method });
    await this.answerWithFault(fault, req, res, record, () => {
      const username = authenticate(req.headers.authorization, this.deps.store);
      if (username === undefined) return { status: 401, body: fileStreamError(UNAUTHORIZED_MESSAGE) };
      return applyFileStream(this.deps.store, username, target, body);
    });
  }

  /** The origin the client reached us at (its `Host` header), for the signed URLs we hand out. */
  private origin(req: IncomingMessage): string {
    const host = req.headers.host;
    if (host && /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host)) return `http://${host}`;
    return `http://127.0.0.1:${req.socket.localPort ?? 0}`;
  }

  /**
   * The storage URLs: faults first (as a CDN in front would); signed URLs take no API key, the
   * signature instead; the artifacts' fallback download endpoints take the API key.
   */
  private async handleStorage(
    req: IncomingMessage,
    res: ServerResponse,
    record: RecordedRequest,
    url: URL,
    method: string,
    body: Buffer,
  ): Promise<void> {
    const fault = this.deps.faults.take({ target: 'storage', method });
    await this.answerWithFault(fault, req, res, record, () => {
      const headers: Record<string, string | undefined> = {};
      for (const name of ['content-md5', 'range']) {
        const value = req.headers[name];
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      if (isParquetHistoryPath(url.pathname)) {
        return handleParquetHistoryRequest(this.deps.store, this.signer, {
          method,
          url,
          range: headers.range,
        });
      }
      return handleStorageRequest(this.deps.store, this.signer, {
        method,
        url,
        contentType: req.headers['content-type'],
        body,
        headers,
        authorized: authenticate(req.headers.authorization, this.deps.store) !== undefined,
      });
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') {
      if (!(await this.travel(res))) return;
      res.writeHead(204, {
        ...this.corsHeaders(req),
        'Access-Control-Max-Age': '600',
        'Content-Length': '0',
      });
      res.end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const kind = requestKind(url.pathname);
    const record: RecordedRequest = {
      kind,
      method,
      path: this.redactor.scrub(url.pathname + url.search),
      operationName: undefined,
      query: undefined,
      variables: undefined,
      headers: this.redactor.headers(req),
      status: 0,
    };
    this.requests.push(record);
    const raw = await this.readBody(req);
    if (!(await this.travel(res))) return;
    if (raw === undefined) {
      this.send(res, record, 413, errorBody(`Request body larger than ${MAX_BODY_BYTES} bytes`));
      return;
    }

    if (kind === 'storage' && isStorageRequestPath(url.pathname)) {
      await this.handleStorage(req, res, record, url, method, raw);
      return;
    }
    if (kind === 'file_stream') {
      await this.handleFileStream(req, res, record, url, method, raw);
      return;
    }
    if (kind !== 'graphql') {
      if (method === 'GET' && url.pathname === '/healthz') this.send(res, record, 200, '{"ok":true}');
      else if (kind === 'other')
        this.send(res, record, 404, errorBody(`Not found: ${method} ${record.path}`));
      else this.send(res, record, 501, errorBody(`The emulator does not implement ${method} ${record.path}`));
      return;
    }
    if (method !== 'POST') {
      this.send(res, record, 405, errorBody('Use POST /graphql'), { Allow: 'POST, OPTIONS' });
      return;
    }
    const text = raw.toString('utf8');

    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      this.send(res, record, 400, errorBody(`Malformed JSON body: ${(e as Error).message}`));
      return;
    }
    if (!isRecord(body) || typeof body.query !== 'string') {
      this.send(res, record, 400, errorBody('The body must be a JSON object with a "query" string'));
      return;
    }
    const { query } = body;
    const variables = body.variables ?? undefined;
    const operationName = body.operationName ?? undefined;
    if (variables !== undefined && !isRecord(variables)) {
      this.send(res, record, 400, errorBody('"variables" must be a JSON object'));
      return;
    }
    if (operationName !== undefined && typeof operationName !== 'string') {
      this.send(res, record, 400, errorBody('"operationName" must be a string'));
      return;
    }
    const request: GraphQLRequest = { query, variables, operationName };
    const parsed = parseRequest(request);
    const document = 'document' in parsed ? parsed.document : undefined;
    record.query = this.redactor.scrub(query);
    record.variables =
      variables === undefined ? undefined : (this.redactor.scrubValue(variables) as Record<string, unknown>);
    const name = operationNameOf(request, document);
    // Scrubbed like the rest of the record: a GraphQL name can look like a 40-hex key.
    record.operationName = name === undefined ? undefined : this.redactor.scrub(name);

    const fault = this.deps.faults.take({
      target: 'graphql',
      operationName: name,
      variables,
      method,
    });
    await this.answerWithFault(fault, req, res, record, async () => {
      const username = authenticate(req.headers.authorization, this.deps.store);
      if (username === undefined) return { status: 401, body: errorBody(UNAUTHORIZED_MESSAGE) };
      // The request acts as the key's owner (`store.viewer`), however many requests run at once.
      const result: ExecutionResult =
        'error' in parsed
          ? { errors: [parsed.error] }
          : await this.deps.store.actAs(username, () =>
              executeRequest(this.deps.schema, request, parsed.document, {
                store: this.deps.store,
                storage: this.signer,
                origin: this.origin(req),
              }),
            );
      return { status: responseStatus(result), body: JSON.stringify(result) };
    });
  }
}
