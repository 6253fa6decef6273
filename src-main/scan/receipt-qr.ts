import type { DossierCodeParts } from '../../src-shared/scan';
import { assertToday } from './calendar';
import { crc16Hex } from './crc16';
import { parseDossierCode } from './dossier-code';

/**
 * The QR on our receipt (phiếu tiếp nhận và hẹn trả kết quả), decision 0011:
 * `MOTCUA1|<dossier code>|<check>`, where check = CRC-16/CCITT-FALSE of `MOTCUA1|<code>|` as
 * 4 uppercase hex digits. The prefix names the format and its version; the check catches a
 * misread (a keyboard-mode scanner with Caps Lock, a dropped character) before the kiosk looks
 * up someone else's dossier. Only ASCII, so every scanner mode types it unchanged.
 */

export const RECEIPT_QR_PREFIX = 'MOTCUA1';

export type ReceiptQrRejectReason = 'not_receipt' | 'bad_check' | 'invalid_dossier_code';
export type ReceiptQrParseResult =
  | { ok: true; code: string; parts: DossierCodeParts }
  | { ok: false; reason: ReceiptQrRejectReason };

/** The text to encode in the receipt's QR for a dossier code (as printed, in capitals). */
export function receiptQrText(dossierCode: string): string {
  const body = `${RECEIPT_QR_PREFIX}|${dossierCode}|`;
  return body + crc16Hex(body);
}

/** True when the text claims to be our receipt QR (any version), even if damaged. */
export const looksLikeReceiptQr = (text: string): boolean => /^MOTCUA\d*\|/i.test(text.trim());

export function parseReceiptQr(text: string, today: string): ReceiptQrParseResult {
  assertToday(today);
  const trimmed = text.trim();
  const fields = trimmed.split('|');
  if (fields.length !== 3 || fields[0] !== RECEIPT_QR_PREFIX) {
    // A Caps Lock'ed scan (`motcua1|...`) changes the code's letters too: the check says so.
    return { ok: false, reason: looksLikeReceiptQr(trimmed) ? 'bad_check' : 'not_receipt' };
  }
  const [, code = '', check = ''] = fields;
  if (crc16Hex(`${RECEIPT_QR_PREFIX}|${code}|`) !== check) return { ok: false, reason: 'bad_check' };
  const parsed = parseDossierCode(code, today);
  // A code is printed in capitals; one that needed changing was not written by receiptQrText.
  if (!parsed.ok || parsed.code !== code) return { ok: false, reason: 'invalid_dossier_code' };
  return { ok: true, code: parsed.code, parts: parsed.parts };
}
