/**
 * Calendar helpers for the scan parsers: proleptic Gregorian dates as `YYYY-MM-DD` strings,
 * which compare correctly as strings (years 1000–9999). No clock and no time zone here: the
 * caller passes "today" as the local day (`localDay(clock.now(), 'Asia/Ho_Chi_Minh')`).
 */

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `YYYY-MM-DD` when the date exists (years 1000–9999), else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True for an existing date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === text;
}

/**
 * Checks the `today` argument of the parsers. A malformed `today` is a bug at the call site,
 * not bad scanner input, so it throws (scanned text never makes a parser throw).
 */
export function assertToday(today: string): void {
  if (!isIsoDate(today)) throw new RangeError(`today must be an existing date written YYYY-MM-DD, got "${today}"`);
}
