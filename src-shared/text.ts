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
