import type { Migration } from '../migration';

/**
 * Dossiers and everything a durable submit writes in one transaction: the dossier, its documents,
 * references to content-addressed files, its first status, an audit entry and an outbox job.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'dossiers, files, audit log, outbox',
  up: `
    CREATE TABLE dossiers (
      id                  TEXT    PRIMARY KEY,          -- client UUID (also the outbox idempotency key)
      provisional_code    TEXT    UNIQUE,               -- TAM-<TERMINAL>-YYMMDD-XXXX, null when issued officially
      official_code       TEXT    UNIQUE,               -- AGENCY-YYMMDD-XXXX, from a reserved block or after sync
      procedure_code      TEXT    NOT NULL,
      procedure_name_vi   TEXT    NOT NULL,             -- as at submit: the catalog may change later
      procedure_name_en   TEXT    NOT NULL,
      agency_code         TEXT    NOT NULL,
      processing_days     INTEGER NOT NULL,
      status              INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),
      applicant_name      TEXT    NOT NULL,
      applicant_id_number TEXT    NOT NULL,
      applicant_birth_date TEXT,
      applicant_sex       TEXT    CHECK (applicant_sex IN ('male','female')),
      applicant_address   TEXT    NOT NULL,
      identity_source     TEXT    NOT NULL CHECK (identity_source IN ('cccd_qr','typed')),
      representative_name TEXT,                         -- ủy quyền: the person who submits for the applicant
      representative_id_number TEXT,
      representative_relation TEXT,
      phone               TEXT,
      email               TEXT,
      form_values         TEXT    NOT NULL,             -- JSON object field id → NFC text
      delivery_method     TEXT    NOT NULL CHECK (delivery_method IN ('at_center','post','electronic')),
      postal_address      TEXT,
      consent_text_version TEXT   NOT NULL,
      consent_at          TEXT    NOT NULL,
      consent_terminal    TEXT    NOT NULL,
      terminal_id         TEXT    NOT NULL,
      received_at         TEXT    NOT NULL,             -- ISO 8601 UTC
      appointment_at      TEXT    NOT NULL,             -- ISO 8601 UTC
      language            TEXT    NOT NULL CHECK (language IN ('vi','en')),
      CHECK (provisional_code IS NOT NULL OR official_code IS NOT NULL),
      CHECK ((representative_name IS NULL) = (representative_id_number IS NULL)),
      CHECK (delivery_method <> 'post' OR postal_address IS NOT NULL)
    ) STRICT;
    CREATE INDEX dossiers_received ON dossiers (received_at);

    -- Per terminal, per local day: the XXXX of provisional codes.
    CREATE TABLE dossier_code_counters (
      terminal    TEXT    NOT NULL,
      day         TEXT    NOT NULL,
      last_number INTEGER NOT NULL,
      PRIMARY KEY (terminal, day)
    ) STRICT;

    -- Official codes the portal reserved for this kiosk (filled by sync); one is used per dossier.
    CREATE TABLE official_code_reservations (
      code        TEXT    PRIMARY KEY,
      agency_code TEXT    NOT NULL,
      day         TEXT    NOT NULL,                     -- local day the code is valid for
      reserved_at TEXT    NOT NULL,
      dossier_id  TEXT    UNIQUE REFERENCES dossiers (id)
    ) STRICT;
    CREATE INDEX official_code_free ON official_code_reservations (agency_code, day, dossier_id, code);

    CREATE TABLE dossier_documents (
      dossier_id  TEXT    NOT NULL REFERENCES dossiers (id),
      document_id TEXT    NOT NULL,                     -- the catalog's required-document id
      ord         INTEGER NOT NULL,
      name_vi     TEXT    NOT NULL,
      name_en     TEXT    NOT NULL,
      form        TEXT    NOT NULL,
      copies      INTEGER NOT NULL,
      kind        TEXT    NOT NULL CHECK (kind IN ('scanned','paper_at_counter')),
      page_count  INTEGER NOT NULL CHECK (page_count >= 0),
      CHECK ((kind = 'scanned') = (page_count > 0)),
      PRIMARY KEY (dossier_id, document_id)
    ) STRICT;

    -- Content-addressed: the file lives at relative_path and its name is its SHA-256.
    CREATE TABLE files (
      sha256        TEXT    PRIMARY KEY CHECK (length(sha256) = 64),
      byte_size     INTEGER NOT NULL CHECK (byte_size >= 0),
      media_type    TEXT    NOT NULL,
      relative_path TEXT    NOT NULL UNIQUE,
      created_at    TEXT    NOT NULL
    ) STRICT;

    CREATE TABLE dossier_files (
      dossier_id  TEXT    NOT NULL,
      document_id TEXT    NOT NULL,
      page_no     INTEGER NOT NULL CHECK (page_no >= 1),
      sha256      TEXT    NOT NULL REFERENCES files (sha256),
      PRIMARY KEY (dossier_id, document_id, page_no),
      FOREIGN KEY (dossier_id, document_id) REFERENCES dossier_documents (dossier_id, document_id)
    ) STRICT;

    -- The A5 receipt PDF, saved with the dossier after it was submitted (one per language).
    CREATE TABLE dossier_receipts (
      dossier_id TEXT NOT NULL REFERENCES dossiers (id),
      language   TEXT NOT NULL CHECK (language IN ('vi','en')),
      sha256     TEXT NOT NULL REFERENCES files (sha256),
      PRIMARY KEY (dossier_id, language)
    ) STRICT;
    CREATE INDEX dossier_files_sha ON dossier_files (sha256);
    CREATE INDEX dossier_receipts_sha ON dossier_receipts (sha256);

    CREATE TABLE dossier_status_history (
      dossier_id TEXT    NOT NULL REFERENCES dossiers (id),
      seq        INTEGER NOT NULL,
      status     INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),
      at         TEXT    NOT NULL,
      note       TEXT,
      PRIMARY KEY (dossier_id, seq)
    ) STRICT;

    -- Who did what to which record (Decree 13/2023 breach reporting needs the trail).
    CREATE TABLE audit_log (
      id         INTEGER PRIMARY KEY,
      at         TEXT    NOT NULL,
      actor      TEXT    NOT NULL,                      -- 'citizen@<terminal>', 'sync', 'staff:<id>'
      action     TEXT    NOT NULL,
      subject    TEXT    NOT NULL,
      detail     TEXT
    ) STRICT;

    CREATE TABLE outbox_jobs (
      id              INTEGER PRIMARY KEY,
      kind            TEXT    NOT NULL,
      subject_id      TEXT    NOT NULL,
      idempotency_key TEXT    NOT NULL UNIQUE,
      payload         TEXT    NOT NULL,
      state           TEXT    NOT NULL CHECK (state IN ('pending','running','done','parked')),
      attempts        INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT    NOT NULL,
      last_error      TEXT,
      parked_reason   TEXT,
      created_at      TEXT    NOT NULL,
      updated_at      TEXT    NOT NULL
    ) STRICT;
    CREATE INDEX outbox_jobs_due ON outbox_jobs (state, next_attempt_at);
  `,
};
