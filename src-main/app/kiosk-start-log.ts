import type { Database } from 'better-sqlite3';
import { logEvent } from '../kernel/log-events';
import type { Logger } from '../kernel/logger';
import { lastRunCrashed } from '../report/terminal-event-repository';

/**
 * The start line a technician looks for first (issue #21): `kiosk.start` with what is running,
 * preceded by `kiosk.crash_restart` (error) when the previous run ended without closing — a
 * crash, a kill or a power cut that the service manager restarted from.
 */
export function logKioskStart(logger: Logger, db: Database | undefined, facts: Record<string, string | number>): void {
  let crashed: { lastSeenAt: string } | null = null;
  try {
    crashed = db ? lastRunCrashed(db) : null;
  } catch (error) {
    logger.log('warn', 'previous run not checked', { error: error instanceof Error ? error.message : String(error) });
  }
  if (crashed) logEvent(logger, 'error', 'kiosk.crash_restart', { what: 'kiosk', lastSeenAt: crashed.lastSeenAt });
  logEvent(logger, 'info', 'kiosk.start', facts);
}
