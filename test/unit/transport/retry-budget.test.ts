// The budgets of the retry policy as pure functions, and the plain HTTP retry loop (storage
// transfers, file_stream posts) that shares them with the GraphQL exchange.
import { describe, expect, it } from 'vitest';
import { attemptsExhausted, resolveRetryOptions } from '../../../src/transport/retryExchange.js';
import { type AttemptOutcome, withRetries } from '../../../src/transport/retryLoop.js';

describe('resolveRetryOptions', () => {
  it('gives 429s a budget of 20 attempts by default', () => {
    expect(resolveRetryOptions({})).toMatchObject({ maxAttempts: 5, maxRateLimitAttempts: 20 });
  });

  it('makes maxAttempts the 429 budget too when only maxAttempts is given', () => {
    expect(resolveRetryOptions({ maxAttempts: 3 })).toMatchObject({
      maxAttempts: 3,
      maxRateLimitAttempts: 3,
    });
    expect(resolveRetryOptions({ maxAttempts: 3, maxRateLimitAttempts: 8.7 })).toMatchObject({
      maxAttempts: 3,
      maxRateLimitAttempts: 8,
    });
  });
});

describe('attemptsExhausted', () => {
  const bounds = { maxAttempts: 3, maxRateLimitAttempts: 10 };
  it('counts 429s against maxRateLimitAttempts and other failures against maxAttempts', () => {
    expect(attemptsExhausted(bounds, 9, 9, true)).toBe(false);
    expect(attemptsExhausted(bounds, 10, 10, true)).toBe(true);
    expect(attemptsExhausted(bounds, 8, 6, false)).toBe(false); // 2 other failures
    expect(attemptsExhausted(bounds, 9, 6, false)).toBe(true); // the 3rd
  });
});

describe('withRetries budgets', () => {
  function scripted(statuses: number[]): {
    attempt: () => Promise<AttemptOutcome<string>>;
    calls: () => number;
  } {
    let calls = 0;
    return {
      calls: () => calls,
      attempt: async () => {
        const status = statuses[calls++];
        return status === undefined
          ? { kind: 'ok', value: 'done' }
          : { kind: 'status', status, retryAfterMs: 0, detail: undefined };
      },
    };
  }
  const retry = { initialDelayMs: 0, maxDelayMs: 0 };

  it('gets through 12 consecutive 429s with the default budget', async () => {
    const s = scripted(Array.from({ length: 12 }, () => 429));
    await expect(
      withRetries(s.attempt, { retry, target: 'storage', what: 'Download of "a"' }),
    ).resolves.toEqual({
      ok: true,
      value: 'done',
    });
    expect(s.calls()).toBe(13);
  });

  it('gives up at the 20th 429, and at maxAttempts for other failures', async () => {
    const storm = scripted(Array.from({ length: 30 }, () => 429));
    const a = await withRetries(storm.attempt, { retry, target: 'storage', what: 'x' });
    expect(a).toMatchObject({ ok: false, attempts: 20, failure: { status: 429 } });

    const broken = scripted([503, 429, 503, 503, 503, 503, 503]);
    const b = await withRetries(broken.attempt, { retry, target: 'http', what: 'x' });
    // 5 failures other than 429 (attempts 1, 3, 4, 5, 6): the 6th attempt is the last
    expect(b).toMatchObject({ ok: false, attempts: 6, failure: { status: 503 } });
  });

  it('sends once with retry: false, even for a 429', async () => {
    const s = scripted([429, 429]);
    const r = await withRetries(s.attempt, { retry: false, target: 'storage', what: 'x' });
    expect(r).toMatchObject({ ok: false, attempts: 1 });
  });
});
