import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { openDatabase } from '../../src-main/db/open-database';
import { SEEDED_DAY, seedDay } from '../unit/report/seeded-day';
import { kioskPage, launchBrowser, openStaffPanel, shot, startKioskProcess, type KioskProcess } from './harness';

describe('the day report in the staff panel', () => {
  let kiosk: KioskProcess;
  let browser: Browser;

  before(async () => {
    // A store holding a known day (the unit test's): its figures are known to the digit.
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-report-'));
    const db = openDatabase(join(dataDir, 'kiosk.sqlite3'));
    seedDay(db);
    db.close();
    kiosk = await startKioskProcess(dataDir);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
    await kiosk.stop();
  });

  it("shows today's report at once, then the seeded day's figures, and prints it with an A4 PDF", async () => {
    const page = await kioskPage(browser);
    await page.goto(kiosk.url);
    await page.getByTestId('screen-attract').waitFor();
    await openStaffPanel(page);
    const section = page.getByTestId('staff-day-report');
    await page.locator('[data-testid="staff-day-report"][data-state="done"]').waitFor();
    assert.match(await page.getByTestId('day-report-day').inputValue(), /^\d{4}-\d{2}-\d{2}$/, 'today is filled in');

    await page.getByTestId('day-report-day').fill(SEEDED_DAY);
    await page.getByTestId('day-report-show').click();
    await page.locator('[data-testid="day-report-tickets-total"]', { hasText: '8' }).waitFor();
    const tickets = await page.getByTestId('day-report-tickets').innerText();
    assert.ok(tickets.includes('Đất đai') && tickets.includes('4 (thường 1, người khuyết tật 2, phụ nữ mang thai 1)'), tickets);
    assert.equal(await page.getByTestId('day-report-digitized').innerText(), '50 %');
    assert.equal(await page.getByTestId('day-report-online-percent').innerText(), '96,8 %');
    assert.equal(await page.getByTestId('day-report-ratings').innerText(), '3');
    const ratings = await page.getByTestId('day-report-dossiers').innerText();
    assert.ok(ratings.includes('Rất hài lòng') && ratings.includes('Có ý kiến'), ratings);
    const link = await page.getByTestId('day-report-link').innerText();
    assert.ok(link.includes('1.350 phút') && link.includes('45 phút'), link);
    const sizes = await section.locator('button, input').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    assert.ok(sizes.every((h) => h >= 64), `touch targets of at least 64 px: ${sizes.join(', ')}`);

    await page.getByTestId('day-report-print').click();
    const result = page.locator('[data-testid="day-report-print-result"][data-printed="true"]');
    await result.waitFor();
    const pdf = join(kiosk.dataDir, 'reports', `day-report-${SEEDED_DAY}-KIOSK-01-vi.pdf`);
    assert.ok((await result.innerText()).includes(pdf));
    assert.ok(existsSync(pdf), 'the A4 PDF is in the data folder');
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'vi-23-staff-day-report');
  });
});
