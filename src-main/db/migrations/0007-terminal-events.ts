import type { Migration } from '../migration';

/**
 * The day report's minutes online and without paper (decision 0028): a durable record of the
 * terminal's state changes. A state lasts from its row until the next row of the same subject;
 * 'stopped' marks the kiosk shutting down (no state is known until the next start).
 * No personal data: the purge never touches this table and the report may read all of it.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'terminal state changes',
  up: `
    CREATE TABLE terminal_events (
      id      INTEGER PRIMARY KEY AUTOINCREMENT,
      at      TEXT NOT NULL,                      -- ISO 8601 UTC
      subject TEXT NOT NULL CHECK (subject IN ('link','printer')),
      state   TEXT NOT NULL CHECK (
        (subject = 'link'    AND state IN ('online','degraded','offline','stopped')) OR
        (subject = 'printer' AND state IN ('ok','degraded','offline','stopped'))
      )
    ) STRICT;
    CREATE INDEX terminal_events_at ON terminal_events (subject, at);
  `,
};
