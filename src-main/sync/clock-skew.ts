import type { AlertReason, ReasonParams } from '../../src-shared/reasons';

/** Over this, the kiosk's clock is too far from the portal's: receipts, codes and days may be wrong. */
export const MAX_CLOCK_SKEW_MS = 2 * 60_000;

/** The staff alert for the clock (StaffAlerts, narrowed to the one source this watch uses). */
export interface ClockAlert {
  raise(source: 'clock', reason: AlertReason, more?: { params?: ReasonParams; detail?: string }): void;
  resolve(source: 'clock'): void;
}

/**
 * Compares the kiosk's clock with the portal's `Date` header on every answer (PortalClient's
 * onServerDate). A skew over MAX_CLOCK_SKEW_MS raises the `clock` staff alert; back within it,
 * the alert is resolved. The Date header has one-second precision and the answer's travel time
 * adds to it, both far below the threshold.
 */
export class ClockSkewWatch {
  private skewMs: number | null = null;
  private alerted = false;

  constructor(private readonly alert: ClockAlert) {}

  observe(skewMs: number): void {
    this.skewMs = skewMs;
    const off = Math.abs(skewMs) > MAX_CLOCK_SKEW_MS;
    if (off && !this.alerted) {
      const minutes = Math.round(Math.abs(skewMs) / 60_000);
      this.alert.raise('clock', skewMs > 0 ? 'clock_behind' : 'clock_ahead', { params: { minutes } });
    } else if (!off && this.alerted) this.alert.resolve('clock');
    this.alerted = off;
  }

  /** Portal minus kiosk in whole seconds, or null before the first answer. */
  skewSeconds(): number | null {
    return this.skewMs === null ? null : Math.round(this.skewMs / 1000);
  }
}
