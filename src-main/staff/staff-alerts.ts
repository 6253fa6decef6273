import { randomUUID } from 'node:crypto';
import type { DeviceHealth } from '../../src-shared/dto';
import type { AlertReason, ReasonParams } from '../../src-shared/reasons';
import type { AlertSource, StaffAlert } from '../../src-shared/staff';
import type { Clock } from '../kernel/clock';
import type { EventBus } from '../kernel/event-bus';

/** What an alert carries besides its code: values for its words, and the raw technical text. */
export interface AlertDetails {
  readonly params?: ReasonParams;
  readonly detail?: string;
}

const sameParams = (a: ReasonParams | undefined, b: ReasonParams | undefined): boolean => JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});

/** Enough history for a shift; older alerts drop off (they are in the log too). */
const KEEP = 50;

/**
 * Staff alerts: one open alert per source, kept in memory with time and reason; each change is
 * pushed as a `staffAlert` event. Devices raise and resolve theirs through their health (the
 * printer out of paper, its cover open, offline); other parts of the kiosk call `raise` and
 * `resolve` with their own source. Citizens only see that a service is unavailable; the reason
 * is for staff.
 */
export class StaffAlerts {
  private readonly alerts: StaffAlert[] = [];
  private readonly open = new Map<AlertSource, StaffAlert>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {
    this.unsubscribe = events.subscribe((event, payload) => {
      if (event === 'deviceHealth') this.observe(payload as DeviceHealth);
    });
  }

  /** Newest first. */
  list(): StaffAlert[] {
    return [...this.alerts].reverse();
  }

  observe(health: DeviceHealth): void {
    if (health.state === 'offline') this.raise(health.device, health.reason, health.detail ? { detail: health.detail } : {}, health.at);
    else this.resolve(health.device, health.at);
  }

  /**
   * Opens an alert for `source`, or replaces its open one when the reason changed. `reason` is a
   * code the staff panel translates with `params`; `detail` is raw technical text (issue #21).
   */
  raise(source: AlertSource, reason: AlertReason, more: AlertDetails = {}, at: string = this.clock.now().toISOString()): void {
    const open = this.open.get(source);
    if (open?.reason === reason && sameParams(open.params, more.params)) return;
    if (open) this.settle(open, at);
    const alert: StaffAlert = {
      id: randomUUID(),
      source,
      reason,
      ...(more.params ? { params: more.params } : {}),
      ...(more.detail ? { detail: more.detail } : {}),
      raisedAt: at,
      resolvedAt: null,
    };
    this.open.set(source, alert);
    this.alerts.push(alert);
    if (this.alerts.length > KEEP) this.alerts.shift();
    this.announce(alert);
  }

  /** Resolves the open alert of `source`, if there is one. */
  resolve(source: AlertSource, at: string = this.clock.now().toISOString()): void {
    const open = this.open.get(source);
    if (open) this.settle(open, at);
  }

  isOpen(source: AlertSource): boolean {
    return this.open.has(source);
  }

  close(): void {
    this.unsubscribe();
  }

  private settle(alert: StaffAlert, at: string): void {
    this.open.delete(alert.source);
    const resolved = { ...alert, resolvedAt: at };
    const index = this.alerts.findIndex((a) => a.id === alert.id);
    if (index >= 0) this.alerts[index] = resolved;
    this.announce(resolved);
  }

  /** After the health event that caused it has reached every listener, so renderers see cause before alert. */
  private announce(alert: StaffAlert): void {
    queueMicrotask(() => this.events.emit('staffAlert', alert));
  }
}
