import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { VirtualPrinter } from '../../src-main/devices/virtual/virtual-printer';
import { purgeDossierRow } from '../../src-main/dossier/dossier-repository';
import { systemClock } from '../../src-main/kernel/clock';
import { park } from '../../src-main/outbox/outbox-repository';
import { demoConfig } from '../fakes/demo-config';
import { openKioskDb, seedDossiers } from '../sync/harness';
import { inkRatio, kioskPage, launchBrowser, longPressStaffCorner, openStaffPanel, shot } from './harness';
import { startInProcessKiosk } from './in-process-kiosk';
import { typeOnKeyboard } from './journey-steps';

/** Waits (up to 5 s) for something the test process itself can see, such as the virtual printer's last job. */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(done(), what);
}

const REASON = 'HTTP 422 invalid_request: applicant.idNumber must be 12 digits';

describe('staff-assisted work in the staff panel (issue #21)', () => {
  let browser: Browser;
  let printer: VirtualPrinter;
  let dataDir = '';
  let url = '';
  let stop: () => Promise<void> = async () => {};
  const codes = { printable: '', erased: '' };

  before(async () => {
    // A store holding two dossiers: one whose row the portal refused (parked), one whose personal data was erased.
    dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-staff-work-'));
    const db = openKioskDb(join(dataDir, 'kiosk.sqlite3'));
    const [printable, erased] = seedDossiers(db, join(dataDir, 'files'), 2, 1, 1000);
    if (!printable || !erased) throw new Error('no dossiers seeded');
    codes.printable = printable.provisionalCode;
    codes.erased = erased.provisionalCode;
    const row = db.prepare(`SELECT id FROM outbox_jobs WHERE subject_id = ?`).get(printable.id) as { id: number };
    db.prepare(`UPDATE outbox_jobs SET attempts = 2 WHERE id = ?`).run(row.id);
    park(db, row.id, 'portal_refused', REASON, new Date());
    purgeDossierRow(db, erased.id);
    db.close();
    // In this process, so the test can run the virtual printer out of paper.
    printer = new VirtualPrinter(576, join(dataDir, 'prints'), systemClock);
    const kiosk = await startInProcessKiosk({ dataDir, config: demoConfig({ devices: { healthPollSeconds: 0.2 } }), printer });
    url = kiosk.url;
    stop = kiosk.stop;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stop();
  });

  it('staff take a ticket for a citizen, reprint it and a receipt, refill the printer, see the outbox; leaving ends at the attract screen', async () => {
    const page = await kioskPage(browser);
    await page.goto(url);
    await page.getByTestId('screen-attract').waitFor();
    await openStaffPanel(page);
    const banner = page.getByTestId('staff-mode-banner');
    assert.equal(await banner.innerText(), 'Chế độ nhân viên · Staff mode');
    // The banner does not cover the panel's title or its log-out button.
    const bannerBox = await banner.boundingBox();
    const closeBox = await page.getByTestId('staff-close').boundingBox();
    assert.ok(bannerBox && closeBox && closeBox.y >= bannerBox.y + bannerBox.height, 'the log-out button is below the banner');
    await shot(page, 'vi-39-staff-mode-banner');
    const work = page.getByTestId('staff-work');
    await work.scrollIntoViewIfNeeded();

    // The outbox: the parked row with its reason, the other waiting.
    const rows = work.getByTestId('staff-work-outbox-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 2);
    const parkedRow = work.locator('[data-testid="staff-work-outbox-row"][data-state="parked"]');
    const parked = await parkedRow.innerText();
    // The reason in words; the portal's own answer behind the technical line (issue #21).
    assert.ok(parked.includes(codes.printable) && parked.includes('Cổng dịch vụ công từ chối dữ liệu này') && !parked.includes(REASON), parked);
    await parkedRow.getByTestId('reason-technical').locator('summary').click();
    assert.ok((await parkedRow.innerText()).includes(REASON));
    assert.ok((await work.locator('[data-testid="staff-work-outbox-row"][data-state="pending"]').innerText()).includes(codes.erased));

    // Every button in the section is a touch target.
    for (const button of await work.getByRole('button').all()) {
      const box = await button.boundingBox();
      assert.ok(box && box.height >= 64, `button ${await button.innerText()} is ${box?.height}px tall`);
    }

    // A ticket for an elderly citizen: printed, and the panel stays open (the staff session too).
    await work.getByTestId('staff-work-priority-elderly').click();
    await work.locator('[data-testid^="staff-work-service-"]').first().click();
    const ticketLine = work.locator('[data-testid="staff-work-ticket"][data-printed="true"]');
    await ticketLine.waitFor();
    const number = /số (\S+) \(/.exec(await ticketLine.innerText())?.[1];
    assert.ok(number, await ticketLine.innerText());
    const ticketPrint = printer.lastPrint();
    assert.ok(ticketPrint && existsSync(ticketPrint.pngFiles[0] ?? ''));
    assert.ok((await inkRatio(ticketPrint.pngFiles[0] ?? '')).ratio > 0.02, 'the ticket has ink');
    await work.getByTestId('staff-work-ticket').scrollIntoViewIfNeeded();
    await shot(page, 'vi-40-staff-work-ticket-for-citizen');

    await work.getByTestId('staff-work-reprint-ticket').click();
    await until(() => printer.lastPrint() !== ticketPrint, 'the reprint is a new print');
    await ticketLine.waitFor();
    assert.match(await work.getByTestId('staff-work-ticket').innerText(), new RegExp(`số ${number} `));

    // A receipt by its code, typed on the kiosk's keyboard (no physical one): the layout's lower
    // case keys, `-` from the extra key; the field shows it in capitals, as printed.
    const codeField = work.getByTestId('staff-work-code');
    assert.equal(await work.getByTestId('staff-work-code-keyboard').count(), 0, 'the keyboard opens only when the field is tapped');
    await codeField.tap();
    const keyboard = work.getByTestId('staff-work-code-keyboard');
    await keyboard.waitFor();
    await typeOnKeyboard(page, codes.printable.toLowerCase());
    assert.equal(await codeField.innerText(), codes.printable);
    for (const key of await keyboard.getByRole('button').all()) {
      const box = await key.boundingBox();
      assert.ok(box && box.height >= 64 && box.width >= 64, `key ${await key.innerText()} is ${box?.width}×${box?.height}px`);
    }
    await keyboard.scrollIntoViewIfNeeded();
    await shot(page, 'vi-40b-staff-work-code-keyboard');
    await work.getByTestId('staff-work-reprint-receipt').click();
    await work.locator('[data-testid="staff-work-receipt"][data-outcome="printed"]').waitFor();
    const receiptPng = printer.lastPrint()?.pngFiles[0] ?? '';
    assert.ok(existsSync(receiptPng), 'the receipt reprint is a PNG in prints/');
    await keyboard.locator('.osk [data-skbtn="{clear}"]').tap();
    assert.equal(await codeField.innerText(), 'Chạm để nhập mã');
    await typeOnKeyboard(page, codes.erased.toLowerCase());
    await work.getByTestId('staff-work-reprint-receipt').click();
    const erased = work.locator('[data-testid="staff-work-receipt"][data-outcome="erased"]');
    await erased.waitFor();
    assert.match(await erased.innerText(), /thông tin cá nhân của hồ sơ đã được xóa/);
    await erased.scrollIntoViewIfNeeded();
    await shot(page, 'vi-41-staff-work-receipt-erased');

    // The printer runs out of paper: the panel shows it; "refilled" brings it back and clears the alert.
    printer.setState('paper-out');
    await page.locator('[data-testid="staff-device-printer"][data-state="offline"]').waitFor({ timeout: 5000 });
    await page.locator('[data-testid="staff-alerts"] li[data-open="true"]', { hasText: 'Hết giấy in' }).waitFor();
    await work.locator('[data-testid^="staff-work-service-"]').first().click();
    // Said in the panel's language; the printer's English words only behind the folded technical line.
    const refused = work.locator('[data-testid="staff-work-ticket"]', { hasText: 'Máy in không in được lúc này' });
    await refused.waitFor();
    assert.equal(await refused.getByTestId('reason-technical').locator('summary').isVisible(), true);
    assert.equal(await refused.locator('code').isVisible(), false, 'the technical words stay folded');
    await work.getByTestId('staff-work-refilled').scrollIntoViewIfNeeded();
    await shot(page, 'vi-42-staff-work-paper-out');
    await work.getByTestId('staff-work-refilled').click();
    await work.locator('[data-testid="staff-work-paper"][data-state="ok"]').waitFor();
    assert.equal(printer.condition(), 'ok');
    await page.locator('[data-testid="staff-device-printer"][data-state="ok"]').waitFor({ timeout: 5000 });
    await page.locator('[data-testid="staff-alerts"] li[data-open="false"]', { hasText: 'Hết giấy in' }).waitFor({ timeout: 5000 });
    assert.equal(await page.locator('[data-testid="staff-alerts"] li[data-open="true"]', { hasText: 'Hết giấy in' }).count(), 0);
    await shot(page, 'vi-43-staff-work-refilled');

    // Leaving: the attract screen, the banner gone, the panel's token no longer works.
    await page.getByTestId('staff-close').click();
    await page.getByTestId('screen-attract').waitFor();
    assert.equal(await page.getByTestId('staff-mode-banner').count(), 0);
    assert.equal(await page.getByTestId('staff-panel').count(), 0);
    await shot(page, 'vi-44-staff-work-left');
    // Nothing of the staff visit is left: the corner asks for the PIN again.
    await longPressStaffCorner(page);
    await page.getByTestId('pin-pad').waitFor();
    assert.equal(await page.getByTestId('staff-panel').count(), 0);
    const pngs = readdirSync(join(dataDir, 'prints')).filter((f) => f.endsWith('.png'));
    assert.equal(pngs.length, 3, `ticket, its reprint and the receipt: ${pngs.join(', ')}`);
    await page.close();
  });

  it('a PIN pad cancelled (a citizen leaning on the corner) leaves the citizen on their screen', async () => {
    const page = await kioskPage(browser);
    await page.goto(url);
    await page.getByTestId('screen-attract').click();
    await page.getByTestId('screen-language').waitFor();
    await longPressStaffCorner(page);
    await page.getByTestId('pin-pad').waitFor();
    await page.getByTestId('pin-cancel').click();
    await page.getByTestId('staff-gate').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('screen-language').count(), 1, 'still on the language screen');
    await page.close();
  });

  it('the staff-work methods called straight through window.kiosk without a token are refused', async () => {
    const page = await kioskPage(browser);
    await page.goto(url);
    await page.getByTestId('screen-attract').waitFor();
    const codesSeen = await page.evaluate(async () => {
      const kiosk = (window as unknown as { kiosk: Record<string, (r: unknown) => Promise<{ ok: boolean; error?: { code: string } }>> }).kiosk;
      const calls = [
        kiosk.takeTicketForCitizen!({ serviceId: 'x', priority: 'none', language: 'vi' }),
        kiosk.reprintLastTicket!({ language: 'vi' }),
        kiosk.reprintReceiptByCode!({ code: 'X', language: 'vi' }),
        kiosk.listOutbox!({}),
        kiosk.markPrinterRefilled!({}),
      ];
      return (await Promise.all(calls)).map((r) => (r.ok ? 'ok' : r.error?.code));
    });
    assert.deepEqual(codesSeen, ['forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden']);
    await page.close();
  });
});
