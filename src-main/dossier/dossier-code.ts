import { provisionalDossierCode } from '../scan/dossier-code';

/**
 * Provisional dossier codes `TAM-<TERMINAL>-YYMMDD-XXXX` (format and parser: src-main/scan,
 * decision 0011): printed by a kiosk that holds no reserved official code, clearly marked
 * (TAM = tạm, provisional), unique per terminal and day through the store's counter.
 */
export function provisionalCode(terminalId: string, day: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9999) {
    throw new RangeError(`provisional sequence must be 1–9999, got ${sequence}`);
  }
  return provisionalDossierCode(terminalId, day, sequence);
}

/** Codes as citizens type them: spaces dropped, upper case. */
export const normalizeCodeInput = (code: string): string => code.replace(/\s+/g, '').toUpperCase();
