import type { LogFields, LogLevel, Logger } from './logger';

/**
 * One name per kind of thing that happened (issue #21): a technician greps for `printer.paper_out`,
 * the diagnostics screen renders the last ones in words. Closed on purpose: a new kind is added
 * here, with a line in docs/decisions/0029-structured-logs.md.
 */
export const LOG_EVENTS = [
  'kiosk.start',
  'kiosk.stop',
  'kiosk.crash_restart',
  'device.state',
  'printer.paper_out',
  'printer.paper_in',
  'link.down',
  'link.up',
  'link.degraded',
  'outbox.parked',
  'privacy.purge',
  'privacy.purge_failed',
  'staff.login',
  'staff.logout',
  'staff.login_refused',
  'staff.lockout',
  'staff.pin_set',
  'db.migration',
  'config.change',
  'storage.disk_low',
  'storage.disk_ok',
  'kiosk.out_of_service',
  'update.check_failed',
  'update.decision',
  'update.downloaded',
  'update.installing',
  'update.installed',
  'update.failed',
  'setup.step_refused',
  'setup.finished',
  'config.central_saved',
  'config.central_rejected',
  'config.central_damaged',
  'config.central_applying',
] as const;
export type LogEventName = (typeof LOG_EVENTS)[number];

/**
 * Writes one event line: `{"level":…,"at":…,"event":name,…fields,"message":name}`. A free function
 * over the one-method Logger, so every Logger (the file one, test fakes, decorators such as the
 * diagnostics' recent-events) carries events without a second method to implement. Fields are
 * codes, counts, ids and durations: never a name, an ID number, a phone or an address.
 */
export function logEvent(logger: Logger, level: LogLevel, event: LogEventName, fields: LogFields = {}): void {
  logger.log(level, event, { ...fields, event });
}
