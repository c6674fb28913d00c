/**
 * Key redaction: the helpers that keep credentials out of every error, log and serialized
 * request. A leaf: it imports nothing.
 *
 * @example
 * ```ts
 * redactHeaders({ Authorization: 'Basic abc', Accept: 'application/json' });
 * // { Authorization: '[REDACTED]', Accept: 'application/json' }
 * ```
 * @module
 */

/** The marker that replaces credentials wherever a request is shown. */
export const REDACTED = '[REDACTED]';

const SENSITIVE_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);

/**
 * Returns a copy of `headers` with every credential-bearing header replaced by {@link REDACTED}.
 *
 * @example
 * ```ts
 * redactHeaders({ Authorization: 'Basic abc' }); // { Authorization: '[REDACTED]' }
 * ```
 */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    out[k] = SENSITIVE_HEADERS.has(k.toLowerCase()) ? REDACTED : v;
  return out;
}

/**
 * Replaces every occurrence of the given secrets (and their Basic-auth base64 forms) in `text`.
 * Used as a last line of defence on any server-provided text placed in an error message.
 *
 * @example
 * ```ts
 * scrubSecrets('bad key abc', ['abc']); // 'bad key [REDACTED]'
 * ```
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of secretForms(secret)) out = out.split(form).join(REDACTED);
  }
  return out;
}

function secretForms(secret: string): string[] {
  const forms = [secret];
  try {
    forms.push(btoa(`api:${secret}`));
    forms.push(btoa(secret));
  } catch {
    // non-Latin1 keys cannot be Basic-encoded; only the raw form can leak
  }
  return forms;
}

/**
 * A URL as it may be shown: origin and path, without the query string (where signed URLs keep
 * their signature) nor fragment.
 *
 * @example
 * ```ts
 * redactUrl('https://storage.example.com/b/k.txt?X-Amz-Signature=abc'); // 'https://storage.example.com/b/k.txt'
 * redactUrl('s3://bucket/key.bin?versionId=7'); // 's3://bucket/key.bin'
 * ```
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    // Not `origin`: it is 'null' for schemes such as s3:// and gs://. `host` has no credentials.
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '[invalid URL]';
  }
}
