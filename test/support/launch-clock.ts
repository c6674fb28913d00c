// A clock for the waits of Launch (`LaunchClock`) that moves only when a wait sleeps. Imports no
// emulator, so unit tests that use it stay light.
import type { LaunchClock } from '../../src/facade/launch/polling.js';

/** A clock starting at `start` that moves only when slept on; each sleep is recorded, then runs the next step of `steps`. */
export function scriptedClock(steps: (() => void)[] = [], start = 0): LaunchClock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: (ms) => {
      sleeps.push(ms);
      now += ms;
      steps.shift()?.();
      return Promise.resolve();
    },
  };
}
