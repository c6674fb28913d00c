import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readEnv } from '../../../src/io/env.js';
import { NETRC_DEFAULT, netrcLookup, parseNetrc } from '../../../src/io/netrc.js';
import { netrcPaths, readNetrcKey } from '../../../src/io/netrc.node.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe('readEnv', () => {
  it('reads set variables and treats empty as unset', () => {
    vi.stubEnv('WANDB_TEST_X', 'value');
    vi.stubEnv('WANDB_TEST_EMPTY', '');
    expect(readEnv('WANDB_TEST_X')).toBe('value');
    expect(readEnv('WANDB_TEST_EMPTY')).toBeUndefined();
    expect(readEnv('WANDB_TEST_SURELY_UNSET_123')).toBeUndefined();
  });

  it('returns undefined where there is no process (browsers)', () => {
    vi.stubEnv('WANDB_TEST_X', 'value');
    vi.stubGlobal('process', undefined);
    expect(readEnv('WANDB_TEST_X')).toBeUndefined();
  });
});

describe('parseNetrc', () => {
  it('parses machines across lines and on one line', () => {
    const m = parseNetrc(
      'machine api.wandb.ai\n  login user\n  password abc123\nmachine localhost:8080 login api password k2 account acct\n',
    );
    expect(m.get('api.wandb.ai')).toEqual({ login: 'user', password: 'abc123' });
    expect(m.get('localhost:8080')).toEqual({ login: 'api', password: 'k2', account: 'acct' });
  });

  it('splits tokens on any whitespace', () => {
    const m = parseNetrc('machine\ta.com\r\n\tlogin\u000bu   password\fp\n');
    expect(m.get('a.com')).toEqual({ login: 'u', password: 'p' });
  });

  it('skips comments', () => {
    const m = parseNetrc(
      '# my creds\nmachine a.com # the api\n  login u\n  # password old\n  password new\n',
    );
    expect(m.get('a.com')).toEqual({ login: 'u', password: 'new' });
  });

  it('keeps # inside a token', () => {
    expect(parseNetrc('machine a.com password pa#ss').get('a.com')?.password).toBe('pa#ss');
  });

  it('reads the default entry', () => {
    const m = parseNetrc('machine a.com password a\ndefault login anon password d\n');
    expect(m.get(NETRC_DEFAULT)).toEqual({ login: 'anon', password: 'd' });
  });

  it('skips macdef bodies up to the blank line', () => {
    const text = [
      'machine a.com login u',
      'macdef init',
      'cd /pub',
      'password not-this',
      'machine evil.com password nope',
      '',
      'machine b.com password b',
    ].join('\n');
    const m = parseNetrc(text);
    expect(m.get('a.com')).toEqual({ login: 'u' });
    expect(m.has('evil.com')).toBe(false);
    expect(m.get('b.com')).toEqual({ password: 'b' });
  });

  it('reads double-quoted tokens', () => {
    expect(parseNetrc('machine a.com password "with space \\" quote"').get('a.com')?.password).toBe(
      'with space " quote',
    );
  });

  it('keeps the first entry of a repeated host and ignores stray tokens', () => {
    const m = parseNetrc(
      'login stray password stray\nmachine a.com password first\nmachine a.com password second\nfoo bar',
    );
    expect(m.get('a.com')).toEqual({ password: 'first' });
    expect(m.size).toBe(1);
  });

  it('tolerates empty and truncated input', () => {
    expect(parseNetrc('').size).toBe(0);
    expect(parseNetrc('machine').size).toBe(0);
    expect(parseNetrc('machine a.com password').get('a.com')).toEqual({});
  });
});

describe('netrcLookup', () => {
  const m = parseNetrc(
    'machine API.wandb.ai password k1\nmachine localhost:8080 password k2\ndefault password d',
  );
  it('matches exactly, then case-insensitively, then falls back to default', () => {
    expect(netrcLookup(m, 'localhost:8080')?.password).toBe('k2');
    expect(netrcLookup(m, 'api.wandb.ai')?.password).toBe('k1');
    expect(netrcLookup(m, 'other.host')?.password).toBe('d');
    expect(netrcLookup(parseNetrc('machine a password x'), 'b')).toBeUndefined();
  });
});

describe('readNetrcKey', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wandb-netrc-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the password for the host from $NETRC', async () => {
    const file = join(dir, 'netrc');
    await writeFile(
      file,
      'machine api.wandb.ai\n  login user\n  password 0123456789abcdef\nmachine localhost:9000 login api password local\n',
    );
    vi.stubEnv('NETRC', file);
    expect(netrcPaths()).toEqual([file]);
    expect(await readNetrcKey('api.wandb.ai')).toBe('0123456789abcdef');
    expect(await readNetrcKey('localhost:9000')).toBe('local');
    expect(await readNetrcKey('http://localhost:9000/graphql')).toBe('local');
    expect(await readNetrcKey('other.host')).toBeUndefined();
  });

  it('returns undefined when the file does not exist', async () => {
    vi.stubEnv('NETRC', join(dir, 'missing'));
    expect(await readNetrcKey('api.wandb.ai')).toBeUndefined();
  });

  it('returns undefined for an entry without a password', async () => {
    const file = join(dir, 'nopass');
    await writeFile(file, 'machine api.wandb.ai login user\n');
    vi.stubEnv('NETRC', file);
    expect(await readNetrcKey('api.wandb.ai')).toBeUndefined();
  });

  it('falls back to ~/.netrc when $NETRC is unset', async () => {
    vi.stubEnv('NETRC', '');
    vi.stubEnv('HOME', dir);
    vi.stubEnv('USERPROFILE', dir);
    await writeFile(join(dir, '.netrc'), 'machine home.example password from-home\n');
    expect(netrcPaths()[0]).toBe(join(dir, '.netrc'));
    expect(await readNetrcKey('home.example')).toBe('from-home');
  });
});
