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
 * down → `onExpire`. Once the warning shows, only an explicit "Continue" ends it: a stray touch
 * on the dimmed screen should not silently keep someone else's session alive (IdleTracker).
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
    const onActivity = () => idle.activity();
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
