import { describe, expect, it } from 'vitest';
import { TimeoutError, ValidationError } from '../../../../src/errors/index.js';
import { poll } from '../../../../src/facade/launch/poll.js';
import { startWait, type LaunchClock } from '../../../../src/facade/launch/polling.js';
import { scriptedClock } from '../../../support/launch-clock.js';

describe('poll', () => {
  it('asks until there is an answer, sleeping pollMs between two asks', async () => {
    const clock = scriptedClock([], 1_000);
    let asks = 0;
    const result = await poll(
      async () => (++asks === 3 ? 'done' : undefined),
      startWait({ pollMs: 2_000, clock }),
      'x',
    );
    expect(result).toBe('done');
    expect(asks).toBe(3);
    expect(clock.sleeps).toEqual([2_000, 2_000]);
  });

  it('polls every 5 s by default', async () => {
    const clock = scriptedClock([], 1_000);
    let asks = 0;
    await poll(async () => (++asks === 2 ? true : undefined), startWait({ clock }), 'x');
    expect(clock.sleeps).toEqual([5_000]);
  });

  it('rejects with TimeoutError when timeoutMs passes, sleeping no longer than what is left', async () => {
    const clock = scriptedClock([], 1_000);
    const wait = startWait({ pollMs: 2_000, timeoutMs: 5_000, clock });
    const error = await poll(async () => undefined, wait, 'queued run 7 to start').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/queued run 7 to start after 5000 ms/);
    expect(clock.sleeps).toEqual([2_000, 2_000, 1_000]);
  });

  it('rejects with the abort reason when the signal aborts during a sleep, and before asking', async () => {
    const controller = new AbortController();
    const clock = scriptedClock([() => controller.abort(new Error('stop'))], 1_000);
    let asks = 0;
    const wait = startWait({ signal: controller.signal, clock });
    await expect(poll(async () => (asks++, undefined), wait, 'x')).rejects.toThrow('stop');
    expect(asks).toBe(1);
    const aborted = AbortSignal.abort(new Error('already'));
    await expect(poll(async () => 'never', startWait({ signal: aborted, clock }), 'x')).rejects.toThrow(
      'already',
    );
  });

  it('checks its options', () => {
    expect(() => startWait({ pollMs: 0 })).toThrow(ValidationError);
    expect(() => startWait({ timeoutMs: -1 })).toThrow(ValidationError);
    expect(() => startWait({ clock: { now: () => 0 } as unknown as LaunchClock })).toThrow(/clock/);
  });

  it('the real clock sleeps abortably', async () => {
    const { REAL_CLOCK } = await import('../../../../src/facade/launch/polling.js');
    const controller = new AbortController();
    const pending = REAL_CLOCK.sleep(60_000, controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(pending).rejects.toThrow('cancelled');
  });
});
