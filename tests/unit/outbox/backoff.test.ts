import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, delayWithRetryAfter } from '../../../src-main/outbox/backoff';
import { parseRetryAfter } from '../../../src-main/sync/portal-error';

const policy = { baseMs: 1000, capMs: 60_000 };

describe('backoff with jitter', () => {
  it('stays within [ceiling/2, ceiling] where ceiling = min(cap, base·2^(n-1))', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
        const d = backoffDelayMs(attempt, policy, () => r);
        expect(d).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(d).toBeLessThanOrEqual(ceiling);
      }),
    );
  });

  it('never waits zero and never grows past the cap, however many attempts', () => {
    expect(backoffDelayMs(1, policy, () => 0)).toBe(500);
    expect(backoffDelayMs(10_000, policy, () => 1)).toBe(60_000);
    expect(backoffDelayMs(Number.MAX_SAFE_INTEGER, policy, () => 0.5)).toBe(45_000);
  });

  it('spreads kiosks apart: the draw decides where in the window the wait lands', () => {
    const low = backoffDelayMs(4, policy, () => 0);
    const high = backoffDelayMs(4, policy, () => 1);
    expect([low, high]).toEqual([4000, 8000]);
  });

  it('is monotone in the random draw and in the attempt (for the same draw)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, a, b) => {
          const [lo, hi] = a < b ? [a, b] : [b, a];
          expect(backoffDelayMs(n, policy, () => lo)).toBeLessThanOrEqual(backoffDelayMs(n, policy, () => hi));
          expect(backoffDelayMs(n, policy, () => lo)).toBeLessThanOrEqual(backoffDelayMs(n + 1, policy, () => lo));
        },
      ),
    );
  });
});

describe('Retry-After', () => {
  const now = new Date('2026-11-23T02:00:00Z');
  it('reads seconds and HTTP dates, ignores junk', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 02:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 01:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('wins over a shorter own backoff, loses to a longer one, and is capped', () => {
    expect(delayWithRetryAfter(1000, 30_000, policy)).toBe(30_000);
    expect(delayWithRetryAfter(40_000, 30_000, policy)).toBe(40_000);
    expect(delayWithRetryAfter(1000, 86_400_000, policy)).toBe(60_000);
    expect(delayWithRetryAfter(1000, null, policy)).toBe(1000);
  });
});
