import type * as nodeFs from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../kernel/clock';
import type { AlertReason, ReasonParams } from '../../src-shared/reasons';
import { logEvent } from '../kernel/log-events';
import type { Logger } from '../kernel/logger';
import type { Wait } from '../outbox/wait';
import { filesOnlyPurgedDossiersUse } from '../dossier/dossier-repository';
import { dossiersDueForPurge, purgeDossier } from './purge-candidates';

/** The file-system calls the purge makes; injected so tests can make an unlink fail. */
export type PurgeFs = Pick<typeof nodeFs, 'unlinkSync' | 'readdirSync' | 'statSync'>;

export interface PurgeAlerts {
  raise(source: 'privacy', reason: AlertReason, more?: { params?: ReasonParams; detail?: string }): void;
  resolve(source: 'privacy'): void;
}

export interface PersonalDataPurgeDeps {
  db: Database;
  /** The content store's root (files.relative_path is relative to it). */
  fileRoot: string;
  /** The virtual printer's PNGs of tickets and receipts; null when the printer is a real one. */
  printsDir: string | null;
  /** Ends scan sessions nobody touched for that long and removes their staged pages. */
  sweepAbandonedSessions: (idleMs: number) => number;
  /** A session untouched this long is abandoned (the renderer's idle timeout ends live ones sooner). */
  abandonedAfterMs: number;
  /** The longest a citizen can stay at the receipt screen (idle timeout and warning): no purge before. */
  receiptScreenMs: number;
  retentionHours: number;
  intervalMs: number;
  clock: Clock;
  fs: PurgeFs;
  logger: Logger;
  alerts: PurgeAlerts;
  wait: Wait;
}

export interface PurgeReport {
  dossiers: number;
  files: number;
  prints: number;
  sessions: number;
}

/** Copies the WAL into the database and truncates it to zero bytes: the old row images leave the log. */
function checkpoint(db: Database): void {
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  if (result && result.busy !== 0) throw new Error('the WAL checkpoint could not finish (the store is busy)');
}

const FIRST_ROUND_AFTER_MS = 5_000;

/** Dossiers purged per transaction: a round never holds the store's write lock for long. */
const BATCH = 50;

/**
 * Erases personal data the terminal no longer needs (decision 0022): `retentionHours` after the
 * portal acknowledged a dossier (and its payment), its applicant fields, scanned pages and
 * receipt PDF; printed images older than the retention; staged pages of abandoned sessions.
 * The store runs with secure_delete, and each purge ends with a WAL checkpoint that truncates
 * the log, so the old bytes leave the database files too. A round that fails (a locked file, a
 * full disk) raises a staff alert and is tried again at the next round; it never touches the
 * submit path.
 */
export class PersonalDataPurge {
  private readonly stop = new AbortController();
  private nudge = new AbortController();
  private loop: Promise<void> | null = null;
  private failing = false;
  private lastDone: Date | null = null;

  constructor(private readonly deps: PersonalDataPurgeDeps) {}

  start(): void {
    this.loop ??= this.run(this.stop.signal);
  }

  /** A delivery was written: look now rather than at the next interval. */
  soon(): void {
    this.nudge.abort();
  }

  async close(): Promise<void> {
    this.stop.abort();
    await this.loop;
  }

  /** When a round last finished without error; null before the first. */
  lastPurgeAt(): Date | null {
    return this.lastDone;
  }

  /** One round; throws nothing: a failure is logged, alerted and retried by the next round. */
  runOnce(): PurgeReport | null {
    const { alerts, logger } = this.deps;
    try {
      const report = this.purge();
      this.lastDone = this.deps.clock.now();
      if (this.failing) alerts.resolve('privacy');
      this.failing = false;
      if (report.dossiers + report.files + report.prints + report.sessions > 0) logEvent(logger, 'info', 'privacy.purge', { ...report });
      return report;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.failing = true;
      alerts.raise('privacy', 'purge_failing', { detail: message });
      logEvent(logger, 'error', 'privacy.purge_failed', { error: message });
      return null;
    }
  }

  private async run(signal: AbortSignal): Promise<void> {
    // The first round a few seconds after start: a backlog to erase must not delay serving.
    let pause = Math.min(this.deps.intervalMs, FIRST_ROUND_AFTER_MS);
    while (!signal.aborted) {
      await this.deps.wait(pause, AbortSignal.any([signal, this.nudge.signal]));
      if (this.nudge.signal.aborted) this.nudge = new AbortController();
      if (signal.aborted) return;
      this.runOnce();
      pause = this.deps.intervalMs;
    }
  }

  private purge(): PurgeReport {
    const { db, clock, retentionHours } = this.deps;
    const now = clock.now();
    const before = new Date(now.getTime() - retentionHours * 3_600_000).toISOString();
    const receivedBefore = new Date(now.getTime() - this.deps.receiptScreenMs).toISOString();
    let dossiers = 0;
    for (;;) {
      const due = dossiersDueForPurge(db, before, receivedBefore, BATCH);
      if (due.length === 0) break;
      dossiers += db.transaction(() => due.filter((id) => purgeDossier(db, id, now.toISOString())).length).immediate();
      if (due.length < BATCH) break;
    }
    // Files after the rows: a crash in between leaves files that the next round still finds.
    const files = this.unlinkContentFiles();
    if (dossiers > 0 || this.failing) checkpoint(db);
    const prints = this.unlinkOldPrints(now.getTime() - retentionHours * 3_600_000);
    const sessions = this.deps.sweepAbandonedSessions(this.deps.abandonedAfterMs);
    return { dossiers, files, prints, sessions };
  }

  private unlinkContentFiles(): number {
    let removed = 0;
    for (const file of filesOnlyPurgedDossiersUse(this.deps.db)) {
      if (this.unlink(join(this.deps.fileRoot, file.relativePath))) removed++;
    }
    return removed;
  }

  private unlinkOldPrints(olderThanMs: number): number {
    const dir = this.deps.printsDir;
    if (dir === null) return 0;
    let names: string[];
    try {
      names = this.deps.fs.readdirSync(dir);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return 0;
      throw error;
    }
    let removed = 0;
    for (const name of names) {
      const path = join(dir, name);
      const stat = this.deps.fs.statSync(path, { throwIfNoEntry: false });
      if (!stat?.isFile() || stat.mtimeMs > olderThanMs) continue;
      if (this.unlink(path)) removed++;
    }
    return removed;
  }

  /** True if a file was removed; a file already gone is fine, anything else fails the round. */
  private unlink(path: string): boolean {
    try {
      this.deps.fs.unlinkSync(path);
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return false;
      throw error;
    }
  }
}
