import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { migrate } from '../../../src-main/db/migrate';
import { migrations } from '../../../src-main/db/migrations';
import { migration0004 } from '../../../src-main/db/migrations/0004-sync';

/** A store file at the latest schema, with the sync migration even before it is listed. */
export function openSyncDb(dir: string, name = 'kiosk.sqlite3'): BetterSqlite3.Database {
  const db = new BetterSqlite3(join(dir, name));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const all = migrations.some((m) => m.version === 4) ? migrations : [...migrations, migration0004];
  migrate(db, all);
  return db;
}
