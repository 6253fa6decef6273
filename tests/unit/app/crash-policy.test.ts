import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterWindowClosed, CRASH_LIMIT, CRASH_WINDOW_MS, judgeCrash, parseCrashHistory } from '../../../src-main/app/crash-policy';

const T0 = Date.parse('2026-12-06T08:00:00Z');
const minutes = (n: number) => n * 60_000;

describe('judgeCrash', () => {
  it('relaunches after the first and second crash, and stays out of service at the third within 10 minutes', () => {
    const first = judgeCrash([], T0);
    expect(first).toEqual({ decision: 'relaunch', recent: 1, history: [T0] });
    const second = judgeCrash(first.history, T0 + minutes(4));
    expect(second.decision).toBe('relaunch');
    const third = judgeCrash(second.history, T0 + minutes(9));
    expect(third).toMatchObject({ decision: 'out-of-service', recent: 3 });
  });

  it('forgets crashes older than 10 minutes', () => {
    const verdict = judgeCrash([T0, T0 + minutes(1)], T0 + minutes(10) + 1);
    expect(verdict).toEqual({ decision: 'relaunch', recent: 2, history: [T0 + minutes(1), T0 + minutes(10) + 1] });
  });

  it('ignores crashes dated in the future (a clock set back) ', () => {
    expect(judgeCrash([T0 + minutes(30), T0 + minutes(31)], T0)).toEqual({ decision: 'relaunch', recent: 1, history: [T0] });
  });

  it('decides out of service exactly when CRASH_LIMIT crashes fall inside the window, whatever the history', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: T0 - 2 * CRASH_WINDOW_MS, max: T0 + CRASH_WINDOW_MS })), fc.integer({ min: T0 - CRASH_WINDOW_MS, max: T0 + CRASH_WINDOW_MS }), (history, now) => {
        const verdict = judgeCrash(history, now);
        const inside = history.filter((at) => at > now - CRASH_WINDOW_MS && at <= now).length + 1;
        expect(verdict.recent).toBe(inside);
        expect(verdict.history).toHaveLength(inside);
        expect(verdict.decision).toBe(inside >= CRASH_LIMIT ? 'out-of-service' : 'relaunch');
      }),
    );
  });
});

describe('parseCrashHistory', () => {
  it('reads what judgeCrash keeps, and takes anything else as no crash', () => {
    expect(parseCrashHistory(JSON.stringify([T0, T0 + 1]))).toEqual([T0, T0 + 1]);
    expect(parseCrashHistory(null)).toEqual([]);
    expect(parseCrashHistory('{"not":"a list"}')).toEqual([]);
    expect(parseCrashHistory('[1, "2", null, 3]')).toEqual([1, 3]);
    expect(parseCrashHistory('garbage')).toEqual([]);
  });
});

describe('afterWindowClosed', () => {
  it('reopens a window closed while the kiosk runs (Alt+F4), and quits once the kiosk is closing', () => {
    expect(afterWindowClosed('running')).toBe('reopen');
    expect(afterWindowClosed('closing')).toBe('quit');
    expect(afterWindowClosed('closed')).toBe('quit');
  });
});
