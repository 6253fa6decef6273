import type { Database } from 'better-sqlite3';
import type { StoredFile } from './content-store';

export interface DossierRow {
  id: string;
  provisional_code: string | null;
  official_code: string | null;
  procedure_code: string;
  procedure_name_vi: string;
  procedure_name_en: string;
  agency_code: string;
  processing_days: number;
  status: number;
  applicant_name: string;
  applicant_id_number: string;
  applicant_birth_date: string | null;
  applicant_sex: 'male' | 'female' | null;
  applicant_address: string;
  identity_source: 'cccd_qr' | 'typed';
  representative_name: string | null;
  representative_id_number: string | null;
  representative_relation: string | null;
  phone: string | null;
  email: string | null;
  form_values: string;
  delivery_method: 'at_center' | 'post' | 'electronic';
  postal_address: string | null;
  consent_text_version: string;
  consent_at: string;
  consent_terminal: string;
  terminal_id: string;
  received_at: string;
  appointment_at: string;
  language: 'vi' | 'en';
}

export interface DocumentRow {
  dossier_id: string;
  document_id: string;
  ord: number;
  name_vi: string;
  name_en: string;
  form: string;
  copies: number;
  kind: 'scanned' | 'paper_at_counter';
  page_count: number;
}

export interface StatusRow {
  status: number;
  at: string;
  note: string | null;
}

const DOSSIER_COLUMNS = [
  'id', 'provisional_code', 'official_code', 'procedure_code', 'procedure_name_vi', 'procedure_name_en', 'agency_code',
  'processing_days', 'status', 'applicant_name', 'applicant_id_number', 'applicant_birth_date', 'applicant_sex',
  'applicant_address', 'identity_source', 'representative_name', 'representative_id_number', 'representative_relation',
  'phone', 'email', 'form_values', 'delivery_method', 'postal_address', 'consent_text_version', 'consent_at',
  'consent_terminal', 'terminal_id', 'received_at', 'appointment_at', 'language',
] as const;

export function insertDossier(db: Database, row: DossierRow): void {
  db.prepare(
    `INSERT INTO dossiers (${DOSSIER_COLUMNS.join(', ')}) VALUES (${DOSSIER_COLUMNS.map((c) => `@${c}`).join(', ')})`,
  ).run(row);
}

export function insertDocument(db: Database, row: DocumentRow): void {
  db.prepare(
    `INSERT INTO dossier_documents (dossier_id, document_id, ord, name_vi, name_en, form, copies, kind, page_count)
     VALUES (@dossier_id, @document_id, @ord, @name_vi, @name_en, @form, @copies, @kind, @page_count)`,
  ).run(row);
}

/** A file row is shared by every dossier that holds the same bytes. */
export function insertFile(db: Database, file: StoredFile, mediaType: string, now: string): void {
  db.prepare(
    `INSERT INTO files (sha256, byte_size, media_type, relative_path, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (sha256) DO NOTHING`,
  ).run(file.sha256, file.byteSize, mediaType, file.relativePath, now);
}

export function insertPage(db: Database, dossierId: string, documentId: string, pageNo: number, sha256: string): void {
  db.prepare(`INSERT INTO dossier_files (dossier_id, document_id, page_no, sha256) VALUES (?, ?, ?, ?)`).run(
    dossierId,
    documentId,
    pageNo,
    sha256,
  );
}

export function setReceiptFile(db: Database, dossierId: string, language: string, sha256: string): void {
  db.prepare(
    `INSERT INTO dossier_receipts (dossier_id, language, sha256) VALUES (?, ?, ?)
     ON CONFLICT (dossier_id, language) DO UPDATE SET sha256 = excluded.sha256`,
  ).run(dossierId, language, sha256);
}

export function getReceiptFile(db: Database, dossierId: string, language: string): string | undefined {
  const row = db.prepare(`SELECT sha256 FROM dossier_receipts WHERE dossier_id = ? AND language = ?`).get(dossierId, language) as
    | { sha256: string }
    | undefined;
  return row?.sha256;
}

export function addStatus(db: Database, dossierId: string, status: number, at: string, note: string | null): void {
  db.prepare(
    `INSERT INTO dossier_status_history (dossier_id, seq, status, at, note)
     VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM dossier_status_history WHERE dossier_id = ?), ?, ?, ?)`,
  ).run(dossierId, dossierId, status, at, note);
  db.prepare(`UPDATE dossiers SET status = ? WHERE id = ?`).run(status, dossierId);
}

export function addAudit(db: Database, entry: { at: string; actor: string; action: string; subject: string; detail?: unknown }): void {
  db.prepare(`INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)`).run(
    entry.at,
    entry.actor,
    entry.action,
    entry.subject,
    entry.detail === undefined ? null : JSON.stringify(entry.detail),
  );
}

/** Takes the next XXXX of a terminal's day; callers run it inside the submit transaction. */
export function nextProvisionalNumber(db: Database, terminal: string, day: string): number {
  const row = db
    .prepare(
      `INSERT INTO dossier_code_counters (terminal, day, last_number) VALUES (?, ?, 1)
       ON CONFLICT (terminal, day) DO UPDATE SET last_number = last_number + 1
       RETURNING last_number`,
    )
    .get(terminal, day) as { last_number: number };
  return row.last_number;
}

/** The lowest free official code reserved for an agency's day; null when none is left. */
export function freeOfficialCode(db: Database, agencyCode: string, day: string): string | null {
  const row = db
    .prepare(
      `SELECT code FROM official_code_reservations
       WHERE agency_code = ? AND day = ? AND dossier_id IS NULL ORDER BY code LIMIT 1`,
    )
    .get(agencyCode, day) as { code: string } | undefined;
  return row?.code ?? null;
}

/** Marks a reserved code as used; in the transaction that inserted the dossier. */
export function claimOfficialCode(db: Database, code: string, dossierId: string): void {
  const result = db.prepare(`UPDATE official_code_reservations SET dossier_id = ? WHERE code = ? AND dossier_id IS NULL`).run(dossierId, code);
  if (result.changes !== 1) throw new Error(`official code ${code} is not free`);
}

/** For sync: codes the portal reserved for this kiosk. Codes already known are left as they are. */
export function reserveOfficialCodes(db: Database, codes: { code: string; agencyCode: string; day: string }[], now: string): void {
  const insert = db.prepare(
    `INSERT INTO official_code_reservations (code, agency_code, day, reserved_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (code) DO NOTHING`,
  );
  db.transaction(() => codes.forEach((c) => insert.run(c.code, c.agencyCode, c.day, now)))();
}

/** For sync: the official code the portal gave a dossier that got a provisional one. */
export function linkOfficialCode(db: Database, dossierId: string, officialCode: string): void {
  db.prepare(`UPDATE dossiers SET official_code = ? WHERE id = ? AND (official_code IS NULL OR official_code = ?)`).run(
    officialCode,
    dossierId,
    officialCode,
  );
}

/** The privacy purge (src-main/privacy, decision 0022) marks an erased dossier by an empty name. */
export const personalDataErased = (row: Pick<DossierRow, 'applicant_name'>): boolean => row.applicant_name === '';

export function getDossier(db: Database, id: string): DossierRow | undefined {
  return db.prepare(`SELECT * FROM dossiers WHERE id = ?`).get(id) as DossierRow | undefined;
}

/** Either code finds the dossier: the provisional one stays searchable after the official one is linked. */
export function findDossierByCode(db: Database, code: string): DossierRow | undefined {
  return db
    .prepare(`SELECT * FROM dossiers WHERE provisional_code = ? UNION ALL SELECT * FROM dossiers WHERE official_code = ? LIMIT 1`)
    .get(code, code) as DossierRow | undefined;
}

export function listDocuments(db: Database, dossierId: string): DocumentRow[] {
  return db.prepare(`SELECT * FROM dossier_documents WHERE dossier_id = ? ORDER BY ord`).all(dossierId) as DocumentRow[];
}

export function listPages(db: Database, dossierId: string): { document_id: string; page_no: number; sha256: string }[] {
  return db
    .prepare(`SELECT document_id, page_no, sha256 FROM dossier_files WHERE dossier_id = ? ORDER BY document_id, page_no`)
    .all(dossierId) as { document_id: string; page_no: number; sha256: string }[];
}

export function statusHistory(db: Database, dossierId: string): StatusRow[] {
  return db.prepare(`SELECT status, at, note FROM dossier_status_history WHERE dossier_id = ? ORDER BY seq`).all(dossierId) as StatusRow[];
}

/** Every SHA-256 a row points at (the start sweep keeps exactly these). */
export function referencedFiles(db: Database): Set<string> {
  const rows = db
    .prepare(
      `SELECT sha256 FROM files
       UNION SELECT sha256 FROM dossier_files
       UNION SELECT sha256 FROM dossier_receipts`,
    )
    .pluck()
    .all() as string[];
  return new Set(rows);
}

// ---- Moved from src-main/sync (dossier-repository.ts, sync-repository.ts): the sync's reads and
// writes of these tables, so that their SQL lives in one file.

/** A stored page as the portal gets it: its content's facts and where it lies under the content root. */
export interface DossierFileRow {
  document_id: string;
  page_no: number;
  sha256: string;
  byte_size: number;
  media_type: string;
  relative_path: string;
}

export function getDossierFiles(db: Database, dossierId: string): DossierFileRow[] {
  return db
    .prepare(
      `SELECT df.document_id, df.page_no, f.sha256, f.byte_size, f.media_type, f.relative_path
       FROM dossier_files df JOIN files f ON f.sha256 = df.sha256
       WHERE df.dossier_id = ? ORDER BY df.document_id, df.page_no`,
    )
    .all(dossierId) as DossierFileRow[];
}

/**
 * Links the official code the portal assigned to a dossier that was received with a provisional
 * one, with an audit entry; the provisional code stays, so both find it. A code already set is
 * never overwritten.
 */
export function linkAssignedOfficialCode(db: Database, dossierId: string, code: string, at: Date): boolean {
  return db
    .transaction(() => {
      const changed = db.prepare(`UPDATE dossiers SET official_code = ? WHERE id = ? AND official_code IS NULL`).run(code, dossierId).changes;
      if (changed > 0) {
        db.prepare(`INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, 'sync', 'official_code_linked', ?, ?)`).run(
          at.toISOString(),
          dossierId,
          code,
        );
      }
      return changed > 0;
    })
    .immediate();
}

/** Reserved official codes of an agency's day that no dossier has used yet. */
export function countFreeOfficialCodes(db: Database, agencyCode: string, day: string): number {
  const row = db
    .prepare(`SELECT count(*) AS n FROM official_code_reservations WHERE agency_code = ? AND day = ? AND dossier_id IS NULL`)
    .get(agencyCode, day) as { n: number };
  return row.n;
}

/**
 * Brings a dossier's status up to what the portal says (the portal decides after hand-over); a
 * status already recorded is not added again, and an official code fills only an empty one.
 */
export function applyPortalStatus(
  db: Database,
  dossierId: string,
  portal: { status: number; updatedAt: string; code: string },
  officialCodePattern: RegExp,
): boolean {
  return db
    .transaction(() => {
      const row = db.prepare(`SELECT status, official_code FROM dossiers WHERE id = ?`).get(dossierId) as
        | { status: number; official_code: string | null }
        | undefined;
      if (!row) return false;
      let changed = false;
      if (row.official_code === null && officialCodePattern.test(portal.code)) {
        db.prepare(`UPDATE dossiers SET official_code = ? WHERE id = ? AND official_code IS NULL`).run(portal.code, dossierId);
        changed = true;
      }
      if (row.status !== portal.status) {
        db.prepare(
          `INSERT INTO dossier_status_history (dossier_id, seq, status, at, note)
           VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM dossier_status_history WHERE dossier_id = ?), ?, ?, 'portal')`,
        ).run(dossierId, dossierId, portal.status, portal.updatedAt);
        db.prepare(`UPDATE dossiers SET status = ? WHERE id = ?`).run(portal.status, dossierId);
        changed = true;
      }
      return changed;
    })
    .immediate();
}

// ---- The personal-data purge's reads and writes of these tables (decision 0022). A purged
// dossier keeps its code, procedure, times, statuses, document list, file hashes, consent version
// and the last 4 digits of the ID number (the lookup's check); its applicant's name is '' — that
// is the "purged" mark, so no migration is needed (the column is NOT NULL and a submitted dossier
// always has a name).

const UNPURGED = `d.applicant_name <> ''`;

/** Dossiers whose personal data is still here, received no later than `receivedBefore`. */
export function unpurgedReceivedBefore(db: Database, receivedBefore: string): string[] {
  return db.prepare(`SELECT d.id FROM dossiers d WHERE ${UNPURGED} AND d.received_at <= ?`).pluck().all(receivedBefore) as string[];
}

/** Erases one dossier's personal data in the caller's transaction; false if it was already purged. */
export function purgeDossierRow(db: Database, dossierId: string): boolean {
  return (
    db
      .prepare(
        `UPDATE dossiers SET
           applicant_name = '', applicant_id_number = substr(applicant_id_number, -4),
           applicant_birth_date = NULL, applicant_sex = NULL, applicant_address = '',
           representative_name = NULL, representative_id_number = NULL, representative_relation = NULL,
           phone = NULL, email = NULL, form_values = '{}',
           postal_address = CASE WHEN delivery_method = 'post' THEN '' ELSE NULL END
         WHERE id = ? AND applicant_name <> ''`,
      )
      .run(dossierId).changes > 0
  );
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

/** Ids of the dossiers a terminal received in [from, to) (UTC instants): codes and times only. */
export function dossierIdsReceivedIn(db: Database, terminalId: string, from: string, to: string): string[] {
  return db
    .prepare(`SELECT id FROM dossiers WHERE terminal_id = ? AND received_at >= ? AND received_at < ? ORDER BY received_at, id`)
    .pluck()
    .all(terminalId, from, to) as string[];
}

/** Documents of these dossiers by kind, and the pages scanned: kinds and counts stay after the purge. */
export function documentCountsOf(db: Database, dossierIds: readonly string[]): { scannedDocuments: number; paperDocuments: number; pagesScanned: number } {
  const row = db
    .prepare(
      `SELECT coalesce(sum(kind = 'scanned'), 0) AS scannedDocuments,
              coalesce(sum(kind = 'paper_at_counter'), 0) AS paperDocuments,
              coalesce(sum(page_count), 0) AS pagesScanned
       FROM dossier_documents WHERE dossier_id IN (SELECT value FROM json_each(?))`,
    )
    .get(JSON.stringify(dossierIds)) as { scannedDocuments: number; paperDocuments: number; pagesScanned: number };
  return row;
}
