import type { DeviceHealth } from '../../src-shared/dto';
import type { DeviceReason } from '../../src-shared/reasons';
import { logEvent } from '../kernel/log-events';
import type { Logger, LogLevel } from '../kernel/logger';

/** Reasons that are a consumable or a lid, for staff to fix in a minute: warn, not error. */
const STAFF_FIXES: ReadonlySet<DeviceReason> = new Set(['printer_paper_out', 'printer_cover_open', 'docscan_jammed', 'docscan_cover_open', 'docscan_feeder_empty']);

/** ok is routine; degraded or a staff fix is a warning; a device that cannot work at all is an error. */
export function levelOf(health: DeviceHealth): LogLevel {
  if (health.state === 'ok') return 'info';
  if (health.state === 'degraded' || STAFF_FIXES.has(health.reason)) return 'warn';
  return 'error';
}

/**
 * Writes the one log event of a device's change (issue #21): `printer.paper_out` and
 * `printer.paper_in` (with how long it was out) for the paper, `device.state` for the rest,
 * the first report at start included. Returns when the paper ran out (null while it has paper).
 */
export function logDeviceChange(logger: Logger, before: DeviceHealth | null, health: DeviceHealth, paperOutAt: string | null): string | null {
  const fields = {
    device: health.device,
    state: health.state,
    reason: health.reason,
    ...(before ? { from: before.reason } : {}),
    ...(health.detail ? { detail: health.detail } : {}),
  };
  if (health.device !== 'printer') {
    logEvent(logger, levelOf(health), 'device.state', fields);
    return paperOutAt;
  }
  if (health.reason === 'printer_paper_out') {
    logEvent(logger, 'warn', 'printer.paper_out', fields);
    return paperOutAt ?? health.at;
  }
  if (paperOutAt !== null && health.state !== 'offline') {
    logEvent(logger, 'info', 'printer.paper_in', { ...fields, outMs: Math.max(0, Date.parse(health.at) - Date.parse(paperOutAt)) });
    return null;
  }
  logEvent(logger, levelOf(health), 'device.state', fields);
  return paperOutAt;
}
