import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger } from '../../../src-main/kernel/logger';
import { FixedClock } from '../../fakes/fixed-clock';
import { useTempDirs } from '../../fakes/temp-dir';

const tempDir = useTempDirs();
const MB = 1024 * 1024;
const logFiles = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('kiosk-')).sort();
const totalBytes = (dir: string) => logFiles(dir).reduce((sum, n) => sum + statSync(join(dir, n)).size, 0);

describe('daily log files under logs/', () => {
  it('keeps at most keepDays days, removing older files as days pass', () => {
    const dir = tempDir();
    const clock = new FixedClock(new Date('2026-12-01T02:00:00Z'));
    const logger = createFileLogger(dir, clock, { keepDays: 3, maxMegabytes: 50 });
    for (let d = 0; d < 6; d++) {
      logger.log('info', 'tick', { d });
      clock.advance(86_400_000);
    }
    expect(logFiles(dir)).toEqual(['kiosk-2026-12-04.log', 'kiosk-2026-12-05.log', 'kiosk-2026-12-06.log']);
  });

  it('removes days older than keepDays left by an earlier run at start, and leaves other files alone', () => {
    const dir = tempDir();
    for (const day of ['2026-10-01', '2026-11-20', '2026-12-05']) writeFileSync(join(dir, `kiosk-${day}.log`), '{}\n');
    writeFileSync(join(dir, 'readme.txt'), 'kept');
    const logger = createFileLogger(dir, new FixedClock(new Date('2026-12-06T02:00:00Z')), { keepDays: 7, maxMegabytes: 50 });
    logger.log('info', 'started');
    expect(readdirSync(dir).sort()).toEqual(['kiosk-2026-12-05.log', 'kiosk-2026-12-06.log', 'readme.txt']);
  });

  it('stays within maxMegabytes on a noisy day, removing the oldest lines first, files 0600', () => {
    const dir = tempDir();
    const clock = new FixedClock(new Date('2026-12-06T02:00:00Z'));
    const logger = createFileLogger(dir, clock, { keepDays: 30, maxMegabytes: 1 });
    const filler = 'x'.repeat(1000);
    for (let i = 0; i < 4000; i++) {
      logger.log('info', 'noisy', { i, filler });
      if (i % 1000 === 999) clock.advance(60_000);
    }
    expect(totalBytes(dir)).toBeLessThanOrEqual(1 * MB);
    // About 4 MB were written: most are gone, and what is left is the newest.
    expect(totalBytes(dir)).toBeGreaterThan(0.5 * MB);
    const files = logFiles(dir);
    expect(files.length).toBeGreaterThan(1);
    for (const name of files) expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
    const text = files.map((n) => readFileSync(join(dir, n), 'utf8')).join('');
    expect(text).toContain('"i":3999,');
    expect(text).not.toContain('"i":0,');
  });

  it('continues the last part of today after a restart instead of writing over it', () => {
    const dir = tempDir();
    const clock = new FixedClock(new Date('2026-12-06T02:00:00Z'));
    const first = createFileLogger(dir, clock, { keepDays: 30, maxMegabytes: 1 });
    for (let i = 0; i < 300; i++) first.log('info', 'before restart', { i, filler: 'y'.repeat(1000) });
    const before = logFiles(dir);
    expect(before.length).toBeGreaterThan(1);
    const second = createFileLogger(dir, clock, { keepDays: 30, maxMegabytes: 1 });
    second.log('info', 'after restart');
    expect(logFiles(dir)).toEqual(before);
    expect(totalBytes(dir)).toBeLessThanOrEqual(1 * MB);
  });
});
