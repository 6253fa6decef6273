import type { Database } from 'better-sqlite3';
import { addAudit } from '../dossier/dossier-repository';
import { SUBMIT_JOB_KIND } from '../dossier/dossier-submit';

/**
 * The SQL of the personal-data purge (decision 0022). A purged dossier keeps its code, procedure,
 * times, statuses, document list, file hashes, consent version and the last 4 digits of the ID
 * number (the lookup's check); its applicant's name is '' — that is the "purged" mark, so no
 * migration is needed (the column is NOT NULL and a submitted dossier always has a name).
 */

const UNPURGED = `d.applicant_name <> ''`;

/**
 * Dossiers whose personal data may go: the portal acknowledged the dossier (its outbox row is
 * done) no later than `ackBefore`, no payment of it is still pending, undelivered or changed
 * after `ackBefore` (a citizen paying is not done yet), and it was received no later than
 * `receivedBefore` (its citizen may still be at the receipt screen, and reprint it, until then).
 */
export function dossiersDueForPurge(db: Database, ackBefore: string, receivedBefore: string, limit: number): string[] {
  return db
    .prepare(
      `SELECT d.id FROM dossiers d
       JOIN outbox_jobs j ON j.kind = @kind AND j.subject_id = d.id AND j.state = 'done'
       WHERE ${UNPURGED} AND j.updated_at <= @before AND d.received_at <= @receivedBefore
         AND NOT EXISTS (
           SELECT 1 FROM payments p LEFT JOIN outbox_jobs pj ON pj.idempotency_key = p.id
           WHERE p.dossier_id = d.id
             AND (p.state = 'pending' OR p.updated_at > @before OR pj.id IS NULL OR pj.state <> 'done'))
       ORDER BY j.updated_at LIMIT @limit`,
    )
    .pluck()
    .all({ kind: SUBMIT_JOB_KIND, before: ackBefore, receivedBefore, limit }) as string[];
}

/** Erases one dossier's personal data in the caller's transaction; false if it was already purged. */
export function purgeDossierRow(db: Database, dossierId: string, now: string): boolean {
  const changed = db
    .prepare(
      `UPDATE dossiers SET
         applicant_name = '', applicant_id_number = substr(applicant_id_number, -4),
         applicant_birth_date = NULL, applicant_sex = NULL, applicant_address = '',
         representative_name = NULL, representative_id_number = NULL, representative_relation = NULL,
         phone = NULL, email = NULL, form_values = '{}',
         postal_address = CASE WHEN delivery_method = 'post' THEN '' ELSE NULL END
       WHERE id = ? AND applicant_name <> ''`,
    )
    .run(dossierId).changes;
  if (changed === 0) return false;
  // Payloads name the dossier or payment only; errors and park reasons may quote the portal
  // quoting a field, so the delivered rows lose them too.
  db.prepare(
    `UPDATE outbox_jobs SET last_error = NULL, parked_reason = NULL
     WHERE state = 'done' AND (subject_id = ? OR subject_id IN (SELECT id FROM payments WHERE dossier_id = ?))`,
  ).run(dossierId, dossierId);
  addAudit(db, { at: now, actor: 'privacy', action: 'dossier.personal_data_purged', subject: dossierId });
  return true;
}

/** Whether a dossier's personal data has been purged. */
export function isPurged(db: Database, dossierId: string): boolean {
  return db.prepare(`SELECT 1 FROM dossiers WHERE id = ? AND applicant_name = ''`).get(dossierId) !== undefined;
}

/**
 * Content files (scanned pages, receipt PDFs) that only purged dossiers refer to: these must not
 * be on disk. A file shared with a dossier not yet purged stays until that one is purged too.
 */
export function filesOnlyPurgedDossiersUse(db: Database): { sha256: string; relativePath: string }[] {
  return db
    .prepare(
      `WITH used AS (
         SELECT df.sha256, ${UNPURGED} AS live FROM dossier_files df JOIN dossiers d ON d.id = df.dossier_id
         UNION ALL
         SELECT r.sha256, ${UNPURGED} AS live FROM dossier_receipts r JOIN dossiers d ON d.id = r.dossier_id)
       SELECT f.sha256 AS sha256, f.relative_path AS relativePath
       FROM used JOIN files f ON f.sha256 = used.sha256
       GROUP BY f.sha256 HAVING max(used.live) = 0`,
    )
    .all() as { sha256: string; relativePath: string }[];
}
