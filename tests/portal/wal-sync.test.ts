import { fdatasync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { WalSync } from '../../src-portal/db/wal-sync';
import { useTempDirs } from '../fakes/temp-dir';

const tempDir = useTempDirs();

describe('portal group commit (WalSync)', () => {
  it('answers a flush only after a sync that started after it; flushes made meanwhile share the next sync', async () => {
    const file = join(tempDir(), 'p.sqlite3');
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE t (v INTEGER)');
    const events: string[] = [];
    const gates: (() => void)[] = [];
    // The real fdatasync, held back until the test opens the gate, so the order is observable.
    const wal = new WalSync(file, (fd, done) => {
      const n = gates.length + 1;
      events.push(`sync ${n} starts`);
      gates.push(() => fdatasync(fd, (error) => (events.push(`sync ${n} ends`), done(error))));
    });
    const settle = () => new Promise((r) => setTimeout(r, 20));
    db.prepare('INSERT INTO t VALUES (1)').run();
    const a = wal.flush().then(() => events.push('a durable'));
    await settle();
    db.prepare('INSERT INTO t VALUES (2)').run();
    const b = wal.flush().then(() => events.push('b durable'));
    db.prepare('INSERT INTO t VALUES (3)').run();
    const c = wal.flush().then(() => events.push('c durable'));
    await settle();
    // b and c committed while sync 1 ran: sync 1 may not cover them, so they wait for sync 2.
    expect(events).toEqual(['sync 1 starts']);
    gates[0]?.();
    await a;
    await settle();
    expect(events.slice(0, 2)).toEqual(['sync 1 starts', 'sync 1 ends']);
    expect([...events.slice(2)].sort()).toEqual(['a durable', 'sync 2 starts']);
    gates[1]?.();
    await Promise.all([b, c]);
    expect(events.slice(4)).toEqual(['sync 2 ends', 'b durable', 'c durable']);
    expect(gates).toHaveLength(2);
    await wal.close();
    db.close();
  });

  it('refuses a database that is not in WAL mode', () => {
    const file = join(tempDir(), 'rollback.sqlite3');
    const db = new BetterSqlite3(file);
    db.exec('CREATE TABLE t (v INTEGER)');
    expect(() => new WalSync(file)).toThrow(/not open in WAL mode/);
    db.close();
  });
});
