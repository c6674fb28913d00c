/**
 * The emulator's HTTP layer: CORS, authentication, fault injection, request recording and GraphQL
 * execution over node:http.
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
import { timingSafeEqual } from 'node:crypto';
import {
  execute,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { FaultRegistry } from './faults.js';
import { handleStorageRequest, isStorageRequestPath, StorageSigner } from './storage.js';
import { createRootValue, emulatorFieldResolver, type View } from './resolvers.js';
import type { EmulatorStore } from './store.js';
import type { Fault, RecordedRequest, RecordedRequestKind } from './types.js';

/**
 * The marker that replaces credentials in recorded requests.
 *
 * @example
 * ```ts
 * emu.requests[0]?.headers.authorization === REDACTED; // true
 * ```
 */
export const REDACTED = '[REDACTED]';

const SENSITIVE_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);
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
  apiKey: string;
  faults: FaultRegistry;
  /** Lifetime of signed storage URLs, in ms. Default one hour. */
  signedUrlLifetimeMs?: number;
}

/**
 * Classifies a request path.
 *
 * @example
 * ```ts
 * requestKind('/files/alice/vision/abc123/file_stream'); // 'file_stream'
 * ```
 */
export function requestKind(pathname: string): RecordedRequestKind {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/graphql') return 'graphql';
  if (/^\/files\/[^/]+\/[^/]+\/[^/]+\/file_stream$/.test(path)) return 'file_stream';
  if (/^\/(files|storage|artifacts|artifactsV2)(\/|$)/.test(path)) return 'storage';
  return 'other';
}

function errorBody(message: string): string {
  return JSON.stringify({ errors: [{ message }] });
}

function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

/**
 * Whether an `Authorization` header carries the key: `Basic base64("api:" + key)` or `Bearer <key>`.
 *
 * @example
 * ```ts
 * isAuthorized(`Basic ${btoa('api:k')}`, 'k'); // true
 * ```
 */
export function isAuthorized(header: string | undefined, apiKey: string): boolean {
  if (!header) return false;
  const match = /^(\w+)\s+(.+)$/.exec(header.trim());
  if (!match || match[1] === undefined || match[2] === undefined) return false;
  const scheme = match[1].toLowerCase();
  if (scheme === 'bearer') return safeEqual(match[2], apiKey);
  if (scheme === 'basic') return safeEqual(Buffer.from(match[2], 'base64').toString('utf8'), `api:${apiKey}`);
  return false;
}

function firstOperationName(document: DocumentNode): string | undefined {
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) return definition.name?.value;
  }
  return undefined;
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
  private readonly rootValue: View;
  private readonly signer: StorageSigner;
  private readonly secrets: string[];
  private readonly sleepers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private closing = false;

  constructor(private readonly deps: HttpServerDeps) {
    this.rootValue = createRootValue(deps.store);
    this.signer = new StorageSigner({ lifetimeMs: deps.signedUrlLifetimeMs });
    this.secrets = [deps.apiKey, Buffer.from(`api:${deps.apiKey}`, 'utf8').toString('base64')].filter(
      (s) => s.length > 0,
    );
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          this.send(
            res,
            undefined,
            500,
            errorBody(`Emulator internal error: ${this.scrub((error as Error).message)}`),
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
      clearTimeout(sleeper.timer);
      sleeper.resolve();
    }
    this.sleepers.clear();
    return new Promise((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const sleeper = {
        timer: setTimeout(() => {
          this.sleepers.delete(sleeper);
          resolve();
        }, ms),
        resolve,
      };
      this.sleepers.add(sleeper);
    });
  }

  /** Replaces every occurrence of the key (and its Basic form) in a string. */
  private scrub(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    return out;
  }

  private scrubValue(value: unknown): unknown {
    if (typeof value === 'string') return this.scrub(value);
    if (Array.isArray(value)) return value.map((v) => this.scrubValue(v));
    if (isRecord(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[this.scrub(k)] = this.scrubValue(v);
      return out;
    }
    return value;
  }

  private redactHeaders(req: IncomingMessage): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [name, raw] of Object.entries(req.headers)) {
      if (raw === undefined) continue;
      const value = Array.isArray(raw) ? raw.join(', ') : raw;
      const lower = name.toLowerCase();
      headers[lower] = SENSITIVE_HEADERS.has(lower) ? REDACTED : this.scrub(value);
    }
    return headers;
  }

  private corsHeaders(req: IncomingMessage): Record<string, string> {
    const origin = req.headers.origin;
    const requested = req.headers['access-control-request-headers'];
    return {
      'Access-Control-Allow-Origin': origin ?? '*',
      'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
      'Access-Control-Allow-Headers':
        typeof requested === 'string' && requested ? requested : ALLOWED_HEADERS,
      'Access-Control-Expose-Headers': 'Retry-After',
      ...(origin ? { 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' } : {}),
    };
  }

  /** Answers with CORS headers and `body` (JSON unless `headers` give another `Content-Type`). */
  private send(
    res: ServerResponse,
    record: RecordedRequest | undefined,
    status: number,
    body: string | Uint8Array,
    headers: Record<string, string> = {},
  ): void {
    if (res.destroyed || res.headersSent) return;
    if (record) record.status = status;
    res.writeHead(status, {
      ...this.corsHeaders(res.req),
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      ...headers,
    });
    res.end(body);
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
   * Plays a fault: waits its delay, then drops the connection or answers its status. Resolves
   * with whether the request was answered (or dropped), i.e. must not be handled further.
   */
  private async applyFault(
    fault: Fault,
    req: IncomingMessage,
    res: ServerResponse,
    record: RecordedRequest,
  ): Promise<boolean> {
    if (fault.delayMs !== undefined && fault.delayMs > 0) await this.sleep(fault.delayMs);
    if (this.closing || res.destroyed) {
      res.destroy();
      return true;
    }
    if (fault.dropConnection) {
      record.status = 0;
      req.socket.destroy();
      return true;
    }
    if (fault.status !== undefined) {
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
      else if (fault.retryAfterDate !== undefined)
        headers['Retry-After'] = fault.retryAfterDate.toUTCString();
      this.send(res, record, fault.status, fault.body ?? errorBody(`emulated ${fault.status}`), headers);
      return true;
    }
    return false;
  }

  /** The origin the client reached us at (its `Host` header), for the signed URLs we hand out. */
  private origin(req: IncomingMessage): string {
    const host = req.headers.host;
    if (host && /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host)) return `http://${host}`;
    return `http://127.0.0.1:${req.socket.localPort ?? 0}`;
  }

  /** The signed storage URLs: faults first (as a CDN in front would), no API key, the signature instead. */
  private async handleStorage(
    req: IncomingMessage,
    res: ServerResponse,
    record: RecordedRequest,
    url: URL,
    method: string,
    body: Buffer,
  ): Promise<void> {
    const fault = this.deps.faults.take(undefined, 'storage');
    if (fault && (await this.applyFault(fault, req, res, record))) return;
    const answer = handleStorageRequest(this.deps.store, this.signer, {
      method,
      url,
      contentType: req.headers['content-type'],
      body,
    });
    this.send(res, record, answer.status, answer.body, answer.headers);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') {
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
      path: this.scrub(url.pathname + url.search),
      operationName: undefined,
      query: undefined,
      variables: undefined,
      headers: this.redactHeaders(req),
      status: 0,
    };
    this.requests.push(record);
    const raw = await this.readBody(req);
    if (raw === undefined) {
      this.send(res, record, 413, errorBody(`Request body larger than ${MAX_BODY_BYTES} bytes`));
      return;
    }

    if (kind === 'storage' && isStorageRequestPath(url.pathname)) {
      await this.handleStorage(req, res, record, url, method, raw);
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
    const requestedOperation = body.operationName ?? undefined;
    if (variables !== undefined && !isRecord(variables)) {
      this.send(res, record, 400, errorBody('"variables" must be a JSON object'));
      return;
    }
    if (requestedOperation !== undefined && typeof requestedOperation !== 'string') {
      this.send(res, record, 400, errorBody('"operationName" must be a string'));
      return;
    }
    let document: DocumentNode | undefined;
    let syntaxError: GraphQLError | undefined;
    try {
      document = parse(query);
    } catch (e) {
      if (e instanceof GraphQLError) syntaxError = e;
      else throw e;
    }
    record.query = this.scrub(query);
    record.variables =
      variables === undefined ? undefined : (this.scrubValue(variables) as Record<string, unknown>);
    record.operationName = requestedOperation ?? (document ? firstOperationName(document) : undefined);

    const fault = this.deps.faults.take(record.operationName);
    if (fault && (await this.applyFault(fault, req, res, record))) return;

    if (!isAuthorized(req.headers.authorization, this.deps.apiKey)) {
      this.send(
        res,
        record,
        401,
        errorBody(
          'Unauthorized: send a valid API key as "Authorization: Basic base64(api:<key>)" or "Bearer <key>"',
        ),
      );
      return;
    }

    let result: ExecutionResult;
    if (!document) {
      result = { errors: [syntaxError ?? new GraphQLError('Could not parse the query')] };
    } else {
      const validationErrors = validate(this.deps.schema, document);
      if (validationErrors.length > 0) result = { errors: validationErrors };
      else {
        result = await execute({
          schema: this.deps.schema,
          document,
          rootValue: this.rootValue,
          contextValue: { store: this.deps.store, storage: this.signer, origin: this.origin(req) },
          variableValues: variables,
          operationName: requestedOperation,
          fieldResolver: emulatorFieldResolver,
        });
      }
    }
    this.send(res, record, 200, JSON.stringify(result));
  }
}
