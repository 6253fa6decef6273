import { RATING_COMMENT_MAX } from '../../src-shared/rating';
import { toStoredText } from '../../src-shared/text';

/**
 * Nine or more digits in a row, spaces, dots or dashes between them allowed, any script's digits:
 * an ID card, an old ID, a phone number. Stricter than the logger's guard (which spares digits
 * glued to letters, for codes): a comment has no business carrying such a number at all.
 */
const LONG_NUMBER = /\+?\p{Nd}(?:[ .-]?\p{Nd}){8,}/gu;

/**
 * A rating's comment as stored: already cleaned of bidi and zero-width tricks by the dispatcher,
 * here without control characters, spaces collapsed, long numbers blanked (a rating carries no
 * personal data), and cut at RATING_COMMENT_MAX characters (code points, as SQLite's length()
 * counts them). Empty or blank is null: no comment.
 */
export function storedComment(text: string | undefined): string | null {
  if (text === undefined) return null;
  const plain = toStoredText(text).replace(/\s+/g, ' ').replace(LONG_NUMBER, '#redacted#').trim();
  const cut = Array.from(plain).slice(0, RATING_COMMENT_MAX).join('').trim();
  return cut === '' ? null : cut;
}
