import { RATING_COMMENT_MAX } from '../../src-shared/rating';
import { toStoredText } from '../../src-shared/text';
import { redactIdentityNumbers } from '../kernel/logger';

/**
 * A rating's comment as stored: already cleaned of bidi and zero-width tricks by the dispatcher,
 * here without control characters, spaces collapsed, runs of ID or phone digits blanked (a rating
 * carries no personal data), and cut at RATING_COMMENT_MAX characters (code points, as SQLite's
 * length() counts them). Empty or blank is null: no comment.
 */
export function storedComment(text: string | undefined): string | null {
  if (text === undefined) return null;
  const plain = redactIdentityNumbers(toStoredText(text).replace(/\s+/g, ' ').trim());
  const cut = Array.from(plain).slice(0, RATING_COMMENT_MAX).join('').trim();
  return cut === '' ? null : cut;
}
