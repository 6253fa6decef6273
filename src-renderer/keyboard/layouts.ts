import type { Language } from '../../src-shared/dto';
import { FUNCTION_KEYS } from './key-press';

const { backspace, clear, space } = FUNCTION_KEYS;

/**
 * One layout per UI language, as rows of space-separated buttons (simple-keyboard's format).
 * Both are QWERTY, which Vietnamese typists use with Telex and VNI; the Vietnamese one adds đ
 * for people who type without an input method, and the number row doubles as VNI's mark keys.
 * Lower case only: search ignores case, and a shift key is one more thing to get wrong.
 */
export const keyboardLayouts: Record<Language, readonly string[]> = {
  vi: [
    `1 2 3 4 5 6 7 8 9 0 ${backspace}`,
    'q w e r t y u i o p',
    'a s d f g h j k l đ',
    `z x c v b n m . ${clear}`,
    space,
  ],
  en: [
    `1 2 3 4 5 6 7 8 9 0 ${backspace}`,
    'q w e r t y u i o p',
    'a s d f g h j k l',
    `z x c v b n m . ${clear}`,
    space,
  ],
};

/** Every button a layout shows, for tests and for the benchmark's key lookup. */
export function layoutButtons(language: Language): string[] {
  return keyboardLayouts[language].flatMap((row) => row.split(' '));
}
