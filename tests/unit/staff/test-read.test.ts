import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskId, nameInitials, toTestRead } from '../../../src-main/scan/test-read';
import { classifyScan } from '../../../src-main/scan/classify-scan';

const card = '001099017777|123456789|Nguyễn Văn An|01021990|Nam|12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội|04102021';

describe('test read: what staff see of a scan', () => {
  it('shows a card as kind, length, masked ID and initials, and nothing else of it', () => {
    const read = toTestRead(classifyScan(card, '2026-11-23'), card.length, 'scanner', '2026-11-23T02:00:00.000Z');
    expect(read).toEqual({
      kind: 'cccd',
      length: card.length,
      source: 'scanner',
      at: '2026-11-23T02:00:00.000Z',
      maskedId: '********7777',
      initials: 'N.V.A.',
      reason: null,
    });
    const text = JSON.stringify(read);
    for (const secret of ['001099017777', '123456789', 'Nguyễn', 'Văn', '1990', 'Lý Thường Kiệt', 'Hà Nội']) expect(text).not.toContain(secret);
  });

  it('keeps no more than the last four digits of any ID', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (id) => {
        const masked = maskId(id);
        expect(masked).toHaveLength(12);
        expect(masked.slice(0, 8)).toBe('********');
        expect(masked.slice(8)).toBe(id.slice(8));
      }),
    );
  });

  it('turns any name into one capital letter and a dot per word', () => {
    expect(nameInitials('  đặng   thị  ánh ')).toBe('Đ.T.Á.');
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ]{1,8}$/u), { minLength: 1, maxLength: 5 }), (words) => {
        expect(nameInitials(words.join(' '))).toMatch(/^(\p{Lu}\.)+$/u);
      }),
    );
  });

  it('shows no dossier code (it leads to a citizen\u2019s file) and an unknown scan\u2019s reason', () => {
    const code = '000.00.12.H29-261124-0001';
    expect(toTestRead(classifyScan(code, '2026-11-23'), code.length, 'wedge', 'x')).toMatchObject({ kind: 'dossier-code', length: 25, maskedId: null });
    expect(JSON.stringify(toTestRead(classifyScan(code, '2026-11-23'), code.length, 'wedge', 'x'))).not.toContain('H29');
    expect(toTestRead(classifyScan('hello', '2026-11-23'), 5, 'wedge', 'x')).toMatchObject({ kind: 'unknown', reason: 'unrecognized' });
  });
});
