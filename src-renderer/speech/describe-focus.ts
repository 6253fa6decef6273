/** Keys of the on-screen keyboards: said one by one they would spell out a name or an ID number. */
const QUIET = '.osk, .dossier__keyboard, [data-speech-quiet]';

export interface FocusWords {
  field: string;
  button: string;
  checked: string;
  unchecked: string;
}

type Labelable = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | HTMLButtonElement;

/**
 * What to say when a control gets focus: its accessible name and its role, never what is typed in
 * it (a field holds a name or an ID number; the citizen knows what they typed, the hall must not).
 * A button with a <label> is a kiosk text field (dossier/TextFields.tsx): its label is said, not
 * its content.
 */
export function describeFocus(element: Element, words: FocusWords): string | null {
  if (!(element instanceof HTMLElement) || element === document.body || element.closest(QUIET)) return null;
  const explicit = element.getAttribute('aria-label') ?? labelledBy(element);
  const isTextEntry = element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement;
  const label = isLabelable(element) ? labelOf(element) : null;
  if (element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio')) {
    return `${explicit ?? label ?? ''}. ${element.checked ? words.checked : words.unchecked}`;
  }
  if (isTextEntry || label) {
    const name = explicit ?? label ?? element.getAttribute('placeholder');
    return name ? `${name}. ${words.field}` : words.field;
  }
  // `data-speak`: a name in sentences where the visible text runs its parts together (tiles).
  const name = element.dataset.speak ?? explicit ?? element.innerText;
  if (!name.trim()) return null;
  const role = element.getAttribute('role') ?? element.tagName.toLowerCase();
  return role === 'button' ? `${name}. ${words.button}` : name;
}

const isLabelable = (element: HTMLElement): element is Labelable =>
  element instanceof HTMLInputElement ||
  element instanceof HTMLTextAreaElement ||
  element instanceof HTMLSelectElement ||
  element instanceof HTMLButtonElement;

function labelledBy(element: HTMLElement): string | null {
  const ids = element.getAttribute('aria-labelledby');
  if (!ids) return null;
  const text = ids
    .split(/\s+/)
    .map((id) => document.getElementById(id)?.innerText ?? '')
    .join(' ')
    .trim();
  return text || null;
}

function labelOf(field: Labelable): string | null {
  const label = field.labels?.[0] ?? field.closest('label');
  if (!label) return null;
  // The label's own text, without a nested field's value.
  const clone = label.cloneNode(true) as HTMLElement;
  clone.querySelectorAll('input, textarea, select, button').forEach((inner) => inner.remove());
  const text = (clone.textContent ?? '').trim();
  return text || null;
}
