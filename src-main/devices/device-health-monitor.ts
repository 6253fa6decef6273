import type { DeviceHealth } from '../../src-shared/dto';
import type { EventBus } from '../kernel/event-bus';
import { logDeviceChange } from './device-log';
import type { Logger } from '../kernel/logger';

export interface HealthSource {
  health(): DeviceHealth;
  refreshHealth?(): Promise<DeviceHealth>;
}

/**
 * Polls each device's health and tells the renderers when a state or reason changes, so a tile
 * greys out when the paper runs out and comes back when it is refilled, without anyone tapping.
 */
export class DeviceHealthMonitor {
  private readonly last = new Map<string, string>();
  private readonly lastHealth = new Map<string, DeviceHealth>();
  /** When the printer ran out of paper, for paper_in's duration. */
  private paperOutAt: string | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private polling = false;

  constructor(
    private readonly sources: readonly HealthSource[],
    private readonly events: EventBus,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    void this.poll();
    this.timer ??= setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref?.();
  }

  /** Asks the devices that can be asked, then reports changes. Never rejects. */
  async poll(): Promise<void> {
    if (this.polling) return; // a slow device must not pile up queries
    this.polling = true;
    try {
      await Promise.allSettled(this.sources.map((s) => s.refreshHealth?.()));
    } finally {
      this.polling = false;
    }
    this.check();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  snapshot(): DeviceHealth[] {
    return this.sources.map((s) => s.health());
  }

  /** Emits and logs for every device whose state or reason differs from the last one seen. */
  check(): void {
    for (const health of this.snapshot()) {
      const key = `${health.state}|${health.reason}`;
      if (this.last.get(health.device) === key) continue;
      this.last.set(health.device, key);
      this.paperOutAt = logDeviceChange(this.logger, this.lastHealth.get(health.device) ?? null, health, this.paperOutAt);
      this.lastHealth.set(health.device, health);
      this.events.emit('deviceHealth', health);
    }
  }
}
