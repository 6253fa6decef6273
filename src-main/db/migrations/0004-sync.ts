import type { Migration } from '../migration';

/** What the sync with the portal keeps: facts from enrollment, the catalog ETag, queue-number blocks. */
export const migration0004: Migration = {
  version: 4,
  name: 'sync state, queue-number blocks',
  up: `
    -- One row per fact (terminal_index, agency_code, center_id, catalog_etag, ...).
    CREATE TABLE sync_meta (
      key        TEXT PRIMARY KEY,
      value      TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    -- Numbers of a service's day that the portal reserved for this terminal's offline use.
    CREATE TABLE queue_number_blocks (
      block_id    TEXT    PRIMARY KEY,
      service_id  TEXT    NOT NULL,
      day         TEXT    NOT NULL,
      first       INTEGER NOT NULL CHECK (first >= 1),
      last        INTEGER NOT NULL,
      next        INTEGER NOT NULL,                     -- the next unused number; > last when used up
      reserved_at TEXT    NOT NULL,
      CHECK (last >= first AND next >= first AND next <= last + 1)
    ) STRICT;
    CREATE INDEX queue_number_blocks_free ON queue_number_blocks (service_id, day, next);

    -- Where a ticket's number came from: portal (allocated online), block (reserved, to register
    -- with the portal later), terminal (the terminal's own collision-free range), local (before sync).
    ALTER TABLE tickets ADD COLUMN number_source TEXT NOT NULL DEFAULT 'local'
      CHECK (number_source IN ('local','portal','block','terminal'));
  `,
};
