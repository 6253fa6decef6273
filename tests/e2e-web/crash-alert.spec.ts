import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createKioskCore } from '../../src-main/app/composition-root';
import { CrashRecord } from '../../src-main/app/crash-record';
import { systemClock } from '../../src-main/kernel/clock';
import { createMemoryLogger } from '../../src-main/kernel/logger';
import { startWebHost } from '../../src-main/web-host/web-host';
import { demoConfig } from '../fakes/demo-config';
import { kioskPage, launchBrowser, openStaffPanel, ROOT, shot } from './harness';

describe('the out-of-service staff alert in the staff panel (issue #20)', () => {
  let browser: Browser;
  let url = '';
  let stop: () => Promise<void> = async () => {};

  before(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-crash-'));
    // Three main-process crashes in a row, as three Electron runs that never closed would leave them.
    for (let i = 0; i < 4; i += 1) {
      const record = new CrashRecord(dataDir, systemClock, createMemoryLogger());
      if (record.leftByLastRun()) record.note('main process');
      record.markRunning();
    }
    const crashes = new CrashRecord(dataDir, systemClock, createMemoryLogger());
    crashes.markStopped();
    // The core as the Electron host starts it after; served through the browser host so Chromium can show the panel.
    const core = await createKioskCore({ dataDir, config: demoConfig(), host: 'web', version: 'e2e', clock: systemClock, logger: createMemoryLogger(), crashes });
    const host = await startWebHost({ rendererDir: join(ROOT, 'dist/renderer'), dispatcher: core.dispatcher, events: core.events, logger: createMemoryLogger(), port: 0 });
    url = host.url;
    stop = async () => {
      await host.close();
      await core.close();
    };
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stop();
  });

  it('reads "Sự cố ki-ốt: Ki-ốt tắt đột ngột 3 lần trong 10 phút …" with the time, the English detail folded', async () => {
    const page = await kioskPage(browser);
    await page.goto(url);
    await page.getByTestId('screen-attract').waitFor();
    await openStaffPanel(page);
    const alert = page.locator('[data-testid="staff-alerts"] li[data-open="true"][data-reason="kiosk_out_of_service"]');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /Sự cố ki-ốt: Ki-ốt tắt đột ngột 3 lần trong 10 phút, ngừng phục vụ từ \d\d:\d\d \d\d\/\d\d\/\d{4} đến khi được khởi động lại\. Xuất nhật ký để tìm nguyên nhân\./);
    assert.ok(!text.includes('main process crashed'), 'the English detail is folded');
    await alert.scrollIntoViewIfNeeded();
    await shot(page, 'vi-40-staff-alert-out-of-service');
    await page.close();
  });
});
