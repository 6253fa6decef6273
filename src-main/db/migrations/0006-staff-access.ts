import type { Migration } from '../migration';

/**
 * Staff and IT access (decision 0021): the PINs as salted scrypt hashes (never the PIN), the
 * lockout after wrong PINs (kept across restarts), and the audit of logins, logouts, lockouts
 * and PIN changes with the terminal id.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'staff access',
  up: `
    CREATE TABLE staff_pins (
      role    TEXT PRIMARY KEY CHECK (role IN ('staff','it')),
      scheme  TEXT NOT NULL,                      -- e.g. scrypt:N=32768,r=8,p=1,len=32
      salt    BLOB NOT NULL CHECK (length(salt) >= 16),
      hash    BLOB NOT NULL CHECK (length(hash) >= 16),
      set_at  TEXT NOT NULL
    ) STRICT;

    -- One row: the lockout state of the terminal's PIN pad.
    CREATE TABLE staff_lockout (
      id              INTEGER PRIMARY KEY CHECK (id = 1),
      failed_attempts INTEGER NOT NULL CHECK (failed_attempts >= 0),
      lockouts        INTEGER NOT NULL CHECK (lockouts >= 0),
      locked_until    TEXT                        -- ISO 8601 UTC; NULL = not locked
    ) STRICT;
    INSERT INTO staff_lockout (id, failed_attempts, lockouts, locked_until) VALUES (1, 0, 0, NULL);

    CREATE TABLE staff_audit (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      at          TEXT NOT NULL,
      event       TEXT NOT NULL CHECK (event IN ('login','logout','lockout','pin-set')),
      role        TEXT CHECK (role IN ('staff','it')),
      terminal_id TEXT NOT NULL,
      detail      TEXT                            -- why a session ended, a lock's end; never a PIN
    ) STRICT;
    CREATE INDEX staff_audit_at ON staff_audit (at);
  `,
};
