/** Formats shared by the screen and the paper, so both say the same thing the same way. */

const partsCache = new Map<string, Intl.DateTimeFormat>();
function partsIn(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    });
    partsCache.set(timeZone, f);
  }
  return f;
}

function partsOf(instant: Date, timeZone: string): (type: Intl.DateTimeFormatPartTypes) => string {
  const parts = partsIn(timeZone).formatToParts(instant);
  return (type) => parts.find((p) => p.type === type)?.value ?? '';
}

export interface ZonedParts {
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
  readonly second: string;
}

/** The wall-clock fields of an instant in a time zone, zero-padded (`hour` 00–23). */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const get = partsOf(instant, timeZone);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** `HH:mm dd/MM/yyyy` in a time zone, as Vietnamese forms write it; built from parts, not locale punctuation. */
export function formatLocalDateTime(instant: Date, timeZone: string): string {
  const get = partsOf(instant, timeZone);
  return `${get('hour')}:${get('minute')} ${get('day')}/${get('month')}/${get('year')}`;
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDay(instant: Date, timeZone: string): string {
  const get = partsOf(instant, timeZone);
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `1.250.000 ₫`: dot thousands separators, the đồng sign after a space. */
export function formatVnd(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(amount)));
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;
}
