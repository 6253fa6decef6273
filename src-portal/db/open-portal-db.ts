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

/**
 * The repositories call `db.prepare(sql)` on every request; compiling the same SQL again was a
 * tenth of the portal's CPU in the sync drain profile. This connection keeps each statement it
 * compiled and hands it out again. Shared statements are only run (get/all/run), never switched
 * to pluck/raw/expand modes, which would change them for every caller.
 */
function prepareOnce(db: Database): void {
  const compile = db.prepare.bind(db);
  const compiled = new Map<string, ReturnType<typeof compile>>();
  const cached = (source: string): ReturnType<typeof compile> => {
    let statement = compiled.get(source);
    if (!statement) {
      statement = compile(source);
      compiled.set(source, statement);
    }
    return statement;
  };
  db.prepare = cached as typeof db.prepare;
}
