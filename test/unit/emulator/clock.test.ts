// The manual clock: time moves only when told, timers run in due order.
import { describe, expect, it } from 'vitest';
import { createManualClock, systemClock } from '../../../src/emulator/store/clock.js';

describe('emulator: createManualClock', () => {
  it('starts where told and moves only on advance / set', () => {
    const clock = createManualClock('2024-06-01T00:00:00Z');
    expect(clock.now()).toBe(Date.parse('2024-06-01T00:00:00Z'));
    clock.advance(1_500);
    expect(clock.now()).toBe(Date.parse('2024-06-01T00:00:01.500Z'));
    clock.set(new Date('2024-06-02T00:00:00Z'));
    expect(clock.now()).toBe(Date.parse('2024-06-02T00:00:00Z'));
    expect(createManualClock(42).now()).toBe(42);
  });

  it('runs due timers in due order (ties in the order set), including timers they set', () => {
    const clock = createManualClock(0);
    const ran: string[] = [];
    clock.setTimer(30, () => ran.push('c'));
    clock.setTimer(10, () => {
      ran.push('a');
      clock.setTimer(5, () => ran.push('a+5'));
    });
    clock.setTimer(10, () => ran.push('b'));
    const cancel = clock.setTimer(20, () => ran.push('cancelled'));
    expect(clock.pendingTimers).toBe(4);
    cancel();
    clock.advance(9);
    expect(ran).toEqual([]);
    clock.advance(21);
    expect(ran).toEqual(['a', 'b', 'a+5', 'c']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('refuses to go back and bad durations', () => {
    const clock = createManualClock(1_000);
    expect(() => clock.set(999)).toThrow(/never goes back/);
    expect(() => clock.advance(-1)).toThrow(/advance/);
    expect(() => clock.advance(Number.NaN)).toThrow(/advance/);
    expect(() => clock.setTimer(-5, () => {})).toThrow(/setTimer/);
    expect(() => createManualClock('not a date')).toThrow(/invalid time/);
  });

  it('has a system clock reading Date.now', () => {
    expect(Math.abs(systemClock.now() - Date.now())).toBeLessThan(60_000);
    const cancel = systemClock.setTimer(60_000, () => {});
    cancel();
  });
});
