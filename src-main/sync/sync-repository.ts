import type { Database } from 'better-sqlite3';

/** Facts the sync keeps between runs (migration 0004's sync_meta): terminal_index, catalog_etag, ... */
export function getMeta(db: Database, key: string): string | null {
  const row = db.prepare(`SELECT value FROM sync_meta WHERE key = ?`).get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setMeta(db: Database, key: string, value: string, at: Date): void {
  db.prepare(
    `INSERT INTO sync_meta (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, value, at.toISOString());
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
