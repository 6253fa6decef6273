/**
 * Vietnamese input-method engine for the kiosk's on-screen keyboard (Telex, VNI, or none).
 *
 * Pure and stateless: the caller passes the field's text and the key pressed and gets the new
 * text back. Only the LAST WORD (the trailing run of letters) is ever rewritten; everything
 * before it is kept as is. Input may be NFD; output is always NFC.
 *
 * How a key is handled, in order:
 *   1. tone keys (Telex s f r x j, z = no tone; VNI 1-5, 0 = no tone). The tone belongs to the
 *      syllable, not to a letter: it is stored once and re-placed every time the word changes.
 *      Pressing the key of the tone the word already has undoes it and types the key (ass → as).
 *   2. đ (Telex dd, VNI d9; VNI also accepts dd because citizens mix the two schemes).
 *   3. vowel marks (Telex aa ee oo aw ow uw w; VNI 6 7 8), which may come later in the word
 *      (nguoiw → ngươi). Repeating a mark undoes it and types the key (aaa → aa).
 *   4. anything else is typed as is (and the tone re-placed: hoà + n → hoàn).
 * A transformation is applied only when the result still spells a possible Vietnamese syllable;
 * otherwise the key is typed literally. That keeps numbers (2024), foreign names and the undone
 * forms (ass, aaa) intact, and makes a tone key on a word without vowel a plain letter (s → s).
 */

export type InputMethod = 'telex' | 'vni' | 'none';

/** 0 = no tone, then sắc, huyền, hỏi, ngã, nặng: index into TONE_MARKS (NFD combining marks). */
type Tone = 0 | 1 | 2 | 3 | 4 | 5;
const TONE_MARKS = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'] as const;
const TONE_MARK_RE = /[\u0300\u0301\u0303\u0309\u0323]/gu;

const TONE_KEYS: Record<'telex' | 'vni', Record<string, Tone>> = {
  telex: { s: 1, f: 2, r: 3, x: 4, j: 5, z: 0 },
  vni: { '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '0': 0 },
};

/** A vowel-mark key: which plain vowel becomes which marked one, and how to take the mark off. */
interface Mark {
  to: Record<string, string>;
  undo: Record<string, string>;
}
const MARK_KEYS: Record<'telex' | 'vni', Record<string, Mark>> = {
  telex: {
    a: { to: { a: 'â', 'ă': 'â' }, undo: { 'â': 'a' } },
    e: { to: { e: 'ê' }, undo: { 'ê': 'e' } },
    o: { to: { o: 'ô', 'ơ': 'ô' }, undo: { 'ô': 'o' } },
    // w is both horn (ư ơ) and breve (ă); the syllable check picks the one that makes sense:
    // mua+w → mưa, hoa+w → hoă(c), qua+w → quă(ng).
    w: { to: { u: 'ư', o: 'ơ', 'ô': 'ơ', a: 'ă', 'â': 'ă' }, undo: { 'ư': 'u', 'ơ': 'o', 'ă': 'a' } },
  },
  vni: {
    '6': { to: { a: 'â', 'ă': 'â', e: 'ê', o: 'ô', 'ơ': 'ô' }, undo: { 'â': 'a', 'ê': 'e', 'ô': 'o' } },
    '7': { to: { u: 'ư', o: 'ơ', 'ô': 'ơ' }, undo: { 'ư': 'u', 'ơ': 'o' } },
    '8': { to: { a: 'ă', 'â': 'ă' }, undo: { 'ă': 'a' } },
  },
};

const VOWELS = new Set([...'aăâeêioôơuưy']);
const MARKED_VOWELS = new Set([...'ăâêôơư']);
/** Every vowel cluster (nucleus) of standard Vietnamese, without tone. Some need a final consonant
 *  (iê, uô, ươ, uâ, oă, yê, uyê) but are listed bare because they are typed before it. */
const NUCLEI = new Set(
  ('a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ uê ui uô uơ' +
    ' uy ưa ưi ươ ưu yê iêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu yêu').split(' '),
);
const stripMarks = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '');
/** Nuclei with the vowel marks not typed yet (nguoi, tie): tones may be typed before the marks. */
const BARE_NUCLEI = new Set([...NUCLEI].map(stripMarks));
/** Initial consonants, plus "q" because it is typed before its u. The list is prefix-closed, so a
 *  half-typed cluster (n → ng → ngh) is always accepted. */
const INITIALS = new Set(
  ' b c ch d đ g gh gi h k kh l m n ng ngh nh p ph q qu r s t th tr v x'.split(' '),
);
const FINALS = new Set(' c ch m n ng nh p t'.split(' '));

/** One letter of the word: lower-case base without tone (â, đ, ư…) and whether it was upper-case. */
interface Letter {
  base: string;
  upper: boolean;
}

/** Splits a word into letters and its tone; null when it is not made of Vietnamese letters
 *  (foreign letter, stray combining mark, two tones, tone on a consonant), which is left alone. */
function decompose(word: string): { letters: Letter[]; tone: Tone } | null {
  const letters: Letter[] = [];
  let tone: Tone = 0;
  for (const ch of word) {
    const nfd = ch.normalize('NFD');
    const bare = nfd.replace(TONE_MARK_RE, '').normalize('NFC');
    const base = bare.toLowerCase();
    if (!/^[a-zđăâêôơư]$/u.test(base)) return null;
    const t = TONE_MARKS.findIndex((m, i) => i > 0 && nfd.includes(m));
    if (t > 0) {
      if (tone !== 0 || !VOWELS.has(base)) return null;
      tone = t as Tone;
    }
    letters.push({ base, upper: bare !== base });
  }
  return { letters, tone };
}

/** Where the nucleus [start, end) is, and whether initial + nucleus + final could be a syllable
 *  (bare = marks not typed yet are tolerated). qu and gi (before another vowel) are consonants. */
function analyse(bases: string[]): { start: number; end: number; valid: boolean } {
  let i = 0;
  while (i < bases.length && !VOWELS.has(bases[i] ?? '')) i++;
  let initial = bases.slice(0, i).join('');
  if ((initial === 'q' && bases[i] === 'u') || (initial === 'g' && bases[i] === 'i' && VOWELS.has(bases[i + 1] ?? ''))) {
    initial += bases[i];
    i++;
  }
  const start = i;
  while (i < bases.length && VOWELS.has(bases[i] ?? '')) i++;
  const nucleus = bases.slice(start, i).join('');
  const valid =
    INITIALS.has(initial) && FINALS.has(bases.slice(i).join('')) && (nucleus === '' || BARE_NUCLEI.has(stripMarks(nucleus)));
  return { start, end: i, valid };
}

/**
 * Which letter carries the tone, by the modern rules ("kiểu mới", used consistently):
 *  - a vowel with a mark (ă â ê ô ơ ư) takes it; in ươ the ơ (the last marked one): người, tiếng;
 *  - else in a closed syllable (final consonant) the last vowel: hoàn, toán, huỳnh;
 *  - else the middle of three vowels: ngoài, khuya, khuỷu;
 *  - else of two vowels the second for oa oe uy (hoà, khoẻ, thuỷ), the first otherwise (mùa, hỏi);
 *  - a single vowel takes it. qu/gi are consonants, so quý, giá, gìn.
 */
function tonePosition(bases: string[], start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) if (MARKED_VOWELS.has(bases[i] ?? '')) return i;
  if (end < bases.length || end - start === 1) return end - 1;
  if (end - start === 3) return start + 1;
  return ['oa', 'oe', 'uy'].includes(bases.slice(start, end).join('')) ? start + 1 : start;
}

/** Writes the word with its tone placed; null when a tone cannot go anywhere sensible. */
function render(letters: Letter[], tone: Tone): string | null {
  const bases = letters.map((l) => l.base);
  const { start, end, valid } = analyse(bases);
  if (tone !== 0 && (!valid || start === end)) return null;
  const at = tone === 0 ? -1 : tonePosition(bases, start, end);
  return letters
    .map((l, i) => {
      const ch = l.upper ? l.base.toUpperCase() : l.base;
      return i === at ? (ch.normalize('NFD') + TONE_MARKS[tone]).normalize('NFC') : ch;
    })
    .join('');
}

const withBase = (letters: Letter[], i: number, base: string): Letter[] =>
  letters.map((l, j) => (j === i ? { ...l, base } : l));

/** Applies a vowel mark somewhere in the nucleus. Returns the new letters, or the letters with the
 *  mark taken off (undo: the key is then typed too), or null when the mark has nothing to act on. */
function applyMark(letters: Letter[], mark: Mark): { letters: Letter[]; undo: boolean } | null {
  const bases = letters.map((l) => l.base);
  const { start, end, valid } = analyse(bases);
  if (!valid) return null;
  // The result must be a real nucleus, marks included (ơa, ău, oâ are rejected).
  const fits = (next: Letter[]): boolean => NUCLEI.has(next.slice(start, end).map((l) => l.base).join(''));
  // u+o take the horn together (uow, uwow, ưo7 → ươ), unless qu already ate the u.
  if (mark.to['u'] && mark.to['o']) {
    for (let i = start; i + 1 < end; i++) {
      const pair = (bases[i] ?? '') + (bases[i + 1] ?? '');
      if (/^[uư][oơô]$/u.test(pair) && pair !== 'ươ') {
        const next = withBase(withBase(letters, i, 'ư'), i + 1, 'ơ');
        if (fits(next)) return { letters: next, undo: false };
      }
    }
  }
  for (let i = start; i < end; i++) {
    const to = mark.to[bases[i] ?? ''];
    if (to === undefined) continue;
    const next = withBase(letters, i, to);
    if (fits(next)) return { letters: next, undo: false };
  }
  let undone = letters;
  for (let i = start; i < end; i++) {
    const back = mark.undo[bases[i] ?? ''];
    if (back !== undefined) undone = withBase(undone, i, back);
  }
  return undone === letters ? null : { letters: undone, undo: true };
}

/** The new last word, or null when the key is simply typed after the text. */
function transformWord(word: string, key: string, method: 'telex' | 'vni'): string | null {
  const parsed = decompose(word);
  if (parsed === null) return null;
  const { letters, tone } = parsed;
  const k = key.toLowerCase();

  const newTone = TONE_KEYS[method][k];
  if (newTone !== undefined) {
    const { start, end, valid } = analyse(letters.map((l) => l.base));
    if (!valid || start === end) return null; // no vowel (s, 2024) or not a syllable: plain key
    if (newTone === tone) return tone === 0 ? null : `${render(letters, 0) ?? ''}${key}`; // undo: ass → as
    return render(letters, newTone);
  }

  if (k === 'd' || (method === 'vni' && k === '9')) {
    const first = letters[0]?.base;
    if (first === 'd') {
      const next = withBase(letters, 0, 'đ');
      if (analyse(next.map((l) => l.base)).valid) return render(next, tone);
    } else if (first === 'đ') {
      const undone = render(withBase(letters, 0, 'd'), tone);
      return undone === null ? null : undone + key; // ddd → dd
    }
  }

  const mark = MARK_KEYS[method][k];
  const marked = mark ? applyMark(letters, mark) : null;
  if (marked) {
    const out = render(marked.letters, tone);
    return out === null ? null : marked.undo ? out + key : out;
  }

  // A plain letter: append it and re-place the tone (hoà + n → hoàn). Digits are typed as is.
  const longer = decompose(word + key);
  return longer === null ? null : render(longer.letters, longer.tone);
}

/** The text after pressing `key` (one character) with `text` in the field. */
export function applyKey(text: string, key: string, method: InputMethod): string {
  const before = text.normalize('NFC');
  const typed = (before + key).normalize('NFC');
  if (method === 'none' || [...key].length !== 1) return typed;
  const word = /[\p{L}\p{M}]*$/u.exec(before)?.[0] ?? '';
  const out = transformWord(word, key, method);
  return out === null ? typed : (before.slice(0, before.length - word.length) + out).normalize('NFC');
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Removes the last user-perceived character (a whole grapheme: "ệ" goes at once, never half). */
export function backspace(text: string): string {
  const parts = Array.from(graphemes.segment(text.normalize('NFC')), (s) => s.segment);
  parts.pop();
  return parts.join('').normalize('NFC');
}
