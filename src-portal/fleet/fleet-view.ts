import type { Database } from 'better-sqlite3';
import { latestDiagnosticsByTerminal } from '../repo/diagnostics';
import { listTerminals, type DepthSample } from '../repo/terminals';
import { terminalConfigStates } from '../repo/terminal-config';
import { compareVersions, fleetFlags, type FleetFlag, type FleetHeartbeat, type FleetTerminal } from './fleet-flags';

/** One row of the Fleet page: a terminal, its latest heartbeat, and what needs attention. */
export interface FleetRow extends FleetTerminal {
  name: string | null;
  flags: FleetFlag[];
  /** Seconds since the latest heartbeat arrived; null before the first. */
  heartbeatAgeSeconds: number | null;
  /** The terminal's latest diagnostics exports (decision 0030), latest first. */
  diagnostics: { id: string; receivedAt: string; bytes: number }[];
}

/** Diagnostics exports listed per terminal on the Fleet page. */
const DIAGNOSTICS_SHOWN = 3;

/** Every enrolled terminal with its flags at `now`; flagged ones first, then by terminal index. */
export function fleetRows(db: Database, now: Date): FleetRow[] {
  const configs = terminalConfigStates(db);
  const terminals = listTerminals(db).map((t) => ({
    id: t.id,
    name: t.name,
    appVersion: t.app_version,
    heartbeatAt: t.heartbeat_at,
    heartbeat: t.last_heartbeat === null ? null : (JSON.parse(t.last_heartbeat) as FleetHeartbeat),
    depths: JSON.parse(t.outbox_depths) as DepthSample[],
    config: { appliedVersion: configs.get(t.id)?.applied_version ?? null, rejectedVersion: configs.get(t.id)?.rejected_version ?? null },
  }));
  const exports = latestDiagnosticsByTerminal(db, DIAGNOSTICS_SHOWN);
  const newest = terminals.map((t) => t.appVersion).reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b), '');
  const rows = terminals.map((t) => ({
    ...t,
    flags: fleetFlags(t, now, newest),
    heartbeatAgeSeconds: t.heartbeatAt === null ? null : Math.max(0, Math.round((now.getTime() - Date.parse(t.heartbeatAt)) / 1000)),
    diagnostics: (exports.get(t.id) ?? []).map((d) => ({ id: d.id, receivedAt: d.received_at, bytes: d.bytes })),
  }));
  // Stable: flagged terminals rise to the top, each group keeps the enrollment order.
  return [...rows.filter((r) => r.flags.length > 0), ...rows.filter((r) => r.flags.length === 0)];
}
