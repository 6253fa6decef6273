import { assertNever } from '../../src-shared/assert-never';

/**
 * The kiosk keyboard has lower-case letters only (one less thing to get wrong); names are written
 * with a capital to each word and certificate serials in capitals, so the field does that.
 */
export type LetterCase = 'none' | 'words' | 'upper';

export function applyCase(text: string, letterCase: LetterCase): string {
  switch (letterCase) {
    case 'none':
      return text;
    case 'upper':
      return text.toLocaleUpperCase('vi');
    case 'words':
      return text.replace(/(^|\s)(\p{Ll})/gu, (_m, space: string, letter: string) => space + letter.toLocaleUpperCase('vi'));
    default:
      return assertNever(letterCase);
  }
}

/** A catalog pattern that allows capitals but no small letters wants its text in capitals. */
export function caseForPattern(pattern: string | undefined): LetterCase {
  if (pattern === undefined) return 'none';
  return /A-Z/.test(pattern) && !/a-z/.test(pattern) ? 'upper' : 'none';
}
