import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/migrate';
import { migrations } from '../../src-main/db/migrations';
import { freeBlockNumbers, takeBlockNumber } from '../../src-main/sync/sync-repository';
import { getMeta, setMeta } from '../../src-main/sync/sync-repository';

function at(version: number) {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, version));
  return db;
}

const ticket = (id: string, number: number) => ({
  id, service_id: 'ho-tich', day: '2026-11-23', number, display: `A${number}`, priority: 'none', issued_at: '2026-11-23T02:00:00Z',
});
const insertTicket = (db: BetterSqlite3.Database, t: Record<string, unknown>) =>
  db.prepare(`INSERT INTO tickets (${Object.keys(t).join(',')}) VALUES (${Object.keys(t).map((k) => '@' + k).join(',')})`).run(t);

describe('migration 0004: sync state, queue-number blocks', () => {
  it('keeps tickets issued before it, marked as numbered locally', () => {
    const db = at(3);
    insertTicket(db, ticket('t1', 1));
    migrate(db, migrations.slice(0, 4));
    expect(db.prepare(`SELECT number_source FROM tickets WHERE id = 't1'`).pluck().get()).toBe('local');
    insertTicket(db, { ...ticket('t2', 2), number_source: 'portal' });
    expect(() => insertTicket(db, { ...ticket('t3', 3), number_source: 'guessed' })).toThrow(/CHECK/);
  });

  it('keeps one value per sync fact, replaced in place', () => {
    const db = at(4);
    expect(getMeta(db, 'terminal_index')).toBeNull();
    setMeta(db, 'terminal_index', '3', new Date('2026-11-23T02:00:00Z'));
    setMeta(db, 'terminal_index', '4', new Date('2026-11-23T03:00:00Z'));
    expect(getMeta(db, 'terminal_index')).toBe('4');
    expect(db.prepare(`SELECT count(*) FROM sync_meta`).pluck().get()).toBe(1);
  });

  it('refuses a block whose bounds or next number make no sense, and hands out each block number once', () => {
    const db = at(4);
    const add = (id: string, first: number, last: number, next = first) =>
      db.prepare(`INSERT INTO queue_number_blocks VALUES (?, 'ho-tich', '2026-11-23', ?, ?, ?, 'x')`).run(id, first, last, next);
    expect(() => add('b0', 0, 5)).toThrow(/CHECK/);
    expect(() => add('b1', 5, 4)).toThrow(/CHECK/);
    expect(() => add('b2', 5, 6, 8)).toThrow(/CHECK/);
    add('b3', 10, 12);
    expect(freeBlockNumbers(db, 'ho-tich', '2026-11-23')).toBe(3);
    const taken = [1, 2, 3, 4].map(() => takeBlockNumber(db, 'ho-tich', '2026-11-23', 1000));
    expect(taken).toEqual([10, 11, 12, null]);
    expect(freeBlockNumbers(db, 'ho-tich', '2026-11-23')).toBe(0);
  });
});
