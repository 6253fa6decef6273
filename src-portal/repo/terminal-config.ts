import type { Database } from 'better-sqlite3';

/** The center-wide document's scope; any other scope is a terminal id. */
export const CENTER_SCOPE = '*';

export interface ConfigDocumentRow {
  scope: string;
  /** JSON, checked with the shared schema before it was saved. */
  document: string;
  revision: number;
  saved_at: string;
}

export interface TerminalConfigStateRow {
  terminal_id: string;
  applied_version: number | null;
  applied_at: string | null;
  rejected_version: number | null;
  rejected_at: string | null;
  /** JSON: the problems of the rejected version. */
  problems: string;
}

/** Saves a scope's document at the next revision (higher than any before, over all scopes). */
export function saveConfigDocument(db: Database, scope: string, document: string, now: string): number {
  const row = db
    .prepare(
      `INSERT INTO config_documents (scope, document, revision, saved_at)
       VALUES (@scope, @document, (SELECT COALESCE(MAX(revision), 0) + 1 FROM config_documents), @now)
       ON CONFLICT (scope) DO UPDATE SET document = excluded.document, revision = excluded.revision, saved_at = excluded.saved_at
       RETURNING revision`,
    )
    .get({ scope, document, now }) as { revision: number };
  return row.revision;
}

export function configDocument(db: Database, scope: string): ConfigDocumentRow | undefined {
  return db.prepare('SELECT * FROM config_documents WHERE scope = ?').get(scope) as ConfigDocumentRow | undefined;
}

export function listConfigDocuments(db: Database): ConfigDocumentRow[] {
  return db.prepare('SELECT * FROM config_documents ORDER BY scope').all() as ConfigDocumentRow[];
}

/** The version a terminal sees: the later revision of the center-wide and its own document; 0 without either. */
export function terminalConfigVersion(db: Database, terminalId: string): number {
  const row = db
    .prepare('SELECT COALESCE(MAX(revision), 0) AS version FROM config_documents WHERE scope IN (?, ?)')
    .get(CENTER_SCOPE, terminalId) as { version: number };
  return row.version;
}

export function recordConfigReport(
  db: Database,
  r: { terminalId: string; version: number; outcome: 'applied' | 'rejected'; problems: readonly string[]; now: string },
): void {
  if (r.outcome === 'applied') {
    db.prepare(
      `INSERT INTO terminal_config_state (terminal_id, applied_version, applied_at) VALUES (?, ?, ?)
       ON CONFLICT (terminal_id) DO UPDATE SET applied_version = excluded.applied_version, applied_at = excluded.applied_at`,
    ).run(r.terminalId, r.version, r.now);
    return;
  }
  db.prepare(
    `INSERT INTO terminal_config_state (terminal_id, rejected_version, rejected_at, problems) VALUES (?, ?, ?, ?)
     ON CONFLICT (terminal_id) DO UPDATE SET rejected_version = excluded.rejected_version, rejected_at = excluded.rejected_at, problems = excluded.problems`,
  ).run(r.terminalId, r.version, r.now, JSON.stringify(r.problems));
}

export function terminalConfigStates(db: Database): Map<string, TerminalConfigStateRow> {
  const rows = db.prepare('SELECT * FROM terminal_config_state').all() as TerminalConfigStateRow[];
  return new Map(rows.map((r) => [r.terminal_id, r]));
}
