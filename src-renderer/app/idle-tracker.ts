import type { MonotonicNow } from './monotonic-clock';

export type IdleState =
  | { readonly kind: 'present' }
  | { readonly kind: 'warning'; readonly secondsLeft: number }
  | { readonly kind: 'expired' };

/**
 * The idle timer's rules, without React or timers: no activity for `timeoutMs` → a warning
 * that counts `warningMs` down → expired. Any touch or key, during the warning too, gives the
 * full time again, as often as needed (WCAG 2.2.1 asks for a simple action and at least ten
 * extensions; decision 0033). Time comes from `now`, a monotonic clock.
 */
export class IdleTracker {
  private lastActivity: number;
  private warning = false;

  constructor(
    private readonly timeoutMs: number,
    private readonly warningMs: number,
    private readonly now: MonotonicNow,
  ) {
    this.lastActivity = now();
  }

  /** A touch, key or wheel. True when it ended a warning that showed (an extension). */
  activity(): boolean {
    const extended = this.warning;
    this.stillHere();
    return extended;
  }

  stillHere(): void {
    this.lastActivity = this.now();
    this.warning = false;
  }

  tick(): IdleState {
    const idleMs = this.now() - this.lastActivity;
    if (idleMs < this.timeoutMs) return { kind: 'present' };
    const secondsLeft = Math.ceil((this.timeoutMs + this.warningMs - idleMs) / 1000);
    if (secondsLeft <= 0) {
      this.warning = false;
      return { kind: 'expired' };
    }
    this.warning = true;
    return { kind: 'warning', secondsLeft };
  }
}
