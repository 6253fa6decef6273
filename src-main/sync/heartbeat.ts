import type { DeviceHealth } from '../../src-shared/dto';
import type { SyncStatus } from '../../src-shared/sync';
import type { RenderProofState } from '../devices/display/render-proof';
import { RENDER_PROOF_FRESH_SECONDS } from '../devices/display/render-proof';
import type { StorageLevel } from '../storage/storage-watch';
import type { HeartbeatBody } from './portal-schemas';

/** What the heartbeat tells beyond devices and outbox (docs/sync-api.yaml 1.5, Heartbeat). */
export interface TerminalHealth {
  render: RenderProofState | null;
  uptimeSeconds: number;
  schemaVersion: number;
  storage: { level: StorageLevel; freeBytes: number | null };
  lastPurgeAt: string | null;
  /** The central configuration version in force (decision 0041); null or absent: none. */
  configVersion?: number | null;
}

interface HeartbeatParts {
  devices: readonly DeviceHealth[];
  status: SyncStatus;
  health: TerminalHealth;
  sentAt: Date;
  appVersion: string;
  changed: boolean;
}

/** The heartbeat as the spec words it; text cut to the spec's lengths. */
export function heartbeatBody({ devices, status: s, health, sentAt, appVersion, changed }: HeartbeatParts): HeartbeatBody {
  return {
    appVersion: appVersion.slice(0, 50) || 'unknown',
    sentAt: sentAt.toISOString(),
    devices: devices.map((d) => ({ device: d.device, state: d.state, reason: d.reason.slice(0, 500) })),
    outbox: {
      depth: s.outboxDepth,
      parked: s.parked,
      ...(s.oldestPendingAgeSeconds === null ? {} : { oldestPendingAgeSeconds: s.oldestPendingAgeSeconds }),
      ...(s.lastError === null ? {} : { lastError: s.lastError.message.slice(0, 500) }),
    },
    ...(health.render === null ? {} : { render: health.render }),
    uptimeSeconds: health.uptimeSeconds,
    schemaVersion: health.schemaVersion,
    storage: { level: health.storage.level, ...(health.storage.freeBytes === null ? {} : { freeBytes: health.storage.freeBytes }) },
    ...(s.clockSkewSeconds === null ? {} : { clockSkewSeconds: s.clockSkewSeconds }),
    ...(health.lastPurgeAt === null ? {} : { lastPurgeAt: health.lastPurgeAt }),
    ...(health.configVersion === null || health.configVersion === undefined ? {} : { configVersion: health.configVersion }),
    changed,
  };
}

/**
 * The part of a heartbeat whose change is worth telling at once: device states, whether the
 * screen still renders, parked rows, the disk's level. Not the figures that move all the time
 * (ages, depth, uptime, the screen a citizen is on).
 */
export function healthFingerprint(body: HeartbeatBody): string {
  return JSON.stringify({
    devices: body.devices.map((d) => [d.device, d.state, d.reason]),
    rendering: body.render !== undefined && body.render.ageSeconds <= RENDER_PROOF_FRESH_SECONDS,
    parked: body.outbox.parked ?? 0,
    storage: body.storage?.level,
  });
}
