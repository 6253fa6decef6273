/**
 * Lockout after wrong PINs (decision 0021): 5 wrong PINs in a row lock entry for 5 minutes; each
 * further lockout doubles the time (10, 20, 40 … minutes, at most a day). A correct PIN starts
 * over. Pure functions over the persisted state, with the time passed in.
 */
export interface LockoutState {
  /** Wrong PINs since the last correct one or the last lockout. */
  failedAttempts: number;
  /** Lockouts since the last correct PIN: the next one lasts 5 min × 2^lockouts. */
  lockouts: number;
  lockedUntil: string | null;
}

export const ATTEMPTS_BEFORE_LOCK = 5;
export const FIRST_LOCK_MS = 5 * 60_000;
const LONGEST_LOCK_MS = 24 * 60 * 60_000;

export const openLockout: LockoutState = { failedAttempts: 0, lockouts: 0, lockedUntil: null };

export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && Date.parse(state.lockedUntil) > now.getTime();
}

export function lockDurationMs(lockoutsBefore: number): number {
  return Math.min(FIRST_LOCK_MS * 2 ** Math.min(lockoutsBefore, 20), LONGEST_LOCK_MS);
}

/** After one more wrong PIN: either counted, or the count reached the limit and entry locks. */
export function afterWrongPin(state: LockoutState, now: Date): { state: LockoutState; locked: boolean } {
  const failedAttempts = state.failedAttempts + 1;
  if (failedAttempts < ATTEMPTS_BEFORE_LOCK) return { state: { ...state, failedAttempts }, locked: false };
  const lockedUntil = new Date(now.getTime() + lockDurationMs(state.lockouts)).toISOString();
  return { state: { failedAttempts: 0, lockouts: state.lockouts + 1, lockedUntil }, locked: true };
}

export function attemptsLeft(state: LockoutState): number {
  return ATTEMPTS_BEFORE_LOCK - state.failedAttempts;
}
