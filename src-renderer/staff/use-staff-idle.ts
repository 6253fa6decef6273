import { useEffect, useRef } from 'react';
import type { KioskClient } from '../../src-shared/contract';
import type { GrantedSession } from '../../src-shared/staff-access';
import { monotonicNow } from '../app/monotonic-clock';

/** Touches are sent to main at most this often; main's idle limit is far longer. */
const TOUCH_EVERY_MS = 20_000;

/**
 * The panel's side of the session's idle end: staff touching the panel is activity (sent to main
 * as `touchStaffSession`, throttled); once main's idle time passes without any, the panel logs
 * out and closes. The periodic refreshes of the panel do not count as activity here.
 */
export function useStaffIdle(kiosk: KioskClient, granted: GrantedSession | null, onIdle: () => void): { onPointerDown: () => void } {
  const lastTouch = useRef(Number.NEGATIVE_INFINITY);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;

  const arm = (idleSeconds: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => onIdleRef.current(), idleSeconds * 1000);
  };

  useEffect(() => {
    if (!granted) return undefined;
    arm(granted.idleSeconds);
    return () => clearTimeout(timer.current);
  }, [granted]);

  return {
    onPointerDown: () => {
      if (!granted) return;
      arm(granted.idleSeconds);
      const now = monotonicNow();
      if (now - lastTouch.current < TOUCH_EVERY_MS) return;
      lastTouch.current = now;
      void kiosk.touchStaffSession({ session: granted.session });
    },
  };
}
