import type { Database } from 'better-sqlite3';
import { addAudit, purgeDossierRow, unpurgedReceivedBefore } from '../dossier/dossier-repository';
import { SUBMIT_JOB_KIND } from '../dossier/dossier-submit';
import { clearDeliveredErrors, deliveredAt, isDone } from '../outbox/outbox-repository';
import { paymentsOf } from '../payment/payment-repository';

/**
 * Which dossiers the personal-data purge may erase, and the erasing, composed from the
 * repositories of the tables involved (each table's SQL stays in its own file, decision 0027).
 */

/**
 * Dossiers whose personal data may go, oldest acknowledgement first: the portal acknowledged the
 * dossier (its outbox row is done) no later than `ackBefore`, no payment of it is still pending,
 * undelivered or changed after `ackBefore` (a citizen paying is not done yet), and it was received
 * no later than `receivedBefore` (its citizen may still be at the receipt screen, and reprint it,
 * until then).
 */
export function dossiersDueForPurge(db: Database, ackBefore: string, receivedBefore: string, limit: number): string[] {
  const acked = deliveredAt(db, SUBMIT_JOB_KIND, unpurgedReceivedBefore(db, receivedBefore));
  return [...acked]
    .filter(([, at]) => at <= ackBefore)
    .filter(([id]) => paymentsOf(db, id).every((p) => p.state !== 'pending' && p.updated_at <= ackBefore && isDone(db, p.id)))
    .sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([id]) => id);
}

/** Erases one dossier's personal data in the caller's transaction; false if it was already purged. */
export function purgeDossier(db: Database, dossierId: string, now: string): boolean {
  if (!purgeDossierRow(db, dossierId)) return false;
  clearDeliveredErrors(db, [dossierId, ...paymentsOf(db, dossierId).map((p) => p.id)]);
  addAudit(db, { at: now, actor: 'privacy', action: 'dossier.personal_data_purged', subject: dossierId });
  return true;
}
