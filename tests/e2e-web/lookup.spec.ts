import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { KioskClient } from '../../src-shared/contract';
import { KioskInChromium, kioskPage, shot } from './harness';
import { scan, typeOnKeyboard } from './journey-steps';


/** Submits a dossier through the page's own contract client, as the journey screens would. */
async function submitThroughContract(page: Page): Promise<{ code: string; qrText: string }> {
  return page.evaluate(async () => {
    const kiosk = (window as unknown as { kiosk: KioskClient }).kiosk;
    const begun = await kiosk.beginDossier({ procedureCode: '1.012790' });
    if (!begun.ok) throw new Error(begun.error.message);
    const address = 'Số 5 phố Hàng Bài, Hoàn Kiếm, Hà Nội';
    const submitted = await kiosk.submitDossier({
      draft: {
        sessionId: begun.value.sessionId,
        procedureCode: '1.012790',
        language: 'vi',
        applicant: { fullName: 'Trần Văn Bình', idNumber: '001085012345', birthDate: '1985-03-02', sex: 'male', address, source: 'typed' },
        representative: null,
        contact: { phone: '0987654321', email: null },
        formValues: {
          applicantName: 'Trần Văn Bình',
          applicantIdNumber: '001085012345',
          applicantAddress: address,
          phone: '0987654321',
          certificateSerial: 'CD 654321',
          errorDescription: 'Sai năm sinh',
        },
        documents: [
          { documentId: 'don-de-nghi-dinh-chinh', kind: 'paper_at_counter' },
          { documentId: 'ban-goc-giay-chung-nhan', kind: 'paper_at_counter' },
          { documentId: 'giay-to-chung-minh-sai-sot', kind: 'paper_at_counter' },
        ],
        delivery: { method: 'at_center', postalAddress: null },
        consent: { textVersion: 'nd13-kiosk-2026-11', agreed: true },
      },
    });
    if (!submitted.ok) throw new Error(submitted.error.message);
    return { code: submitted.value.receipt.code, qrText: submitted.value.receipt.qrText };
  });
}

async function openLookup(page: Page, url: string, language: 'Tiếng Việt' | 'English'): Promise<void> {
  await page.goto(url);
  await page.getByTestId('screen-attract').click();
  await page.getByRole('button', { name: language }).click();
  await page.getByTestId('screen-home').waitFor();
}

describe('dossier status lookup in Chromium', () => {
  const env = KioskInChromium.forSuite();

  it('finds a dossier by its typed code and last 4 ID digits, refuses a wrong pair in plain words, and takes the receipt QR (vi)', async () => {
    const page = await kioskPage(env.browser);
    await openLookup(page, env.kiosk.url, 'Tiếng Việt');
    const { code, qrText } = await submitThroughContract(page);
    await page.getByTestId('home-lookup').click();
    await page.getByTestId('screen-lookup').waitFor();
    await shot(page, 'lookup-vi-01-empty');

    await page.getByTestId('ime-none').click();
    await typeOnKeyboard(page, code.toLowerCase());
    assert.equal(await page.getByTestId('field-lookup-code').innerText(), code);
    await page.getByTestId('field-lookup-last4').tap();
    await typeOnKeyboard(page, '9999');
    await page.getByTestId('lookup-submit').tap();
    await page.getByTestId('lookup-error').waitFor();
    assert.match(await page.getByTestId('lookup-error').innerText(), /Không tìm thấy hồ sơ/);
    await shot(page, 'lookup-vi-02-wrong');

    await page.locator('.osk [data-skbtn="{clear}"]').tap();
    await typeOnKeyboard(page, '2345');
    await page.getByTestId('lookup-submit').tap();
    await page.getByTestId('lookup-result').waitFor();
    assert.equal(await page.getByTestId('lookup-code').innerText(), code);
    assert.match(await page.getByTestId('lookup-status').innerText(), /Mới tiếp nhận/);
    assert.ok((await page.getByTestId('lookup-history').locator('li').count()) >= 1);
    await shot(page, 'lookup-vi-03-found');

    // The receipt's QR through the code scanner fills the code; the last 4 digits are still asked.
    await page.getByTestId('nav-home').click();
    await page.getByTestId('screen-home').waitFor();
    await page.getByTestId('home-lookup').click();
    await scan(env.kiosk, qrText);
    await page.waitForFunction((c) => document.querySelector('[data-testid="field-lookup-code"]')?.textContent?.includes(c), code);
    assert.equal(await page.getByTestId('field-lookup-last4').getAttribute('aria-pressed'), 'true');
    await typeOnKeyboard(page, '2345');
    await page.getByTestId('lookup-submit').tap();
    await page.getByTestId('lookup-result').waitFor();
    await page.close();
  });

  it('shows the status in English and slows repeated wrong tries with the core’s message', async () => {
    const page = await kioskPage(env.browser);
    await openLookup(page, env.kiosk.url, 'English');
    const { code } = await submitThroughContract(page);
    await page.getByTestId('home-lookup').click();
    await typeOnKeyboard(page, code.toLowerCase());
    await page.getByTestId('field-lookup-last4').tap();
    await typeOnKeyboard(page, '2345');
    await page.getByTestId('lookup-submit').tap();
    await page.getByTestId('lookup-result').waitFor();
    assert.match(await page.getByTestId('lookup-status').innerText(), /Newly submitted/);
    await shot(page, 'lookup-en-01-found');

    let message = '';
    for (let i = 0; i < 8 && !/wait/i.test(message); i++) {
      await page.locator('.osk [data-skbtn="{clear}"]').tap();
      await typeOnKeyboard(page, String(1000 + i));
      await page.getByTestId('lookup-submit').tap();
      await page.getByTestId('lookup-error').waitFor();
      message = await page.getByTestId('lookup-error').innerText();
    }
    assert.match(message, /Too many wrong tries\. Please wait \d+ seconds/);
    await shot(page, 'lookup-en-02-slowed');
    await page.close();
  });
});
