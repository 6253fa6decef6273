import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migratePortal } from './migration';
import { portalMigrations } from './migrations';

export function openPortalDb(file: string): Database {
  const db = new BetterSqlite3(file, { timeout: 2000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migratePortal(db, portalMigrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
