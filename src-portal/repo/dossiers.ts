import type { Database } from 'better-sqlite3';

export interface DossierRow {
  id: string;
  terminal_id: string;
  code: string;
  code_source: 'reserved' | 'assigned';
  provisional_code: string | null;
  procedure_code: string;
  status: number;
  received_at: string;
  appointment_at: string | null;
  updated_at: string;
  submission: string;
}
export interface StatusRow {
  status: number;
  at: string;
  note: string | null;
}
export interface DossierFileRow {
  dossier_id: string;
  upload_id: string;
  document_id: string;
  file_name: string;
  sha256: string;
  length: number;
}

export function insertDossier(db: Database, d: DossierRow, files: DossierFileRow[]): void {
  db.prepare(
    `INSERT INTO dossiers (id, terminal_id, code, code_source, provisional_code, procedure_code, status, received_at,
       appointment_at, updated_at, submission)
     VALUES (@id, @terminal_id, @code, @code_source, @provisional_code, @procedure_code, @status, @received_at,
       @appointment_at, @updated_at, @submission)`,
  ).run(d);
  const file = db.prepare(
    `INSERT INTO dossier_files (dossier_id, position, upload_id, document_id, file_name, sha256, length)
     VALUES (@dossier_id, @position, @upload_id, @document_id, @file_name, @sha256, @length)`,
  );
  files.forEach((f, position) => file.run({ ...f, position }));
  appendStatus(db, d.id, d.status, d.updated_at, null);
}

export function appendStatus(db: Database, dossierId: string, status: number, at: string, note: string | null): void {
  db.prepare(
    `INSERT INTO status_history (dossier_id, seq, status, at, note)
     VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM status_history WHERE dossier_id = ?), ?, ?, ?)`,
  ).run(dossierId, dossierId, status, at, note);
  db.prepare('UPDATE dossiers SET status = ?, updated_at = ? WHERE id = ?').run(status, at, dossierId);
}

export function dossierById(db: Database, id: string): DossierRow | undefined {
  return db.prepare('SELECT * FROM dossiers WHERE id = ?').get(id) as DossierRow | undefined;
}

export function statusHistory(db: Database, dossierId: string): StatusRow[] {
  return db.prepare('SELECT status, at, note FROM status_history WHERE dossier_id = ? ORDER BY seq').all(dossierId) as StatusRow[];
}

export function dossierFiles(db: Database, dossierId: string): DossierFileRow[] {
  return db.prepare('SELECT * FROM dossier_files WHERE dossier_id = ? ORDER BY position').all(dossierId) as DossierFileRow[];
}

export function findDossiers(
  db: Database,
  q: { terminalId: string; code?: string; updatedAfter?: string; limit: number },
): DossierRow[] {
  return db
    .prepare(
      `SELECT * FROM dossiers WHERE terminal_id = @terminalId
         AND (@code IS NULL OR code = @code OR provisional_code = @code)
         AND (@updatedAfter IS NULL OR updated_at > @updatedAfter)
       ORDER BY updated_at, id LIMIT @limit`,
    )
    .all({ terminalId: q.terminalId, code: q.code ?? null, updatedAfter: q.updatedAfter ?? null, limit: q.limit }) as DossierRow[];
}

export function latestDossiers(db: Database, limit: number): DossierRow[] {
  return db.prepare('SELECT * FROM dossiers ORDER BY received_at DESC LIMIT ?').all(limit) as DossierRow[];
}
