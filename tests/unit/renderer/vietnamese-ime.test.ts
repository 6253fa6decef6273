import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyKey, backspace, type InputMethod } from '../../../src-renderer/keyboard/vietnamese-ime';

/** Types `keys` one by one into an empty field, as the on-screen keyboard does. */
function typeKeys(keys: string, method: InputMethod): string {
  let text = '';
  for (const key of keys) text = applyKey(text, key, method);
  return text;
}

const graphemes = (s: string): string[] =>
  Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s), (g) => g.segment);

describe('Telex', () => {
  it.each([
    ['ddaats', 'đất'],
    ['dats', 'dát'], // the tone may come after the final consonant
    ['nguoiwf', 'người'],
    ['nguwowif', 'người'], // uwow → ươ too
    ['nguoifw', 'người'], // tone before the horn: re-placed when the ơ appears
    ['tieengs vieetj', 'tiếng việt'],
    ['Vieetj Nam', 'Việt Nam'],
    ['VIEETJ NAM', 'VIỆT NAM'],
    ['DDaats ddai', 'Đất đai'],
    ['Ddaats', 'Đất'],
    ['hoaf', 'hoà'], // new style: oa takes the tone on a
    ['hoafn', 'hoàn'],
    ['thuyr', 'thuỷ'],
    ['khoer', 'khoẻ'],
    ['quys', 'quý'],
    ['gias', 'giá'],
    ['ginf', 'gìn'],
    ['muaf', 'mùa'],
    ['hoir', 'hỏi'],
    ['khuya', 'khuya'],
    ['ngoaif', 'ngoài'],
    ['khai sinh', 'khai sinh'],
    ['soor ddor', 'sổ đỏ'],
    ['chuwngs thuwcj', 'chứng thực'],
    ['muaw', 'mưa'],
    ['hoawcj', 'hoặc'],
    ['tuaan', 'tuân'],
    ['cuwus', 'cứu'],
    ['quoocs', 'quốc'],
    ['as', 'á'],
    ['asz', 'a'],
    ['asf', 'à'], // another tone replaces the first
    ['ass', 'as'], // same tone twice: undo, and the key is typed
    ['aaa', 'aa'], // same mark twice: undo
    ['aww', 'aw'],
    ['ddd', 'dd'],
    ['s', 's'], // tone key without a vowel is a letter
    ['z', 'z'],
    ['w', 'w'],
    ['123', '123'],
  ])('%s → %s', (keys, expected) => {
    expect(typeKeys(keys, 'telex')).toBe(expected);
  });
});

describe('VNI', () => {
  it.each([
    ['d9a61t', 'đất'],
    ['dda61t', 'đất'], // lenient: dd is đ in VNI too
    ['D9a61t', 'Đất'],
    ['nguo72i', 'người'],
    ['ngu7o7i2', 'người'],
    ['tie61ng vie65t', 'tiếng việt'],
    ['Vie65t Nam', 'Việt Nam'],
    ['hoa2', 'hoà'],
    ['hoa2n', 'hoàn'],
    ['quy1', 'quý'],
    ['gia1', 'giá'],
    ['so63 d9o3', 'sổ đỏ'], // o6 = ô (o7 would be ơ: so73 = sở)
    ['so73', 'sở'],
    ['chu7ng1 thu7c5', 'chứng thực'],
    ['mua7', 'mưa'],
    ['hoa8c5', 'hoặc'],
    ['a10', 'a'],
    ['a11', 'a1'],
    ['a66', 'a6'],
    ['d99', 'd9'],
    ['123', '123'],
    ['2024', '2024'],
    ['khai sinh', 'khai sinh'],
  ])('%s → %s', (keys, expected) => {
    expect(typeKeys(keys, 'vni')).toBe(expected);
  });
});

describe('applyKey', () => {
  it("'none' never transforms", () => {
    expect(typeKeys('ddaats dda61t', 'none')).toBe('ddaats dda61t');
  });

  it('only rewrites the last word and keeps what is before it', () => {
    expect(applyKey('Số nhà: ', '1', 'vni')).toBe('Số nhà: 1');
    expect(applyKey('Hà Nội, hoa', 'f', 'telex')).toBe('Hà Nội, hoà');
  });

  it('accepts NFD text and answers NFC', () => {
    expect(applyKey('Vie\u0323\u0302', 't', 'telex')).toBe('Việt');
    expect(applyKey('ha\u0300', 'n', 'vni')).toBe('hàn');
  });

  it('leaves foreign words alone', () => {
    expect(typeKeys('Müller', 'telex')).toBe('Müller');
    expect(applyKey('Müll', 's', 'telex')).toBe('Mülls');
  });
});

describe('backspace', () => {
  it('removes one whole character', () => {
    expect(backspace('đất')).toBe('đấ');
    expect(backspace('Việ')).toBe('Vi');
    expect(backspace('Vie\u0323\u0302')).toBe('Vi'); // NFD ệ is still one character
    expect(backspace('e\u0301')).toBe('');
    expect(backspace('')).toBe('');
  });
});

describe('properties', () => {
  const keyChars = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 sfrxjzwd'];
  const keySeq = fc.array(fc.constantFrom(...keyChars), { maxLength: 40 });
  const method = fc.constantFrom<InputMethod>('telex', 'vni', 'none');

  it('never throws and every intermediate text is NFC', () => {
    fc.assert(
      fc.property(keySeq, method, (keys, m) => {
        let text = '';
        for (const key of keys) {
          text = applyKey(text, key, m);
          expect(text).toBe(text.normalize('NFC'));
        }
      }),
    );
  });

  it('never changes the text before the last word', () => {
    fc.assert(
      fc.property(keySeq, fc.constantFrom(...keyChars), method, (keys, key, m) => {
        const text = typeKeys(keys.join(''), m);
        const head = text.replace(/[\p{L}\p{M}]*$/u, '');
        expect(applyKey(text, key, m).startsWith(head)).toBe(true);
      }),
    );
  });

  it("'none' is plain concatenation", () => {
    fc.assert(
      fc.property(keySeq, (keys) => {
        expect(typeKeys(keys.join(''), 'none')).toBe(keys.join(''));
      }),
    );
  });

  it('backspace drops exactly the last grapheme of any output', () => {
    fc.assert(
      fc.property(keySeq, method, (keys, m) => {
        const text = typeKeys(keys.join(''), m);
        const after = backspace(text);
        expect(after).toBe(after.normalize('NFC'));
        expect(after).toBe(graphemes(text).slice(0, -1).join(''));
        if (text !== '') expect(after.length).toBeLessThan(text.length);
      }),
    );
  });
});
