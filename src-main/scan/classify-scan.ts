import { assertNever } from '../../src-shared/assert-never';
import type { ScanEvent, ScanMessage, UnknownScanReason } from '../../src-shared/scan';
import { assertToday } from './calendar';
import { MAX_CCCD_TEXT_LENGTH, parseCccdQr, trimScan, type CccdRejectReason } from './cccd-qr';
import { parseDossierCode } from './dossier-code';
import { detectGarbled } from './garbled-input';
import { looksLikeReceiptQr, parseReceiptQr } from './receipt-qr';
import { scanMessages } from './scan-messages';

/** Longest scan looked at: a CCCD QR is the longest text the kiosk reads. */
export const MAX_SCAN_LENGTH = MAX_CCCD_TEXT_LENGTH;

const unknown = (reason: UnknownScanReason, message: ScanMessage): ScanEvent => ({ kind: 'unknown', reason, message });

/**
 * What a scanned text is, whichever scanner read it (HID-POS, keyboard wedge, the virtual one):
 * a CCCD, our receipt QR, a bare dossier code, or unknown with a reason and a message for the
 * citizen. `today` is the kiosk's local day (`YYYY-MM-DD`, Asia/Ho_Chi_Minh). Never throws on
 * any text; the result never contains the scanned text unless it parsed as a valid identity or
 * code (an unknown scan's message may be logged).
 */
export function classifyScan(text: string, today: string): ScanEvent {
  assertToday(today);
  if (text.length > MAX_SCAN_LENGTH) return unknown('too_long', scanMessages.tooLong);
  const trimmed = trimScan(text);

  if (looksLikeReceiptQr(trimmed)) {
    const receipt = parseReceiptQr(trimmed, today);
    if (receipt.ok) return { kind: 'receipt', dossierCode: receipt.code, parts: receipt.parts };
    return unknown('invalid_receipt', scanMessages.receiptMisread);
  }

  const dossier = parseDossierCode(trimmed, today);
  if (dossier.ok) return { kind: 'dossier-code', dossierCode: dossier.code, parts: dossier.parts };
  if (dossier.reason === 'invalid_date') return unknown('invalid_dossier_code', scanMessages.invalidDossierDate);

  if (trimmed.includes('|') || /^\d{12}\D/.test(trimmed)) {
    const cccd = parseCccdQr(trimmed, today);
    if (cccd.ok) return { kind: 'cccd', identity: cccd.value };
    return unknown(cccdReason(cccd.reason), cccd.message);
  }

  if (detectGarbled(trimmed)) return unknown('garbled', scanMessages.garbled);
  return unknown('unrecognized', scanMessages.unrecognized);
}

function cccdReason(reason: CccdRejectReason): UnknownScanReason {
  switch (reason) {
    case 'not_cccd':
      return 'not_cccd';
    case 'unknown_province':
      return 'invalid_id';
    case 'field_too_long':
      return 'too_long';
    case 'garbled':
    case 'invalid_id':
    case 'invalid_date':
    case 'invalid_sex':
    case 'too_long':
      return reason;
    default:
      return assertNever(reason);
  }
}
