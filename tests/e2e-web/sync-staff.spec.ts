import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { park } from '../../src-main/outbox/outbox-repository';
import { openKioskDb, seedDossiers } from '../sync/harness';
import { startRecordingProxy } from '../sync/recording-proxy';
import { startServerProcess } from '../sync/server-process';
import { kioskPage, launchBrowser, openStaffPanel, shot, startKioskProcess, type KioskProcess } from './harness';

const REASON = 'HTTP 422 invalid_request: applicant.idNumber must be 12 digits';

describe('sync in the staff panel: rows set aside', () => {
  let kiosk: KioskProcess;
  let browser: Browser;
  let code = '';

  before(async () => {
    // A store holding one dossier whose row the portal refused, as the worker parks it.
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-parked-'));
    const db = openKioskDb(join(dataDir, 'kiosk.sqlite3'));
    const [dossier] = seedDossiers(db, join(dataDir, 'files'), 1, 1, 1000);
    if (!dossier) throw new Error('no dossier seeded');
    code = dossier.provisionalCode;
    const row = db.prepare(`SELECT id FROM outbox_jobs WHERE subject_id = ?`).get(dossier.id) as { id: number };
    db.prepare(`UPDATE outbox_jobs SET attempts = 1 WHERE id = ?`).run(row.id);
    park(db, row.id, 'portal_refused', REASON, new Date());
    db.close();
    kiosk = await startKioskProcess(dataDir);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
    await kiosk.stop();
  });

  it('lists the parked dossier with its code and the portal\'s reason; "Send again" puts it back in the queue', async () => {
    const page = await kioskPage(browser);
    await page.goto(kiosk.url);
    await page.getByTestId('screen-attract').waitFor();
    await openStaffPanel(page);
    const row = page.getByTestId('staff-parked-row');
    await row.waitFor();
    const text = await row.innerText();
    assert.ok(text.includes(code), `the row names dossier ${code}: ${text}`);
    assert.ok(text.includes('Cổng dịch vụ công từ chối dữ liệu này') && !text.includes(REASON), `the row gives the reason in words: ${text}`);
    await row.getByTestId('reason-technical').locator('summary').click();
    assert.ok((await row.innerText()).includes(REASON), 'the portal\'s answer is behind the technical line');
    assert.ok(text.includes('1 lần thử'), `the row counts the attempts: ${text}`);
    assert.equal(await page.getByTestId('staff-sync-parked').innerText(), '1');
    await row.scrollIntoViewIfNeeded();
    await shot(page, 'vi-22-staff-parked-row');

    await row.getByRole('button', { name: 'Gửi lại' }).click();
    await page.getByTestId('staff-parked').waitFor({ state: 'detached' });
    await page.locator('[data-testid="staff-sync-parked"]', { hasText: '0' }).waitFor();
    // Back in the outbox (this kiosk has no portal configured, so it waits there).
    assert.equal(await page.getByTestId('staff-sync-depth').innerText(), '1');
  });
});

describe('sync in the staff panel: the kiosk clock against the portal', () => {
  it('a portal whose Date header is 5 minutes ahead: the panel shows the skew and the clock alert', async () => {
    const portal = await startServerProcess('src-portal/main.ts', ['--port', '0', '--data-dir', mkdtempSync(join(tmpdir(), 'kiosk-e2e-portal-'))]);
    const proxy = await startRecordingProxy(portal.url, { dateOffsetMs: () => 5 * 60_000 });
    const kiosk = await startKioskProcess(undefined, {
      config: { sync: { portalUrl: proxy.url, enrollmentToken: 'demo-enrollment-token', heartbeatSeconds: 1 } },
    });
    const browser = await launchBrowser();
    try {
      const page = await kioskPage(browser);
      await page.goto(kiosk.url);
      await page.getByTestId('screen-attract').waitFor();
      await openStaffPanel(page);
      const clock = page.locator('[data-testid="staff-sync-clock"][data-off="true"]');
      await clock.waitFor({ timeout: 20_000 });
      const text = await clock.innerText();
      assert.match(text, /^chậm (29[89]|30[01]) giây/, text);
      assert.ok(text.includes('lệch quá 2 phút'), text);
      await clock.scrollIntoViewIfNeeded();
      await shot(page, 'vi-22-staff-sync-clock-skew');
    } finally {
      await browser.close();
      await kiosk.stop();
      await proxy.close();
      await portal.stop();
    }
  });
});
