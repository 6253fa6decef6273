import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterWrongPin, isLocked, lockDurationMs, openLockout, type LockoutState } from '../../../src-main/staff/lockout-policy';

const NOW = new Date('2026-11-23T02:00:00.000Z');

describe('lockout policy', () => {
  it('locks on the 5th wrong PIN for 5 min, then doubles each further lockout, capped at a day', () => {
    let state: LockoutState = openLockout;
    for (let i = 1; i <= 4; i++) {
      const next = afterWrongPin(state, NOW);
      expect(next.locked).toBe(false);
      state = next.state;
    }
    const locked = afterWrongPin(state, NOW);
    expect(locked).toEqual({ locked: true, state: { failedAttempts: 0, lockouts: 1, lockedUntil: '2026-11-23T02:05:00.000Z' } });
    expect(isLocked(locked.state, new Date('2026-11-23T02:04:59.999Z'))).toBe(true);
    expect(isLocked(locked.state, new Date('2026-11-23T02:05:00.000Z'))).toBe(false);
    expect([0, 1, 2, 3].map((n) => lockDurationMs(n) / 60_000)).toEqual([5, 10, 20, 40]);
    expect(lockDurationMs(1000)).toBe(24 * 60 * 60_000);
  });

  it('never locks before 5 wrong PINs in a row, and every lock lasts at least 5 minutes', () => {
    fc.assert(
      fc.property(fc.nat(4), fc.nat(30), (failedAttempts, lockouts) => {
        const next = afterWrongPin({ failedAttempts, lockouts, lockedUntil: null }, NOW);
        expect(next.locked).toBe(failedAttempts === 4);
        if (next.locked) expect(Date.parse(next.state.lockedUntil ?? '') - NOW.getTime()).toBeGreaterThanOrEqual(5 * 60_000);
      }),
    );
  });
});
