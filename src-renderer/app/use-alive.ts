import { useEffect, useRef, type RefObject } from 'react';

/**
 * True while the component is mounted. Replies can arrive after a screen is gone (a slow call,
 * an idle reset); a handler checks this before touching state that now belongs to nobody, or to
 * the next visitor.
 */
export function useAlive(): RefObject<boolean> {
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  return alive;
}
