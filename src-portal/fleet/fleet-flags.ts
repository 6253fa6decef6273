/** Why a terminal needs someone's attention, as the Fleet page flags it (issue #19). */
export type FleetFlag = 'silent' | 'not-rendering' | 'paper-out' | 'outbox-growing' | 'outbox-old' | 'disk-low' | 'clock-skew' | 'version-behind' | 'config-rejected';

/** What the Fleet page knows of one terminal: its latest heartbeat as received, and when. */
export interface FleetTerminal {
  id: string;
  appVersion: string;
  /** When the portal received the latest heartbeat (its clock); null before the first. */
  heartbeatAt: string | null;
  heartbeat: FleetHeartbeat | null;
  /** Outbox depths of the latest heartbeats, oldest first. */
  depths: readonly { at: string; depth: number }[];
  /** The central configuration the terminal last reported (decision 0041); absent before any report. */
  config?: { appliedVersion: number | null; rejectedVersion: number | null };
}

/** The parts of a heartbeat (docs/sync-api.yaml, Heartbeat) the flags read. */
export interface FleetHeartbeat {
  devices?: readonly { device: string; state: string; reason?: string }[];
  outbox?: { depth?: number; oldestPendingAgeSeconds?: number };
  render?: { screen: string; ageSeconds: number };
  storage?: { level?: string; freeBytes?: number };
  clockSkewSeconds?: number;
}

export const SILENT_AFTER_MS = 5 * 60_000;
/** The render proof must be this fresh: a renderer that froze or went blank stops proving. */
export const RENDER_PROOF_MAX_AGE_S = 30;
export const OUTBOX_OLD_AFTER_S = 3600;
/** As the kiosk's own clock alert (src-main/sync/clock-skew.ts). */
export const CLOCK_SKEW_MAX_S = 120;
/** Heartbeats in a row whose outbox depth rose, each above the one before: a backlog, not a busy minute. */
export const GROWING_RUN = 4;

/** Orders dotted versions numerically ("1.10.0" after "1.9.2"); other text compares as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/);
  const pb = b.split(/[.+-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = Number(x);
    const ny = Number(y);
    const c = x !== '' && y !== '' && Number.isInteger(nx) && Number.isInteger(ny) ? nx - ny : x.localeCompare(y);
    if (c !== 0) return Math.sign(c);
  }
  return 0;
}

function growing(depths: FleetTerminal['depths']): boolean {
  const run = depths.slice(-GROWING_RUN);
  return run.length === GROWING_RUN && run.every((s, i) => i === 0 || s.depth > (run[i - 1]?.depth ?? Infinity));
}

/**
 * The flags of one terminal at `now`. A silent terminal gets only `silent`: its last word says
 * nothing reliable about now.
 */
export function fleetFlags(t: FleetTerminal, now: Date, newestVersion: string): FleetFlag[] {
  const flags: FleetFlag[] = [];
  const hb = t.heartbeat;
  if (t.heartbeatAt === null || hb === null || now.getTime() - Date.parse(t.heartbeatAt) > SILENT_AFTER_MS) return ['silent'];
  if (!hb.render || hb.render.ageSeconds > RENDER_PROOF_MAX_AGE_S) flags.push('not-rendering');
  if (hb.devices?.some((d) => d.device === 'printer' && d.reason === 'printer_paper_out')) flags.push('paper-out');
  if (growing(t.depths)) flags.push('outbox-growing');
  if ((hb.outbox?.oldestPendingAgeSeconds ?? 0) > OUTBOX_OLD_AFTER_S) flags.push('outbox-old');
  if (hb.storage?.level === 'low' || hb.storage?.level === 'full') flags.push('disk-low');
  if (Math.abs(hb.clockSkewSeconds ?? 0) > CLOCK_SKEW_MAX_S) flags.push('clock-skew');
  if (compareVersions(t.appVersion, newestVersion) < 0) flags.push('version-behind');
  // A refused version newer than the one in force: the terminal runs on its last good one.
  const rejected = t.config?.rejectedVersion ?? null;
  if (rejected !== null && rejected > (t.config?.appliedVersion ?? -1)) flags.push('config-rejected');
  return flags;
}
