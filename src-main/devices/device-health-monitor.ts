import type { DeviceHealth } from '../../src-shared/dto';
import type { EventBus } from '../kernel/event-bus';

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
  private timer: ReturnType<typeof setInterval> | undefined;
  private polling = false;

  constructor(
    private readonly sources: readonly HealthSource[],
    private readonly events: EventBus,
    private readonly intervalMs: number,
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

  /** Emits for every device whose state or reason differs from the last one seen. */
  check(): void {
    for (const health of this.snapshot()) {
      const key = `${health.state}|${health.reason}`;
      if (this.last.get(health.device) === key) continue;
      this.last.set(health.device, key);
      this.events.emit('deviceHealth', health);
    }
  }
}
