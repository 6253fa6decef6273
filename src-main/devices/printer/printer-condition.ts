import type { DeviceHealth } from '../../../src-shared/dto';
import type { DeviceReason } from '../../../src-shared/reasons';

/** What a thermal printer can tell through `DLE EOT`, in the words the kiosk acts on. */
export type PrinterCondition = 'ok' | 'paper-near-end' | 'paper-out' | 'cover-open' | 'offline';

/** The code the staff panel translates (health) ... */
const REASONS: Record<PrinterCondition, DeviceReason> = {
  ok: 'printer_ready',
  'paper-near-end': 'printer_paper_low',
  'paper-out': 'printer_paper_out',
  'cover-open': 'printer_cover_open',
  offline: 'printer_not_responding',
};

/** ... and the English words a PrinterError and the log carry (technical text, not shown to citizens). */
const WORDS: Record<PrinterCondition, string> = {
  ok: 'Printer ready',
  'paper-near-end': 'Paper is running low',
  'paper-out': 'Out of paper',
  'cover-open': 'Printer cover is open',
  offline: 'Printer is not responding',
};

/**
 * Only an ok or nearly-empty printer can print; the rest stop tickets and receipts. `reason`
 * overrides the condition's code when the kiosk knows more (no system printer installed).
 */
export function healthOf(condition: PrinterCondition, at: Date, detail?: string, reason: DeviceReason = REASONS[condition]): DeviceHealth {
  const state = condition === 'ok' ? 'ok' : condition === 'paper-near-end' ? 'degraded' : 'offline';
  return { device: 'printer', state, reason, ...(detail ? { detail } : {}), at: at.toISOString() };
}

export const canPrint = (c: PrinterCondition): boolean => c === 'ok' || c === 'paper-near-end';
export const reasonOf = (c: PrinterCondition): string => WORDS[c];

/**
 * The printer's health in English words, for an error's message (a refused ticket): the
 * condition's words when the code is one of them, else the code, with the driver's detail.
 */
export function printerWordsOf(health: DeviceHealth): string {
  const condition = (Object.keys(REASONS) as PrinterCondition[]).find((c) => REASONS[c] === health.reason);
  const words = condition ? WORDS[condition] : health.reason;
  return health.detail ? `${words}: ${health.detail}` : words;
}

// DLE EOT n replies: bits 1 and 4 are always set (0x12); the rest per Epson's ESC/POS manual.
const FIXED = 0x12;

/** The byte a printer in `condition` answers to `DLE EOT n` (used by the virtual printer). */
export function statusByte(condition: PrinterCondition, n: number): number {
  switch (n) {
    case 1:
      return FIXED | (condition === 'ok' || condition === 'paper-near-end' ? 0 : 0x08);
    case 2:
      return FIXED | (condition === 'cover-open' ? 0x04 : 0) | (condition === 'paper-out' ? 0x20 : 0);
    case 4:
      return FIXED | (condition === 'paper-near-end' ? 0x0c : 0) | (condition === 'paper-out' ? 0x60 : 0);
    default:
      return FIXED;
  }
}

/** Reads the replies to `DLE EOT 2` (offline cause) and `DLE EOT 4` (paper sensor). */
export function conditionFromStatus(offlineCause: number, paperSensor: number): PrinterCondition {
  if ((offlineCause & 0x12) !== 0x12 || (paperSensor & 0x12) !== 0x12) return 'offline'; // not a status byte
  if (offlineCause & 0x04) return 'cover-open';
  if (paperSensor & 0x60 || offlineCause & 0x20) return 'paper-out';
  if (paperSensor & 0x0c) return 'paper-near-end';
  return 'ok';
}
