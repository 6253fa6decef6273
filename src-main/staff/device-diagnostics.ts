import type { DeviceHealth } from '../../src-shared/dto';
import type { DeviceStatus } from '../../src-shared/staff';
import type { EventBus } from '../kernel/event-bus';

/** Remembers each device's last problem, so the staff panel can show it after the device recovered. */
export class DeviceDiagnostics {
  private readonly lastError = new Map<DeviceHealth['device'], NonNullable<DeviceStatus['lastError']>>();
  private readonly unsubscribe: () => void;

  constructor(events: EventBus) {
    this.unsubscribe = events.subscribe((event, payload) => {
      if (event === 'deviceHealth') this.observe(payload as DeviceHealth);
    });
  }

  observe(health: DeviceHealth): void {
    if (health.state !== 'ok') this.lastError.set(health.device, { reason: health.reason, ...(health.detail ? { detail: health.detail } : {}), at: health.at });
  }

  status(current: readonly DeviceHealth[]): DeviceStatus[] {
    return current.map((health) => ({ health, lastError: this.lastError.get(health.device) ?? null }));
  }

  close(): void {
    this.unsubscribe();
  }
}
