import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { decodeVietQr } from '../../src-main/payment/vietqr';
import { startServerProcess, type ServerProcess } from '../sync/server-process';
import { kioskPage, launchBrowser, shot, startKioskProcess, type KioskProcess } from './harness';
import { next, scan, typeOnKeyboard } from './journey-steps';

/*
 * From a submitted dossier to "Payment received": the journey submits a dossier whose procedure
 * has a fee (a certified copy of a contract, 2.000 ₫, documents on paper), the receipt offers the QR
 * payment, the QR on the screen is decoded from a screenshot and checked field by field, the
 * reference portal's back office settles the payment, and the screen says so. In English the
 * portal also goes away for a while: the screen says the confirmation will come later.
 */

const CERTIFIED_COPY = '2.000942';
const CARD = '001190012345|123456789|Nguyễn Thị Thu Hương|17051990|Nữ|Số 12 ngõ 34 phố Đội Cấn, phường Ngọc Hà, Hà Nội|04102021';
type Lang = 'vi' | 'en';

/** The QR as the screen shows it, read by an independent decoder (jsQR) from a screenshot. */
async function readQrOnScreen(page: Page): Promise<string> {
  const png = await page.getByTestId('payment-qr').locator('img').screenshot();
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data, width, height } = ctx.getImageData(0, 0, image.width, image.height);
  const found = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width, height);
  assert.ok(found, `a QR code is readable in the ${width}×${height} screenshot`);
  return found.data;
}

async function settle(portal: ServerProcess, paymentId: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${portal.url}/admin/payments/${paymentId}/settle`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'confirmed' }),
    }).catch(() => null);
    // 409: the payment has not reached the portal yet (it follows its dossier).
    if (res?.status === 200) return;
    if (Date.now() > deadline) throw new Error(`the portal never held payment ${paymentId} (last answer ${res?.status ?? 'none'})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const startPortal = (dataDir: string, port = 0) => startServerProcess('src-portal/main.ts', ['--port', String(port), '--data-dir', dataDir]);

async function submitFeeDossier(page: Page, kiosk: KioskProcess, lang: Lang): Promise<string> {
  await page.goto(kiosk.url);
  await page.getByTestId('screen-attract').click();
  await page.getByRole('button', { name: lang === 'vi' ? 'Tiếng Việt' : 'English' }).click();
  await page.getByTestId('screen-home').waitFor();
  await page.getByTestId('home-search').click();
  if (lang === 'vi') await page.getByTestId('ime-none').click();
  await typeOnKeyboard(page, CERTIFIED_COPY);
  await page.getByTestId('screen-procedure').waitFor();
  await page.getByTestId('procedure-submit-dossier').tap();
  await page.getByTestId('dossier-intro').waitFor();
  await page.getByTestId('dossier-start').tap();
  await page.getByTestId('identify-scan-prompt').waitFor();
  await scan(kiosk, CARD);
  await page.getByTestId('identify-scanned').waitFor();
  await next(page, 'dossier-form');
  await page.getByTestId('field-formValues-contractNumber').tap();
  await typeOnKeyboard(page, 'hd 123');
  await page.getByTestId('field-formValues-copyCount').tap();
  await typeOnKeyboard(page, '2');
  await next(page, 'dossier-documents');
  await page.getByTestId('doc-phieu-yeu-cau-ban-sao-paper-choose').tap();
  await next(page, 'dossier-delivery');
  await page.getByTestId('delivery-at_center').tap();
  await next(page, 'dossier-consent');
  await page.getByTestId('consent-agree').tap();
  await next(page, 'dossier-review');
  await page.getByTestId('dossier-next').tap();
  await page.getByTestId('dossier-receipt').waitFor({ timeout: 30_000 });
  return page.getByTestId('receipt-code').innerText();
}

async function payment(browser: Browser, lang: Lang): Promise<void> {
  const portalDir = mkdtempSync(join(tmpdir(), 'portal-e2e-'));
  let portal = await startPortal(portalDir);
  const kiosk = await startKioskProcess(undefined, {
    config: { sync: { portalUrl: portal.url, enrollmentToken: 'demo-enrollment-token', heartbeatSeconds: 2 } },
  });
  try {
    const page = await kioskPage(browser, 'landscape');
    const code = await submitFeeDossier(page, kiosk, lang);
    const pay = page.getByTestId('receipt-pay');
    await pay.waitFor();
    assert.equal(await pay.innerText(), lang === 'vi' ? 'Nộp lệ phí 2.000 ₫ bằng mã QR' : 'Pay the 2.000 ₫ fee by bank QR');
    await shot(page, `payment-${lang}-01-receipt`);

    await pay.tap();
    await page.getByTestId('payment-qr').locator('img').waitFor();
    assert.equal(await page.getByTestId('payment-amount').innerText(), '2.000 ₫');
    assert.equal(await page.getByTestId('payment-reference').innerText(), code);
    await page.getByTestId('payment-waiting').waitFor();
    await shot(page, `payment-${lang}-02-qr-landscape`);
    await page.setViewportSize({ width: 1080, height: 1920 });
    await shot(page, `payment-${lang}-03-qr-portrait`);

    // What a banking app reads from the screen: the demo account, the fee, the dossier code.
    const payload = await readQrOnScreen(page);
    assert.deepEqual(decodeVietQr(payload), {
      crcValid: true,
      dynamic: true,
      bankBin: '970436',
      accountNumber: 'DEMO0000000001',
      service: 'QRIBFTTA',
      currency: '704',
      amountVnd: 2_000,
      country: 'VN',
      purpose: code,
    });
    await page.setViewportSize({ width: 1920, height: 1080 });

    const paymentId = (await page.getByTestId('payment-screen').getAttribute('data-payment-id')) ?? '';
    assert.match(paymentId, /^[0-9a-f-]{36}$/);

    if (lang === 'en') {
      // The portal goes away before the money is confirmed: the screen says it will come later.
      // When it is back (same address, same store), the payment reaches it or is already there, and is settled.
      const port = Number(new URL(portal.url).port);
      await portal.stop();
      await page.getByTestId('payment-offline').waitFor({ timeout: 20_000 });
      assert.match(await page.getByTestId('payment-offline').innerText(), new RegExp(`dossier code ${code} stays valid`));
      await shot(page, `payment-${lang}-04-offline`);
      portal = await startPortal(portalDir, port);
    }
    await settle(portal, paymentId);

    await page.getByTestId('payment-received').waitFor({ timeout: 30_000 });
    assert.match(await page.getByTestId('payment-received').innerText(), lang === 'vi' ? /Đã nhận được tiền/ : /Payment received/);
    await shot(page, `payment-${lang}-05-received`);

    // Back on the receipt, the fee shows as paid.
    await page.getByTestId('payment-back').tap();
    await page.getByTestId('receipt-fee-paid').waitFor();
    await shot(page, `payment-${lang}-06-receipt-paid`);

    if (lang === 'vi') {
      // The lookup shows the payment with the dossier's status.
      await page.getByTestId('receipt-done').tap();
      // The optional rating of the kiosk's service, skipped in one tap.
      await page.getByTestId('rating-skip').tap();
      await page.getByTestId('screen-attract').click();
      await page.getByRole('button', { name: 'Tiếng Việt' }).click();
      await page.getByTestId('home-lookup').click();
      await page.getByTestId('ime-none').click();
      await typeOnKeyboard(page, code.toLowerCase());
      await page.getByTestId('field-lookup-last4').tap();
      await typeOnKeyboard(page, '2345');
      await page.getByTestId('lookup-submit').tap();
      await page.getByTestId('lookup-payment').waitFor();
      assert.equal(await page.getByTestId('lookup-payment').getAttribute('data-state'), 'confirmed');
      assert.match(await page.getByTestId('lookup-payment').innerText(), /Đã nộp 2\.000 ₫ lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
      await page.getByTestId('lookup-payment').scrollIntoViewIfNeeded();
      await shot(page, `payment-${lang}-07-lookup`);

      // The portal's admin page lists the dossier the kiosk delivered (this procedure asks for
      // no scanned documents; the dossier e2e and the sync tests check files byte for byte).
      const admin = await browser.newPage();
      await admin.goto(`${portal.url}/admin`);
      const row = admin.locator('tr', { hasText: code });
      await row.waitFor();
      assert.match(await row.innerText(), /KIOSK-\d+\t1\t/);
      await shot(admin, `payment-${lang}-08-portal-admin`);
      await admin.close();
    }
    await page.close();
  } finally {
    await kiosk.stop();
    await portal.stop();
  }
}

describe('fee payment by VietQR in Chromium, confirmed by the reference portal', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('pays a dossier fee in Vietnamese and sees it on the lookup', async () => {
    await payment(browser, 'vi');
  });

  it('pays a dossier fee in English, through a portal outage', async () => {
    await payment(browser, 'en');
  });
});
