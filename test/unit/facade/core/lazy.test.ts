// lazy(): code loaded on first use, and what a caller sees when that load fails (a chunk the
// network did not deliver): a NetworkError of ours naming the part, then a fresh try.
import { describe, expect, it } from 'vitest';
import { NetworkError, NotFoundError, WandbError } from '../../../../src/errors/index.js';
import { lazy } from '../../../../src/facade/core/lazy.js';

describe('lazy', () => {
  it('loads once, shares the pending load, and exposes the value as `loaded`', async () => {
    let calls = 0;
    const part = lazy(async () => ({ n: ++calls }), 'its test module');
    expect(part.loaded).toBeUndefined();
    const [a, b] = await Promise.all([part(), part()]);
    expect(a).toBe(b);
    expect(await part()).toBe(a);
    expect(part.loaded).toBe(a);
    expect(calls).toBe(1);
  });

  it('rejects a failed load with a NetworkError naming the part, the reason and the cause', async () => {
    const chunkError = new TypeError(
      'Failed to fetch dynamically imported module: https://app.example/assets/run-3f2a.js',
    );
    const part = lazy(() => Promise.reject(chunkError), 'its runs/run module');
    const error: unknown = await part().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toBeInstanceOf(WandbError);
    const e = error as NetworkError;
    expect(e.code).toBe('NETWORK');
    expect(e.message).toContain('could not load its runs/run module');
    expect(e.message).toContain('Failed to fetch dynamically imported module');
    expect(e.cause).toBe(chunkError);
    expect(part.loaded).toBeUndefined();
  });

  it('turns a loader that throws synchronously into the same rejection', async () => {
    const part = lazy((): Promise<never> => {
      throw new Error('boom');
    }, 'its sync module');
    await expect(part()).rejects.toThrow(/could not load its sync module \(.*\): boom/);
  });

  it('passes an error of ours on as it is', async () => {
    const ours = new NotFoundError('no such thing');
    const part = lazy(() => Promise.reject(ours), 'its test module');
    await expect(part()).rejects.toBe(ours);
  });

  it('tries again on the next call after a failed load', async () => {
    let calls = 0;
    const part = lazy(async () => {
      calls += 1;
      if (calls === 1) throw new Error('offline');
      return 'module';
    }, 'its flaky module');
    await expect(part()).rejects.toBeInstanceOf(NetworkError);
    await expect(part()).resolves.toBe('module');
    expect(part.loaded).toBe('module');
    expect(calls).toBe(2);
  });

  it('names some part when no name is given', async () => {
    await expect(lazy(() => Promise.reject(new Error('x')))()).rejects.toThrow(
      'could not load a part of wandb-api',
    );
  });
});
