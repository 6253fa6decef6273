import type { Database } from 'better-sqlite3';
import type { Clock } from '../kernel/clock';
import type { EventBus } from '../kernel/event-bus';
import type { Logger } from '../kernel/logger';
import type { DeviceHealth } from '../../src-shared/dto';
import { addTerminalEvent, type TerminalSubject } from './terminal-event-repository';

/**
 * Keeps the link's and the printer's state changes in the store, for the day report's minutes.
 * Listens to the event bus (linkState, deviceHealth); a failed write is logged, never thrown.
 */
export class TerminalEventRecorder {
  private readonly last = new Map<TerminalSubject, string>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /**
   * Records the states at start (the device monitor may have reported before this listened) and
   * then every change. `link` is null when sync is disabled: no link, no link minutes.
   */
  start(atStart: { link: 'online' | 'degraded' | 'offline' | null; printer: DeviceHealth['state'] }): void {
    if (atStart.link) this.record('link', atStart.link);
    this.record('printer', atStart.printer);
    this.unsubscribe = this.events.subscribe((event, payload) => {
      if (event === 'linkState') this.record('link', (payload as { state: string }).state);
      if (event === 'deviceHealth') {
        const health = payload as DeviceHealth;
        if (health.device === 'printer') this.record('printer', health.state);
      }
    });
  }

  /** The kiosk is closing: neither state is known until it starts again. */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const subject of this.last.keys()) this.record(subject, 'stopped');
  }

  private record(subject: TerminalSubject, state: string): void {
    if (this.last.get(subject) === state) return;
    try {
      addTerminalEvent(this.db, subject, state, this.clock.now().toISOString());
      this.last.set(subject, state);
    } catch (error) {
      this.logger.log('error', 'terminal state not recorded', { subject, state, error: error instanceof Error ? error.message : String(error) });
    }
  }
}
