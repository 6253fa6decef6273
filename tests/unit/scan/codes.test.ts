import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc16CcittFalse } from '../../../src-main/scan/crc16';
import { formatDossierCode, parseDossierCode, provisionalDossierCode } from '../../../src-main/scan/dossier-code';
import { parseReceiptQr, receiptQrText } from '../../../src-main/scan/receipt-qr';
import { agency, anyText, codeDate, sequence, terminal, TODAY } from './arbitraries';

describe('dossier codes', () => {
  it('reads the official example of Circular 01/2018', () => {
    expect(parseDossierCode('000.00.12.H29-230512-0005', TODAY)).toEqual({
      ok: true,
      code: '000.00.12.H29-230512-0005',
      parts: { provisional: false, agency: '000.00.12.H29', date: '2023-05-12', sequence: 5 },
    });
  });

  it('reads a provisional code whose terminal id has dashes, and a Caps Lock scan', () => {
    expect(parseDossierCode('tam-kiosk-03-261123-0012\r\n', TODAY)).toEqual({
      ok: true,
      code: 'TAM-KIOSK-03-261123-0012',
      parts: { provisional: true, terminal: 'KIOSK-03', date: '2026-11-23', sequence: 12 },
    });
    expect(provisionalDossierCode('kiosk-03', '2026-11-23', 12)).toBe('TAM-KIOSK-03-261123-0012');
  });

  it.each([
    ['a date that does not exist', '000.00.12.H29-230230-0005', 'invalid_date'],
    ['a date two days ahead', '000.00.12.H29-261125-0005', 'invalid_date'],
    ['a 3-digit sequence', '000.00.12.H29-230512-005', 'not_dossier_code'],
    ['a 36-character agency', `${'A'.repeat(36)}-230512-0005`, 'not_dossier_code'],
    ['a space inside', '000.00.12 H29-230512-0005', 'not_dossier_code'],
    ['Vietnamese letters', 'ĐẤT-230512-0005', 'not_dossier_code'],
  ])('rejects %s', (_name, text, reason) => {
    expect(parseDossierCode(text, TODAY)).toEqual({ ok: false, reason });
  });

  it('property: official and provisional codes round-trip, in either case', () => {
    const parts = fc.oneof(
      fc.record({ provisional: fc.constant(false as const), agency, date: codeDate, sequence }),
      fc.record({ provisional: fc.constant(true as const), terminal, date: codeDate, sequence }),
    );
    fc.assert(
      fc.property(parts, fc.boolean(), (p, lowerCase) => {
        const code = formatDossierCode(p);
        const read = parseDossierCode(lowerCase ? code.toLowerCase() : code, TODAY);
        // `TAM-YYMMDD-XXXX` is the official code of an agency called TAM, never provisional.
        expect(read).toEqual({ ok: true, code, parts: p });
      }),
      { numRuns: 500 },
    );
  });

  it('property: a digit of the date or sequence replaced by a non-digit is rejected', () => {
    fc.assert(
      fc.property(agency, codeDate, sequence, fc.integer({ min: 1, max: 11 }), fc.constantFrom(...'xO-. /'), (a, d, s, back, ch) => {
        const code = formatDossierCode({ provisional: false, agency: a, date: d, sequence: s });
        const at = code.length - back;
        if (code[at] === '-') return;
        const mutated = code.slice(0, at) + ch + code.slice(at + 1);
        expect(parseDossierCode(mutated, TODAY).ok).toBe(false);
      }),
    );
  });

  it('property: never throws; what it accepts formats back to itself', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = parseDossierCode(text, TODAY);
        if (result.ok) expect(formatDossierCode(result.parts)).toBe(result.code);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('receipt QR', () => {
  it('uses CRC-16/CCITT-FALSE, the VietQR check', () => {
    expect(crc16CcittFalse('123456789')).toBe(0x29b1);
    const vietQr = '00020101021238540010A00000072701240006970436011010175956000208QRIBFTTA530370454061800005802VN62230819thanh toan don hang6304';
    expect(crc16CcittFalse(vietQr).toString(16).toUpperCase()).toBe('70FA');
  });

  it('encodes and reads back a dossier code', () => {
    const text = receiptQrText('000.00.12.H29-230512-0005');
    expect(text).toMatch(/^MOTCUA1\|000\.00\.12\.H29-230512-0005\|[0-9A-F]{4}$/);
    expect(parseReceiptQr(text, TODAY)).toMatchObject({ ok: true, code: '000.00.12.H29-230512-0005' });
  });

  it('rejects a Caps Lock scan and a wrong check', () => {
    const text = receiptQrText('000.00.12.H29-230512-0005');
    expect(parseReceiptQr(text.toLowerCase(), TODAY)).toEqual({ ok: false, reason: 'bad_check' });
    expect(parseReceiptQr(text.slice(0, -1) + (text.endsWith('0') ? '1' : '0'), TODAY)).toEqual({ ok: false, reason: 'bad_check' });
  });

  it('property: every code round-trips, and any one changed ASCII character is caught', () => {
    const code = fc.oneof(
      fc.record({ provisional: fc.constant(false as const), agency, date: codeDate, sequence }),
      fc.record({ provisional: fc.constant(true as const), terminal, date: codeDate, sequence }),
    ).map(formatDossierCode);
    fc.assert(
      fc.property(code, fc.nat(), fc.integer({ min: 0x20, max: 0x7e }), (c, pos, replacement) => {
        const text = receiptQrText(c);
        expect(parseReceiptQr(text, TODAY)).toMatchObject({ ok: true, code: c });
        const at = pos % text.length;
        if (text.charCodeAt(at) === replacement) return;
        const mutated = text.slice(0, at) + String.fromCharCode(replacement) + text.slice(at + 1);
        expect(parseReceiptQr(mutated, TODAY).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: never throws on any text', () => {
    fc.assert(fc.property(anyText, (text) => void parseReceiptQr(`MOTCUA1|${text}`, TODAY)), { numRuns: 500 });
  });
});
