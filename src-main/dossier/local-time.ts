/** Converting between instants and a time zone's wall clock, without a time-zone library. */
import { zonedParts } from '../../src-shared/format';

/** The wall clock of an instant in a zone: `{ day: 'YYYY-MM-DD', time: 'HH:mm' }`. */
export function wallClock(instant: Date, timeZone: string): { day: string; time: string } {
  const p = zonedParts(instant, timeZone);
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

function offsetMs(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant when the zone's wall clock shows `day` `time` (`YYYY-MM-DD`, `HH:mm`). */
export function zonedInstant(day: string, time: string, timeZone: string): Date {
  const guess = Date.parse(`${day}T${time}:00Z`);
  const first = guess - offsetMs(new Date(guess), timeZone);
  // A second pass settles days when the offset changes (DST zones); Vietnam has none.
  return new Date(guess - offsetMs(new Date(first), timeZone));
}
