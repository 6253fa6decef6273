import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc16Hex } from '../../../src-main/scan/crc16';
import { paymentReference } from '../../../src-main/payment/payment-reference';
import { decodeVietQr, encodeVietQr, parseTlv, toPurposeText, VietQrError } from '../../../src-main/payment/vietqr';

const KNOWN_GOOD =
  '00020101021238540010A00000072701240006970436011010175956000208QRIBFTTA530370454061800005802VN62230819thanh toan don hang630470FA';

describe('VietQR payload', () => {
  it('reproduces the known-good NAPAS payload of DOMAIN.md exactly', () => {
    expect(encodeVietQr({ bankBin: '970436', accountNumber: '1017595600', amountVnd: 180_000, purpose: 'thanh toan don hang' })).toBe(KNOWN_GOOD);
  });

  it('reads the known-good payload back field by field', () => {
    expect(decodeVietQr(KNOWN_GOOD)).toEqual({
      crcValid: true,
      dynamic: true,
      bankBin: '970436',
      accountNumber: '1017595600',
      service: 'QRIBFTTA',
      currency: '704',
      amountVnd: 180_000,
      country: 'VN',
      purpose: 'thanh toan don hang',
    });
    // One character changed anywhere fails the check.
    expect(decodeVietQr(KNOWN_GOOD.replace('180000', '980000')).crcValid).toBe(false);
  });

  it('makes a static QR (no amount, 01 = 11) when no amount is given', () => {
    const payload = encodeVietQr({ bankBin: '970415', accountNumber: '113366668888' });
    expect(payload).toMatch(/^000201010211/);
    expect(decodeVietQr(payload)).toMatchObject({ crcValid: true, dynamic: false, amountVnd: null, purpose: null });
  });

  it.each([
    ['a BIN of 5 digits', { bankBin: '97043', accountNumber: '1', amountVnd: 1 }],
    ['an account with a space', { bankBin: '970436', accountNumber: '1017 5956', amountVnd: 1 }],
    ['an account of 20 characters', { bankBin: '970436', accountNumber: '1'.repeat(20), amountVnd: 1 }],
    ['a zero amount', { bankBin: '970436', accountNumber: '1', amountVnd: 0 }],
    ['a fractional amount', { bankBin: '970436', accountNumber: '1', amountVnd: 1.5 }],
    ['a 14-digit amount', { bankBin: '970436', accountNumber: '1', amountVnd: 10_000_000_000_000 }],
    ['a purpose with Vietnamese letters', { bankBin: '970436', accountNumber: '1', amountVnd: 1, purpose: 'lệ phí' }],
    ['a purpose of 26 characters', { bankBin: '970436', accountNumber: '1', amountVnd: 1, purpose: 'x'.repeat(26) }],
  ])('refuses %s', (_name, input) => {
    expect(() => encodeVietQr(input)).toThrow(VietQrError);
  });

  it('makes transfer content from Vietnamese text: no marks, đ → d, ASCII only, at most 25 characters', () => {
    expect(toPurposeText('Lệ phí đăng ký  khai sinh')).toBe('Le phi dang ky khai sinh');
    expect(toPurposeText('ĐẤT ĐAI – hồ sơ số 5 của bà Ngô Thị Hường')).toBe('DAT DAI ho so so 5 cua ba');
    expect(toPurposeText('😀 x\u0000y')).toBe('x y');
  });

  it('uses the dossier code as the transfer content, and the payment id when the code is too long', () => {
    const id = '3f1c2a9e-5b7d-4c1e-9a2b-0c4d5e6f7a8b';
    expect(paymentReference('TAM-KIOSK-01-261123-0001', id)).toBe('TAM-KIOSK-01-261123-0001');
    expect(paymentReference('000.00.12.H29-230512-0005', id)).toBe('000.00.12.H29-230512-0005');
    expect(paymentReference('000.00.12.H29.ABCD-230512-0005', id)).toBe('TT3F1C2A9E5B7D4C1E9A2B');
  });

  const bin = fc.stringMatching(/^\d{6}$/);
  const account = fc.stringMatching(/^[0-9A-Za-z]{1,19}$/);
  const amount = fc.integer({ min: 1, max: 9_999_999_999_999 });

  it('property: any account, amount and text give a payload whose CRC checks and whose fields read back to the inputs', () => {
    fc.assert(
      fc.property(bin, account, amount, fc.string({ unit: 'binary', maxLength: 60 }), (bankBin, accountNumber, amountVnd, text) => {
        const purpose = toPurposeText(text);
        const payload = encodeVietQr({ bankBin, accountNumber, amountVnd, ...(purpose ? { purpose } : {}) });
        expect(payload.slice(-8, -4)).toBe('6304');
        expect(crc16Hex(payload.slice(0, -4))).toBe(payload.slice(-4));
        // The TLV walk consumes the whole text: every length is right.
        expect(parseTlv(payload).map((f) => f.id)).toEqual(['00', '01', '38', '53', '54', '58', ...(purpose ? ['62'] : []), '63']);
        expect(decodeVietQr(payload)).toEqual({
          crcValid: true,
          dynamic: true,
          bankBin,
          accountNumber,
          service: 'QRIBFTTA',
          currency: '704',
          amountVnd,
          country: 'VN',
          purpose: purpose || null,
        });
        expect(purpose.length).toBeLessThanOrEqual(25);
        expect(purpose).toMatch(/^[\x20-\x7E]*$/);
      }),
      { numRuns: 500 },
    );
  });

  it('property: the transfer content keeps what is already plain ASCII (up to 25 characters)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9.-]{1,25}$/), (text) => {
        expect(toPurposeText(text)).toBe(text);
      }),
    );
  });
});
