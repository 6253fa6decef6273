import { useCallback, useEffect, useRef, useState } from 'react';

const TICK_MS = 250;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export interface IdleTimerOptions {
  enabled: boolean;
  timeoutSeconds: number;
  warningSeconds: number;
  onExpire: () => void;
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
 * on the dimmed screen should not silently keep someone else's session alive.
 */
export function useIdleTimer({ enabled, timeoutSeconds, warningSeconds, onExpire }: IdleTimerOptions): IdleTimer {
  const [warningSecondsLeft, setWarningSecondsLeft] = useState<number | null>(null);
  const lastActivity = useRef(Date.now());
  const warning = useRef(false);
  const expire = useRef(onExpire);
  useEffect(() => {
    expire.current = onExpire;
  }, [onExpire]);

  const stillHere = useCallback(() => {
    lastActivity.current = Date.now();
    warning.current = false;
    setWarningSecondsLeft(null);
  }, []);

  useEffect(() => {
    if (!enabled) return;
    stillHere();
    // Configuration comes from the center; a zero or negative value must not loop instantly.
    const timeoutMs = Math.max(1, timeoutSeconds) * 1000;
    const warningMs = Math.max(1, warningSeconds) * 1000;
    const onActivity = () => {
      if (!warning.current) lastActivity.current = Date.now();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    const timer = setInterval(() => {
      const idleMs = Date.now() - lastActivity.current;
      if (idleMs < timeoutMs) return;
      const left = Math.ceil((timeoutMs + warningMs - idleMs) / 1000);
      if (left <= 0) {
        clearInterval(timer);
        warning.current = false;
        setWarningSecondsLeft(null);
        expire.current();
        return;
      }
      warning.current = true;
      setWarningSecondsLeft(left);
    }, TICK_MS);
    return () => {
      clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
      warning.current = false;
      setWarningSecondsLeft(null);
    };
  }, [enabled, timeoutSeconds, warningSeconds, stillHere]);

  return { warningSecondsLeft, stillHere };
}
