import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/open-database';
import { buildDayReport } from '../../../src-main/report/day-report';
import { dayBounds } from '../../../src-main/report/day-bounds';
import { DayReportSchema } from '../../../src-shared/report';
import { useTempDirs } from '../../fakes/temp-dir';
import { SEEDED_DAY, SEEDED_FIGURES, TERMINAL, seedDay } from './seeded-day';

const tempDir = useTempDirs();
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TZ = 'Asia/Ho_Chi_Minh';

function seededStore(): string {
  const dir = tempDir();
  const db = openDatabase(join(dir, 'kiosk.sqlite3'));
  seedDay(db);
  db.close();
  return dir;
}

describe('the day report', () => {
  it('gives every figure of a seeded day, from a real store the purge has been through', () => {
    const db = openDatabase(join(seededStore(), 'kiosk.sqlite3'));
    const report = buildDayReport(db, { day: SEEDED_DAY, terminalId: TERMINAL, timeZone: TZ, now: new Date('2026-12-06T02:00:00.000Z') });
    db.close();
    expect(report).toEqual({
      day: SEEDED_DAY,
      terminalId: TERMINAL,
      timeZone: TZ,
      from: '2026-12-04T17:00:00.000Z',
      to: '2026-12-05T17:00:00.000Z',
      generatedAt: '2026-12-06T02:00:00.000Z',
      ...SEEDED_FIGURES,
    });
    // The minutes of a finished day add up to the whole day.
    const { onlineMinutes, degradedMinutes, offlineMinutes, unknownMinutes } = report.link;
    expect(onlineMinutes + degradedMinutes + offlineMinutes + unknownMinutes).toBe(24 * 60);
  });

  it('counts a day still running up to now, and the states it started in', () => {
    const db = openDatabase(join(seededStore(), 'kiosk.sqlite3'));
    const report = buildDayReport(db, { day: '2026-12-06', terminalId: TERMINAL, timeZone: TZ, now: new Date('2026-12-06T02:00:00.000Z') });
    db.close();
    // 17:00Z → 02:00Z is 540 minutes: online until 20:00Z, then offline; the printer out of paper throughout.
    expect(report.link).toEqual({ onlineMinutes: 180, degradedMinutes: 0, offlineMinutes: 360, unknownMinutes: 0, onlinePercent: 33.3 });
    expect(report.printer.withoutPaperOrPrinterMinutes).toBe(540);
    expect(report.tickets.total).toBe(1);
    expect(report.dossiers).toEqual({ submitted: 1, delivered: 1, pending: 0 });
    expect(report.payments).toEqual({ started: 1, confirmed: 0, failed: 0 });
    expect(report.documents).toEqual({ pagesScanned: 4, documentsScanned: 1, documentsOnPaper: 0, digitizedPercent: 100 });
  });

  it('a day with nothing recorded: zeros, no made-up percentages, the whole day unknown', () => {
    const db = openDatabase(join(tempDir(), 'kiosk.sqlite3'));
    const report = buildDayReport(db, { day: '2026-01-01', terminalId: TERMINAL, timeZone: TZ, now: new Date('2026-12-06T02:00:00.000Z') });
    db.close();
    expect(report.link).toEqual({ onlineMinutes: 0, degradedMinutes: 0, offlineMinutes: 0, unknownMinutes: 1440, onlinePercent: null });
    expect(report.documents.digitizedPercent).toBeNull();
    expect(report.tickets).toEqual({ total: 0, byService: [] });
    expect(DayReportSchema.parse(report)).toEqual(report);
  });

  it('the local day of Ho Chi Minh City starts at 17:00 UTC the day before', () => {
    expect(dayBounds('2026-01-01', TZ)).toEqual({ from: new Date('2025-12-31T17:00:00.000Z'), to: new Date('2026-01-01T17:00:00.000Z') });
    expect(dayBounds('2026-02-28', TZ).to).toEqual(new Date('2026-02-28T17:00:00.000Z'));
  });

  it('`npm run report` prints the seeded day as JSON, opening the store read-only', () => {
    const dir = seededStore();
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/report.mjs', '--data-dir', dir, '--day', SEEDED_DAY], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const report = DayReportSchema.parse(JSON.parse(out));
    expect(report).toMatchObject({ day: SEEDED_DAY, terminalId: TERMINAL, ...SEEDED_FIGURES });
  });

  it('`npm run report` refuses a malformed day with a message', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/report.mjs', '--data-dir', seededStore(), '--day', '5/12/2026'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/YYYY-MM-DD/);
  });
});
