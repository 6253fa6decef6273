import { FUNCTION_KEYS } from '../keyboard/key-press';
import { pickInDirection, type Direction } from './spatial-focus';

/** Everything a keypad can land on: what Tab reaches, minus what is disabled or hidden. */
const FOCUSABLE = [
  'button:not(:disabled)',
  'a[href]',
  'input:not(:disabled):not([tabindex="-1"])',
  'select:not(:disabled)',
  'textarea:not(:disabled)',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** Marks the control that means "Back" on a screen (the header's, a dossier step's). */
export const BACK_ATTRIBUTE = 'data-keypad-back';

function isShown(element: Element): boolean {
  if (element.closest('[aria-hidden="true"], [inert]')) return false;
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
}

/** Where keys act: an open dialog (idle warning, staff gate) keeps them inside it. */
export function keypadScope(doc: Document): Element {
  const dialogs = doc.querySelectorAll('[aria-modal="true"]');
  return dialogs.item(dialogs.length - 1) ?? doc.body;
}

export function focusables(scope: Element): HTMLElement[] {
  return [...scope.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(isShown);
}

/** The first control of the screen's content (not the header's Back), or of the dialog. */
export function firstControl(scope: Element): HTMLElement | undefined {
  const main = scope.querySelector('main');
  return (main ? focusables(main)[0] : undefined) ?? focusables(scope)[0];
}

export function moveFocus(doc: Document, direction: Direction): void {
  const scope = keypadScope(doc);
  const current = doc.activeElement;
  if (!(current instanceof HTMLElement) || current === doc.body || !scope.contains(current)) {
    firstControl(scope)?.focus();
    return;
  }
  const candidates = focusables(scope).filter((e) => e !== current);
  const index = pickInDirection(current.getBoundingClientRect(), candidates.map((e) => e.getBoundingClientRect()), direction);
  candidates[index]?.focus();
}

/** The on-screen keyboard's key for `name` (simple-keyboard's `data-skbtn`), if one is shown. */
export function onScreenKey(doc: Document, name: string): HTMLElement | undefined {
  return [...keypadScope(doc).querySelectorAll<HTMLElement>(`.osk [data-skbtn="${CSS.escape(name)}"]`)].find(isShown);
}

export function hasOnScreenKeyboard(doc: Document): boolean {
  return onScreenKey(doc, FUNCTION_KEYS.backspace) !== undefined;
}

/** simple-keyboard listens to pointer events, not clicks: a key is "pressed" as a finger would. */
export function pressOnScreenKey(key: HTMLElement): void {
  const init = { bubbles: true, cancelable: true, pointerType: 'mouse', isPrimary: true, button: 0 };
  key.dispatchEvent(new PointerEvent('pointerdown', init));
  key.dispatchEvent(new PointerEvent('pointerup', init));
}

/**
 * Enter on the focused control. Buttons and links activate natively; the few that do not get
 * help: on-screen keyboard keys (pointer events), checkboxes (Space natively). With nothing
 * focused, Enter lands on the first control. Returns whether the key was handled here.
 */
export function activate(doc: Document): boolean {
  const current = doc.activeElement;
  if (!(current instanceof HTMLElement) || current === doc.body) {
    firstControl(keypadScope(doc))?.focus();
    return true;
  }
  if (current.hasAttribute('data-skbtn')) {
    pressOnScreenKey(current);
    return true;
  }
  if (current instanceof HTMLInputElement && (current.type === 'checkbox' || current.type === 'radio')) {
    current.click();
    return true;
  }
  return false;
}

/** "Back": the marked Back control of the dialog or screen, if there is one and it is enabled. */
export function goBack(doc: Document): void {
  const scope = keypadScope(doc);
  const backs = [...scope.querySelectorAll<HTMLButtonElement>(`[${BACK_ATTRIBUTE}]`)].filter((b) => !b.disabled && isShown(b));
  // A step's own Back (inside main) is more specific than the header's.
  (backs.find((b) => b.closest('main')) ?? backs[0])?.click();
}

export function isEditingText(target: EventTarget | null): boolean {
  if (target instanceof HTMLTextAreaElement) return !target.readOnly;
  if (!(target instanceof HTMLInputElement) || target.readOnly) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
}
