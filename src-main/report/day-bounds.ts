import { zonedParts } from '../../src-shared/format';

/**
 * The UTC instants a local day starts and ends at in a time zone. Asia/Ho_Chi_Minh has no
 * daylight saving; the offset is taken at the day's start, and again at its end for zones that have.
 */
export function dayBounds(day: string, timeZone: string): { from: Date; to: Date } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { from: localMidnight(y, m, d, timeZone), to: localMidnight(y, m, d + 1, timeZone) };
}

function localMidnight(y: number, m: number, d: number, timeZone: string): Date {
  const wall = Date.UTC(y, m - 1, d);
  let instant = wall;
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(new Date(instant), timeZone);
    const seen = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
    instant += wall - seen;
  }
  return new Date(instant);
}
