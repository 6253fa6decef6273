import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { prepareOnce } from '../../../src-shared/prepare-once';

describe('prepareOnce', () => {
  it('hands out the statement compiled for the same SQL, compiles other SQL, and the statements still run', () => {
    const db = new BetterSqlite3(':memory:');
    prepareOnce(db);
    db.exec('CREATE TABLE t (x INTEGER)');
    const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
    expect(db.prepare('INSERT INTO t (x) VALUES (?)')).toBe(insert);
    expect(db.prepare('SELECT count(*) AS n FROM t')).not.toBe(insert);
    insert.run(1);
    db.prepare('INSERT INTO t (x) VALUES (?)').run(2);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 });
    db.close();
  });
});
