import { useEffect } from 'react';
import { FUNCTION_KEYS } from '../keyboard/key-press';
import { assertNever } from '../../src-shared/assert-never';
import { keypadAction } from './keypad-keys';
import { defaultWedgeOptions } from '../scan/wedge-detector';
import { TypingGate } from './typing-gate';
import { activate, firstControl, goBack, hasOnScreenKeyboard, isEditingText, keypadScope, moveFocus, onScreenKey, pressOnScreenKey } from './keypad-dom';

/**
 * Lets the whole citizen journey run from a navigation keypad (arrows, Enter, Back, digits) or
 * a keyboard, on every screen present and future: it works from the DOM (what is focusable,
 * where it is, which control is marked Back), not from a list of screens.
 *
 * While keys are in use, a screen that replaces the focused control (the next screen, a step)
 * gets focus on its first control, so the visitor never has to find the focus again; a touch
 * ends that until the next key.
 */
export function useKeypad(doc: Document = document): void {
  useEffect(() => {
    let keypadInUse = false;
    let pending = 0;
    // Longer than a wedge scanner's gap between keys: a scan's burst is never typed into a field.
    const holdMs = defaultWedgeOptions.maxGapMs + 20;
    const gate = new TypingGate(holdMs);
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const typeHeld = (timer: ReturnType<typeof setTimeout>) => {
      timers.delete(timer);
      for (const name of gate.release(performance.now())) {
        const key = onScreenKey(doc, name);
        if (key) pressOnScreenKey(key);
      }
    };

    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const action = keypadAction(e.key, e.ctrlKey || e.altKey || e.metaKey, {
        onScreenKeyboard: hasOnScreenKeyboard(doc),
        editingText: isEditingText(e.target),
      });
      if (!action) return;
      startKeypadMode();
      switch (action.kind) {
        case 'move':
          e.preventDefault();
          moveFocus(doc, action.direction);
          return;
        case 'activate':
          if (activate(doc)) e.preventDefault();
          return;
        case 'back':
          e.preventDefault();
          goBack(doc);
          return;
        case 'type': {
          if (!onScreenKey(doc, action.key)) return;
          e.preventDefault();
          gate.feed(action.key, performance.now());
          const timer: ReturnType<typeof setTimeout> = setTimeout(() => typeHeld(timer), holdMs);
          timers.add(timer);
          return;
        }
        case 'erase': {
          const key = onScreenKey(doc, FUNCTION_KEYS.backspace);
          if (!key) return;
          e.preventDefault();
          pressOnScreenKey(key);
          return;
        }
        default:
          assertNever(action);
      }
    };
    // Only a real touch counts: the on-screen keys pressed above send synthetic pointer events.
    const onPointer = (e: PointerEvent) => {
      if (!e.isTrusted || !keypadInUse) return;
      keypadInUse = false;
      observer.disconnect();
    };
    // Focus lost with the control that had it (a new screen): land on the new screen's first control.
    const refocus = () => {
      pending = 0;
      const active = doc.activeElement;
      if (!keypadInUse || (active && active !== doc.body && active.isConnected)) return;
      firstControl(keypadScope(doc))?.focus();
    };
    // Watched only while keys are in use: a touch visitor's screens (the search results redrawn
    // at every key) pay nothing for it.
    const observer = new MutationObserver(() => {
      if (keypadInUse && pending === 0) pending = requestAnimationFrame(refocus);
    });
    function startKeypadMode(): void {
      if (keypadInUse) return;
      keypadInUse = true;
      observer.observe(doc.body, { childList: true, subtree: true });
    }
    doc.defaultView?.addEventListener('keydown', onKey);
    doc.defaultView?.addEventListener('pointerdown', onPointer, true);
    return () => {
      observer.disconnect();
      for (const timer of timers) clearTimeout(timer);
      if (pending !== 0) cancelAnimationFrame(pending);
      doc.defaultView?.removeEventListener('keydown', onKey);
      doc.defaultView?.removeEventListener('pointerdown', onPointer, true);
    };
  }, [doc]);
}
