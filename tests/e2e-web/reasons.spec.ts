import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { TcpPrinter } from '../../src-main/devices/printer/transports/tcp-printer';
import { systemClock } from '../../src-main/kernel/clock';
import { park } from '../../src-main/outbox/outbox-repository';
import { demoConfig } from '../fakes/demo-config';
import { openKioskDb, seedDossiers } from '../sync/harness';
import { kioskPage, launchBrowser, openStaffPanel, shot } from './harness';
import { startInProcessKiosk } from './in-process-kiosk';

/** A loopback port nothing listens on: the printer there refuses the connection (ECONNREFUSED). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const PORTAL_TEXT = 'HTTP 422 invalid_request: procedure 1.004227 is closed';

describe('reasons in the staff panel are in the UI language, the raw text folded (issue #21)', () => {
  let browser: Browser;
  let url = '';
  let stop: () => Promise<void> = async () => {};

  before(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-reasons-'));
    const db = openKioskDb(join(dataDir, 'kiosk.sqlite3'));
    const [dossier] = seedDossiers(db, join(dataDir, 'files'), 1, 1, 1000);
    if (!dossier) throw new Error('no dossier seeded');
    const row = db.prepare(`SELECT id FROM outbox_jobs WHERE subject_id = ?`).get(dossier.id) as { id: number };
    park(db, row.id, 'portal_refused', PORTAL_TEXT, new Date());
    db.close();
    const printer = new TcpPrinter({ host: '127.0.0.1', port: await closedPort(), paperWidthDots: 576, connectTimeoutMs: 300, ioTimeoutMs: 300 }, systemClock);
    const kiosk = await startInProcessKiosk({ dataDir, config: demoConfig({ devices: { healthPollSeconds: 0.5 } }), printer });
    url = kiosk.url;
    stop = kiosk.stop;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stop();
  });

  it('an unreachable printer reads "Máy in không phản hồi"; ECONNREFUSED only behind "Chi tiết kỹ thuật"; a parked row\'s reason too', async () => {
    const page = await kioskPage(browser);
    await page.goto(url);
    await page.getByTestId('screen-attract').waitFor();
    await openStaffPanel(page);
    const row = page.locator('[data-testid="staff-device-printer"][data-state="offline"]');
    await row.waitFor();
    const reason = row.locator('[data-testid="reason-text"]');
    assert.equal(await reason.getAttribute('data-reason'), 'printer_not_responding');
    assert.equal(await reason.locator('.reason-text__words').innerText(), 'Máy in không phản hồi');
    // Folded: the summary shows, the raw text does not until it is opened.
    const technical = reason.getByTestId('reason-technical');
    assert.equal(await technical.locator('summary').innerText(), 'Chi tiết kỹ thuật');
    assert.equal(await technical.locator('code').isVisible(), false);
    const summaryBox = await technical.locator('summary').boundingBox();
    assert.ok(summaryBox && summaryBox.height >= 64 * 0.5 - 1, `the summary is a touch target (${summaryBox?.height} px at scale 0.5)`);
    assert.ok(!(await row.innerText()).includes('ECONNREFUSED'), 'no raw error in the folded row');
    // The open alert says it in Vietnamese too.
    const alert = page.locator('[data-testid="staff-alerts"] li[data-open="true"][data-reason="printer_not_responding"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Máy in phiếu: Máy in không phản hồi/);
    await page.getByTestId('staff-devices').scrollIntoViewIfNeeded();
    await shot(page, 'vi-25-staff-reason-folded');

    await technical.locator('summary').tap();
    assert.equal(await technical.locator('code').isVisible(), true);
    assert.match(await technical.locator('code').innerText(), /ECONNREFUSED/);
    await shot(page, 'vi-26-staff-reason-technical-open');

    // The outbox list: the parked row's reason in words, the portal's answer folded.
    await page.getByTestId('staff-work-outbox-refresh').tap();
    const parked = page.locator('[data-testid="staff-work-outbox-row"][data-state="parked"]');
    await parked.waitFor();
    assert.equal(await parked.locator('[data-testid="reason-text"] .reason-text__words').innerText(), 'Cổng dịch vụ công từ chối dữ liệu này');
    assert.ok(!(await parked.innerText()).includes(PORTAL_TEXT));
    await parked.scrollIntoViewIfNeeded();
    await shot(page, 'vi-27-staff-outbox-parked-reason');
    await page.close();
  });
});
