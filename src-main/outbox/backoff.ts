/** How long to wait before the next attempt of a job that failed, and how long the whole link pauses. */
export interface BackoffPolicy {
  /** Delay ceiling of the first retry. */
  readonly baseMs: number;
  /** No wait is ever longer than this, so a recovered portal is used within capMs. */
  readonly capMs: number;
}

/**
 * "Full jitter": a uniform draw in [base·2^(n-1) / 2, base·2^(n-1)], capped. Half the window is
 * kept so a fleet of kiosks spreads out without ever retrying immediately (no hot loop), and
 * `random` is injected so tests can pin it. `attempt` counts failures so far, from 1.
 */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const n = Math.max(1, Math.floor(attempt));
  // 2^n overflows to Infinity long before n gets large; Math.min clamps it back to the cap.
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (n - 1));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}

/**
 * The wait after an answer that named one: Retry-After wins when it is longer than our own
 * backoff (the server knows its load), but never beyond the cap — a bad header must not park
 * the kiosk for a day.
 */
export function delayWithRetryAfter(ownDelayMs: number, retryAfterMs: number | null, policy: BackoffPolicy): number {
  if (retryAfterMs === null || !Number.isFinite(retryAfterMs) || retryAfterMs < 0) return ownDelayMs;
  return Math.min(policy.capMs, Math.max(ownDelayMs, retryAfterMs));
}
