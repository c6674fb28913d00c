/**
 * A `.netrc` parser (pure, browser-safe). Reading the file is in `netrc.node.ts`.
 *
 * @example
 * ```ts
 * const entries = parseNetrc('machine api.wandb.ai login user password abc123');
 * netrcLookup(entries, 'api.wandb.ai')?.password; // 'abc123'
 * ```
 * @module
 */

/**
 * The credentials of one `machine` (or `default`) entry.
 *
 * @example
 * ```ts
 * const entry: NetrcEntry = { login: 'user', password: 'abc123' };
 * ```
 */
export interface NetrcEntry {
  /** The `login` token. */
  login?: string;
  /** The `password` token (where W&B stores the API key). */
  password?: string;
  /** The `account` token. */
  account?: string;
}

/**
 * The map key under which {@link parseNetrc} stores the `default` entry (no host is empty).
 *
 * @example
 * ```ts
 * parseNetrc('default password x').get(NETRC_DEFAULT)?.password; // 'x'
 * ```
 */
export const NETRC_DEFAULT = '';

class Lexer {
  private i = 0;
  constructor(private readonly text: string) {}

  /** The next token, or undefined at the end. `#` at the start of a token comments out the rest of the line. */
  next(): string | undefined {
    const t = this.text;
    for (;;) {
      while (this.i < t.length && /\s/.test(t.charAt(this.i))) this.i++;
      if (this.i >= t.length) return undefined;
      if (t.charAt(this.i) !== '#') break;
      this.skipLine();
    }
    if (t.charAt(this.i) === '"') {
      let out = '';
      this.i++;
      while (this.i < t.length && t.charAt(this.i) !== '"') {
        if (t.charAt(this.i) === '\\' && this.i + 1 < t.length) this.i++;
        out += t.charAt(this.i++);
      }
      this.i++; // closing quote (or past the end)
      return out;
    }
    const from = this.i;
    while (this.i < t.length && !/\s/.test(t.charAt(this.i))) this.i++;
    return t.slice(from, this.i);
  }

  /** Moves past the end of the current line. */
  skipLine(): void {
    const nl = this.text.indexOf('\n', this.i);
    this.i = nl < 0 ? this.text.length : nl + 1;
  }

  /** Skips a `macdef` body: the rest of this line, then lines up to and including the first blank one. */
  skipMacro(): void {
    this.skipLine();
    while (this.i < this.text.length) {
      const nl = this.text.indexOf('\n', this.i);
      const line = this.text.slice(this.i, nl < 0 ? this.text.length : nl);
      this.i = nl < 0 ? this.text.length : nl + 1;
      if (line.trim() === '') return;
    }
  }
}

/**
 * Parses `.netrc` text into a map from host to credentials. Understands `machine`, `default`
 * (stored under {@link NETRC_DEFAULT}), `login`, `password`, `account`, `macdef` (skipped),
 * `#` comments and double-quoted tokens; tokens may be split by any whitespace. When a host
 * appears twice, the first entry wins. Unknown tokens are ignored.
 *
 * @example
 * ```ts
 * const m = parseNetrc('machine api.wandb.ai\n  login user\n  password abc123\n');
 * m.get('api.wandb.ai'); // { login: 'user', password: 'abc123' }
 * ```
 */
export function parseNetrc(text: string): Map<string, NetrcEntry> {
  const entries = new Map<string, NetrcEntry>();
  const lexer = new Lexer(text);
  let current: NetrcEntry | undefined;
  const open = (host: string): NetrcEntry => {
    const existing = entries.get(host);
    if (existing) return {}; // a later duplicate: parsed, then discarded
    const entry: NetrcEntry = {};
    entries.set(host, entry);
    return entry;
  };
  for (let token = lexer.next(); token !== undefined; token = lexer.next()) {
    switch (token) {
      case 'machine': {
        const host = lexer.next();
        current = host === undefined ? undefined : open(host);
        break;
      }
      case 'default':
        current = open(NETRC_DEFAULT);
        break;
      case 'login':
      case 'password':
      case 'account': {
        const value = lexer.next();
        if (current && value !== undefined) current[token] = value;
        break;
      }
      case 'macdef':
        lexer.next(); // the macro name
        lexer.skipMacro();
        current = undefined;
        break;
      default:
        break;
    }
  }
  return entries;
}

/**
 * Finds the entry for `host` (exact, then case-insensitive), falling back to the `default`
 * entry. W&B looks hosts up by their URL host including any port, e.g. `localhost:8080`.
 *
 * @example
 * ```ts
 * netrcLookup(parseNetrc('machine API.wandb.ai password k'), 'api.wandb.ai')?.password; // 'k'
 * ```
 */
export function netrcLookup(
  entries: Map<string, NetrcEntry>,
  host: string,
  options: { useDefault?: boolean } = {},
): NetrcEntry | undefined {
  const exact = entries.get(host);
  if (exact && host !== NETRC_DEFAULT) return exact;
  const lower = host.toLowerCase();
  for (const [h, entry] of entries) if (h !== NETRC_DEFAULT && h.toLowerCase() === lower) return entry;
  return options.useDefault === false ? undefined : entries.get(NETRC_DEFAULT);
}
