/**
 * Vietnamese search folding: NFD, combining marks dropped, đ/Đ → d, lower case, controls removed,
 * spaces collapsed. "Đất đai", "dat dai" and "ĐẤT   ĐAI" fold to the same "dat dai".
 * (SQLite's remove_diacritics does not fold đ: it is a letter, not a mark.)
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\p{C}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Text as stored: NFC, without control characters. */
export const toStoredText = (text: string): string => text.normalize('NFC').replace(/[\p{Cc}]+/gu, ' ');

/** Invisible bidi controls (embeddings, overrides, isolates, marks): they reorder what staff read. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/gu;
/** Zero-width characters: they make two equal-looking names differ. Ordinary spaces stay. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/gu;
/** Marks stacked beyond the two a Vietnamese letter needs (ệ = e + ̣ + ̂): "Zalgo" text. */
const EXCESS_MARKS = /(\p{M}{2})\p{M}+/gu;

/**
 * Text entering the core from outside (a renderer's request, a scanner): without bidi controls
 * and zero-width characters, with at most two combining marks on a letter (counted after NFD,
 * the first two kept), returned NFC. Idempotent; every other character, spaces included, stays.
 */
export function cleanIncomingText(text: string): string {
  return text.replace(BIDI_CONTROLS, '').replace(ZERO_WIDTH, '').normalize('NFD').replace(EXCESS_MARKS, '$1').normalize('NFC');
}
