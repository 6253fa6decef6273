import type { Direction } from './spatial-focus';

/** What one key of a navigation keypad (or a keyboard) does on the kiosk. */
export type KeypadAction =
  | { readonly kind: 'move'; readonly direction: Direction }
  | { readonly kind: 'activate' }
  | { readonly kind: 'back' }
  /** A digit (or a letter, from a full keyboard) typed on the on-screen keyboard the screen shows. */
  | { readonly kind: 'type'; readonly key: string }
  | { readonly kind: 'erase' };

export interface KeyContext {
  /** The screen shows the kiosk's on-screen keyboard (a field or the search box takes typing). */
  readonly onScreenKeyboard: boolean;
  /** Focus is in a real editable text field, which handles its own caret and erasing. */
  readonly editingText: boolean;
}

const ARROWS: Readonly<Record<string, Direction>> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

/**
 * The keypad's keys, decided without the DOM. F1–F3 and NumpadAdd/NumpadSubtract are the audio
 * guide's (help, repeat, volume) and are never taken here; neither is any key with Ctrl, Alt or Meta.
 * Backspace is "erase" where there is something to type into and "Back" elsewhere, as on a phone.
 */
export function keypadAction(key: string, modified: boolean, context: KeyContext): KeypadAction | null {
  if (modified) return null;
  const direction = ARROWS[key];
  if (direction) {
    // In a real text field Left/Right move the caret.
    if (context.editingText && (direction === 'left' || direction === 'right')) return null;
    return { kind: 'move', direction };
  }
  if (key === 'Enter') return { kind: 'activate' };
  if (key === 'Escape') return { kind: 'back' };
  if (key === 'Backspace') {
    if (context.editingText) return null;
    return context.onScreenKeyboard ? { kind: 'erase' } : { kind: 'back' };
  }
  // Digits (a keypad's number keys) and, from a full keyboard, letters: typed on the screen's keyboard.
  if (/^[\p{L}\p{N}.]$/u.test(key) && context.onScreenKeyboard && !context.editingText) return { kind: 'type', key: key.toLowerCase() };
  return null;
}
