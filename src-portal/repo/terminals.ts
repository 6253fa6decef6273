import type { Database } from 'better-sqlite3';

export interface TerminalRow {
  id: string;
  idx: number;
  name: string | null;
  app_version: string;
  enrolled_at: string;
  last_seen_at: string | null;
  last_heartbeat: string | null;
  /** When the portal received the latest heartbeat (its clock). */
  heartbeat_at: string | null;
  /** JSON: the outbox depths of the latest heartbeats, `[{ at, depth }]`, oldest first. */
  outbox_depths: string;
}

/** Heartbeats whose outbox depth the Fleet page keeps, to tell a growing backlog from a busy hour. */
const DEPTHS_KEPT = 12;

/** Enrolls or re-enrolls: a new credential replaces the old one; the index stays. */
export function enrollTerminal(
  db: Database,
  t: { id: string; name: string | null; appVersion: string; credentialHash: string; now: string },
): number {
  const row = db
    .prepare(
      `INSERT INTO terminals (id, idx, name, credential_hash, app_version, enrolled_at)
       VALUES (@id, (SELECT COALESCE(MAX(idx), 0) + 1 FROM terminals), @name, @credentialHash, @appVersion, @now)
       ON CONFLICT (id) DO UPDATE SET credential_hash = excluded.credential_hash,
         app_version = excluded.app_version, name = COALESCE(excluded.name, terminals.name), enrolled_at = excluded.enrolled_at
       RETURNING idx`,
    )
    .get(t) as { idx: number };
  return row.idx;
}

export function terminalByCredential(db: Database, credentialHash: string): TerminalRow | undefined {
  return db.prepare('SELECT * FROM terminals WHERE credential_hash = ?').get(credentialHash) as TerminalRow | undefined;
}

export function touchTerminal(db: Database, id: string, now: string): void {
  db.prepare('UPDATE terminals SET last_seen_at = ? WHERE id = ?').run(now, id);
}

export interface DepthSample {
  at: string;
  depth: number;
}

export function recordHeartbeat(db: Database, id: string, heartbeat: { appVersion: string; outbox: { depth: number } }, now: string): void {
  db.transaction(() => {
    const row = db.prepare('SELECT outbox_depths FROM terminals WHERE id = ?').get(id) as { outbox_depths: string } | undefined;
    const depths = [...(JSON.parse(row?.outbox_depths ?? '[]') as DepthSample[]), { at: now, depth: heartbeat.outbox.depth }].slice(-DEPTHS_KEPT);
    db.prepare('UPDATE terminals SET last_heartbeat = ?, app_version = ?, heartbeat_at = ?, outbox_depths = ? WHERE id = ?').run(
      JSON.stringify(heartbeat),
      heartbeat.appVersion,
      now,
      JSON.stringify(depths),
      id,
    );
  })();
}

export function listTerminals(db: Database): TerminalRow[] {
  return db.prepare('SELECT * FROM terminals ORDER BY idx').all() as TerminalRow[];
}
