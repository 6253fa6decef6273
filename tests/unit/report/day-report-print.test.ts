import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/open-database';
import { createTestCore } from '../../fakes/test-core';
import { FixedClock } from '../../fakes/fixed-clock';
import { dispatchAsStaff } from '../../fakes/staff-session';
import { useTempDirs } from '../../fakes/temp-dir';
import { SEEDED_DAY, SEEDED_FIGURES, seedDay } from './seeded-day';

const tempDir = useTempDirs();
const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));

async function seededCore() {
  const dir = tempDir();
  const db = openDatabase(join(dir, 'kiosk.sqlite3'));
  seedDay(db);
  db.close();
  return { dir, ...(await createTestCore(dir, new FixedClock(new Date('2026-12-06T02:00:00.000Z')))) };
}

describe('the day report through the contract', () => {
  it('staff get the seeded figures; a caller without a staff session is refused', async () => {
    const { core } = await seededCore();
    try {
      const reply = await dispatchAsStaff(core, 'getDayReport', { day: SEEDED_DAY });
      expect(reply).toEqual({ ok: true, value: expect.objectContaining({ day: SEEDED_DAY, terminalId: 'KIOSK-01', ...SEEDED_FIGURES }) });
      const anonymous = await core.dispatcher.dispatch('getDayReport', { day: SEEDED_DAY });
      expect(anonymous.ok).toBe(false);
      expect(!anonymous.ok && anonymous.error.code).toBe('forbidden');
      const badDay = await dispatchAsStaff(core, 'getDayReport', { day: '05/12/2026' });
      expect(!badDay.ok && badDay.error.code).toBe('invalid_request');
    } finally {
      await core.close();
    }
  });

  it('prints on the ticket printer and writes an owner-only A4 PDF, in Vietnamese', async () => {
    const { core, printer, dir } = await seededCore();
    try {
      const reply = await dispatchAsStaff(core, 'printDayReport', { day: SEEDED_DAY, language: 'vi' });
      expect(reply.ok).toBe(true);
      const value = (reply as { value: { printed: boolean; printError: string | null; pdfPath: string } }).value;
      expect(value).toEqual({ printed: true, printError: null, pdfPath: join(dir, 'reports', `day-report-${SEEDED_DAY}-KIOSK-01-vi.pdf`) });
      expect(statSync(value.pdfPath).mode & 0o777).toBe(0o600);
      const pdf = readFileSync(value.pdfPath);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

      const print = printer.lastPrint();
      const png = print?.pngFiles[0];
      expect(png && existsSync(png)).toBe(true);
      expect(print?.job.pages[0]?.height ?? 0).toBeGreaterThan(1000);

      // For a person to look at: the roll print and the PDF's first page.
      mkdirSync(ARTIFACTS, { recursive: true });
      copyFileSync(png ?? '', join(ARTIFACTS, 'day-report-paper.png'));
      const pdftoppm = spawnSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '60', '-png', '-singlefile', value.pdfPath, join(ARTIFACTS, 'day-report-a4')]);
      expect(pdftoppm.status).toBe(0);
      const text = spawnSync('pdftotext', ['-layout', value.pdfPath, '-'], { encoding: 'utf8' });
      expect(text.stdout).toContain('BÁO CÁO NGÀY');
      expect(text.stdout).toMatch(/Trực tuyến\s+1\.350 phút/);
      expect(text.stdout).toMatch(/Tỷ lệ số hóa\s+50 %/);
      expect(text.stdout).toContain('Đánh giá của người dân: 3');
      expect(text.stdout).toMatch(/Không hài lòng\s+1/);
    } finally {
      await core.close();
    }
  });

  it('a printer out of paper: the PDF is still written and the print says why', async () => {
    const { core, printer } = await seededCore();
    try {
      printer.setState('paper-out');
      const reply = await dispatchAsStaff(core, 'printDayReport', { day: SEEDED_DAY, language: 'en' });
      const value = (reply as { value: { printed: boolean; printError: string | null; pdfPath: string } }).value;
      expect(value.printed).toBe(false);
      expect(value.printError).toBeTruthy();
      expect(existsSync(value.pdfPath)).toBe(true);
    } finally {
      await core.close();
    }
  });

  it("records the printer's state changes while the kiosk runs, and 'stopped' when it closes", async () => {
    const { core, printer, clock, dir } = await seededCore();
    clock.set('2026-12-06T02:10:00.000Z');
    printer.setState('paper-out');
    await core.dispatcher.dispatch('takeTicket', { serviceId: 'ho-tich', priority: 'none', language: 'vi' });
    await core.close();
    const db = openDatabase(join(dir, 'kiosk.sqlite3'));
    const rows = db.prepare(`SELECT at, subject, state FROM terminal_events WHERE at >= '2026-12-06' ORDER BY id`).all();
    db.close();
    expect(rows).toEqual([
      { at: '2026-12-06T02:00:00.000Z', subject: 'printer', state: 'ok' },
      { at: '2026-12-06T02:10:00.000Z', subject: 'printer', state: 'offline' },
      { at: '2026-12-06T02:10:00.000Z', subject: 'printer', state: 'stopped' },
    ]);
  });
});
