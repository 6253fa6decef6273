import type { Migration } from '../migration';

export const migration0001: Migration = {
  version: 1,
  name: 'queue tickets',
  up: `
    CREATE TABLE queue_counters (
      service_id  TEXT    NOT NULL,
      day         TEXT    NOT NULL,           -- local date YYYY-MM-DD in the center's time zone
      last_number INTEGER NOT NULL,
      PRIMARY KEY (service_id, day)
    ) STRICT;

    CREATE TABLE tickets (
      id          TEXT    PRIMARY KEY,        -- client UUID
      service_id  TEXT    NOT NULL,
      day         TEXT    NOT NULL,
      number      INTEGER NOT NULL,
      display     TEXT    NOT NULL,           -- prefix + zero-padded number, e.g. A007
      priority    TEXT    NOT NULL CHECK (priority IN ('none','elderly','disabled','pregnant')),
      issued_at   TEXT    NOT NULL,           -- ISO 8601 UTC
      state       TEXT    NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting','called','done')),
      print_state TEXT    NOT NULL DEFAULT 'pending' CHECK (print_state IN ('pending','printed','failed')),
      print_error TEXT,
      UNIQUE (service_id, day, number)
    ) STRICT;

    CREATE INDEX tickets_waiting ON tickets (service_id, day, state, number);
  `,
};
