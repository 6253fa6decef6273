import { formatLocalDateTime } from '../kernel/clock';
import { CRASH_WINDOW_MS } from './crash-policy';
import type { OutOfServiceMark } from './crash-record';

/** The staff alert for crashes (StaffAlerts, narrowed to what this uses). */
export interface CrashAlertTarget {
  raise(source: 'crash', reason: 'kiosk_out_of_service', more: { params: Record<string, string | number>; detail: string }): void;
  resolve(source: 'crash'): void;
}

export interface CrashMarks {
  outOfService(): OutOfServiceMark | null;
  clearOutOfService(): void;
}

/** A host without crash bookkeeping (the browser host: systemd restarts it). */
export const NO_CRASH_MARKS: CrashMarks = { outOfService: () => null, clearOutOfService: () => undefined };

/**
 * The `crash` staff alert (issue #20): the kiosk crashed CRASH_LIMIT times within the window and
 * showed its out-of-service page. Raised at once when the core is running (GPU crashes), and at
 * the next start otherwise (the main process is what crashed; no core ran behind the page).
 * Resolved, and the mark removed, once the kiosk has run a whole crash window without crashing.
 */
export class CrashAlert {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly alerts: CrashAlertTarget,
    private readonly marks: CrashMarks,
    private readonly timeZone: string,
    private readonly stableAfterMs: number = CRASH_WINDOW_MS,
  ) {}

  /** At the core's start: the mark a previous run left, if any. */
  start(): void {
    const mark = this.marks.outOfService();
    if (mark === null) return;
    this.raise(mark);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.marks.clearOutOfService();
      this.alerts.resolve('crash');
    }, this.stableAfterMs);
    this.timer.unref();
  }

  /** Out of service now, with the core running: staff see it at once. */
  raise(mark: OutOfServiceMark): void {
    this.stopTimer();
    this.alerts.raise('crash', 'kiosk_out_of_service', {
      params: { crashes: mark.crashes, since: formatLocalDateTime(new Date(mark.since), this.timeZone), minutes: CRASH_WINDOW_MS / 60_000 },
      detail: `${mark.what} crashed ${mark.crashes} times within ${CRASH_WINDOW_MS / 60_000} minutes (out of service since ${mark.since})`,
    });
  }

  close(): void {
    this.stopTimer();
  }

  private stopTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
