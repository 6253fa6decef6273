import type { Clock } from '../kernel/clock';

/**
 * Slows down guessing on a terminal: after `freeFailures` wrong lookups in a row, each further
 * try must wait 2, 4, 8 … seconds (at most `maxWaitSeconds`) after the last failure. A right
 * answer resets it. Kept in memory: one kiosk process serves one terminal.
 */
export class LookupThrottle {
  private failures = 0;
  private lastFailureAt = 0;

  constructor(
    private readonly clock: Clock,
    private readonly freeFailures: number,
    private readonly maxWaitSeconds: number,
  ) {}

  /** Seconds still to wait before the next try is heard (0 = go ahead). */
  waitSeconds(): number {
    if (this.failures < this.freeFailures) return 0;
    const wait = Math.min(this.maxWaitSeconds, 2 ** (this.failures - this.freeFailures + 1));
    const left = this.lastFailureAt + wait * 1000 - this.clock.now().getTime();
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  failed(): void {
    this.failures++;
    this.lastFailureAt = this.clock.now().getTime();
  }

  succeeded(): void {
    this.failures = 0;
  }
}
