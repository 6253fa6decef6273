import { useCallback, useEffect, useRef, useState } from 'react';
import { assertNever } from '../../src-shared/assert-never';
import { IdleTracker } from './idle-tracker';
import { monotonicNow, type MonotonicNow } from './monotonic-clock';

const TICK_MS = 250;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export interface IdleTimerOptions {
  enabled: boolean;
  timeoutSeconds: number;
  warningSeconds: number;
  onExpire: () => void;
  /** The time source; monotonic so a wall-clock correction cannot end or extend a session. */
  now?: MonotonicNow;
}

export interface IdleTimer {
  /** Seconds left in the warning, or null while the visitor is considered present. */
  warningSecondsLeft: number | null;
  /** The visitor confirmed they are still there. */
  stillHere: () => void;
}

/**
 * No pointer or key activity for `timeoutSeconds` → a warning that counts `warningSeconds`
 * down → `onExpire`. Any touch or key ends the warning and gives the full time again
 * (IdleTracker; WCAG 2.2.1, decision 0033).
 */
export function useIdleTimer({ enabled, timeoutSeconds, warningSeconds, onExpire, now = monotonicNow }: IdleTimerOptions): IdleTimer {
  const [warningSecondsLeft, setWarningSecondsLeft] = useState<number | null>(null);
  const tracker = useRef<IdleTracker | null>(null);
  const expire = useRef(onExpire);
  useEffect(() => {
    expire.current = onExpire;
  }, [onExpire]);

  const stillHere = useCallback(() => {
    tracker.current?.stillHere();
    setWarningSecondsLeft(null);
  }, []);

  useEffect(() => {
    if (!enabled) return;
    // Configuration comes from the center; a zero or negative value must not loop instantly.
    const idle = new IdleTracker(Math.max(1, timeoutSeconds) * 1000, Math.max(1, warningSeconds) * 1000, now);
    tracker.current = idle;
    setWarningSecondsLeft(null);
    const onActivity = (event: Event) => {
      if (!idle.activity()) return;
      setWarningSecondsLeft(null);
      // The touch that extends only extends: it must not also press what was under the dimmed screen.
      if (event.type === 'pointerdown' || event.type === 'touchstart') swallowNextClick();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    const timer = setInterval(() => {
      const state = idle.tick();
      switch (state.kind) {
        case 'present':
          return;
        case 'warning':
          setWarningSecondsLeft(state.secondsLeft);
          return;
        case 'expired':
          clearInterval(timer);
          setWarningSecondsLeft(null);
          expire.current();
          return;
        default:
          assertNever(state);
      }
    }, TICK_MS);
    return () => {
      clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
      if (tracker.current === idle) tracker.current = null;
      setWarningSecondsLeft(null);
    };
  }, [enabled, timeoutSeconds, warningSeconds, now]);

  return { warningSecondsLeft, stillHere };
}

/** Cancels the click that ends the current touch (if it comes within a second). */
function swallowNextClick(): void {
  const swallow = (event: Event) => {
    event.stopPropagation();
    event.preventDefault();
  };
  window.addEventListener('click', swallow, { capture: true, once: true });
  setTimeout(() => window.removeEventListener('click', swallow, { capture: true }), 1_000);
}
