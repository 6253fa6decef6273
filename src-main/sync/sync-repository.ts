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
