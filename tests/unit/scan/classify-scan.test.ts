import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScanEventSchema } from '../../../src-shared/scan';
import { classifyScan } from '../../../src-main/scan/classify-scan';
import { receiptQrText } from '../../../src-main/scan/receipt-qr';
import { anyText, cccdCase, TODAY } from './arbitraries';

const card = '001099012345|123456789|Nguyễn Văn An|01021990|Nam|12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội|04102021';

describe('classifyScan', () => {
  it('tells a card, a receipt and a dossier code apart', () => {
    expect(classifyScan(card + '\r', TODAY)).toMatchObject({ kind: 'cccd', identity: { fullName: 'Nguyễn Văn An' } });
    expect(classifyScan(receiptQrText('TAM-KIOSK-01-261122-0003'), TODAY)).toMatchObject({
      kind: 'receipt',
      dossierCode: 'TAM-KIOSK-01-261122-0003',
      parts: { provisional: true, terminal: 'KIOSK-01' },
    });
    expect(classifyScan('000.00.12.H29-230512-0005', TODAY)).toMatchObject({ kind: 'dossier-code', parts: { agency: '000.00.12.H29' } });
  });

  it.each([
    ['a 10 kB QR', 'A'.repeat(10_240), 'too_long'],
    ['a card read through a wrong keyboard layout', card.replace(/[^ -~]/g, '?'), 'garbled'],
    ['a card decoded as Latin-1', Buffer.from(card).toString('latin1'), 'garbled'],
    ['a card whose separators became another key', card.replaceAll('|', '¦'), 'garbled'],
    ['a name without any structure, mangled', 'Nguy?n V?n An', 'garbled'],
    ['a damaged receipt', receiptQrText('000.00.12.H29-230512-0005').replace('0005', '0006'), 'invalid_receipt'],
    ['a dossier code of a day that does not exist', '000.00.12.H29-230231-0005', 'invalid_dossier_code'],
    ['a web address', 'https://dichvucong.gov.vn/', 'unrecognized'],
    ['an empty scan', '\r\n', 'unrecognized'],
    ['pipes but no card', 'a|b|c', 'not_cccd'],
  ])('%s is unknown with a message', (_name, text, reason) => {
    const event = classifyScan(text, TODAY);
    expect(event).toMatchObject({ kind: 'unknown', reason });
    expect(event.kind === 'unknown' && event.message.vi.length > 10 && event.message.en.length > 10).toBe(true);
  });

  it('property: every card classifies as that card', () => {
    fc.assert(
      fc.property(cccdCase, ({ text, expected }) => {
        expect(classifyScan(text, TODAY)).toEqual({ kind: 'cccd', identity: expected });
      }),
      { numRuns: 200 },
    );
  });

  it('property: never throws, always a valid event, and an unknown event never echoes the text', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, cccdCase.map((c) => c.text + 'x'), cccdCase.map((c) => c.text.slice(0, -3))), (text) => {
        const event = classifyScan(text, TODAY);
        expect(ScanEventSchema.safeParse(event).success).toBe(true);
        if (event.kind === 'unknown' && text.trim().length > 12) {
          expect(JSON.stringify(event)).not.toContain(JSON.stringify(text.trim()).slice(1, -1));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
