import { accessSync, closeSync, constants, existsSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { StoreStatus } from '../../src-shared/dto';
import { prepareOnce } from '../../src-shared/prepare-once';
import { migrate, SchemaTooNewError } from './migrate';
import type { Migration } from './migration';
import { migrations } from './migrations';

export type StoreFailure = Extract<StoreStatus, { state: 'unavailable' }>;

export class StoreOpenError extends Error {
  constructor(readonly failure: StoreFailure) {
    super(failure.message);
  }
}

/**
 * Opens (or creates) the kiosk store and brings its schema up to date. Never deletes or
 * re-creates an existing file: a locked or corrupt database is reported, not "repaired".
 */
export function openDatabase(
  file: string,
  options: { busyTimeoutMs?: number; migrations?: readonly Migration[]; onMigrated?: (result: { from: number; to: number }) => void } = {},
): Database {
  let db: Database | undefined;
  try {
    // Created owner-only before SQLite opens it; SQLite gives the WAL the database file's mode.
    if (file !== ':memory:') createOwnerOnly(file);
    db = new BetterSqlite3(file, { timeout: options.busyTimeoutMs ?? 2000 });
    // One kiosk process owns its store: exclusive locking mode keeps the write lock from the
    // first write until close, so a second kiosk on the same data folder is told, not corrupted.
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.exec('BEGIN IMMEDIATE; COMMIT');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Deleted and overwritten content is zeroed in the file, not left in free space (decision 0022).
    db.pragma('secure_delete = ON');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new StoreOpenError(corrupt(file, String(check)));
    // Another list only in tests (a migration slow enough to be killed in the middle of).
    const migrated = migrate(db, options.migrations ?? migrations);
    prepareOnce(db);
    options.onMigrated?.(migrated);
    return db;
  } catch (error) {
    db?.close();
    throw new StoreOpenError(classify(file, error));
  }
}

/** Creates an empty file readable by its owner only; an existing file is left as it is. */
function createOwnerOnly(file: string): void {
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
  }
}

function classify(file: string, error: unknown): StoreFailure {
  if (error instanceof StoreOpenError) return error.failure;
  if (error instanceof SchemaTooNewError) return { state: 'unavailable', reason: 'too_new', message: error.message };
  const code = (error as { code?: string }).code ?? '';
  const text = error instanceof Error ? error.message : String(error);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return {
      state: 'unavailable',
      reason: 'locked',
      message: `The database ${file} is locked by another process (is a second kiosk running?): ${text}`,
    };
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return corrupt(file, text);
  // SQLite's own codes, or the file system's when the empty store file could not be created.
  const readOnly = /^SQLITE_(CANTOPEN|READONLY|IOERR|PERM)|^(EACCES|EPERM|EROFS)$/.test(code) ? notWritable(file) : null;
  if (readOnly)
    return {
      state: 'unavailable',
      reason: 'io_error',
      message:
        `The data folder cannot be written: ${readOnly}. The kiosk keeps no records until it can; ` +
        `make the folder writable for the kiosk's user (or remount the disk read-write) and restart the kiosk. SQLite said: ${text}`,
    };
  return { state: 'unavailable', reason: 'io_error', message: `The database ${file} could not be opened: ${text}` };
}

const corrupt = (file: string, detail: string): StoreFailure => ({
  state: 'unavailable',
  reason: 'corrupt',
  message: `The database ${file} is damaged (${detail}). It was left untouched; restore it from a backup or move it aside.`,
});

/** Why the store's folder or file cannot be written (read-only mount, permissions), or null when it can. */
function notWritable(file: string): string | null {
  for (const path of existsSync(file) ? [dirname(file), file] : [dirname(file)]) {
    try {
      accessSync(path, constants.W_OK);
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'error';
      return `${path} is ${code === 'EROFS' ? 'on a read-only file system' : 'not writable by this user'} (${code})`;
    }
  }
  return null;
}
