import type { Database } from 'better-sqlite3';

export interface PortalMigration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

/** The portal's own schema chain (it shares no tables with the kiosk). Append only. */
export function migratePortal(db: Database, list: readonly PortalMigration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Portal migration list out of order at ${m.name}`);
  });
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > list.length)
    throw new Error(`The portal database is at schema ${from}; this portal knows up to ${list.length}. Use the newer portal.`);
  if (from === list.length) return;
  db.transaction(() => {
    for (const m of list.slice(from)) db.exec(m.up);
    db.pragma(`user_version = ${list.length}`);
  }).immediate();
}
