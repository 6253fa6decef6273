import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { VirtualPrinter } from '../../src-main/devices/virtual/virtual-printer';
import { systemClock } from '../../src-main/kernel/clock';
import { createFileLogger } from '../../src-main/kernel/logger';
import { DEMO_ENROLLMENT_TOKEN } from '../../src-portal/portal-config';
import { demoConfig } from '../fakes/demo-config';
import { startPortal } from '../sync/harness';
import { readZip } from '../unit/diagnostics/read-zip';
import { kioskPage, launchBrowser, openStaffPanel, shot } from './harness';
import { startInProcessKiosk } from './in-process-kiosk';

describe('the IT diagnostics screen and the log export', () => {
  let browser: Browser;
  let url = '';
  let printer: VirtualPrinter;
  let drive = '';
  let stop: () => Promise<void> = async () => {};

  before(async () => {
    const { server, url: portalUrl } = await startPortal(mkdtempSync(join(tmpdir(), 'kiosk-e2e-diag-portal-')));
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-diag-'));
    const mediaRoot = mkdtempSync(join(tmpdir(), 'kiosk-e2e-media-'));
    drive = join(mediaRoot, 'kiosk', 'KINGSTON');
    mkdirSync(drive, { recursive: true });
    const config = demoConfig({
      devices: { healthPollSeconds: 0.2 },
      sync: { portalUrl, enrollmentToken: DEMO_ENROLLMENT_TOKEN, heartbeatSeconds: 1 },
      diagnostics: { exportMountRoots: [join(mediaRoot, '*')] },
    });
    // In this process, so the test can run the virtual printer out of paper and back.
    printer = new VirtualPrinter(576, join(dataDir, 'prints'), systemClock);
    const kiosk = await startInProcessKiosk({ dataDir, config, logger: createFileLogger(join(dataDir, 'logs'), systemClock, config.logs), printer });
    url = kiosk.url;
    stop = async () => {
      await kiosk.stop();
      await server.close();
    };
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stop();
  });

  async function openDiagnostics(page: Page): Promise<void> {
    await page.getByTestId('diagnostics-open').click();
    await page.locator('[data-testid="diagnostics-screen"][data-state="done"]').waitFor();
  }

  it('shows every figure in Vietnamese, the printer’s last changes, and writes the zip to the USB drive', async () => {
    const page = await kioskPage(browser);
    await page.goto(url);
    await page.getByTestId('screen-attract').waitFor();
    await openStaffPanel(page, 'it');
    // Paper out, then back: two changes in the printer's history, and a warning in the events.
    printer.setState('paper-out');
    await page.locator('[data-testid="staff-device-printer"][data-state="offline"]').waitFor();
    printer.setState('ok');
    await page.locator('[data-testid="staff-device-printer"][data-state="ok"]').waitFor();
    await openDiagnostics(page);
    // The link comes up within a heartbeat or two.
    for (let i = 0; i < 50 && (await page.getByTestId('diagnostics-link-state').innerText()) !== 'Đang kết nối'; i++) {
      await page.getByTestId('diagnostics-refresh').click();
      await page.waitForTimeout(200);
    }
    assert.equal(await page.getByTestId('diagnostics-link-state').innerText(), 'Đang kết nối');
    assert.equal(await page.getByTestId('diagnostics-terminal').innerText(), 'KIOSK-01');
    assert.match(await page.getByTestId('diagnostics-schema').innerText(), /^\d+$/);
    assert.match(await page.getByTestId('diagnostics-free').innerText(), /^[\d.,]+ (KB|MB|GB|TB)$/);
    assert.match(await page.getByTestId('diagnostics-uptime').innerText(), /giây|phút/);
    assert.notEqual(await page.getByTestId('diagnostics-last-contact').innerText(), 'Chưa có');
    assert.match(await page.getByTestId('diagnostics-skew').innerText(), /Khớp|Chậm|Nhanh/);
    const printerRow = await page.getByTestId('diagnostics-device-printer').innerText();
    // Reasons in the screen's language (issue #21), never the raw code.
    assert.ok(printerRow.includes('Hết giấy in') && printerRow.includes('Máy in sẵn sàng') && printerRow.includes('Hoạt động'), printerRow);
    assert.ok(!printerRow.includes('printer_'), printerRow);
    const events = await page.getByTestId('diagnostics-events').innerText();
    assert.ok(events.includes('Thông tin'), events);

    const buttons = await page.getByTestId('diagnostics-screen').locator('button, summary').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    assert.ok(buttons.every((h) => h >= 64), `touch targets of at least 64 px: ${buttons.join(', ')}`);
    await shot(page, 'vi-50-it-diagnostics');

    await page.getByTestId('diagnostics-export-usb').click();
    const result = page.locator('[data-testid="diagnostics-export-result"][data-kind="usb"]');
    await result.waitFor();
    const text = await result.innerText();
    const file = /motcua-diagnostics-KIOSK-01-\d{8}T\d{6}Z\.zip/.exec(text)?.[0] ?? '';
    assert.ok(file && text.includes(drive), text);
    const entries = await readZip(readFileSync(join(drive, file)));
    assert.ok(entries.has('diagnostics.json') && entries.has('config-redacted.json') && entries.has('schema-version.txt'), [...entries.keys()].join(', '));
    await page.getByTestId('diagnostics-export').scrollIntoViewIfNeeded();
    await shot(page, 'vi-51-it-diagnostics-exported');
  });

  it('reads in English, downloads the zip once through the browser host, and sends it to the portal', async () => {
    const page = await kioskPage(browser);
    await page.goto(url);
    await page.getByTestId('screen-attract').click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('screen-home').waitFor();
    await openStaffPanel(page, 'it');
    await openDiagnostics(page);
    assert.equal(await page.getByRole('heading', { name: 'Diagnostics' }).count(), 1);
    assert.match(await page.getByTestId('diagnostics-uptime').innerText(), /s|min/);
    await shot(page, 'en-50-it-diagnostics');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('diagnostics-export-download').click()]);
    const saved = join(mkdtempSync(join(tmpdir(), 'kiosk-e2e-download-')), download.suggestedFilename());
    await download.saveAs(saved);
    assert.ok((await readZip(readFileSync(saved))).has('diagnostics.json'));
    // The one-shot link is spent.
    const again = await page.evaluate(async (path) => (await fetch(path)).status, new URL(download.url()).pathname);
    assert.equal(again, 404);

    await page.getByTestId('diagnostics-export-portal').click();
    await page.locator('[data-testid="diagnostics-export-result"][data-kind="portal"]').waitFor();
    assert.match(await page.getByTestId('diagnostics-export-result').innerText(), /^Sent motcua-diagnostics-KIOSK-01-.*to the portal/);
    await page.getByTestId('diagnostics-export').scrollIntoViewIfNeeded();
    await shot(page, 'en-51-it-diagnostics-exported');
  });
});
