import { prepareOnce } from '../../src-shared/prepare-once';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migratePortal } from './migration';
import { portalMigrations } from './migrations';

/** WAL + synchronous=NORMAL: the caller must await a WalSync flush before acknowledging a write. */
export function openPortalDb(file: string): Database {
  const db = new BetterSqlite3(file, { timeout: 2000 });
  try {
    db.pragma('journal_mode = WAL');
    // Commits are made durable by WalSync (group commit) before any answer acknowledges them.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migratePortal(db, portalMigrations);
    prepareOnce(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
