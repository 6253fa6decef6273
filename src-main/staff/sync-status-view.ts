import type { Database } from 'better-sqlite3';
import type { AlertReason, ReasonParams } from '../../src-shared/reasons';
import type { ParkedRow, SyncStatus } from '../../src-shared/sync';
import type { OutboxRow } from '../../src-shared/staff-work';
import type { Clock } from '../kernel/clock';
import { addAudit, getDossier } from '../dossier/dossier-repository';
import { SUBMIT_JOB_KIND } from '../dossier/dossier-submit';
import { HELD, listParked, listUndelivered, outboxStats, parkedReasonOf, requeueParked } from '../outbox/outbox-repository';
import { getPayment } from '../payment/payment-repository';
import { PAYMENT_JOB_KIND } from '../payment/payment-service';
import type { LinkMonitor } from '../sync/link-state';

/** Parked rows the staff panel lists; more than a handful means a fault to fix, not rows to retry one by one. */
const PARKED_SHOWN = 50;
/** Rows the outbox list shows; a longer queue is summed up by the status's depth. */
const OUTBOX_SHOWN = 100;

export interface SyncStatusDeps {
  db: Database;
  clock: Clock;
  /** null: no portal configured (the outbox keeps everything). */
  portal: { link: LinkMonitor; origin: string; isEnrolled(): boolean; clockSkewSeconds(): number | null } | null;
  /** A row was sent again: deliver it now. */
  wake: () => void;
  /** The `outbox` staff alert (the worker raises it as it parks a row), resolved once no row is parked any more. */
  alerts: { raise(source: 'outbox', reason: AlertReason, more?: { params?: ReasonParams; detail?: string }): void; resolve(source: 'outbox'): void };
}

const parkedAs = (stored: string | null): Pick<ParkedRow, 'reason' | 'detail'> => {
  const { code, detail } = parkedReasonOf(stored);
  return { reason: code, detail };
};

/**
 * The staff panel's view of the sync: its state, the outbox, and the rows set aside. It reads
 * the outbox, dossier and payment tables and the link monitor for staff, so it lives with staff
 * rather than in sync/, which is only the portal adapter (issue #22).
 */
export class SyncStatusView {
  constructor(private readonly deps: SyncStatusDeps) {}

  /** At start: rows an earlier run set aside still need staff. */
  alertIfParked(): void {
    const { parked } = outboxStats(this.deps.db);
    if (parked > 0) this.deps.alerts.raise('outbox', 'outbox_rows_parked', { params: { count: parked } });
  }

  status(): SyncStatus {
    const { db, clock, portal } = this.deps;
    const now = clock.now().getTime();
    const stats = outboxStats(db);
    const linkError = portal?.link.error() ?? null;
    const rowErrorAt = stats.lastErrorAt === null ? NaN : Date.parse(stats.lastErrorAt);
    const lastError =
      linkError && !(rowErrorAt > linkError.at)
        ? { at: new Date(linkError.at).toISOString(), code: linkError.code, message: linkError.message }
        : stats.lastError !== null && stats.lastErrorAt !== null
          ? { at: stats.lastErrorAt, code: 'portal_error' as const, message: stats.lastError }
          : null;
    return {
      state: portal ? portal.link.state() : 'disabled',
      enrolled: portal?.isEnrolled() ?? false,
      outboxDepth: stats.depth,
      parked: stats.parked,
      oldestPendingAgeSeconds:
        stats.oldestPendingCreatedAt === null ? null : Math.max(0, Math.round((now - Date.parse(stats.oldestPendingCreatedAt)) / 1000)),
      lastError,
      portalOrigin: portal?.origin ?? null,
      clockSkewSeconds: portal?.clockSkewSeconds() ?? null,
    };
  }

  /** The parked rows (the latest PARKED_SHOWN), each named by the dossier it is about. */
  parkedRows(): ParkedRow[] {
    const { db } = this.deps;
    return listParked(db, PARKED_SHOWN).map((row) => ({
      id: row.id,
      ...this.about(row.kind, row.subject_id),
      attempts: row.attempts,
      parkedAt: row.updated_at,
      ...parkedAs(row.parked_reason),
    }));
  }

  /** The rows not yet delivered, oldest first: what each carries, when it is tried next, and why it waits. */
  outboxRows(): OutboxRow[] {
    return listUndelivered(this.deps.db, OUTBOX_SHOWN).map((row) => ({
      id: row.id,
      state: row.state,
      ...this.about(row.kind, row.subject_id),
      attempts: row.attempts,
      nextAttemptAt: row.state === 'parked' || row.next_attempt_at === HELD ? null : row.next_attempt_at,
      why: row.parked_reason === null ? row.last_error : parkedReasonOf(row.parked_reason).detail,
      parkReason: row.parked_reason === null ? null : parkedReasonOf(row.parked_reason).code,
    }));
  }

  /** What a row delivers, named by the dossier it is about (its official code when it has one). */
  private about(kind: string, subjectId: string): Pick<OutboxRow, 'kind' | 'dossierCode'> {
    const { db } = this.deps;
    const dossierId = kind === SUBMIT_JOB_KIND ? subjectId : kind === PAYMENT_JOB_KIND ? getPayment(db, subjectId)?.dossier_id : undefined;
    const dossier = dossierId === undefined ? undefined : getDossier(db, dossierId);
    return {
      kind: kind === SUBMIT_JOB_KIND ? 'dossier' : kind === PAYMENT_JOB_KIND ? 'payment' : 'other',
      dossierCode: dossier ? (dossier.official_code ?? dossier.provisional_code) : null,
    };
  }

  /** Staff send a parked row again (its cause fixed): written to the audit log, and tried at once. */
  retryParked(id: number): boolean {
    const { db, clock } = this.deps;
    const now = clock.now();
    const requeued = db.transaction(() => {
      const changed = requeueParked(db, id, now);
      if (changed) addAudit(db, { at: now.toISOString(), actor: 'staff', action: 'outbox_row_requeued', subject: String(id) });
      return changed;
    })();
    if (requeued) {
      if (outboxStats(db).parked === 0) this.deps.alerts.resolve('outbox');
      this.deps.wake();
    }
    return requeued;
  }
}
