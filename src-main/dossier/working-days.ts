/**
 * Working-day arithmetic on local calendar days written `YYYY-MM-DD`. Pure: no clock, no time
 * zone; holidays come as a dated list because Tết and the make-up days change every year.
 */

const DAY_MS = 86_400_000;

const toUtcMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
const fromUtcMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const nextDay = (day: string): string => fromUtcMs(toUtcMs(day) + DAY_MS);

export function isWorkingDay(day: string, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(toUtcMs(day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(day);
}

/** The first working day on or after `day`. */
export function firstWorkingDayFrom(day: string, holidays: ReadonlySet<string>): string {
  let d = day;
  // A configured list cannot hold more than a few hundred consecutive holidays; guard anyway.
  for (let i = 0; i < 3660 && !isWorkingDay(d, holidays); i++) d = nextDay(d);
  return d;
}

/** The `n`-th working day after `day` (n ≥ 1); n = 0 gives the first working day on or after it. */
export function addWorkingDays(day: string, n: number, holidays: ReadonlySet<string>): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  let d = firstWorkingDayFrom(day, holidays);
  for (let left = n; left > 0; ) {
    d = nextDay(d);
    if (isWorkingDay(d, holidays)) left--;
  }
  return d;
}

export interface AppointmentRule {
  holidays: ReadonlySet<string>;
  /** `HH:mm`: a dossier received later than this counts as received the next working day. */
  cutoffTime: string;
  /** `HH:mm`: when results are handed back on the appointment day. */
  returnTime: string;
}

/**
 * The appointment day for a dossier received on `receivedDay` at `receivedTime` (local): the
 * receive day counts only if it is a working day and before the cut-off; then `processingDays`
 * working days are added (0 = the same working day).
 */
export function appointmentDay(receivedDay: string, receivedTime: string, processingDays: number, rule: AppointmentRule): string {
  const counts = isWorkingDay(receivedDay, rule.holidays) && receivedTime < rule.cutoffTime;
  const start = counts ? receivedDay : firstWorkingDayFrom(nextDay(receivedDay), rule.holidays);
  return addWorkingDays(start, processingDays, rule.holidays);
}
