import type { Database } from 'better-sqlite3';
import type { StaffRole } from '../../src-shared/staff-access';
import type { LockoutState } from './lockout-policy';
import type { PinHash } from './pin-hash';

/** Raw SQL for staff access (migration 0006). No PIN ever reaches these tables, only its hash. */

export function readPinHash(db: Database, role: StaffRole): PinHash | null {
  const row = db.prepare(`SELECT scheme, salt, hash FROM staff_pins WHERE role = ?`).get(role) as PinHash | undefined;
  return row ?? null;
}

export function savePinHash(db: Database, role: StaffRole, pin: PinHash, at: string): void {
  db.prepare(
    `INSERT INTO staff_pins (role, scheme, salt, hash, set_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (role) DO UPDATE SET scheme = excluded.scheme, salt = excluded.salt, hash = excluded.hash, set_at = excluded.set_at`,
  ).run(role, pin.scheme, pin.salt, pin.hash, at);
}

export function readLockout(db: Database): LockoutState {
  const row = db.prepare(`SELECT failed_attempts AS failedAttempts, lockouts, locked_until AS lockedUntil FROM staff_lockout WHERE id = 1`).get() as
    | LockoutState
    | undefined;
  return row ?? { failedAttempts: 0, lockouts: 0, lockedUntil: null };
}

export function saveLockout(db: Database, state: LockoutState): void {
  db.prepare(
    `INSERT INTO staff_lockout (id, failed_attempts, lockouts, locked_until) VALUES (1, @failedAttempts, @lockouts, @lockedUntil)
     ON CONFLICT (id) DO UPDATE SET failed_attempts = excluded.failed_attempts, lockouts = excluded.lockouts, locked_until = excluded.locked_until`,
  ).run(state);
}

export type AuditEvent = 'login' | 'logout' | 'lockout' | 'pin-set';

export interface AuditEntry {
  at: string;
  event: AuditEvent;
  role: StaffRole | null;
  terminalId: string;
  detail: string | null;
}

export function addAuditEntry(db: Database, entry: AuditEntry): void {
  db.prepare(`INSERT INTO staff_audit (at, event, role, terminal_id, detail) VALUES (@at, @event, @role, @terminalId, @detail)`).run(entry);
}

/** Oldest first. */
export function listAuditEntries(db: Database): AuditEntry[] {
  return db
    .prepare(`SELECT at, event, role, terminal_id AS terminalId, detail FROM staff_audit ORDER BY id`)
    .all() as AuditEntry[];
}
