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

/** Queue-number blocks the portal reserved for this terminal (migration 0004's queue_number_blocks). */
export function countBlocks(db: Database, serviceId: string, day: string): number {
  return db.prepare(`SELECT count(*) FROM queue_number_blocks WHERE service_id = ? AND day = ?`).pluck().get(serviceId, day) as number;
}

export function insertBlock(db: Database, b: { blockId: string; serviceId: string; day: string; first: number; last: number }, at: Date): void {
  db.prepare(
    `INSERT OR IGNORE INTO queue_number_blocks (block_id, service_id, day, first, last, next, reserved_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(b.blockId, b.serviceId, b.day, b.first, b.last, b.first, at.toISOString());
}

/** Takes the lowest unused number of this terminal's blocks, atomically; null when none is left. */
export function takeBlockNumber(db: Database, serviceId: string, day: string, limit: number): number | null {
  const row = db
    .prepare(
      `UPDATE queue_number_blocks SET next = next + 1
       WHERE block_id = (SELECT block_id FROM queue_number_blocks
                         WHERE service_id = ? AND day = ? AND next <= last AND next < ? ORDER BY next LIMIT 1)
       RETURNING next - 1 AS number`,
    )
    .get(serviceId, day, limit) as { number: number } | undefined;
  return row?.number ?? null;
}

export function freeBlockNumbers(db: Database, serviceId: string, day: string): number {
  const row = db
    .prepare(`SELECT coalesce(sum(last - next + 1), 0) AS n FROM queue_number_blocks WHERE service_id = ? AND day = ?`)
    .get(serviceId, day) as { n: number };
  return row.n;
}
