import { prepareOnce } from '../../src-shared/prepare-once';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migratePortal } from './migration';
import { portalMigrations } from './migrations';

/** WAL + synchronous=FULL: a commit is on disk when it returns, before any answer acknowledges it. */
export function openPortalDb(file: string): Database {
  const db = new BetterSqlite3(file, { timeout: 2000 });
  try {
    db.pragma('journal_mode = WAL');
    // One fsync per commit, by SQLite itself: slower than a group commit, nothing to get wrong (0026).
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migratePortal(db, portalMigrations);
    prepareOnce(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
