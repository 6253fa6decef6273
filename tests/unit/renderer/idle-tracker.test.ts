import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdleTracker } from '../../../src-renderer/app/idle-tracker';
import { monotonicNow } from '../../../src-renderer/app/monotonic-clock';
import { secondsUntil } from '../../../src-renderer/app/use-countdown';

/** A monotonic clock the test moves by hand. */
function manualClock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('idle timer on a monotonic clock', () => {
  it('warns after the timeout, counts the warning down, then expires', () => {
    const clock = manualClock();
    const idle = new IdleTracker(60_000, 20_000, clock.now);
    clock.advance(59_999);
    expect(idle.tick()).toEqual({ kind: 'present' });
    clock.advance(1);
    expect(idle.tick()).toEqual({ kind: 'warning', secondsLeft: 20 });
    clock.advance(19_500);
    expect(idle.tick()).toEqual({ kind: 'warning', secondsLeft: 1 });
    clock.advance(500);
    expect(idle.tick()).toEqual({ kind: 'expired' });
  });

  it('activity restarts the wait; during the warning any touch or key extends it, as often as needed (WCAG 2.2.1)', () => {
    const clock = manualClock();
    const idle = new IdleTracker(60_000, 20_000, clock.now);
    clock.advance(50_000);
    expect(idle.activity()).toBe(false);
    clock.advance(50_000);
    expect(idle.tick()).toEqual({ kind: 'present' });
    clock.advance(15_000);
    expect(idle.tick()).toMatchObject({ kind: 'warning' });
    idle.stillHere();
    expect(idle.tick()).toEqual({ kind: 'present' });
    // Twelve times in a row, each at the last second of the warning: the full time comes back each time.
    for (let extension = 1; extension <= 12; extension++) {
      clock.advance(60_000);
      expect(idle.tick()).toEqual({ kind: 'warning', secondsLeft: 20 });
      clock.advance(19_000);
      expect(idle.tick()).toEqual({ kind: 'warning', secondsLeft: 1 });
      expect(idle.activity()).toBe(true);
      expect(idle.tick()).toEqual({ kind: 'present' });
    }
    clock.advance(80_000);
    expect(idle.tick()).toEqual({ kind: 'expired' });
  });

  it('a wall-clock jump (NTP, staff setting the time) neither ends nor extends a session', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const wallStart = new Date('2026-11-23T09:00:00+07:00').getTime();
    vi.setSystemTime(wallStart);
    const clock = manualClock();
    const idle = new IdleTracker(60_000, 20_000, clock.now);
    const onWallClock = new IdleTracker(60_000, 20_000, () => Date.now());

    vi.setSystemTime(wallStart + 2 * 3_600_000); // two hours forward, no real time passed
    clock.advance(1_000);
    expect(idle.tick()).toEqual({ kind: 'present' });
    expect(onWallClock.tick()).toEqual({ kind: 'expired' }); // what Date.now() did before

    vi.setSystemTime(wallStart - 3_600_000); // an hour back
    clock.advance(80_000);
    expect(idle.tick()).toEqual({ kind: 'expired' });
  });

  it('the default time source is performance.now, not Date.now', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(0);
    const before = monotonicNow();
    vi.setSystemTime(10 * 3_600_000);
    expect(monotonicNow() - before).toBeLessThan(1_000);
    const idle = new IdleTracker(60_000, 20_000, monotonicNow);
    vi.setSystemTime(20 * 3_600_000);
    expect(idle.tick()).toEqual({ kind: 'present' });
  });

  it('the countdown counts whole seconds to its deadline and stops at zero', () => {
    expect(secondsUntil(10_000, 0)).toBe(10);
    expect(secondsUntil(10_000, 9_001)).toBe(1);
    expect(secondsUntil(10_000, 10_000)).toBe(0);
    expect(secondsUntil(10_000, 50_000)).toBe(0);
  });
});
