import { describe, expect, it } from 'vitest';
import {
  computeDelay,
  isRetryableStatus,
  JITTER_FRACTION,
  parseRetryAfter,
} from '../../../src/transport/backoff.js';

const opts = { initialDelayMs: 100, maxDelayMs: 1_000 };

describe('computeDelay', () => {
  it('doubles with each attempt', () => {
    const zero = (): number => 0;
    expect([1, 2, 3, 4].map((a) => computeDelay(a, opts, zero))).toEqual([100, 200, 400, 800]);
  });

  it('caps at maxDelayMs, jitter included, even for huge attempt numbers', () => {
    const max = (): number => 0.999_999;
    expect(computeDelay(4, opts, max)).toBe(1_000); // 800 * 1.25 = 1000
    expect(computeDelay(5, opts, () => 0)).toBe(1_000);
    expect(computeDelay(10_000, opts, max)).toBe(1_000);
  });

  it('adds jitter of at most JITTER_FRACTION of the base delay', () => {
    for (let i = 0; i < 200; i++) {
      const d = computeDelay(2, opts, Math.random);
      expect(d).toBeGreaterThanOrEqual(200);
      expect(d).toBeLessThanOrEqual(200 * (1 + JITTER_FRACTION));
    }
    expect(computeDelay(2, opts, () => 0.5)).toBe(225);
  });

  it('treats bad attempt numbers and out-of-range randoms sanely', () => {
    expect(computeDelay(0, opts, () => 0)).toBe(100);
    expect(computeDelay(-3, opts, () => 0)).toBe(100);
    expect(computeDelay(Number.NaN, opts, () => 0)).toBe(100);
    expect(computeDelay(1, opts, () => 7)).toBe(125);
    expect(computeDelay(1, opts, () => -1)).toBe(100);
    expect(computeDelay(3, { initialDelayMs: 0, maxDelayMs: 1_000 }, () => 0.5)).toBe(0);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('1', now)).toBe(1_000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
  });

  it('reads HTTP dates relative to now, past dates as 0', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:29:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Wednesday, 21-Oct-15 07:28:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed Oct 21 07:28:05 2015', Date.parse('Wed Oct 21 07:28:00 2015'))).toBe(5_000);
    expect(parseRetryAfter('Tue, 20 Oct 2015 07:28:00 GMT', now)).toBe(0);
  });

  it('returns undefined when absent or garbage', () => {
    for (const v of [
      undefined,
      null,
      '',
      '   ',
      'soon',
      '-5',
      '1e3',
      '5 seconds',
      'Wed, 99 Foo 2015 xx GMT',
      '12abc',
    ]) {
      expect(parseRetryAfter(v, now)).toBeUndefined();
    }
  });
});

describe('isRetryableStatus', () => {
  it('retries 408, 429 and 5xx except 501', () => {
    for (const s of [408, 429, 500, 502, 503, 504, 599]) expect(isRetryableStatus(s)).toBe(true);
  });

  it('never retries client errors, 501, successes or nonsense', () => {
    for (const s of [200, 204, 301, 400, 401, 403, 404, 405, 409, 410, 413, 422, 501, 600, 0, -1, 500.5]) {
      expect(isRetryableStatus(s)).toBe(false);
    }
  });
});
