/**
 * Detects Vietnamese text mangled on its way from a barcode scanner in keyboard-emulation
 * ("keyboard wedge") mode, where the OS keyboard layout decides what each key becomes.
 * Mangled text must not be stored as a citizen's name or address: the kiosk asks them to type.
 *
 * What mangling looks like:
 * - `?` or U+FFFD where a Vietnamese letter could not be typed (`Nguy?n V?n An`).
 * - UTF-8 bytes decoded one by one as Windows-1252 / Latin-1 / Windows-1258 ("mojibake"):
 *   `ễ` = E1 BB 85 → `á»…`, `đ` = C4 91 → `Ä‘`, `Đ` = C4 90 → `Ä` + U+0090, `ă` = C4 83 → `Äƒ`,
 *   `é` = C3 A9 → `Ã©` (Windows-1258 shows the C3 as `Ă`), NFD marks = CC xx → `Ì` + one char.
 * - Other code pages: C1 controls, box drawing (DOS code pages), letters of other scripts
 *   (Cyrillic from Windows-1251, Han from GBK, ...): a CCCD's text is Vietnamese, Latin script.
 * - In a name: anything but letters, marks, spaces, apostrophes, dots and hyphens (digits,
 *   brackets, symbols) means keys landed on the wrong characters.
 *
 * False positives only cost the citizen some typing; false negatives store mangled personal
 * data. The rules lean towards detecting.
 */

export type GarbleField = 'text' | 'name';

/** How a UTF-8 continuation byte (0x80–0xBF) shows up after a wrong single-byte decode. */
const CONTINUATION =
  '\\u0080-\\u00BF' + // Latin-1 (0x80–0x9F as C1 controls), and 0xA0–0xBF in all three code pages
  '\\u20AC\\u201A\\u0192\\u201E\\u2026\\u2020\\u2021\\u02C6\\u2030\\u0160\\u2039\\u0152\\u017D' + // Windows-1252 0x80–0x8E
  '\\u2018\\u2019\\u201C\\u201D\\u2022\\u2013\\u2014\\u02DC\\u2122\\u0161\\u203A\\u0153\\u017E\\u0178'; // 0x91–0x9F

/**
 * Lead bytes of the 2-byte UTF-8 sequences of Vietnamese letters, as decoded by Windows-1252 /
 * Latin-1 (C3 Ã, C4 Ä, C5 Å, C6 Æ, CC Ì) and Windows-1258 (C3 Ă), followed by a continuation.
 * None of these pairs occurs in real Vietnamese text.
 */
const MOJIBAKE_PAIR = new RegExp(`[\\u00C3\\u0102\\u00C4\\u00C5\\u00C6\\u00CC][${CONTINUATION}]`, 'u');

/** U+1EA0–U+1EF9 (ạ…ỹ) are E1 BA xx / E1 BB xx: `áº` / `á»`, whatever became of the third byte. */
const MOJIBAKE_TRIPLE = /\u00E1[\u00BA\u00BB]/u;

/**
 * Windows-1258 decodes 0xCC as a combining grave, so NFD marks (CC 80…CC A3) come out as a mark
 * followed by the second byte: € (U+0300), 0x81, ‚ (U+0302), ƒ (U+0303), † (U+0306), ‰ (U+0309),
 * › (U+031B), £ (U+0323). Checked on the NFD form, where the mark stands on its own.
 */
const MOJIBAKE_NFD_MARK = /[\u0300-\u036F][\u20AC\u0081\u201A\u0192\u2020\u2030\u203A\u00A3]/u;

/** A character that never belongs in a CCCD's text field. */
const NEVER = new RegExp(
  [
    '[?\\uFFFD]', // replacement: the layout could not type the letter
    '[\\u0080-\\u009F]', // C1 controls: a Latin-1 decode of UTF-8
    '[\\u2500-\\u259F]', // box drawing and blocks: a DOS code page decode
    '(?![\\t\\n\\r])\\p{C}', // other controls, format characters, unassigned, private use, lone surrogates
    '(?!\\p{Script=Latin})\\p{L}', // letters of another script: a Cyrillic, Greek, CJK ... code page
  ].join('|'),
  'u',
);

/** In a name: letters, marks, spaces, apostrophes (H'Hen Niê), dots and hyphens only. */
const NOT_IN_NAME = /[^\p{L}\p{M}\s'\u2019.-]/u;

/**
 * True when `text` looks mangled by a wrong keyboard layout or code page. `field: 'name'`
 * also rejects digits, brackets and symbols, which no person's name contains.
 */
export function detectGarbled(text: string, field: GarbleField = 'text'): boolean {
  const nfc = text.normalize('NFC');
  if (NEVER.test(nfc) || MOJIBAKE_PAIR.test(nfc) || MOJIBAKE_TRIPLE.test(nfc)) return true;
  if (MOJIBAKE_NFD_MARK.test(nfc.normalize('NFD'))) return true;
  return field === 'name' && NOT_IN_NAME.test(nfc);
}
