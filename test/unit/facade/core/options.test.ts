// The parsing of `new Api(options)` beyond single values (core/options.ts): retry, headers, the
// environment variables that stand in for options, and the core build's stand-in for local files.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UnsupportedError } from '../../../../src/errors/index.js';
import {
  checkClient,
  checkFetch,
  checkHeaders,
  checkRetry,
  envHeaders,
  envTimeoutMs,
  NO_LOCAL_FILES,
} from '../../../../src/facade/core/options.js';
import { validationError } from '../../../support/expect-errors.js';

afterEach(() => vi.unstubAllEnvs());

describe('checkRetry', () => {
  it('passes undefined, false and a valid policy through', () => {
    expect(checkRetry(undefined)).toBeUndefined();
    expect(checkRetry(false)).toBe(false);
    expect(checkRetry({ maxAttempts: 3, initialDelayMs: 0 })).toEqual({ maxAttempts: 3, initialDelayMs: 0 });
  });

  it('names the offending key', () => {
    expect(validationError(() => checkRetry(true)).parameter).toBe('retry');
    expect(validationError(() => checkRetry({ attempts: 3 })).parameter).toBe('retry.attempts');
    expect(validationError(() => checkRetry({ maxAttempts: 1.5 })).parameter).toBe('retry.maxAttempts');
    expect(validationError(() => checkRetry({ maxDelayMs: -1 })).parameter).toBe('retry.maxDelayMs');
    expect(validationError(() => checkRetry({ maxElapsedMs: NaN })).parameter).toBe('retry.maxElapsedMs');
    expect(validationError(() => checkRetry({ onRetry: 'log' })).parameter).toBe('retry.onRetry');
  });

  it('accepts an onRetry function', () => {
    const onRetry = (): void => undefined;
    expect(checkRetry({ onRetry })).toEqual({ onRetry });
  });
});

describe('checkHeaders, checkFetch, checkClient', () => {
  it('accept what they describe and reject the rest', () => {
    expect(checkHeaders(undefined, 'headers')).toBeUndefined();
    expect(checkHeaders({ 'X-A': 'b' }, 'headers')).toEqual({ 'X-A': 'b' });
    expect(validationError(() => checkHeaders({ 'X-A': 1 }, 'headers')).parameter).toBe('headers');
    expect(checkFetch(undefined)).toBeUndefined();
    expect(validationError(() => checkFetch('fetch')).parameter).toBe('fetch');
    expect(validationError(() => checkClient({})).parameter).toBe('client');
    expect(validationError(() => checkClient(null)).parameter).toBe('client');
  });
});

describe('environment options', () => {
  it('reads WANDB__EXTRA_HTTP_HEADERS, WANDB_USERNAME and WANDB_USER_EMAIL as headers', () => {
    vi.stubEnv('WANDB__EXTRA_HTTP_HEADERS', '{"X-Trace":"t-1"}');
    vi.stubEnv('WANDB_USERNAME', 'alice');
    vi.stubEnv('WANDB_USER_EMAIL', 'alice@example.com');
    expect(envHeaders()).toEqual({
      'X-Trace': 't-1',
      'X-WANDB-USERNAME': 'alice',
      'X-WANDB-USER-EMAIL': 'alice@example.com',
    });
    vi.stubEnv('WANDB__EXTRA_HTTP_HEADERS', '["x"]');
    expect(validationError(() => envHeaders()).parameter).toBe('WANDB__EXTRA_HTTP_HEADERS');
  });

  it('reads WANDB_HTTP_TIMEOUT in seconds', () => {
    vi.stubEnv('WANDB_HTTP_TIMEOUT', '');
    expect(envTimeoutMs()).toBeUndefined();
    vi.stubEnv('WANDB_HTTP_TIMEOUT', '2.5');
    expect(envTimeoutMs()).toBe(2500);
    vi.stubEnv('WANDB_HTTP_TIMEOUT', '0');
    expect(validationError(() => envTimeoutMs()).parameter).toBe('WANDB_HTTP_TIMEOUT');
  });
});

describe('NO_LOCAL_FILES', () => {
  it('rejects every method with UnsupportedError saying what to use instead', async () => {
    await expect(NO_LOCAL_FILES.readUpload('a.txt', '.')).rejects.toThrow(UnsupportedError);
    await expect(NO_LOCAL_FILES.readUpload('a.txt', '.')).rejects.toThrow(/run\.uploadFile\(name, data\)/);
    await expect(NO_LOCAL_FILES.prepareDownload('.', ['a.txt'], 'a.txt', false)).rejects.toThrow(
      /file\.blob\(\)/,
    );
  });
});
