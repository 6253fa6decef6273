import { applyKey, backspace, type InputMethod } from './vietnamese-ime';

/** The keyboard's function keys, in simple-keyboard's `{name}` notation. */
export const FUNCTION_KEYS = { backspace: '{bksp}', clear: '{clear}', space: '{space}' } as const;

/**
 * The field's text after one key of the on-screen keyboard. Letters and digits go through the
 * input method (Telex/VNI compose marks); function keys edit the text. A key that would take the
 * text past `maxLength` characters is ignored, so what the field shows is what gets searched.
 */
export function pressKey(text: string, button: string, method: InputMethod, maxLength: number): string {
  switch (button) {
    case FUNCTION_KEYS.backspace:
      return backspace(text);
    case FUNCTION_KEYS.clear:
      return '';
    case FUNCTION_KEYS.space:
      // One space between words is all search needs; more only looks like a broken key.
      return text === '' || text.endsWith(' ') || [...text].length >= maxLength ? text : `${text} `;
    default: {
      // Unknown `{...}` names are layout mistakes, not text: never type their braces.
      if ([...button].length !== 1) return text;
      const next = applyKey(text, button, method);
      return [...next].length > maxLength ? text : next;
    }
  }
}
