import { useEffect, useRef, useState } from 'react';

const TICK_MS = 250;

/**
 * Seconds left until `seconds` after the last (re)start, calling `onDone` once at zero.
 * Measured against the clock rather than by counting ticks, so a busy frame cannot stretch it.
 * Changing `restartKey` starts it again.
 */
export function useCountdown(seconds: number, onDone: () => void, restartKey: unknown = null): number {
  const [left, setLeft] = useState(seconds);
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  }, [onDone]);

  useEffect(() => {
    const deadline = Date.now() + seconds * 1000;
    let finished = false;
    setLeft(seconds);
    const timer = setInterval(() => {
      const remaining = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setLeft(remaining);
      if (remaining === 0 && !finished) {
        finished = true;
        clearInterval(timer);
        done.current();
      }
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [seconds, restartKey]);

  return left;
}
