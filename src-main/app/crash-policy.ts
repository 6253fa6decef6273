import { assertNever } from '../../src-shared/assert-never';

/**
 * When the Electron host comes back after a crash (its GPU process, or the whole main process:
 * found at the next start by the run marker it leaves behind) — and when it stops trying. A
 * terminal that crashes again and again must not flash a half-started kiosk at a citizen for ever:
 * after CRASH_LIMIT crashes within CRASH_WINDOW_MS it stays out of service until staff look.
 * Pure: the caller reads and writes the history (epoch milliseconds) where it keeps it.
 */
export const CRASH_LIMIT = 3;
export const CRASH_WINDOW_MS = 10 * 60_000;

export type CrashDecision = 'relaunch' | 'out-of-service';

export interface CrashVerdict {
  decision: CrashDecision;
  /** Crashes within the window, this one included. */
  recent: number;
  /** What to keep: the crashes still inside the window, oldest first. */
  history: number[];
}

export function judgeCrash(history: readonly number[], now: number): CrashVerdict {
  // A clock set back (NTP's first sync on a terminal without an RTC battery) leaves entries "in
  // the future": they are dropped, so a wrong clock can never take a kiosk out of service.
  const recent = [...history.filter((at) => at > now - CRASH_WINDOW_MS && at <= now), now].sort((a, b) => a - b);
  return { decision: recent.length >= CRASH_LIMIT ? 'out-of-service' : 'relaunch', recent: recent.length, history: recent };
}

/** The stored history, whatever the file holds: anything unreadable counts as no crash. */
export function parseCrashHistory(text: string | null): number[] {
  if (text === null) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((at): at is number => typeof at === 'number' && Number.isFinite(at)) : [];
  } catch {
    return [];
  }
}

/** What a closed kiosk window means: reopen it while the kiosk runs, quit once it is closing. */
export function afterWindowClosed(phase: 'running' | 'closing' | 'closed'): 'reopen' | 'quit' {
  switch (phase) {
    case 'running':
      return 'reopen';
    case 'closing':
    case 'closed':
      return 'quit';
    default:
      return assertNever(phase);
  }
}
