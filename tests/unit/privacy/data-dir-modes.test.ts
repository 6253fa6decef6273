import * as nodeFs from 'node:fs';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger, redactIdentityNumbers } from '../../../src-main/kernel/logger';
import { openDatabase } from '../../../src-main/db/open-database';
import { secureDataDir } from '../../../src-main/privacy/data-dir-modes';
import { FixedClock } from '../../fakes/fixed-clock';
import { useTempDirs } from '../../fakes/temp-dir';

const tempDir = useTempDirs();
const mode = (path: string) => statSync(path).mode & 0o777;

describe('owner-only data folder', () => {
  it('tightens a folder an older kiosk left open, all the way down, and then only checks its top level', () => {
    const dir = join(tempDir(), 'data');
    mkdirSync(join(dir, 'files', 'objects', 'ab'), { recursive: true, mode: 0o755 });
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'files', 'objects', 'ab', 'abcd'), 'scan', { mode: 0o644 });
    writeFileSync(join(dir, 'config.json'), '{}', { mode: 0o644 });

    expect(secureDataDir(dir, nodeFs).tightened).toBe(6);
    for (const d of [dir, join(dir, 'files'), join(dir, 'files', 'objects'), join(dir, 'files', 'objects', 'ab')]) expect(mode(d)).toBe(0o700);
    expect(mode(join(dir, 'files', 'objects', 'ab', 'abcd'))).toBe(0o600);
    expect(mode(join(dir, 'config.json'))).toBe(0o600);
    expect(secureDataDir(dir, nodeFs).tightened).toBe(0);

    // A file dropped in later at the top level (a config copied in) is still caught.
    writeFileSync(join(dir, 'config.json'), '{}');
    chmodSync(join(dir, 'config.json'), 0o644);
    expect(secureDataDir(dir, nodeFs).tightened).toBe(1);
  });

  it('creates the folder 0700, the database and its WAL 0600, and log files 0600', () => {
    const dir = join(tempDir(), 'fresh');
    secureDataDir(dir, nodeFs);
    expect(mode(dir)).toBe(0o700);
    const db = openDatabase(join(dir, 'kiosk.sqlite3'));
    db.prepare(`INSERT INTO audit_log (at, actor, action, subject) VALUES ('x', 'y', 'z', 'w')`).run();
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(mode(join(dir, 'kiosk.sqlite3'))).toBe(0o600);
    expect(mode(join(dir, 'kiosk.sqlite3-wal'))).toBe(0o600);
    db.close();
    const logger = createFileLogger(join(dir, 'logs'), new FixedClock(new Date('2026-12-06T02:00:00Z')));
    logger.log('info', 'hello');
    expect(mode(join(dir, 'logs'))).toBe(0o700);
    expect(readdirSync(join(dir, 'logs')).map((f) => mode(join(dir, 'logs', f)))).toEqual([0o600]);
  });
});

describe('log lines', () => {
  it('never keep a run of ID-card or phone digits from text the kiosk did not write (a portal message)', () => {
    const dir = tempDir();
    const logger = createFileLogger(dir, new FixedClock(new Date('2026-12-06T02:00:00Z')));
    logger.log('info', 'sync: portal exchange failed', { error: 'applicant.idNumber 001190012345 exists; phone +84 912 345 678 / 0912.345.678' });
    const text = readFileSync(join(dir, readdirSync(dir)[0] ?? ''), 'utf8');
    expect(text).not.toMatch(/001190012345|912 345 678|0912\.345\.678/);
    expect(text).toContain('"at":"2026-12-06T02:00:00.000Z"');
    // What logs do carry stays readable: codes, ids, times, sizes.
    for (const kept of ['TAM-KIOSK-01-261123-0001', '000.00.12.H29-261206-0051', '2026-12-06T02:00:00.000Z', '3f1c2a9e-1b2c-4d5e-8f90-123456789abc', '12345678 bytes'])
      expect(redactIdentityNumbers(kept)).toBe(kept);
  });
});
