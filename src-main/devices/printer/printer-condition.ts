import type { DeviceHealth } from '../../../src-shared/dto';

/** What a thermal printer can tell through `DLE EOT`, in the words the kiosk acts on. */
export type PrinterCondition = 'ok' | 'paper-near-end' | 'paper-out' | 'cover-open' | 'offline';

const REASONS: Record<PrinterCondition, string> = {
  ok: 'Printer ready',
  'paper-near-end': 'Paper is running low',
  'paper-out': 'Out of paper',
  'cover-open': 'Printer cover is open',
  offline: 'Printer is not responding',
};

/** Only an ok or nearly-empty printer can print; the rest stop tickets and receipts. */
export function healthOf(condition: PrinterCondition, at: Date, detail?: string): DeviceHealth {
  const state = condition === 'ok' ? 'ok' : condition === 'paper-near-end' ? 'degraded' : 'offline';
  return { device: 'printer', state, reason: detail ? `${REASONS[condition]}: ${detail}` : REASONS[condition], at: at.toISOString() };
}

export const canPrint = (c: PrinterCondition): boolean => c === 'ok' || c === 'paper-near-end';
export const reasonOf = (c: PrinterCondition): string => REASONS[c];

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
