/**
 * Provisional dossier codes `TAM-<TERMINAL>-YYMMDD-XXXX`: printed by a kiosk that holds no
 * reserved official code, clearly marked (TAM = tạm, provisional), unique per terminal and day.
 */

/** The terminal part: the terminal id's letters and digits, upper case, at most 16 (KIOSK-01 → KIOSK01). */
export function terminalCodePart(terminalId: string): string {
  const part = terminalId.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 16);
  return part === '' ? 'KIOSK' : part;
}

export function provisionalCode(terminalId: string, day: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9999) {
    throw new RangeError(`provisional sequence must be 1–9999, got ${sequence}`);
  }
  const yymmdd = day.slice(2, 4) + day.slice(5, 7) + day.slice(8, 10);
  return `TAM-${terminalCodePart(terminalId)}-${yymmdd}-${String(sequence).padStart(4, '0')}`;
}

/** Codes as citizens type them: spaces dropped, upper case. */
export const normalizeCodeInput = (code: string): string => code.replace(/\s+/g, '').toUpperCase();
