import type { Database } from 'better-sqlite3';

/** The columns of a dossier (migration 0003) that the portal needs. */
export interface DossierSyncRow {
  id: string;
  provisional_code: string | null;
  official_code: string | null;
  procedure_code: string;
  procedure_name_vi: string;
  applicant_name: string;
  applicant_id_number: string;
  applicant_address: string;
  phone: string | null;
  email: string | null;
  form_values: string;
  consent_text_version: string;
  consent_at: string;
  received_at: string;
  appointment_at: string;
}

export interface DossierFileRow {
  document_id: string;
  page_no: number;
  sha256: string;
  byte_size: number;
  media_type: string;
  relative_path: string;
}

export function getDossierForSync(db: Database, id: string): DossierSyncRow | undefined {
  return db
    .prepare(
      `SELECT id, provisional_code, official_code, procedure_code, procedure_name_vi, applicant_name,
              applicant_id_number, applicant_address, phone, email, form_values, consent_text_version,
              consent_at, received_at, appointment_at
       FROM dossiers WHERE id = ?`,
    )
    .get(id) as DossierSyncRow | undefined;
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
 * one; the provisional code stays, so both find it. A code already set is never overwritten.
 */
export function linkOfficialCode(db: Database, dossierId: string, code: string, at: Date): boolean {
  return db
    .transaction(() => {
      const changed = db
        .prepare(`UPDATE dossiers SET official_code = ? WHERE id = ? AND official_code IS NULL`)
        .run(code, dossierId).changes;
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

/** Finds a dossier by either of its codes. */
export function findDossierIdByCode(db: Database, code: string): string | undefined {
  const row = db
    .prepare(`SELECT id FROM dossiers WHERE official_code = ? OR provisional_code = ? LIMIT 1`)
    .get(code, code) as { id: string } | undefined;
  return row?.id;
}
