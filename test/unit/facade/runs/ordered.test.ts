// orderedAhead, the engine of parallel history windows and runs.histories(): an async source
// (a listing), its errors at their position, and the source's end when the reader stops.
import { describe, expect, it } from 'vitest';
import { orderedAhead } from '../../../../src/facade/runs/ordered.js';

const flush = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

describe('orderedAhead', () => {
  it('pulls an async source one item at a time, up to the width ahead', async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<number> {
      for (let i = 0; i < 10; i++) {
        pulled++;
        await Promise.resolve();
        yield i;
      }
    }
    const started: number[] = [];
    const results = orderedAhead(
      source(),
      async (i) => {
        started.push(i);
        await flush();
        return i * 10;
      },
      { width: () => 3 },
    );
    const it = results[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ done: false, value: 0 });
    await flush();
    expect(started.length).toBeLessThanOrEqual(4);
    expect(pulled).toBeLessThanOrEqual(5);
    const rest: number[] = [];
    for (let r = await it.next(); !r.done; r = await it.next()) rest.push(r.value);
    expect(rest).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });

  it("throws the source's error at its position, after every earlier result", async () => {
    async function* source(): AsyncGenerator<number> {
      yield 1;
      yield 2;
      throw new Error('page 2 failed');
    }
    const seen: number[] = [];
    const loop = (async () => {
      for await (const v of orderedAhead(source(), async (i) => i, { width: () => 4 })) seen.push(v);
    })();
    await expect(loop).rejects.toThrow('page 2 failed');
    expect(seen).toEqual([1, 2]);
  });

  it('ends the source when the reader stops early', async () => {
    let finished = false;
    async function* source(): AsyncGenerator<number> {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        finished = true;
      }
    }
    for await (const v of orderedAhead(source(), async (i) => i, { width: () => 2 })) {
      if (v === 3) break;
    }
    await flush();
    expect(finished).toBe(true);
  });

  it('turns a task that throws at once into an error at its position', async () => {
    const seen: number[] = [];
    const loop = (async () => {
      const task = (i: number): Promise<number> => {
        if (i === 2) throw new Error('bad item');
        return Promise.resolve(i);
      };
      for await (const v of orderedAhead([0, 1, 2, 3], task, { width: () => 8 })) seen.push(v);
    })();
    await expect(loop).rejects.toThrow('bad item');
    expect(seen).toEqual([0, 1]);
  });
});
