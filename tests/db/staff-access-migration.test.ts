import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/migrate';
import { migrations } from '../../src-main/db/migrations';
import { addAuditEntry, listAuditEntries, readLockout, readPinHash, saveLockout, savePinHash } from '../../src-main/staff/staff-access-repository';

function at(version: number) {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, version));
  return db;
}

const NOW = '2026-11-23T02:00:00.000Z';
const pin = { scheme: 'scrypt:N=32768,r=8,p=1,len=32', salt: Buffer.alloc(16, 1), hash: Buffer.alloc(32, 2) };

describe('migration 0006: staff access', () => {
  it('adds PIN hashes, an open lockout row and the audit to a store with payments, which stay as they were', () => {
    const db = at(5);
    expect(db.prepare(`SELECT count(*) FROM payments`).pluck().get()).toBe(0);
    migrate(db, migrations.slice(0, 6));
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(readLockout(db)).toEqual({ failedAttempts: 0, lockouts: 0, lockedUntil: null });
    expect(readPinHash(db, 'it')).toBeNull();
    expect(listAuditEntries(db)).toEqual([]);
  });

  it('keeps one hash per role (a new PIN replaces the old) and refuses roles, salts and hashes that are not ones', () => {
    const db = at(6);
    savePinHash(db, 'it', pin, NOW);
    savePinHash(db, 'it', { ...pin, hash: Buffer.alloc(32, 3) }, NOW);
    expect(readPinHash(db, 'it')?.hash).toEqual(Buffer.alloc(32, 3));
    expect(db.prepare(`SELECT count(*) FROM staff_pins`).pluck().get()).toBe(1);
    expect(() => savePinHash(db, 'admin' as 'it', pin, NOW)).toThrow(/CHECK/);
    expect(() => savePinHash(db, 'staff', { ...pin, salt: Buffer.alloc(4) }, NOW)).toThrow(/CHECK/);
    // STRICT: a PIN typed as text cannot land in the hash column.
    expect(() => db.prepare(`INSERT INTO staff_pins VALUES ('staff', 's', ?, '123456', ?)`).run(pin.salt, NOW)).toThrow();
  });

  it('keeps a single lockout row and an append-only audit with the terminal id', () => {
    const db = at(6);
    saveLockout(db, { failedAttempts: 0, lockouts: 2, lockedUntil: NOW });
    expect(readLockout(db)).toEqual({ failedAttempts: 0, lockouts: 2, lockedUntil: NOW });
    expect(() => db.prepare(`INSERT INTO staff_lockout VALUES (2, 0, 0, NULL)`).run()).toThrow(/CHECK/);
    addAuditEntry(db, { at: NOW, event: 'login', role: 'staff', terminalId: 'KIOSK-01', detail: null });
    addAuditEntry(db, { at: NOW, event: 'lockout', role: null, terminalId: 'KIOSK-01', detail: 'until x' });
    expect(listAuditEntries(db).map((e) => [e.event, e.role, e.terminalId])).toEqual([
      ['login', 'staff', 'KIOSK-01'],
      ['lockout', null, 'KIOSK-01'],
    ]);
    expect(() => addAuditEntry(db, { at: NOW, event: 'pin-typed' as 'login', role: null, terminalId: 'K', detail: null })).toThrow(/CHECK/);
  });
});
