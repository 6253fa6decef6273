import type { DeviceHealth } from '../../src-shared/dto';
import type { EventBus } from '../app/event-bus';

export interface HealthSource {
  health(): DeviceHealth;
}

/**
 * Polls each device's health and tells the renderers when a state or reason changes, so a tile
 * greys out when the paper runs out and comes back when it is refilled, without anyone tapping.
 */
export class DeviceHealthMonitor {
  private readonly last = new Map<string, string>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly sources: readonly HealthSource[],
    private readonly events: EventBus,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.check();
    this.timer ??= setInterval(() => this.check(), this.intervalMs);
    this.timer.unref?.();
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
