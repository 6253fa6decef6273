import type { PortalMigration } from './migration';

const m0001: PortalMigration = {
  version: 1,
  name: 'portal schema',
  up: `
    CREATE TABLE terminals (
      id              TEXT PRIMARY KEY,
      idx             INTEGER NOT NULL UNIQUE,      -- terminalIndex, stable across re-enrollment
      name            TEXT,
      credential_hash TEXT NOT NULL UNIQUE,         -- SHA-256 of the bearer credential
      app_version     TEXT NOT NULL,
      enrolled_at     TEXT NOT NULL,
      last_seen_at    TEXT,
      last_heartbeat  TEXT                          -- JSON of the latest heartbeat
    ) STRICT;

    -- First successful answer per (terminal, operation, key): replays return it verbatim.
    CREATE TABLE idempotency (
      terminal_id  TEXT NOT NULL REFERENCES terminals(id),
      operation    TEXT NOT NULL,
      key          TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      status       INTEGER NOT NULL,
      headers      TEXT NOT NULL,
      body         TEXT NOT NULL,
      created_at   TEXT NOT NULL,
      PRIMARY KEY (terminal_id, operation, key)
    ) STRICT;

    CREATE TABLE code_counters (
      agency   TEXT NOT NULL,
      day      TEXT NOT NULL,
      last_seq INTEGER NOT NULL,
      PRIMARY KEY (agency, day)
    ) STRICT;

    CREATE TABLE code_blocks (
      id          TEXT PRIMARY KEY,
      terminal_id TEXT NOT NULL REFERENCES terminals(id),
      day         TEXT NOT NULL,
      created_at  TEXT NOT NULL
    ) STRICT;

    CREATE TABLE reserved_codes (
      code       TEXT PRIMARY KEY,
      block_id   TEXT NOT NULL REFERENCES code_blocks(id),
      dossier_id TEXT UNIQUE
    ) STRICT;

    CREATE TABLE queue_counters (
      service_id  TEXT NOT NULL,
      day         TEXT NOT NULL,
      last_number INTEGER NOT NULL,
      PRIMARY KEY (service_id, day)
    ) STRICT;

    CREATE TABLE queue_blocks (
      id          TEXT PRIMARY KEY,
      terminal_id TEXT NOT NULL REFERENCES terminals(id),
      service_id  TEXT NOT NULL,
      day         TEXT NOT NULL,
      first       INTEGER NOT NULL,
      last        INTEGER NOT NULL,
      created_at  TEXT NOT NULL
    ) STRICT;

    CREATE TABLE queue_tickets (
      id          TEXT PRIMARY KEY,
      terminal_id TEXT NOT NULL REFERENCES terminals(id),
      service_id  TEXT NOT NULL,
      day         TEXT NOT NULL,
      number      INTEGER NOT NULL,
      priority    TEXT NOT NULL,
      issued_at   TEXT NOT NULL,
      source      TEXT NOT NULL CHECK (source IN ('portal','block')),
      UNIQUE (service_id, day, number)
    ) STRICT;

    CREATE TABLE uploads (
      id           TEXT PRIMARY KEY,
      terminal_id  TEXT NOT NULL REFERENCES terminals(id),
      length       INTEGER NOT NULL,
      sha256       TEXT NOT NULL,
      file_name    TEXT NOT NULL,
      content_type TEXT NOT NULL,
      offset       INTEGER NOT NULL DEFAULT 0,
      state        TEXT NOT NULL DEFAULT 'partial' CHECK (state IN ('partial','complete')),
      created_at   TEXT NOT NULL
    ) STRICT;

    CREATE TABLE dossiers (
      id               TEXT PRIMARY KEY,
      terminal_id      TEXT NOT NULL REFERENCES terminals(id),
      code             TEXT NOT NULL UNIQUE,
      code_source      TEXT NOT NULL CHECK (code_source IN ('reserved','assigned')),
      provisional_code TEXT,
      procedure_code   TEXT NOT NULL,
      status           INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),
      received_at      TEXT NOT NULL,
      appointment_at   TEXT,
      updated_at       TEXT NOT NULL,
      submission       TEXT NOT NULL              -- the request body as received (JSON)
    ) STRICT;
    CREATE INDEX dossiers_by_terminal ON dossiers (terminal_id, updated_at);
    CREATE INDEX dossiers_by_provisional ON dossiers (provisional_code);

    CREATE TABLE dossier_files (
      dossier_id  TEXT NOT NULL REFERENCES dossiers(id),
      upload_id   TEXT NOT NULL REFERENCES uploads(id),
      document_id TEXT NOT NULL,
      file_name   TEXT NOT NULL,
      sha256      TEXT NOT NULL,
      length      INTEGER NOT NULL,
      PRIMARY KEY (dossier_id, upload_id)
    ) STRICT;

    CREATE TABLE status_history (
      dossier_id TEXT NOT NULL REFERENCES dossiers(id),
      seq        INTEGER NOT NULL,
      status     INTEGER NOT NULL,
      at         TEXT NOT NULL,
      note       TEXT,
      PRIMARY KEY (dossier_id, seq)
    ) STRICT;

    CREATE TABLE ratings (
      id          TEXT PRIMARY KEY,
      terminal_id TEXT NOT NULL REFERENCES terminals(id),
      body        TEXT NOT NULL,
      received_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE payments (
      id           TEXT PRIMARY KEY,
      terminal_id  TEXT NOT NULL REFERENCES terminals(id),
      dossier_id   TEXT NOT NULL REFERENCES dossiers(id),
      amount_vnd   INTEGER NOT NULL,
      state        TEXT NOT NULL CHECK (state IN ('pending','confirmed','failed')),
      confirmed_at TEXT,
      reason       TEXT,
      created_at   TEXT NOT NULL
    ) STRICT;
  `,
};

/**
 * A dossier may list the same bytes twice (a page scanned for two documents): both entries name
 * one upload, so the files' key is their position in the dossier, not the upload.
 */
const m0002: PortalMigration = {
  version: 2,
  name: 'dossier files keyed by position',
  up: `
    CREATE TABLE dossier_files_by_position (
      dossier_id  TEXT NOT NULL REFERENCES dossiers(id),
      position    INTEGER NOT NULL,
      upload_id   TEXT NOT NULL REFERENCES uploads(id),
      document_id TEXT NOT NULL,
      file_name   TEXT NOT NULL,
      sha256      TEXT NOT NULL,
      length      INTEGER NOT NULL,
      PRIMARY KEY (dossier_id, position)
    ) STRICT;
    INSERT INTO dossier_files_by_position (dossier_id, position, upload_id, document_id, file_name, sha256, length)
      SELECT dossier_id, row_number() OVER (PARTITION BY dossier_id ORDER BY rowid) - 1, upload_id, document_id, file_name, sha256, length
      FROM dossier_files;
    DROP TABLE dossier_files;
    ALTER TABLE dossier_files_by_position RENAME TO dossier_files;
  `,
};

/**
 * Bundles' files are appended to shared pack files (no file created and no sync of its own per
 * upload): an upload's bytes are then a range of a pack. Uploads without a pack keep their own
 * file, `<id>.bin`, as before. Since decision 0026 no new row uses these columns (every upload has
 * its own file again); they stay for rows written before, which are still read.
 */
const m0003: PortalMigration = {
  version: 3,
  name: 'uploads stored in bundle packs',
  up: `
    ALTER TABLE uploads ADD COLUMN pack_file TEXT;
    ALTER TABLE uploads ADD COLUMN pack_offset INTEGER CHECK (pack_offset >= 0);
  `,
};

/**
 * A bundle's rows commit while its pack's sync is still running (decision 0018, sixth pass):
 * `pack_synced = 0` marks bytes whose sync had not been seen to finish, which a restart checks
 * before it serves anything. Rows from before were committed after their sync. No longer used
 * since decision 0026 (no packs, no recovery pass): new rows keep the default, 1.
 */
const m0004: PortalMigration = {
  version: 4,
  name: 'pack bytes not yet known to be synced',
  up: `
    ALTER TABLE uploads ADD COLUMN pack_synced INTEGER NOT NULL DEFAULT 1 CHECK (pack_synced IN (0, 1));
  `,
};

/**
 * The Fleet page (issue #19): when the portal received a terminal's latest heartbeat (its own
 * clock, not the kiosk's), and the outbox depths of its recent heartbeats, to see a backlog grow.
 */
const m0005: PortalMigration = {
  version: 5,
  name: 'fleet health of terminals',
  up: `
    ALTER TABLE terminals ADD COLUMN heartbeat_at TEXT;
    ALTER TABLE terminals ADD COLUMN outbox_depths TEXT NOT NULL DEFAULT '[]';
  `,
};


/**
 * A terminal's diagnostics exports (decision 0030): one plain zip per export in `diagnostics/`,
 * fsync'd before its row commits, listed per terminal on the admin page and the Fleet page.
 */
const m0006: PortalMigration = {
  version: 6,
  name: 'terminal diagnostics exports',
  up: `
    CREATE TABLE terminal_diagnostics (
      id          TEXT PRIMARY KEY,
      terminal_id TEXT NOT NULL REFERENCES terminals(id),
      received_at TEXT NOT NULL,
      bytes       INTEGER NOT NULL CHECK (bytes >= 0),
      sha256      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX terminal_diagnostics_by_terminal ON terminal_diagnostics (terminal_id, received_at);
  `,
};

/**
 * Honest waiting (decision 0032): a ticket is called at a counter, then served. The calls give
 * the pace of each service's queue; the waiting tickets, the people ahead.
 */
const m0007: PortalMigration = {
  version: 7,
  name: 'queue tickets called and served',
  up: `
    ALTER TABLE queue_tickets ADD COLUMN called_at TEXT;
    ALTER TABLE queue_tickets ADD COLUMN served_at TEXT CHECK (served_at IS NULL OR called_at IS NOT NULL);
    CREATE INDEX queue_tickets_by_call ON queue_tickets (service_id, day, called_at);
  `,
};

/**
 * One-time enrollment tokens the admin page issues for a new terminal (issue #19, decision 0038):
 * only the token's SHA-256 is kept, so a copy of the database enrolls nothing. The first
 * enrollment binds the token to its terminal (`used_by_terminal`); an id chosen at issue binds it
 * before.
 */
const m0008: PortalMigration = {
  version: 8,
  name: 'one-time enrollment tokens',
  up: `
    CREATE TABLE enrollment_tokens (
      token_hash       TEXT PRIMARY KEY,
      terminal_id      TEXT,
      created_at       TEXT NOT NULL,
      expires_at       TEXT NOT NULL CHECK (expires_at > created_at),
      used_at          TEXT,
      used_by_terminal TEXT,
      CHECK ((used_at IS NULL) = (used_by_terminal IS NULL)),
      CHECK (terminal_id IS NULL OR used_by_terminal IS NULL OR used_by_terminal = terminal_id)
    ) STRICT;
    CREATE INDEX enrollment_tokens_by_creation ON enrollment_tokens (created_at);
  `,
};

/**
 * Central configuration (decision 0041): the center-wide document (scope '*') and per-terminal
 * documents, each at the revision of its last save (one sequence over all, so any save raises the
 * merged version a terminal sees); and what each terminal last reported of it. No foreign key on
 * scope: a terminal's document may be written before it enrolls.
 */
const m0009: PortalMigration = {
  version: 9,
  name: 'central configuration',
  up: `
    CREATE TABLE config_documents (
      scope    TEXT PRIMARY KEY,
      document TEXT NOT NULL,
      revision INTEGER NOT NULL UNIQUE CHECK (revision >= 1),
      saved_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE terminal_config_state (
      terminal_id      TEXT PRIMARY KEY REFERENCES terminals(id),
      applied_version  INTEGER,
      applied_at       TEXT,
      rejected_version INTEGER,
      rejected_at      TEXT,
      problems         TEXT NOT NULL DEFAULT '[]'
    ) STRICT;
  `,
};

/** Staged rollout of kiosk updates (decision 0039): the admin's percentage per release version. */
const m0010: PortalMigration = {
  version: 10,
  name: 'update rollouts',
  up: `
    CREATE TABLE update_rollouts (
      version            TEXT PRIMARY KEY,
      staging_percentage INTEGER NOT NULL CHECK (staging_percentage BETWEEN 0 AND 100),
      set_at             TEXT NOT NULL
    ) STRICT;
  `,
};

/**
 * Tickets a terminal numbered from its own range while offline reach the queue too (decision
 * 0042): `source` may be 'terminal'. SQLite cannot widen a CHECK, so the table is rebuilt with its
 * rows and index as they were.
 */
const m0011: PortalMigration = {
  version: 11,
  name: 'queue tickets from a terminal range',
  up: `
    CREATE TABLE queue_tickets_new (
      id          TEXT PRIMARY KEY,
      terminal_id TEXT NOT NULL REFERENCES terminals(id),
      service_id  TEXT NOT NULL,
      day         TEXT NOT NULL,
      number      INTEGER NOT NULL,
      priority    TEXT NOT NULL,
      issued_at   TEXT NOT NULL,
      source      TEXT NOT NULL CHECK (source IN ('portal','block','terminal')),
      called_at   TEXT,
      served_at   TEXT CHECK (served_at IS NULL OR called_at IS NOT NULL),
      UNIQUE (service_id, day, number)
    ) STRICT;
    INSERT INTO queue_tickets_new (id, terminal_id, service_id, day, number, priority, issued_at, source, called_at, served_at)
      SELECT id, terminal_id, service_id, day, number, priority, issued_at, source, called_at, served_at FROM queue_tickets;
    DROP TABLE queue_tickets;
    ALTER TABLE queue_tickets_new RENAME TO queue_tickets;
    CREATE INDEX queue_tickets_by_call ON queue_tickets (service_id, day, called_at);
  `,
};

export const portalMigrations: readonly PortalMigration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011];
