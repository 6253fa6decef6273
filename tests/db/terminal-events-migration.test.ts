import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/migrate';
import { migrations } from '../../src-main/db/migrations';
import { addTerminalEvent, terminalEventsIn } from '../../src-main/report/terminal-event-repository';

function at(version: number) {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, version));
  return db;
}

const insert = (db: BetterSqlite3.Database, subject: string, state: string) =>
  db.prepare(`INSERT INTO terminal_events (at, subject, state) VALUES ('2026-12-05T01:00:00.000Z', ?, ?)`).run(subject, state);

describe('migration 0007: terminal state changes', () => {
  it('adds terminal_events to a store with tickets, which stay as they were', () => {
    const db = at(6);
    db.prepare(`INSERT INTO tickets (id, service_id, day, number, display, priority, issued_at) VALUES ('t1', 'civil', '2026-12-05', 1, 'A001', 'none', 'x')`).run();
    migrate(db, migrations.slice(0, 7));
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    expect(db.prepare(`SELECT count(*) FROM tickets`).pluck().get()).toBe(1);
    insert(db, 'link', 'online');
    insert(db, 'printer', 'offline');
    expect(db.prepare(`SELECT subject, state FROM terminal_events ORDER BY id`).all()).toEqual([
      { subject: 'link', state: 'online' },
      { subject: 'printer', state: 'offline' },
    ]);
  });

  it("refuses an unknown subject, and a state that is not the subject's", () => {
    const db = at(7);
    expect(() => insert(db, 'scanner', 'ok')).toThrow(/CHECK/);
    expect(() => insert(db, 'link', 'ok')).toThrow(/CHECK/);
    expect(() => insert(db, 'printer', 'online')).toThrow(/CHECK/);
    expect(() => insert(db, 'link', 'sideways')).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO terminal_events (at, subject, state) VALUES (NULL, 'link', 'online')`).run()).toThrow(/NOT NULL/);
  });

  it('gives the last change before a window and those inside it, oldest first, one subject only', () => {
    const db = at(7);
    addTerminalEvent(db, 'link', 'online', '2026-12-04T10:00:00.000Z');
    addTerminalEvent(db, 'link', 'offline', '2026-12-04T12:00:00.000Z');
    addTerminalEvent(db, 'printer', 'ok', '2026-12-04T13:00:00.000Z');
    addTerminalEvent(db, 'link', 'online', '2026-12-05T01:00:00.000Z');
    addTerminalEvent(db, 'link', 'degraded', '2026-12-05T17:00:00.000Z');
    expect(terminalEventsIn(db, 'link', '2026-12-04T17:00:00.000Z', '2026-12-05T17:00:00.000Z')).toEqual([
      { at: '2026-12-04T12:00:00.000Z', state: 'offline' },
      { at: '2026-12-05T01:00:00.000Z', state: 'online' },
    ]);
    expect(terminalEventsIn(db, 'printer', '2026-12-05T17:00:00.000Z', '2026-12-06T17:00:00.000Z')).toEqual([{ at: '2026-12-04T13:00:00.000Z', state: 'ok' }]);
  });
});
