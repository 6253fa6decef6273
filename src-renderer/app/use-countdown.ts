import { useEffect, useRef, useState } from 'react';
import { monotonicNow, type MonotonicNow } from './monotonic-clock';

const TICK_MS = 250;

/** Whole seconds from `now` until `deadline` (both on the same monotonic clock), never below 0. */
export const secondsUntil = (deadline: number, now: number): number => Math.max(0, Math.ceil((deadline - now) / 1000));

/**
 * Seconds left until `seconds` after the last (re)start, calling `onDone` once at zero.
 * Measured against a monotonic clock rather than by counting ticks, so a busy frame cannot
 * stretch it and a wall-clock correction cannot cut it short. Changing `restartKey` starts it again.
 */
export function useCountdown(seconds: number, onDone: () => void, restartKey: unknown = null, now: MonotonicNow = monotonicNow): number {
  const [left, setLeft] = useState(seconds);
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  }, [onDone]);

  useEffect(() => {
    const deadline = now() + seconds * 1000;
    let finished = false;
    setLeft(seconds);
    const timer = setInterval(() => {
      const remaining = secondsUntil(deadline, now());
      setLeft(remaining);
      if (remaining === 0 && !finished) {
        finished = true;
        clearInterval(timer);
        done.current();
      }
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [seconds, restartKey, now]);

  return left;
}
