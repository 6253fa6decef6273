import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, appointmentDay, isWorkingDay, nextDay } from '../../../src-main/dossier/working-days';
import { wallClock, zonedInstant } from '../../../src-main/dossier/local-time';
import { demoConfig } from '../../fakes/demo-config';

const holidays = new Set(demoConfig().holidays);
const rule = { holidays, cutoffTime: '16:30', returnTime: '16:00' };

/** Days 2025-01-01 … 2028-12-31 as YYYY-MM-DD. */
const dayArb = fc.integer({ min: 0, max: 1460 }).map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const holidaysArb = fc.uniqueArray(dayArb, { maxLength: 40 }).map((d) => new Set(d));

function workingDaysBetween(from: string, to: string, h: ReadonlySet<string>): number {
  let n = 0;
  for (let d = nextDay(from); d <= to; d = nextDay(d)) if (isWorkingDay(d, h)) n++;
  return n;
}

describe('working days', () => {
  it('lands on a working day exactly n working days after the first working day', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 0, max: 60 }), holidaysArb, (day, n, h) => {
        const result = addWorkingDays(day, n, h);
        expect(isWorkingDay(result, h)).toBe(true);
        expect(result >= day).toBe(true);
        const start = addWorkingDays(day, 0, h);
        expect(workingDaysBetween(start, result, h)).toBe(n);
      }),
    );
  });

  it('never goes backwards when the processing time grows or a holiday is added', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 0, max: 40 }), holidaysArb, dayArb, (day, n, h, extra) => {
        expect(addWorkingDays(day, n + 1, h) > addWorkingDays(day, n, h)).toBe(true);
        expect(addWorkingDays(day, n, new Set([...h, extra])) >= addWorkingDays(day, n, h)).toBe(true);
      }),
    );
  });

  it('skips weekends and the configured holidays (2026 examples)', () => {
    // Friday 28 Aug 2026 + 3: Mon 31 Aug, (1–2 Sep National Day), Thu 3 Sep, Fri 4 Sep.
    expect(addWorkingDays('2026-08-28', 3, holidays)).toBe('2026-09-04');
    // Tết 2026: Friday 13 Feb + 1 = Monday 23 Feb.
    expect(addWorkingDays('2026-02-13', 1, holidays)).toBe('2026-02-23');
    expect(addWorkingDays('2026-11-21', 0, holidays)).toBe('2026-11-23'); // Saturday → Monday
  });

  it('counts the receive day only before the cut-off on a working day', () => {
    expect(appointmentDay('2026-11-23', '09:15', 0, rule)).toBe('2026-11-23');
    expect(appointmentDay('2026-11-23', '16:45', 0, rule)).toBe('2026-11-24');
    expect(appointmentDay('2026-11-23', '16:45', 2, rule)).toBe('2026-11-26');
    expect(appointmentDay('2026-11-28', '09:00', 1, rule)).toBe('2026-12-01'); // Saturday: counts from Monday
  });

  it('rejects a negative or fractional processing time', () => {
    expect(() => addWorkingDays('2026-11-23', -1, holidays)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-23', 1.5, holidays)).toThrow(RangeError);
  });
});

describe('local time', () => {
  it('round-trips a wall-clock time in Asia/Ho_Chi_Minh', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (day, h, m) => {
        const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        expect(wallClock(zonedInstant(day, time, 'Asia/Ho_Chi_Minh'), 'Asia/Ho_Chi_Minh')).toEqual({ day, time });
      }),
    );
    expect(zonedInstant('2026-12-07', '16:00', 'Asia/Ho_Chi_Minh').toISOString()).toBe('2026-12-07T09:00:00.000Z');
  });
});
