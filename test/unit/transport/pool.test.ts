import { describe, expect, it } from 'vitest';
import { createPool } from '../../../src/transport/pool.js';

/** A task that runs until `release()` is called, counting how many run at once. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, release: () => open() };
}

describe('createPool', () => {
  it('runs at most width tasks at once, the others in order as slots free', async () => {
    const pool = createPool(2);
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    const done = gates.map((g, i) =>
      pool.run(async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    expect([pool.active, pool.waiting]).toEqual([2, 2]);
    gates[1]!.release();
    await done[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    gates.forEach((g) => g.release());
    expect(await Promise.all(done)).toEqual([0, 1, 2, 3]);
    expect([pool.active, pool.waiting]).toEqual([0, 0]);
  });

  it('rejects a waiting task at once when its signal aborts, and never starts it', async () => {
    const pool = createPool(1);
    const first = gate();
    const running = pool.run(() => first.opened);
    const controller = new AbortController();
    let ran = false;
    const waiting = pool.run(async () => {
      ran = true;
    }, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    first.release();
    await running;
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toBe(false);
    expect([pool.active, pool.waiting]).toEqual([0, 0]);
  });

  it('rejects an already aborted run without queueing it; a task failure is the run’s', async () => {
    const pool = createPool(1);
    await expect(pool.run(async () => 1, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    await expect(pool.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await pool.run(async () => 'next')).toBe('next');
  });

  it('can grow while tasks wait', async () => {
    const pool = createPool(1);
    const g = gate();
    const started: number[] = [];
    const all = [0, 1, 2].map((i) =>
      pool.run(async () => {
        started.push(i);
        await g.opened;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0]);
    pool.width = 3;
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    g.release();
    await Promise.all(all);
  });
});
