import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import type { Browser } from 'playwright-core';
import { parseSetupQr } from '../../src-shared/setup-qr';
import { startServerProcess, type ServerProcess } from '../sync/server-process';
import { launchBrowser, ROOT } from './harness';

/**
 * Issue #19: the reference portal's "Add a terminal" page as an administrator uses it in Chromium:
 * type an id, issue, and read the QR, the portal URL and the token off the screen. The QR is read
 * back from the screenshot's pixels module by module (no QR decoder is installed).
 */
describe("the portal's Add a terminal page (Chromium)", () => {
  let portal: ServerProcess;
  let browser: Browser;

  before(async () => {
    portal = await startServerProcess('src-portal/main.ts', ['--port', '0', '--data-dir', mkdtempSync(join(tmpdir(), 'portal-add-terminal-'))]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('issues a token for kiosk-07 and shows a scannable QR of the set-up payload, the URL and the token to type', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${portal.url}/admin`);
    await page.getByRole('link', { name: /Add a terminal/ }).click();
    await page.getByLabel(/Terminal id/).fill('kiosk-07');
    await page.getByRole('button', { name: 'Issue a token and its QR' }).click();
    await page.getByTestId('issued').waitFor();
    await page.screenshot({ path: join(ROOT, 'tests', 'artifacts', 'portal-add-terminal.png'), fullPage: true });

    const token = (await page.getByTestId('token').textContent()) ?? '';
    assert.match(token, /^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    assert.equal(await page.getByTestId('portal-url').textContent(), portal.url);
    const fontPx = await page.getByTestId('token').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(fontPx >= 20, `the token is readable (${fontPx}px)`);
    const payload = (await page.getByTestId('payload').textContent()) ?? '';
    const parsed = parseSetupQr(payload);
    assert.ok(parsed.ok, payload);
    assert.deepEqual([parsed.value.enrollmentToken, parsed.value.terminalId, parsed.value.portalUrl], [token, 'kiosk-07', portal.url]);

    // The QR on screen: big enough to scan, and module for module the QR of that payload.
    const qr = page.locator('svg.qr');
    const box = await qr.boundingBox();
    assert.ok(box && box.width >= 200 && box.height >= 200, `QR drawn ${box?.width}×${box?.height} px`);
    const image = await loadImage(await qr.screenshot());
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const pixels = ctx.getImageData(0, 0, image.width, image.height);
    const expected = QRCode.create(payload, { errorCorrectionLevel: 'M' }).modules;
    const side = expected.size + 8;
    const cell = image.width / side;
    const darkAt = (r: number, c: number): boolean => {
      const x = Math.floor((c + 0.5) * cell);
      const y = Math.floor((r + 0.5) * cell);
      const i = (y * image.width + x) * 4;
      return (pixels.data[i] ?? 255) + (pixels.data[i + 1] ?? 255) + (pixels.data[i + 2] ?? 255) < 384;
    };
    assert.ok(cell >= 3, `${cell.toFixed(1)} px per module`);
    let wrong = 0;
    for (let r = 0; r < side; r++)
      for (let c = 0; c < side; c++) {
        const inside = r >= 4 && c >= 4 && r < side - 4 && c < side - 4;
        const want = inside && expected.get(r - 4, c - 4) === 1;
        if (darkAt(r, c) !== want) wrong++;
      }
    assert.equal(wrong, 0, `${wrong} of ${side * side} modules differ from the payload's QR`);

    // And the token enrolls kiosk-07 at the portal.
    const res = await fetch(`${portal.url}/v1/enrollments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enrollmentToken: token, terminalId: 'kiosk-07', appVersion: '0.1.0' }),
    });
    assert.equal(res.status, 201);
    await page.goto(`${portal.url}/admin/terminals/new`);
    assert.match((await page.locator('table.tokens').textContent()) ?? '', /kiosk-07.*Used by kiosk-07/);
    assert.equal(await page.getByText(token).count(), 0, 'the token is not shown again');
    await page.goto(`${portal.url}/admin`);
    await page.locator('table.tokens').screenshot({ path: join(ROOT, 'tests', 'artifacts', 'portal-admin-tokens.png') });
    assert.match((await page.locator('table.tokens').textContent()) ?? '', /Used by kiosk-07/);
    // Withdrawn from the list: the token's terminal cannot enroll with it again, and the button goes.
    await page.goto(`${portal.url}/admin/terminals/new`);
    await page.getByRole('button', { name: 'Withdraw' }).click();
    await page.waitForURL(`${portal.url}/admin/terminals/new`);
    assert.equal(await page.getByRole('button', { name: 'Withdraw' }).count(), 0);
    const again = await fetch(`${portal.url}/v1/enrollments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enrollmentToken: token, terminalId: 'kiosk-07', appVersion: '0.1.0' }),
    });
    assert.equal(again.status, 401);
    assert.equal(((await again.json()) as { error: { details?: { reason?: string } } }).error.details?.reason, 'enrollment_token_expired');
  });
});
