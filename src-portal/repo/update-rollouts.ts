import type { Database } from 'better-sqlite3';

export interface RolloutRow {
  version: string;
  staging_percentage: number;
  set_at: string;
}

/** The admin's percentage for a release version, or null when none was set (the feed's own then). */
export function rolloutOf(db: Database, version: string): number | null {
  const row = db.prepare(`SELECT staging_percentage FROM update_rollouts WHERE version = ?`).get(version) as { staging_percentage: number } | undefined;
  return row?.staging_percentage ?? null;
}

export function setRollout(db: Database, version: string, percentage: number, at: string): void {
  db.prepare(
    `INSERT INTO update_rollouts (version, staging_percentage, set_at) VALUES (?, ?, ?)
     ON CONFLICT (version) DO UPDATE SET staging_percentage = excluded.staging_percentage, set_at = excluded.set_at`,
  ).run(version, percentage, at);
}

export function listRollouts(db: Database): RolloutRow[] {
  return db.prepare(`SELECT version, staging_percentage, set_at FROM update_rollouts ORDER BY set_at DESC, version`).all() as RolloutRow[];
}
