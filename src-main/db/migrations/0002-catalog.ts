import type { Migration } from '../migration';

export const migration0002: Migration = {
  version: 2,
  name: 'procedure catalog',
  up: `
    CREATE TABLE catalog_meta (
      id           INTEGER PRIMARY KEY CHECK (id = 1),
      version      TEXT    NOT NULL,
      demo         INTEGER NOT NULL,
      published_at TEXT    NOT NULL,
      imported_at  TEXT    NOT NULL
    ) STRICT;

    CREATE TABLE catalog_fields (
      code    TEXT PRIMARY KEY,
      name_vi TEXT NOT NULL,
      name_en TEXT NOT NULL,
      icon    TEXT NOT NULL,
      ord     INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE catalog_agencies (
      code    TEXT PRIMARY KEY,
      name_vi TEXT NOT NULL,
      name_en TEXT NOT NULL
    ) STRICT;

    CREATE TABLE procedures (
      rowid        INTEGER PRIMARY KEY,         -- import order = folded-name order (search relies on it)
      code         TEXT    NOT NULL UNIQUE,
      field_code   TEXT    NOT NULL REFERENCES catalog_fields (code),
      agency_code  TEXT    NOT NULL REFERENCES catalog_agencies (code),
      name_vi      TEXT    NOT NULL,
      name_en      TEXT    NOT NULL,
      name_folded  TEXT    NOT NULL,
      level        TEXT    NOT NULL,
      processing_days INTEGER NOT NULL,
      fee_total_vnd   INTEGER NOT NULL,
      data         TEXT    NOT NULL           -- the validated procedure as JSON (NFC)
    ) STRICT;
    CREATE INDEX procedures_field ON procedures (field_code, name_folded);
    CREATE INDEX procedures_name ON procedures (name_folded);

    -- Folded name and field name; prefix indexes keep 1- and 2-letter prefixes fast.
    CREATE VIRTUAL TABLE procedure_search USING fts5 (
      name_folded, field_folded,
      content = '', contentless_delete = 1,
      tokenize = "unicode61 remove_diacritics 0 tokenchars '.'",
      prefix = '1 2 3'
    );
    CREATE VIRTUAL TABLE procedure_search_vocab USING fts5vocab (procedure_search, 'row');
  `,
};
