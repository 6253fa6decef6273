import BetterSqlite3 from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src-main/db/migrations';
import { openDatabase, StoreOpenError } from '../../src-main/db/open-database';
import { useTempDirs } from '../fakes/temp-dir';

const tempDir = useTempDirs();

function failureOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof StoreOpenError) return error.failure;
    throw error;
  }
  throw new Error('expected a StoreOpenError');
}

describe('openDatabase', () => {
  it('creates a WAL database with synchronous FULL and foreign keys at the latest schema', () => {
    const db = openDatabase(join(tempDir(), 'k.sqlite3'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });

  it('reports a locked database and does not touch it', () => {
    const file = join(tempDir(), 'k.sqlite3');
    openDatabase(file).close();
    const holder = new BetterSqlite3(file);
    holder.exec('BEGIN EXCLUSIVE');
    const failure = failureOf(() => openDatabase(file, { busyTimeoutMs: 50 }));
    expect(failure.reason).toBe('locked');
    expect(failure.message).toMatch(/locked/);
    holder.exec('ROLLBACK');
    holder.close();
  });

  it('reports a store already opened by another kiosk process', () => {
    const file = join(tempDir(), 'k.sqlite3');
    const first = openDatabase(file);
    expect(failureOf(() => openDatabase(file, { busyTimeoutMs: 50 })).reason).toBe('locked');
    first.close();
    openDatabase(file).close();
  });

  it('reports a corrupt file and never re-creates it', () => {
    const file = join(tempDir(), 'k.sqlite3');
    const garbage = Buffer.from('this is not a database'.repeat(300));
    writeFileSync(file, garbage);
    const failure = failureOf(() => openDatabase(file));
    expect(failure.reason).toBe('corrupt');
    expect(failure.message).toMatch(/left untouched/);
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('refuses a database from a newer kiosk version', () => {
    const file = join(tempDir(), 'k.sqlite3');
    const db = new BetterSqlite3(file);
    db.pragma(`user_version = ${migrations.length + 5}`);
    db.close();
    expect(failureOf(() => openDatabase(file)).reason).toBe('too_new');
  });
});
