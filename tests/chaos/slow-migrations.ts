import type { Migration } from '../../src-main/db/migration';
import { migrations } from '../../src-main/db/migrations';

/** The store is built at this version (queue tickets and the catalog), with data in it. */
export const OLD_VERSION = 2;

/**
 * The real list plus two test-only migrations that rewrite every seeded ticket, so a kill lands
 * inside the migration run and not before or after it. Each leaves a mark: a migration applied
 * twice (or half) shows as a wrong set of marks.
 */
export const slowMigrations: readonly Migration[] = [
  ...migrations,
  {
    version: migrations.length + 1,
    name: 'chaos: a note on every ticket',
    up: `
      CREATE TABLE chaos_marks (version INTEGER NOT NULL) STRICT;
      INSERT INTO chaos_marks VALUES (${migrations.length + 1});
      ALTER TABLE tickets ADD COLUMN chaos_note TEXT;
      UPDATE tickets SET chaos_note = display || '/' || issued_at;
    `,
  },
  {
    version: migrations.length + 2,
    name: 'chaos: a copy of the tickets, indexed',
    up: `
      INSERT INTO chaos_marks VALUES (${migrations.length + 2});
      CREATE TABLE chaos_ticket_copy AS SELECT id, service_id, day, number, display, chaos_note FROM tickets;
      CREATE INDEX chaos_ticket_copy_note ON chaos_ticket_copy (chaos_note);
    `,
  },
];
