import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migratePortal } from '../../src-portal/db/migration';
import { portalMigrations } from '../../src-portal/db/migrations';

describe('portal migrations', () => {
  it('0002 keys dossier files by position: rows kept in order, and one upload may be listed twice', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = OFF');
    migratePortal(db, portalMigrations.slice(0, 1));
    const v1 = db.prepare(`INSERT INTO dossier_files (dossier_id, upload_id, document_id, file_name, sha256, length) VALUES (?, ?, ?, ?, ?, 1)`);
    v1.run('d1', 'u2', 'TP1', 'b.png', 'b'.repeat(64));
    v1.run('d1', 'u1', 'TP2', 'a.png', 'a'.repeat(64));
    v1.run('d2', 'u3', 'TP1', 'c.png', 'c'.repeat(64));
    // Before: the same upload twice in a dossier is refused.
    expect(() => v1.run('d2', 'u3', 'TP2', 'c.png', 'c'.repeat(64))).toThrow(/UNIQUE/);

    migratePortal(db, portalMigrations);
    expect(db.pragma('user_version', { simple: true })).toBe(portalMigrations.length);
    expect(db.prepare(`SELECT dossier_id, position, upload_id, document_id FROM dossier_files ORDER BY dossier_id, position`).all()).toEqual([
      { dossier_id: 'd1', position: 0, upload_id: 'u2', document_id: 'TP1' },
      { dossier_id: 'd1', position: 1, upload_id: 'u1', document_id: 'TP2' },
      { dossier_id: 'd2', position: 0, upload_id: 'u3', document_id: 'TP1' },
    ]);
    db.prepare(`INSERT INTO dossier_files (dossier_id, position, upload_id, document_id, file_name, sha256, length) VALUES ('d2', 1, 'u3', 'TP2', 'c.png', ?, 1)`).run('c'.repeat(64));
    expect(() =>
      db.prepare(`INSERT INTO dossier_files (dossier_id, position, upload_id, document_id, file_name, sha256, length) VALUES ('d2', 1, 'u9', 'TP3', 'x.png', ?, 1)`).run('x'.repeat(64)),
    ).toThrow(/UNIQUE/);
    db.close();
  });

  it('0003 lets an upload live in a bundle pack: rows before it keep their own file', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = OFF');
    migratePortal(db, portalMigrations.slice(0, 2));
    const v2 = db.prepare(`INSERT INTO uploads (id, terminal_id, length, sha256, file_name, content_type, offset, state, created_at) VALUES (?, 't1', 5, ?, 'a.pdf', 'application/pdf', 5, 'complete', '2026-11-23T00:00:00Z')`);
    v2.run('u1', 'a'.repeat(64));
    migratePortal(db, portalMigrations.slice(0, 3));
    expect(db.prepare(`SELECT id, pack_file, pack_offset FROM uploads`).all()).toEqual([{ id: 'u1', pack_file: null, pack_offset: null }]);
    const v3 = db.prepare(
      `INSERT INTO uploads (id, terminal_id, length, sha256, file_name, content_type, offset, state, created_at, pack_file, pack_offset) VALUES (?, 't1', 5, ?, 'b.pdf', 'application/pdf', 5, 'complete', '2026-11-23T00:00:00Z', 'p.pack', ?)`,
    );
    v3.run('u2', 'b'.repeat(64), 40);
    expect(db.prepare(`SELECT pack_file, pack_offset FROM uploads WHERE id = 'u2'`).get()).toEqual({ pack_file: 'p.pack', pack_offset: 40 });
    expect(() => v3.run('u3', 'c'.repeat(64), -1)).toThrow(/CHECK/);
    db.close();
  });
  it('0004 marks pack bytes not yet seen synced: rows before it were committed after their sync', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = OFF');
    migratePortal(db, portalMigrations.slice(0, 3));
    const insert = (id: string, extra: string, values: unknown[]) =>
      db
        .prepare(
          `INSERT INTO uploads (id, terminal_id, length, sha256, file_name, content_type, offset, state, created_at, pack_file, pack_offset${extra}) VALUES (?, 't1', 5, ?, 'b.pdf', 'application/pdf', 5, 'complete', '2026-11-23T00:00:00Z', 'p.pack', 0${values.map(() => ', ?').join('')})`,
        )
        .run(id, 'a'.repeat(64), ...values);
    insert('u1', '', []);
    migratePortal(db, portalMigrations.slice(0, 4));
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(db.prepare(`SELECT pack_synced FROM uploads WHERE id = 'u1'`).get()).toEqual({ pack_synced: 1 });
    insert('u2', ', pack_synced', [0]);
    expect(db.prepare(`SELECT id FROM uploads WHERE pack_synced = 0`).all()).toEqual([{ id: 'u2' }]);
    expect(() => insert('u3', ', pack_synced', [2])).toThrow(/CHECK/);
  });

  it('fleet health: terminals enrolled before it have no heartbeat time and an empty depth history', () => {
    const db = new BetterSqlite3(':memory:');
    const fleet = portalMigrations.findIndex((m) => m.name === 'fleet health of terminals');
    migratePortal(db, portalMigrations.slice(0, fleet));
    db.prepare(`INSERT INTO terminals (id, idx, name, credential_hash, app_version, enrolled_at) VALUES ('t1', 1, NULL, 'h', '0.1.0', '2026-12-01T00:00:00Z')`).run();
    migratePortal(db, portalMigrations.slice(0, fleet + 1));
    expect(db.prepare(`SELECT heartbeat_at, outbox_depths FROM terminals`).all()).toEqual([{ heartbeat_at: null, outbox_depths: '[]' }]);
    db.close();
  });

  it('0007 records queue calls and service: tickets before it are still waiting, and none is served before a call', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = OFF');
    const at = portalMigrations.findIndex((m) => m.name === 'queue tickets called and served');
    migratePortal(db, portalMigrations.slice(0, at));
    const insert = db.prepare(`INSERT INTO queue_tickets (id, terminal_id, service_id, day, number, priority, issued_at, source) VALUES (?, 't1', 's1', '2026-12-06', ?, 'none', '2026-12-06T01:00:00Z', 'portal')`);
    insert.run('q1', 1);
    migratePortal(db, portalMigrations.slice(0, at + 1));
    expect(db.pragma('user_version', { simple: true })).toBe(at + 1);
    expect(db.prepare(`SELECT called_at, served_at FROM queue_tickets WHERE id = 'q1'`).get()).toEqual({ called_at: null, served_at: null });
    insert.run('q2', 2);
    expect(() => db.prepare(`UPDATE queue_tickets SET served_at = '2026-12-06T02:00:00Z' WHERE id = 'q2'`).run()).toThrow(/CHECK/);
    db.prepare(`UPDATE queue_tickets SET called_at = '2026-12-06T01:30:00Z', served_at = '2026-12-06T02:00:00Z' WHERE id = 'q2'`).run();
    db.close();
  });
  it('0008 keeps one-time enrollment tokens by hash: used with its terminal or not at all, bound to the chosen id, expiring after issue', () => {
    const db = new BetterSqlite3(':memory:');
    const at = portalMigrations.findIndex((m) => m.name === 'one-time enrollment tokens');
    expect(at).toBe(7);
    migratePortal(db, portalMigrations.slice(0, at));
    db.prepare(`INSERT INTO terminals (id, idx, name, credential_hash, app_version, enrolled_at) VALUES ('t1', 1, NULL, 'h', '0.1.0', '2026-12-01T00:00:00Z')`).run();
    migratePortal(db, portalMigrations);
    expect(db.pragma('user_version', { simple: true })).toBe(portalMigrations.length);
    expect(db.prepare(`SELECT id FROM terminals`).all()).toEqual([{ id: 't1' }]);
    const insert = db.prepare(`INSERT INTO enrollment_tokens (token_hash, terminal_id, created_at, expires_at, used_at, used_by_terminal) VALUES (?, ?, '2026-12-06T08:00:00.000Z', ?, ?, ?)`);
    insert.run('h1', null, '2026-12-07T08:00:00.000Z', null, null);
    insert.run('h2', 'kiosk-07', '2026-12-07T08:00:00.000Z', '2026-12-06T09:00:00.000Z', 'kiosk-07');
    expect(() => insert.run('h1', null, '2026-12-07T08:00:00.000Z', null, null)).toThrow(/UNIQUE/);
    expect(() => insert.run('h3', null, '2026-12-06T08:00:00.000Z', null, null)).toThrow(/CHECK/);
    expect(() => insert.run('h4', null, '2026-12-07T08:00:00.000Z', '2026-12-06T09:00:00.000Z', null)).toThrow(/CHECK/);
    expect(() => insert.run('h5', 'kiosk-07', '2026-12-07T08:00:00.000Z', '2026-12-06T09:00:00.000Z', 'kiosk-08')).toThrow(/CHECK/);
    db.close();
  });
  it('0010 keeps one staged-rollout percentage per release version, 0 to 100', () => {
    const db = new BetterSqlite3(':memory:');
    migratePortal(db, portalMigrations.slice(0, 10));
    const set = db.prepare(`INSERT INTO update_rollouts (version, staging_percentage, set_at) VALUES (?, ?, '2026-12-06T08:00:00Z')`);
    set.run('1.1.0', 0);
    set.run('1.2.0', 100);
    expect(() => set.run('1.3.0', 101)).toThrow(/CHECK/);
    expect(() => set.run('1.3.0', -1)).toThrow(/CHECK/);
    expect(() => set.run('1.1.0', 50)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => set.run('1.3.0', 12.5)).toThrow(/INTEGER|cannot store/);
    db.close();
  });

  it('0009 adds central configuration: one document per scope at a unique revision, and what each terminal reported', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migratePortal(db, portalMigrations.slice(0, 7));
    db.prepare(`INSERT INTO terminals (id, idx, name, credential_hash, app_version, enrolled_at) VALUES ('t1', 1, NULL, 'h', '0.1.0', '2026-12-01T00:00:00Z')`).run();
    migratePortal(db, portalMigrations.slice(0, 9));
    expect(db.pragma('user_version', { simple: true })).toBe(9);
    const save = db.prepare(`INSERT INTO config_documents (scope, document, revision, saved_at) VALUES (?, '{}', ?, '2026-12-06T00:00:00Z')`);
    save.run('*', 1);
    save.run('t2', 2);
    expect(() => save.run('*', 3)).toThrow(/UNIQUE/);
    expect(() => save.run('t3', 2)).toThrow(/UNIQUE/);
    expect(() => save.run('t3', 0)).toThrow(/CHECK/);
    db.prepare(`INSERT INTO terminal_config_state (terminal_id, applied_version, applied_at) VALUES ('t1', 1, '2026-12-06T00:00:00Z')`).run();
    expect(db.prepare(`SELECT problems, rejected_version FROM terminal_config_state`).get()).toEqual({ problems: '[]', rejected_version: null });
    // Reports only from enrolled terminals.
    expect(() => db.prepare(`INSERT INTO terminal_config_state (terminal_id) VALUES ('nobody')`).run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('0011 lets a ticket come from a terminal range, keeping every ticket, its calls and the index', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migratePortal(db, portalMigrations.slice(0, 10));
    db.prepare(`INSERT INTO terminals (id, idx, name, credential_hash, app_version, enrolled_at) VALUES ('t1', 1, NULL, 'h', '0.1.0', '2026-12-01T00:00:00Z')`).run();
    db.prepare(`INSERT INTO queue_tickets (id, terminal_id, service_id, day, number, priority, issued_at, source, called_at) VALUES ('q1', 't1', 's', '2026-12-06', 7, 'none', '2026-12-06T01:00:00Z', 'block', '2026-12-06T01:10:00Z')`).run();
    expect(() => db.prepare(`INSERT INTO queue_tickets (id, terminal_id, service_id, day, number, priority, issued_at, source) VALUES ('q2', 't1', 's', '2026-12-06', 1001, 'none', '2026-12-06T01:00:00Z', 'terminal')`).run()).toThrow(/CHECK/);
    migratePortal(db, portalMigrations);
    expect(db.pragma('user_version', { simple: true })).toBe(11);
    expect(db.prepare(`SELECT id, number, source, called_at FROM queue_tickets`).all()).toEqual([{ id: 'q1', number: 7, source: 'block', called_at: '2026-12-06T01:10:00Z' }]);
    const insert = db.prepare(`INSERT INTO queue_tickets (id, terminal_id, service_id, day, number, priority, issued_at, source) VALUES (?, 't1', 's', '2026-12-06', ?, 'none', '2026-12-06T01:00:00Z', ?)`);
    insert.run('q2', 1001, 'terminal');
    expect(() => insert.run('q3', 1002, 'somewhere')).toThrow(/CHECK/);
    expect(() => insert.run('q4', 7, 'portal')).toThrow(/UNIQUE/);
    expect(() => db.prepare(`UPDATE queue_tickets SET served_at = 'x' WHERE id = 'q2'`).run()).toThrow(/CHECK/);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'queue_tickets_by_call'`).get()).toEqual({ name: 'queue_tickets_by_call' });
    expect(() => db.prepare(`INSERT INTO queue_tickets (id, terminal_id, service_id, day, number, priority, issued_at, source) VALUES ('q5', 'nobody', 's', '2026-12-06', 1003, 'none', 'x', 'terminal')`).run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
