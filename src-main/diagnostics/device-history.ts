import type { DeviceHealth, DeviceName } from '../../src-shared/dto';
import type { DeviceChange } from '../../src-shared/diagnostics';
import type { EventBus } from '../kernel/event-bus';

/** Changes kept per device: enough to see a flapping cable; the log files keep the rest. */
export const DEVICE_CHANGES_KEPT = 10;

/**
 * Each device's last health changes (state or reason), for the diagnostics screen. The monitor
 * reports only changes, but a repeated report of the same health is not counted twice.
 */
export class DeviceHistory {
  private readonly changes = new Map<DeviceName, DeviceChange[]>();
  private readonly unsubscribe: () => void;

  constructor(events: EventBus, private readonly kept = DEVICE_CHANGES_KEPT) {
    this.unsubscribe = events.subscribe((event, payload) => {
      if (event === 'deviceHealth') this.observe(payload as DeviceHealth);
    });
  }

  observe(health: DeviceHealth): void {
    const list = this.changes.get(health.device) ?? [];
    const last = list.at(-1);
    if (last && last.state === health.state && last.reason === health.reason) return;
    list.push({ state: health.state, reason: health.reason, at: health.at });
    if (list.length > this.kept) list.splice(0, list.length - this.kept);
    this.changes.set(health.device, list);
  }

  /** Latest first. */
  of(device: DeviceName): DeviceChange[] {
    return [...(this.changes.get(device) ?? [])].reverse();
  }

  close(): void {
    this.unsubscribe();
  }
}
