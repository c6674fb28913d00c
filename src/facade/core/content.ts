/**
 * Reading stored content from signed storage URLs, for every domain that has files (run files,
 * artifact files, artifact manifests): a lazy byte stream that renews an expired URL once and
 * checks the announced `Content-Length`, reading it whole, and an atomic, MD5-checked download to
 * disk. Signed URLs carry their own authorization: no W&B credentials are sent with them
 * ({@link FacadeContext.storage}).
 *
 * @example
 * ```ts
 * const source: SignedContent = {
 *   name: 'config.yaml',
 *   size: 42,
 *   get directUrl() { return entry.directUrl; },
 *   renew: async (signal) => { entry = await readEntryAgain(signal); },
 * };
 * const text = new TextDecoder().decode(await readAll(contentStream(ctx, source)));
 * await saveContent(ctx, source, { root: 'out', replace: false, verify: (md5) => check(md5) });
 * ```
 * @module
 */
import { NetworkError, PermissionError, ValidationError, WandbError } from '../../errors/index.js';
import { abortReason } from '../../transport/fetchWithTimeout.js';
import { scrubStorageError } from '../../transport/storage-secrets.js';
import type { FacadeContext } from './context.js';

/**
 * Stored content behind a signed URL that can be renewed: what {@link contentStream} and
 * {@link saveContent} read.
 *
 * @example
 * ```ts
 * const source: SignedContent = { name: 'a.txt', size: 3, directUrl: url, renew: async () => {} };
 * ```
 */
export interface SignedContent {
  /** The content's name, for messages (`Download of "a.txt"`) and as the path below a download root. */
  readonly name: string;
  /** The size the listing gave, for the message of an interrupted read; `undefined` when unknown. */
  readonly size: number | undefined;
  /** The current signed URL. Read again after {@link SignedContent.renew}. */
  readonly directUrl: string;
  /**
   * Gets a fresh signed URL (reads the entry again); once it resolves, `directUrl` is the fresh
   * one. Called once when the storage refuses the URL as expired (HTTP 403, or 400).
   */
  renew(signal: AbortSignal): Promise<void>;
  /**
   * `false` for a URL that is not signed (a W&B path sent with credentials): a 403 or 400 from it
   * is the answer itself, not an expiry, and is not renewed. Default `true`.
   */
  readonly renewable?: boolean;
}

/**
 * A {@link SignedContent} that reads `file`'s name, size and signed URL each time it is asked, so
 * that it sees the fresh URL once `renew` has read the entry again.
 *
 * @example
 * ```ts
 * const content = liveContent(this, (signal) => this.#refresh(signal));
 * ```
 */
export function liveContent(
  file: Pick<SignedContent, 'name' | 'size' | 'directUrl'>,
  renew: (signal: AbortSignal) => Promise<void>,
): SignedContent {
  return {
    get name() {
      return file.name;
    },
    get size() {
      return file.size;
    },
    get directUrl() {
      return file.directUrl;
    },
    renew,
  };
}

/**
 * The byte length a storage response announces (`Content-Length`), or `undefined` when it does not
 * say or when the body is content-encoded (the header then counts the encoded bytes).
 *
 * @example
 * ```ts
 * announcedLength(new Response('abc', { headers: { 'content-length': '3' } })); // 3
 * ```
 */
export function announcedLength(res: Response): number | undefined {
  const header = res.headers.get('content-length');
  if (header === null || res.headers.get('content-encoding')) return undefined;
  const length = Number(header);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

/**
 * An MD5 as the server may give it — base64 of the 16-byte digest (what W&B sends), or its 32 hex
 * digits — as base64, to compare with a computed digest; `undefined` for anything else (then it
 * cannot be checked).
 *
 * @example
 * ```ts
 * md5AsBase64('d41d8cd98f00b204e9800998ecf8427e'); // '1B2M2Y8AsgTpgAmY7PhCfg=='
 * md5AsBase64('1B2M2Y8AsgTpgAmY7PhCfg=='); // '1B2M2Y8AsgTpgAmY7PhCfg=='
 * md5AsBase64('https://example.com/x'); // undefined
 * ```
 */
export function md5AsBase64(md5: string): string | undefined {
  const text = md5.trim();
  if (/^[A-Za-z0-9+/]{22}(==)?$/.test(text)) return `${text.slice(0, 22)}==`;
  if (/^[0-9a-fA-F]{32}$/.test(text)) {
    const bytes = text.match(/../g)?.map((h) => String.fromCharCode(parseInt(h, 16))) ?? [];
    return btoa(bytes.join(''));
  }
  return undefined;
}

function sizeError(name: string, received: number, expected: number): NetworkError {
  const how = received < expected ? 'incomplete' : 'longer than announced';
  return new NetworkError(
    `Download of ${JSON.stringify(name)} is ${how}: received ${received} bytes, the storage announced ${expected}`,
  );
}

function isExpiredUrlStatus(e: unknown): boolean {
  return (e instanceof PermissionError && e.status === 403) || (e instanceof WandbError && e.status === 400);
}

/** GETs the content; a 403 or 400 (an expired signed URL) renews the URL once and tries again. */
async function openContent(
  ctx: Pick<FacadeContext, 'storage'>,
  source: SignedContent,
  signal: AbortSignal,
): Promise<Response> {
  const get = (): Promise<Response> =>
    ctx.storage(source.directUrl, {
      method: 'GET',
      signal,
      what: `Download of ${JSON.stringify(source.name)}`,
    });
  try {
    return await get();
  } catch (e) {
    // 403 is how S3 and GCS refuse an expired signed URL; some stores answer 400 (`ExpiredToken`).
    if (source.renewable === false || !isExpiredUrlStatus(e) || signal.aborted) throw e;
  }
  await source.renew(signal);
  return get();
}

/**
 * The content as a stream of bytes, read from the signed URL without credentials. Nothing is
 * requested until the stream is first read. A 403 (an expired URL) renews the URL once
 * ({@link SignedContent.renew}) and tries again. The stream fails with {@link NetworkError} when
 * the content is cut short (fewer bytes than the response's `Content-Length`, or a broken
 * connection) or longer than announced; cancelling it (or aborting `signal`) cancels the download.
 *
 * @example
 * ```ts
 * for await (const chunk of contentStream(ctx, source, { signal })) hash.update(chunk);
 * ```
 */
export function contentStream(
  ctx: Pick<FacadeContext, 'storage'>,
  source: SignedContent,
  options: { signal?: AbortSignal | undefined } = {},
): ReadableStream<Uint8Array> {
  const signal = options.signal;
  const cancel = new AbortController();
  const onAbort = (): void => cancel.abort(abortReason(signal as AbortSignal));
  signal?.addEventListener('abort', onAbort, { once: true });
  const cleanup = (): void => signal?.removeEventListener('abort', onAbort);
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let opened = false;
  let received = 0;
  let expected: number | undefined;
  return new ReadableStream<Uint8Array>(
    {
      pull: async (controller) => {
        try {
          if (!opened) {
            if (signal?.aborted) throw abortReason(signal);
            const res = await openContent(ctx, source, cancel.signal);
            opened = true;
            expected = announcedLength(res);
            reader = res.body?.getReader();
          }
          const chunk = reader ? await reader.read() : { done: true as const, value: undefined };
          if (chunk.done) {
            if (expected !== undefined && received !== expected)
              throw sizeError(source.name, received, expected);
            cleanup();
            controller.close();
            return;
          }
          received += chunk.value.byteLength;
          if (expected !== undefined && received > expected) {
            await reader?.cancel().catch(() => undefined);
            throw sizeError(source.name, received, expected);
          }
          controller.enqueue(chunk.value);
        } catch (e) {
          cleanup();
          if (signal?.aborted) throw abortReason(signal);
          if (e instanceof WandbError) throw e;
          throw new NetworkError(
            `Download of ${JSON.stringify(source.name)} was interrupted after ${received} of ${expected ?? source.size ?? 'unknown'} bytes`,
            { cause: scrubStorageError(e, source.directUrl) },
          );
        }
      },
      cancel: async (reason) => {
        cleanup();
        cancel.abort(reason);
        await reader?.cancel(reason).catch(() => undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Reads a byte stream to its end, into one array.
 *
 * @example
 * ```ts
 * const bytes = await readAll(contentStream(ctx, source));
 * ```
 */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * The path segments to write a stored file to, below a download folder, from the file's name as
 * the server sent it. Anything that could end up outside the folder is refused: absolute names
 * (`/x`, `\x`, `C:x`), `..` segments, NUL characters, and names with no file in them. Both `/` and
 * `\` separate segments; empty and `.` segments are dropped.
 *
 * @throws {@link ValidationError} (parameter `name`) naming the file.
 * @example
 * ```ts
 * downloadSegments('./logs//out.txt'); // ['logs', 'out.txt']
 * downloadSegments('/etc/passwd'); // throws ValidationError
 * ```
 */
export function downloadSegments(name: string): string[] {
  const refuse = (why: string): ValidationError =>
    new ValidationError('name', `refusing to download ${JSON.stringify(name)}: ${why}`);
  if (typeof name !== 'string' || name === '') throw refuse('the file has no name');
  if (name.includes('\0')) throw refuse('the name contains a NUL character');
  if (/^[\\/]/.test(name) || /^[A-Za-z]:/.test(name)) {
    throw refuse('an absolute name would be written outside the download folder');
  }
  const segments = name.split(/[\\/]/).filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw refuse('a ".." segment would be written outside the download folder');
  if (segments.length === 0) throw refuse('the name has no file in it');
  return segments;
}

/**
 * The `root` option of downloads and `run.uploadFile(path)`: a folder path (kept as written), `.`
 * (the working directory) when absent.
 *
 * @throws {@link ValidationError} (parameter `root`) for anything but a non-empty string.
 * @example
 * ```ts
 * rootOption(undefined); // '.'
 * rootOption('downloads/run-1'); // 'downloads/run-1'
 * rootOption(''); // throws ValidationError
 * ```
 */
export function rootOption(value: unknown): string {
  if (value === undefined) return '.';
  if (typeof value !== 'string' || value === '') {
    throw new ValidationError('root', 'expected a folder path (a non-empty string)');
  }
  return value;
}

/**
 * Options of {@link saveContent}, already checked by the caller.
 *
 * @example
 * ```ts
 * const options: SaveContentOptions = { root: 'out', replace: false, verify: (md5) => check(md5) };
 * ```
 */
export interface SaveContentOptions {
  /** The download folder (see {@link rootOption}). */
  root: string;
  /** The path below `root`; default the content's `name`. Checked with {@link downloadSegments}. */
  path?: string;
  /** Overwrite a file already there (else `ConflictError`). */
  replace: boolean;
  /** Cancels the download. */
  signal?: AbortSignal | undefined;
  /**
   * Called with the base64 MD5 of the bytes received, before the file is put in place; what it
   * throws fails the download and nothing is written. Default: no check.
   */
  verify?: (md5Base64: string) => void | Promise<void>;
}

/**
 * Downloads content to `<root>/<path>` (Node; in a browser `ctx.disk()` rejects with
 * `UnsupportedError`) and resolves with the absolute path written: the target is prepared (missing
 * folders made, a path leading outside `root`, also through a symbolic link, refused with
 * {@link ValidationError}, an existing file a `ConflictError` unless `replace`), then the bytes of
 * {@link contentStream} go to a temporary file, hashed (MD5) as they are written, checked with
 * `verify`, and renamed into place — a failed, corrupt or aborted download leaves nothing behind.
 *
 * @example
 * ```ts
 * const path = await saveContent(ctx, source, { root: 'out', replace: true, verify: (md5) => {
 *   if (md5 !== expected) throw new IntegrityError('corrupt', { expected, actual: md5 });
 * } });
 * ```
 */
export async function saveContent(
  ctx: Pick<FacadeContext, 'storage' | 'disk'>,
  source: SignedContent,
  options: SaveContentOptions,
): Promise<string> {
  const name = options.path ?? source.name;
  const segments = downloadSegments(name);
  const disk = ctx.disk();
  const target = await disk.prepareDownload(options.root, segments, name, options.replace);
  await disk.writeAtomic(target, contentStream(ctx, source, { signal: options.signal }), {
    replace: options.replace,
    ...(options.verify === undefined ? {} : { verify: options.verify }),
  });
  return target;
}
