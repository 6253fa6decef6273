import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Clock } from '../kernel/clock';
import { logEvent } from '../kernel/log-events';
import type { Logger } from '../kernel/logger';
import { CRASH_WINDOW_MS, judgeCrash, parseCrashHistory, type CrashDecision } from './crash-policy';

/** Why the kiosk went out of service, kept until it has run a crash window without crashing. */
export const OutOfServiceMarkSchema = z.strictObject({
  since: z.string(),
  crashes: z.number().int().positive(),
  /** What crashed last: 'main process' or 'GPU process'. */
  what: z.string().max(40),
});
export type OutOfServiceMark = z.infer<typeof OutOfServiceMarkSchema>;

/**
 * The Electron host's crash bookkeeping, in the data folder so that it counts across relaunches
 * (each relaunch is a new process: a counter in memory would always say 1):
 * - `running`: the run marker; left behind, the last run ended without closing (crash, kill, power cut);
 * - `crash-history.json`: the crashes inside the window (crash-policy.ts judges them);
 * - `out-of-service.json`: set when the kiosk gave up, read by the core at its next start to raise
 *   the `crash` staff alert, removed once the kiosk has run a whole crash window again.
 * Bookkeeping never stops a kiosk: a data folder that cannot be written is the core's to report.
 */
export class CrashRecord {
  private readonly historyFile: string;
  private readonly marker: string;
  private readonly markFile: string;

  constructor(
    dataDir: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.historyFile = join(dataDir, 'crash-history.json');
    this.marker = join(dataDir, 'running');
    this.markFile = join(dataDir, 'out-of-service.json');
  }

  leftByLastRun(): boolean {
    return existsSync(this.marker);
  }

  markRunning(): void {
    this.quietly('run marker', () => writeFileSync(this.marker, `${process.pid}\n`, { mode: 0o600 }));
  }

  markStopped(): void {
    this.quietly('run marker removal', () => rmSync(this.marker, { force: true }));
  }

  /** One more crash of `what`: relaunch, or out of service (then marked for the staff alert and logged). */
  note(what: string): CrashDecision {
    let stored: string | null = null;
    this.quietly('reading the history', () => (stored = existsSync(this.historyFile) ? readFileSync(this.historyFile, 'utf8') : null));
    const now = this.clock.now();
    const verdict = judgeCrash(parseCrashHistory(stored), now.getTime());
    this.quietly('writing the history', () => writeFileSync(this.historyFile, JSON.stringify(verdict.history), { mode: 0o600 }));
    this.logger.log('error', 'crash noted', { what, recentCrashes: verdict.recent, decision: verdict.decision });
    if (verdict.decision === 'out-of-service') {
      const mark: OutOfServiceMark = { since: now.toISOString(), crashes: verdict.recent, what };
      this.quietly('writing the out-of-service mark', () => writeFileSync(this.markFile, JSON.stringify(mark), { mode: 0o600 }));
      logEvent(this.logger, 'error', 'kiosk.out_of_service', { what, crashes: verdict.recent, windowMinutes: CRASH_WINDOW_MS / 60_000 });
    }
    return verdict.decision;
  }

  /** The kiosk's last time out of service, until it has run a crash window again; null if none. */
  outOfService(): OutOfServiceMark | null {
    let text: string | null = null;
    this.quietly('reading the out-of-service mark', () => (text = existsSync(this.markFile) ? readFileSync(this.markFile, 'utf8') : null));
    return parseOutOfServiceMark(text);
  }

  clearOutOfService(): void {
    this.quietly('removing the out-of-service mark', () => rmSync(this.markFile, { force: true }));
  }

  private quietly(what: string, work: () => void): void {
    try {
      work();
    } catch (error) {
      this.logger.log('warn', `crash record: ${what} failed`, { error: error instanceof Error ? error.message : String(error) });
    }
  }
}

export function parseOutOfServiceMark(text: string | null): OutOfServiceMark | null {
  if (text === null) return null;
  try {
    const result = OutOfServiceMarkSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}
