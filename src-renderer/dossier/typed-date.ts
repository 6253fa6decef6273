/**
 * A birth date as the citizen typed it on the kiosk keyboard (day.month.year, the way dates are
 * written in Việt Nam) or as the card gave it (YYYY-MM-DD), to YYYY-MM-DD; null if it is neither
 * or does not exist on the calendar. The core checks the range (not in the future, not before 1890).
 */
export function parseTypedDate(text: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const vn = /^(\d{1,2})[./ ](\d{1,2})[./ ](\d{4})$/.exec(trimmed);
  const parts = iso ? { y: iso[1], m: iso[2], d: iso[3] } : vn ? { y: vn[3], m: vn[2], d: vn[1] } : null;
  if (!parts) return null;
  const y = Number(parts.y);
  const m = Number(parts.m);
  const d = Number(parts.d);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A YYYY-MM-DD date shown the Vietnamese way, dd/mm/yyyy. */
export function showDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
