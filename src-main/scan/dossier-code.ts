import type { DossierCodeParts, OfficialDossierCode, ProvisionalDossierCode } from '../../src-shared/scan';
import { assertToday, isoDate } from './calendar';

/**
 * Dossier codes (mã hồ sơ):
 * - official `AGENCY-YYMMDD-XXXX` (Circular 01/2018/TT-VPCP, Art. 19): the agency's electronic
 *   identifier (opaque, 1–35 of `[0-9A-Z.]`), the receiving date, a 4-digit daily sequence;
 * - provisional `TAM-<TERMINAL>-YYMMDD-XXXX` (decision 0011): printed by a kiosk that could not
 *   get an official code; `TAM` (tạm, "provisional") cannot be mistaken for an official code
 *   because an agency identifier has no dash, and the terminal part always has one after it.
 *
 * Scanners in keyboard mode with Caps Lock on send lower case, so letters are read in either
 * case and given back in capitals. Surrounding whitespace (the scanner's Enter) is ignored.
 * Pure and total: never throws on any text (a malformed `today` is a caller bug and throws).
 */

export type DossierCodeRejectReason = 'not_dossier_code' | 'invalid_date';
export type DossierCodeParseResult =
  | { ok: true; code: string; parts: DossierCodeParts }
  | { ok: false; reason: DossierCodeRejectReason };

/** The longest possible code: a 35-character agency + `-YYMMDD-XXXX`. */
export const MAX_DOSSIER_CODE_LENGTH = 35 + 12;

const OFFICIAL = /^([0-9A-Z.]{1,35})-(\d{2})(\d{2})(\d{2})-(\d{4})$/;
const PROVISIONAL = /^TAM-([A-Z0-9]+(?:-[A-Z0-9]+)*)-(\d{2})(\d{2})(\d{2})-(\d{4})$/;
const MAX_TERMINAL_LENGTH = 32;

export function parseDossierCode(text: string, today: string): DossierCodeParseResult {
  assertToday(today);
  const trimmed = text.trim();
  if (trimmed.length > MAX_DOSSIER_CODE_LENGTH + 'TAM-'.length) return { ok: false, reason: 'not_dossier_code' };
  const upper = trimmed.toUpperCase();

  // Provisional first: `TAM-230512-0005` is also a well-formed official code of agency "TAM",
  // and is read as that, because only a code with a terminal part is provisional.
  const provisional = PROVISIONAL.exec(upper);
  if (provisional !== null && (provisional[1] ?? '').length <= MAX_TERMINAL_LENGTH) {
    const [, terminal = '', yy = '', mm = '', dd = '', seq = ''] = provisional;
    const date = codeDate(yy, mm, dd, today);
    if (date === null) return { ok: false, reason: 'invalid_date' };
    const parts: ProvisionalDossierCode = { provisional: true, terminal, date, sequence: Number(seq) };
    return { ok: true, code: formatDossierCode(parts), parts };
  }
  const official = OFFICIAL.exec(upper);
  if (official === null) return { ok: false, reason: 'not_dossier_code' };
  const [, agency = '', yy = '', mm = '', dd = '', seq = ''] = official;
  const date = codeDate(yy, mm, dd, today);
  if (date === null) return { ok: false, reason: 'invalid_date' };
  const parts: OfficialDossierCode = { provisional: false, agency, date, sequence: Number(seq) };
  return { ok: true, code: formatDossierCode(parts), parts };
}

/** The code as printed, from its parts. */
export function formatDossierCode(parts: DossierCodeParts): string {
  const [y = '', m = '', d = ''] = parts.date.split('-');
  const tail = `${y.slice(2)}${m}${d}-${String(parts.sequence).padStart(4, '0')}`;
  return parts.provisional ? `TAM-${parts.terminal}-${tail}` : `${parts.agency}-${tail}`;
}

/**
 * The provisional code a kiosk prints for its `sequence`-th offline dossier of `date`. The
 * terminal id is the configured one (letters, digits, dashes) in capitals.
 */
export function provisionalDossierCode(terminalId: string, date: string, sequence: number): string {
  return formatDossierCode({ provisional: true, terminal: terminalId.toUpperCase(), date, sequence });
}

/**
 * `YYMMDD` → `20YY-MM-DD` for a date that exists and is not after tomorrow: the one-stop
 * system's clock and the kiosk's may disagree by a few hours around midnight.
 */
function codeDate(yy: string, mm: string, dd: string, today: string): string | null {
  const date = isoDate(2000 + Number(yy), Number(mm), Number(dd));
  if (date === null) return null;
  return date <= nextDay(today) ? date : null;
}

function nextDay(day: string): string {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
