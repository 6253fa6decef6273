import type { Database } from 'better-sqlite3';

export interface DiagnosticsRow {
  id: string;
  terminal_id: string;
  received_at: string;
  bytes: number;
  sha256: string;
}

/** A terminal's diagnostics export, once its zip is on disk (decision 0030). */
export function insertDiagnostics(db: Database, row: DiagnosticsRow): void {
  db.prepare(`INSERT INTO terminal_diagnostics (id, terminal_id, received_at, bytes, sha256) VALUES (@id, @terminal_id, @received_at, @bytes, @sha256)`).run(row);
}

/** The latest exports, by terminal then latest first, for the admin page. */
export function listDiagnostics(db: Database, limit: number): DiagnosticsRow[] {
  return db
    .prepare(`SELECT id, terminal_id, received_at, bytes, sha256 FROM terminal_diagnostics ORDER BY terminal_id, received_at DESC LIMIT ?`)
    .all(limit) as DiagnosticsRow[];
}

export function diagnosticsById(db: Database, id: string): DiagnosticsRow | undefined {
  return db.prepare(`SELECT id, terminal_id, received_at, bytes, sha256 FROM terminal_diagnostics WHERE id = ?`).get(id) as DiagnosticsRow | undefined;
}
