/**
 * The request log (`emu.requests`): what each request was, with every credential redacted.
 *
 * @example
 * ```ts
 * import { Redactor, requestKind } from './request-log.js';
 * requestKind('/graphql'); // 'graphql'
 * new Redactor('my-key').scrub('key=my-key'); // 'key=[REDACTED]'
 * ```
 * @module
 */
import type { IncomingMessage } from 'node:http';

/**
 * The kind of a recorded request: `graphql` (`/graphql`), `file_stream`
 * (`/files/<entity>/<project>/<run>/file_stream`), `storage` (other `/files/...`, `/storage...`,
 * `/artifacts...` paths) or `other`.
 *
 * @example
 * ```ts
 * emu.requests.filter((r) => r.kind === 'graphql');
 * ```
 */
export type RecordedRequestKind = 'graphql' | 'storage' | 'file_stream' | 'other';

/**
 * One request received by the emulator, as recorded in `emu.requests`. CORS preflights
 * (`OPTIONS`) are not recorded. Credentials are never stored: the `authorization` header (and any
 * header containing the key) reads `'[REDACTED]'`.
 *
 * @example
 * ```ts
 * const last = emu.requests.at(-1);
 * last?.operationName; // 'RunsPage'
 * last?.headers.authorization; // '[REDACTED]'
 * ```
 */
export interface RecordedRequest {
  /** What endpoint it hit. */
  kind: RecordedRequestKind;
  /** HTTP method. */
  method: string;
  /** Path with query string. */
  path: string;
  /**
   * GraphQL operation name: the body's `operationName`, else (absent, `null` or `""`) the
   * document's first operation name.
   */
  operationName: string | undefined;
  /** GraphQL document text. */
  query: string | undefined;
  /** GraphQL variables. */
  variables: Record<string, unknown> | undefined;
  /**
   * A `file_stream` request's JSON body as parsed (gzip bodies decompressed), credentials
   * redacted; `undefined` for other kinds and for a body that is not JSON.
   */
  body?: unknown;
  /** Request headers, lower-cased names, credentials redacted. */
  headers: Record<string, string>;
  /** HTTP status answered; `0` when the connection was dropped by a fault. */
  status: number;
}

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Removes API keys from what gets recorded or answered: each key and its Basic form
 * (`base64("api:" + key)`) wherever they occur, and the values of credential headers. The keys
 * are one fixed key or, for the emulator's server, every secret its store ever knew (keys of
 * seeded users and keys made by `generateApiKey` included, deleted ones too), read at each call.
 *
 * @example
 * ```ts
 * const redactor = new Redactor('k');
 * redactor.scrubValue({ note: 'k' }); // { note: '[REDACTED]' }
 * new Redactor(() => store.keyRing.secrets()).scrub(generatedSecret); // '[REDACTED]'
 * ```
 */
export class Redactor {
  private readonly keys: () => readonly string[];
  private readonly basicForms = new Map<string, string>();

  /** @param apiKeys the key to remove, or a function answering the keys to remove (empty keys remove nothing). */
  constructor(apiKeys: string | (() => readonly string[])) {
    const fixed = typeof apiKeys === 'string' ? [apiKeys] : undefined;
    this.keys = fixed ? () => fixed : (apiKeys as () => readonly string[]);
  }

  private built: { from: readonly string[]; secrets: string[] } | undefined;

  private get secrets(): string[] {
    const keys = this.keys();
    if (this.built?.from === keys) return this.built.secrets;
    const secrets: string[] = [];
    for (const key of keys) {
      if (key.length === 0) continue;
      let basic = this.basicForms.get(key);
      if (basic === undefined) {
        basic = Buffer.from(`api:${key}`, 'utf8').toString('base64');
        this.basicForms.set(key, basic);
      }
      secrets.push(basic, key);
    }
    this.built = { from: keys, secrets };
    return secrets;
  }

  /** Replaces every occurrence of the key (and its Basic form) in a string. */
  scrub(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    return out;
  }

  /** {@link Redactor.scrub} applied to every string (keys included) of a JSON-like value. */
  scrubValue(value: unknown): unknown {
    if (typeof value === 'string') return this.scrub(value);
    if (Array.isArray(value)) return value.map((v) => this.scrubValue(v));
    if (isRecord(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[this.scrub(k)] = this.scrubValue(v);
      return out;
    }
    return value;
  }

  /** The request's headers with lower-cased names, credential headers replaced by {@link REDACTED}. */
  headers(req: IncomingMessage): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [name, raw] of Object.entries(req.headers)) {
      if (raw === undefined) continue;
      const value = Array.isArray(raw) ? raw.join(', ') : raw;
      const lower = name.toLowerCase();
      headers[lower] = SENSITIVE_HEADERS.has(lower) ? REDACTED : this.scrub(value);
    }
    return headers;
  }
}
