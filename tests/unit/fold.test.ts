import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatVnd } from '../../src-shared/format';
import { foldVietnamese } from '../../src-shared/text';
import { withinOneEdit } from '../../src-main/catalog/within-one-edit';

const vietnamese = fc.string({ unit: fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐĂÂÊÔƠƯ ÀÁẠẾỆ  \t.-1'.split('')) });

describe('Vietnamese folding', () => {
  it('folds NFD and NFC input the same way', () => {
    fc.assert(fc.property(fc.oneof(vietnamese, fc.string()), (x) => {
          expect(foldVietnamese(x.normalize('NFD'))).toBe(foldVietnamese(x.normalize('NFC')));
        }));
  });

  it('leaves no marks, no đ and no upper case', () => {
    fc.assert(
      fc.property(vietnamese, (x) => {
        const f = foldVietnamese(x);
        expect(f).not.toMatch(/[\u0300-\u036f]|đ|Đ/);
        expect(f).toBe(f.toLowerCase());
        expect(f).not.toMatch(/\s{2,}|^\s|\s$/);
      }),
    );
  });

  it('makes "dat dai" find "Đất đai" and "so do" find "sổ đỏ"', () => {
    expect(foldVietnamese('Đất   ĐAI')).toBe('dat dai');
    expect(foldVietnamese('Cấp đổi Giấy chứng nhận (sổ đỏ)')).toBe('cap doi giay chung nhan (so do)');
    expect(foldVietnamese('Chứng\u0000thực\u200b')).toBe('chung thuc');
  });
});

describe('formatVnd', () => {
  it('writes đồng with dot thousands', () => {
    expect(formatVnd(1250000)).toBe('1.250.000 ₫');
    expect(formatVnd(0)).toBe('0 ₫');
    expect(formatVnd(999)).toBe('999 ₫');
    expect(formatVnd(1000)).toBe('1.000 ₫');
  });
});

describe('withinOneEdit', () => {
  it('accepts one insertion, deletion, substitution or swap and nothing more', () => {
    expect(withinOneEdit('khai', 'khai')).toBe(true);
    expect(withinOneEdit('kahi', 'khai')).toBe(true);
    expect(withinOneEdit('khi', 'khai')).toBe(true);
    expect(withinOneEdit('khaii', 'khai')).toBe(true);
    expect(withinOneEdit('khao', 'khai')).toBe(true);
    expect(withinOneEdit('kaoi', 'khai')).toBe(false);
    expect(withinOneEdit('kh', 'khai')).toBe(false);
  });

  it('is symmetric', () => {
    fc.assert(fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
          expect(withinOneEdit(a, b)).toBe(withinOneEdit(b, a));
        }));
  });
});
