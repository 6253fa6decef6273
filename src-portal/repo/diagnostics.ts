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

/** Each terminal's latest `perTerminal` exports, latest first (the Fleet page's column). */
export function latestDiagnosticsByTerminal(db: Database, perTerminal: number): Map<string, DiagnosticsRow[]> {
  const rows = db
    .prepare(
      `SELECT id, terminal_id, received_at, bytes, sha256 FROM (
         SELECT *, row_number() OVER (PARTITION BY terminal_id ORDER BY received_at DESC) AS n FROM terminal_diagnostics
       ) WHERE n <= ? ORDER BY terminal_id, received_at DESC`,
    )
    .all(perTerminal) as DiagnosticsRow[];
  const byTerminal = new Map<string, DiagnosticsRow[]>();
  for (const row of rows) byTerminal.set(row.terminal_id, [...(byTerminal.get(row.terminal_id) ?? []), row]);
  return byTerminal;
}

export function diagnosticsById(db: Database, id: string): DiagnosticsRow | undefined {
  return db.prepare(`SELECT id, terminal_id, received_at, bytes, sha256 FROM terminal_diagnostics WHERE id = ?`).get(id) as DiagnosticsRow | undefined;
}
