import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, SchemaTooNewError } from '../../src-main/db/migrate';
import type { Migration } from '../../src-main/db/migration';
import { migrations } from '../../src-main/db/migrations';

type Column = { name: string; type: string; notnull: number; pk: number; dflt_value: unknown };

function schemaOf(db: BetterSqlite3.Database): Map<string, Column[]> {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .all() as { name: string }[];
  return new Map(tables.map((t) => [t.name, db.prepare(`PRAGMA table_info(${JSON.stringify(t.name)})`).all() as Column[]]));
}

describe('migration runner', () => {
  it('numbers the list consecutively from 1', () => {
    migrations.forEach((m, i) => expect(m.version).toBe(i + 1));
  });

  it('brings an empty database to the latest version and is idempotent', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, migrations)).toEqual({ from: 0, to: migrations.length });
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(migrate(db, migrations)).toEqual({ from: migrations.length, to: migrations.length });
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma(`user_version = ${migrations.length + 1}`);
    expect(() => migrate(db, migrations)).toThrow(SchemaTooNewError);
    expect(schemaOf(db).size).toBe(0);
  });

  it('runs pending migrations in one transaction: a failing one leaves nothing behind', () => {
    const db = new BetterSqlite3(':memory:');
    const broken: Migration[] = [...migrations, { version: migrations.length + 1, name: 'broken', up: 'CREATE TABLE x (a); SELECT * FROM nope;' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(schemaOf(db).size).toBe(0);
  });

  it('only ever extends the shipped schema: every column of step k survives unchanged in step k+1', () => {
    const db = new BetterSqlite3(':memory:');
    let previous = new Map<string, Column[]>();
    for (let k = 1; k <= migrations.length; k++) {
      migrate(db, migrations.slice(0, k));
      const current = schemaOf(db);
      for (const [table, columns] of previous) {
        expect(current.has(table), `table ${table} removed by migration ${k}`).toBe(true);
        const now = current.get(table) ?? [];
        for (const col of columns) expect(now).toContainEqual(col);
      }
      previous = current;
    }
  });
});

describe('migration 0001: queue tickets', () => {
  const db = new BetterSqlite3(':memory:');
  migrate(db, migrations.slice(0, 1));

  it('creates the counters and tickets tables', () => {
    expect([...schemaOf(db).keys()].sort()).toEqual(['queue_counters', 'tickets']);
  });

  it('forbids two tickets with the same number for a service on a day', () => {
    const insert = db.prepare(
      `INSERT INTO tickets (id, service_id, day, number, display, priority, issued_at) VALUES (?, 's', '2026-11-23', 1, 'A001', 'none', 'x')`,
    );
    insert.run('a');
    expect(() => insert.run('b')).toThrow(/UNIQUE/);
  });

  it('rejects an unknown priority', () => {
    expect(() =>
      db
        .prepare(`INSERT INTO tickets (id, service_id, day, number, display, priority, issued_at) VALUES ('c', 's', 'd', 9, 'A009', 'vip', 'x')`)
        .run(),
    ).toThrow(/CHECK/);
  });
});
