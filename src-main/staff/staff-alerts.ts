import { randomUUID } from 'node:crypto';
import type { DeviceHealth } from '../../src-shared/dto';
import type { StaffAlert } from '../../src-shared/staff';
import type { EventBus } from '../app/event-bus';

/** Enough history for a shift; older alerts drop off (they are in the log too). */
const KEEP = 50;

/**
 * Raises a staff alert when a device cannot do its job (the printer out of paper, its cover
 * open, offline) and clears it when the device is back. Kept in memory with time and reason;
 * each change is pushed as a `staffAlert` event. Citizens only see that the service is
 * unavailable; the reason is for staff.
 */
export class StaffAlerts {
  private readonly alerts: StaffAlert[] = [];
  private readonly open = new Map<DeviceHealth['device'], StaffAlert>();
  private readonly unsubscribe: () => void;

  constructor(private readonly events: EventBus) {
    this.unsubscribe = events.subscribe((event, payload) => {
      if (event === 'deviceHealth') this.observe(payload as DeviceHealth);
    });
  }

  /** Newest first. */
  list(): StaffAlert[] {
    return [...this.alerts].reverse();
  }

  observe(health: DeviceHealth): void {
    const open = this.open.get(health.device);
    if (health.state === 'offline') {
      if (open?.reason === health.reason) return;
      if (open) this.resolve(open, health.at);
      const alert: StaffAlert = { id: randomUUID(), device: health.device, reason: health.reason, raisedAt: health.at, resolvedAt: null };
      this.open.set(health.device, alert);
      this.alerts.push(alert);
      if (this.alerts.length > KEEP) this.alerts.shift();
      this.announce(alert);
    } else if (open) {
      this.resolve(open, health.at);
    }
  }

  close(): void {
    this.unsubscribe();
  }

  private resolve(alert: StaffAlert, at: string): void {
    this.open.delete(alert.device);
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
