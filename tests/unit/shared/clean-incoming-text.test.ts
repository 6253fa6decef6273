import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanIncomingText } from '../../../src-shared/text';

const lower = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ'];
/** Vietnamese as typed or scanned: letters of both cases, digits, spaces and address punctuation. */
const vietnamese = fc.string({ unit: fc.constantFrom(...lower, ...lower.map((c) => c.toUpperCase()), ' ', ' ', '0', '7', ',', '/', '.', '-'), maxLength: 60 });

const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];
const invisible = fc.constantFrom(...BIDI, ...ZERO_WIDTH);
const combiningMark = fc.integer({ min: 0x300, max: 0x36f }).map((c) => String.fromCharCode(c));

/** Anything, with the characters this is about mixed in. */
const hostile = fc.string({ unit: fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), invisible, combiningMark, fc.constantFrom(...lower)), maxLength: 80 });
const anyText = fc.oneof(hostile, fc.string({ unit: 'binary', maxLength: 80 }), vietnamese);

/** `text` with `inserts` put in at the given positions. */
function sprinkle(text: string, inserts: [number, string][]): string {
  const chars = [...text];
  for (const [at, what] of inserts) chars.splice(at % (chars.length + 1), 0, what);
  return chars.join('');
}

describe('cleanIncomingText', () => {
  it('leaves no bidi control, no zero-width character and no run of more than two marks, and returns NFC', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const clean = cleanIncomingText(text);
        for (const c of [...BIDI, ...ZERO_WIDTH]) expect(clean).not.toContain(c);
        expect(clean.normalize('NFD')).not.toMatch(/\p{M}{3}/u);
        expect(clean).toBe(clean.normalize('NFC'));
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = cleanIncomingText(text);
        expect(cleanIncomingText(once)).toBe(once);
      }),
    );
  });

  it('keeps Vietnamese text, NFC or NFD, and its spaces as they are (NFC)', () => {
    fc.assert(
      fc.property(vietnamese, fc.constantFrom<'NFC' | 'NFD'>('NFC', 'NFD'), (text, form) => {
        expect(cleanIncomingText(text.normalize(form))).toBe(text.normalize('NFC'));
      }),
    );
  });

  it('takes out invisible characters put anywhere into Vietnamese text, and nothing else', () => {
    fc.assert(
      fc.property(vietnamese, fc.array(fc.tuple(fc.nat(), invisible), { maxLength: 8 }), (text, inserts) => {
        expect(cleanIncomingText(sprinkle(text.normalize('NFC'), inserts))).toBe(text.normalize('NFC'));
      }),
    );
  });

  it('keeps the first two marks of a stacked run', () => {
    fc.assert(
      fc.property(fc.array(combiningMark, { minLength: 3, maxLength: 30 }), (marks) => {
        const clean = cleanIncomingText(`x${marks.join('')}y`).normalize('NFD');
        expect(clean).toBe(`x${marks.join('')}y`.normalize('NFD').replace(/^(x\p{M}{2})\p{M}*/u, '$1'));
        expect([...clean].length).toBe(4);
      }),
    );
  });

  it('cleans the cases it is for', () => {
    expect(cleanIncomingText('Nguy\u202Eễn Văn\u200B A')).toBe('Nguyễn Văn A');
    expect(cleanIncomingText('\uFEFF001099012345\u2069')).toBe('001099012345');
    expect(cleanIncomingText('Lê\u00A0Thị  Hoa')).toBe('Lê\u00A0Thị  Hoa');
    expect(cleanIncomingText('Ta\u0300\u0301\u0302\u0303\u0304\u0305m')).toBe('Ta\u0300\u0301m'.normalize('NFC'));
    // ê with a grave and a dot below is three marks: after NFD (dot below sorts first) two stay.
    expect(cleanIncomingText('Nguyê\u0300\u0323n')).toBe('Nguyện');
    expect(cleanIncomingText('Nghệ An, Cà Mau'.normalize('NFD'))).toBe('Nghệ An, Cà Mau');
  });
});
