import { useEffect, useState } from 'react';

/** How often the attract button changes: inviting, and idle (no frames drawn) in between. */
export const ATTRACT_BEAT_MS = 5000;

/**
 * Alternates true/false every `everyMs`: a step change on a timer instead of a continuous CSS
 * animation, which kept Chromium compositing ~15 % of a core all day (issue #21). Under
 * prefers-reduced-motion it never changes.
 */
export function useAttractBeat(everyMs = ATTRACT_BEAT_MS): boolean {
  const [raised, setRaised] = useState(false);
  useEffect(() => {
    if (window.matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    const timer = setInterval(() => setRaised((r) => !r), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return raised;
}
