import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { inkRatio, kioskPage, launchBrowser, ROOT, shot, startKioskProcess } from './harness';
import { next, scan, typeOnKeyboard } from './journey-steps';

const run = promisify(execFile);
/** The land procedure "Đính chính Giấy chứng nhận": two scannable documents and one paper-only. */
const LAND = '1.012790';
const CARD = '001190012345|123456789|Nguyễn Thị Thu Hương|17051990|Nữ|Số 12 ngõ 34 phố Đội Cấn, phường Ngọc Hà, Hà Nội|04102021';
const SANE = join(ROOT, 'tests/fixtures/sane');

type Lang = 'vi' | 'en';

/**
 * A keyboard-wedge scanner: the text as one burst of key presses, then Enter. Dispatched in the
 * page: Playwright types characters outside its key layout (the card's Vietnamese letters) as
 * text input without a keydown, and its presses one by one could be further apart on a loaded
 * machine than a scanner's (the wedge detector wants bursts).
 */
const wedgeScan = (page: Page, text: string) =>
  page.evaluate((chars) => {
    for (const key of [...chars, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  }, text);


async function fill(page: Page, path: string, text: string): Promise<void> {
  await page.getByTestId(`field-${path.replace(/\W/g, '-')}`).tap();
  await typeOnKeyboard(page, text);
}

/** The keyboard types into the field at `path`, and its panel says so with the field's label. */
async function assertTypingInto(page: Page, path: string): Promise<void> {
  const id = `field-${path.replace(/\W/g, '-')}`;
  assert.equal(await page.getByTestId(id).getAttribute('aria-pressed'), 'true', `${path} is not the field typed into`);
  const label = (await page.locator(`label[for="${id}"]`).innerText()).replace(/\s*(\*|\(.*\))\s*$/, '').trim();
  const target = await page.locator('.dossier__keyboard-target').innerText();
  assert.ok(target.includes(label), `the keyboard panel says "${target}", not the label "${label}"`);
}

/** Renders one page of a PDF with pdftoppm and measures its ink. */
async function pdfInk(pdf: string, name: string): Promise<{ ratio: number; width: number; height: number }> {
  const out = join(mkdtempSync(join(tmpdir(), 'kiosk-pdf-')), name);
  await run('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', '-singlefile', pdf, out]);
  return inkRatio(`${out}.png`);
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function journey(browser: Browser, lang: Lang, orientation: 'landscape' | 'portrait') {
  const kiosk = await startKioskProcess(undefined, {
    config: { devices: { documentScanner: { driver: 'sane', source: 'flatbed', resolution: 100 } } },
    env: { SANE_CONFIG_DIR: SANE },
  });
  try {
    const page = await kioskPage(browser, orientation);
    await page.goto(kiosk.url);
    await page.getByTestId('screen-attract').click();
    await page.getByRole('button', { name: lang === 'vi' ? 'Tiếng Việt' : 'English' }).click();
    await page.getByTestId('screen-home').waitFor();
    await shot(page, `dossier-${lang}-00-home`);
    await page.getByTestId('home-search').click();
    if (lang === 'vi') await page.getByTestId('ime-none').click();
    await typeOnKeyboard(page, LAND);
    await page.getByTestId('screen-procedure').waitFor();
    await page.getByTestId('procedure-submit-dossier').tap();
    await page.getByTestId('dossier-intro').waitFor();
    await shot(page, `dossier-${lang}-01-intro`);

    await page.getByTestId('dossier-start').tap();
    await page.getByTestId('identify-scan-prompt').waitFor();
    await shot(page, `dossier-${lang}-02-identify-scan`);
    // The card's QR through each kind of scanner: the HID scanner (virtual), or a keyboard wedge.
    if (orientation === 'landscape') await scan(kiosk, CARD);
    else await wedgeScan(page, CARD);
    await page.getByTestId('identify-scanned').waitFor();
    assert.equal(await page.getByTestId('identify-name').innerText(), 'Nguyễn Thị Thu Hương');
    assert.equal(await page.getByTestId('identify-id').innerText(), '001190012345');
    // A wrong phone number is refused in words, then corrected.
    await fill(page, 'contact.phone', '12345');
    await page.getByTestId('dossier-next').tap();
    await page.getByTestId('field-contact-phone-problem').waitFor();
    assert.match(await page.getByTestId('field-contact-phone-problem').innerText(), lang === 'vi' ? /Số điện thoại di động không hợp lệ/ : /mobile number is not valid/);
    await shot(page, `dossier-${lang}-03-identify-bad-phone`);
    await page.locator('.osk [data-skbtn="{clear}"]').tap();
    await typeOnKeyboard(page, '0912345678');
    await shot(page, `dossier-${lang}-04-identify-confirm`);
    await next(page, 'dossier-form');

    // Prefilled from the card; the rest is typed.
    assert.equal(await page.getByTestId('field-formValues-applicantName').innerText(), 'Nguyễn Thị Thu Hương');
    assert.equal(await page.getByTestId('field-formValues-phone').innerText(), '0912345678');
    await page.getByTestId('dossier-next').tap();
    await page.getByTestId('field-formValues-certificateSerial-problem').waitFor();
    await shot(page, `dossier-${lang}-05-form-missing`);
    // The keyboard moves to the first field to fix, ready to type into.
    await assertTypingInto(page, 'formValues.certificateSerial');
    // The list of problems fills its box: no tall empty band under it.
    const heightOf = async (selector: string) => (await page.locator(`[data-testid="dossier-problems"] ${selector}`).boundingBox())?.height ?? NaN;
    const box = (await page.getByTestId('dossier-problems').boundingBox())?.height ?? NaN;
    assert.ok(box < (await heightOf('.notice__title')) + (await heightOf('.dossier__problem-list')) + 80, `the problems box is ${box}px tall`);
    await fill(page, 'formValues.certificateSerial', 'ab 123456');
    assert.equal(await page.getByTestId('field-formValues-certificateSerial').innerText(), 'AB 123456');
    await fill(page, 'formValues.errorDescription', 'loi ghi ten chu su dung');
    await shot(page, `dossier-${lang}-06-form-filled`);
    await next(page, 'dossier-documents');

    // A mandatory document missing blocks the step with a message.
    await shot(page, `dossier-${lang}-07-documents`);
    await page.getByTestId('dossier-next').tap();
    await page.getByTestId('dossier-problems').waitFor();
    assert.match(await page.getByTestId('dossier-problems').innerText(), lang === 'vi' ? /Còn thiếu giấy tờ bắt buộc/ : /required document is missing/);
    for (const doc of ['don-de-nghi-dinh-chinh', 'giay-to-chung-minh-sai-sot']) {
      await page.getByTestId(`doc-${doc}-scan`).tap();
      await page.locator(`[data-testid="doc-${doc}"][data-state="scanned"] [data-testid="scanned-page"]`).first().waitFor({ timeout: 60_000 });
    }
    assert.equal(await page.locator('[data-testid="doc-ban-goc-giay-chung-nhan"][data-state="paper"]').count(), 1);
    // Add a page, then delete it again.
    await page.getByTestId('doc-don-de-nghi-dinh-chinh-add').tap();
    const firstDoc = page.locator('[data-testid="doc-don-de-nghi-dinh-chinh"] [data-testid="scanned-page"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="doc-don-de-nghi-dinh-chinh"] [data-testid="scanned-page"]').length === 2, null, { timeout: 60_000 });
    await shot(page, `dossier-${lang}-08-documents-scanned`);
    await firstDoc.nth(1).getByTestId('page-delete').tap();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="doc-don-de-nghi-dinh-chinh"] [data-testid="scanned-page"]').length === 1);
    await next(page, 'dossier-delivery');

    await page.getByTestId('delivery-post').tap();
    assert.match(await page.getByTestId('field-delivery-postalAddress').innerText(), /Đội Cấn/);
    await shot(page, `dossier-${lang}-09-delivery-post`);
    await next(page, 'dossier-consent');
    assert.equal(await page.getByTestId('dossier-next').count(), 0, 'no way on without agreeing');
    await page.getByTestId('consent-agree').tap();
    await shot(page, `dossier-${lang}-10-consent`);
    await next(page, 'dossier-review');
    await shot(page, `dossier-${lang}-11-review`);
    // An edit link goes back to its step and Continue returns to the review.
    await page.getByTestId('review-edit-delivery').tap();
    await next(page, 'dossier-review');

    await page.getByTestId('dossier-next').tap();
    await page.getByTestId('dossier-receipt').waitFor({ timeout: 30_000 });
    const code = await page.getByTestId('receipt-code').innerText();
    assert.match(code, /^TAM-[A-Z0-9-]+-\d{6}-\d{4}$/);
    assert.equal(await page.getByTestId('receipt-provisional').count(), 1);
    assert.equal(await page.getByTestId('receipt-print-status').getAttribute('data-printed'), 'true');
    assert.equal(await page.getByTestId('ticket-qr').count(), 1);
    await shot(page, `dossier-${lang}-12-receipt`);

    // The thermal receipt as the virtual printer printed it.
    const prints = readdirSync(join(kiosk.dataDir, 'prints')).filter((f) => f.endsWith('.png'));
    assert.equal(prints.length, 1);
    const receiptPng = await inkRatio(join(kiosk.dataDir, 'prints', prints[0] ?? ''));
    assert.equal(receiptPng.width, 576);
    assert.ok(receiptPng.height > 1000, `a long receipt (${receiptPng.height} px)`);
    assert.ok(receiptPng.ratio > 0.02, `the receipt has ink (${receiptPng.ratio})`);

    // Done wipes the session: back to the attract screen, no citizen data on the page.
    await page.getByTestId('receipt-done').tap();
    // The optional rating of the kiosk's service, skipped in one tap.
    await page.getByTestId('rating-skip').tap();
    await page.getByTestId('screen-attract').waitFor();
    assert.equal((await page.content()).includes('Thu Hương'), false);
    await page.close();
    await kiosk.stop();

    // The store, read after the kiosk stopped.
    const db = new Database(join(kiosk.dataDir, 'kiosk.sqlite3'), { readonly: true });
    try {
      type Row = { id: string; provisional_code: string; applicant_id_number: string; delivery_method: string; postal_address: string | null };
      const rows = db.prepare('SELECT * FROM dossiers').all() as Row[];
      assert.equal(rows.length, 1);
      const row = rows[0];
      assert.ok(row);
      assert.equal(row.provisional_code, code);
      assert.equal(row.applicant_id_number, '001190012345');
      assert.equal(row.delivery_method, 'post');
      assert.match(row.postal_address ?? '', /Đội Cấn/);
      const docs = db.prepare('SELECT document_id, kind, page_count FROM dossier_documents WHERE dossier_id = ? ORDER BY ord').all(row.id);
      assert.deepEqual(docs, [
        { document_id: 'don-de-nghi-dinh-chinh', kind: 'scanned', page_count: 1 },
        { document_id: 'ban-goc-giay-chung-nhan', kind: 'paper_at_counter', page_count: 0 },
        { document_id: 'giay-to-chung-minh-sai-sot', kind: 'scanned', page_count: 1 },
      ]);
      const files = db
        .prepare('SELECT f.sha256, f.relative_path, f.byte_size FROM dossier_files d JOIN files f USING (sha256) WHERE d.dossier_id = ?')
        .all(row.id) as { sha256: string; relative_path: string; byte_size: number }[];
      assert.equal(files.length, 2);
      for (const f of files) {
        const path = join(kiosk.dataDir, 'files', f.relative_path);
        assert.equal(sha256(path), f.sha256, `${f.relative_path} is what the store says`);
        assert.equal(statSync(path).size, f.byte_size);
      }
      const receipt = db
        .prepare('SELECT f.relative_path FROM dossier_receipts r JOIN files f USING (sha256) WHERE r.dossier_id = ? AND r.language = ?')
        .get(row.id, lang) as { relative_path: string } | undefined;
      assert.ok(receipt, 'the A5 PDF is kept with the dossier');
      const pdf = join(kiosk.dataDir, 'files', receipt.relative_path);
      const rendered = await pdfInk(pdf, `receipt-${lang}`);
      // A5 portrait at 50 dpi: 292 × 413 px.
      assert.ok(Math.abs(rendered.width - 292) <= 2 && Math.abs(rendered.height - 413) <= 2, `${rendered.width}×${rendered.height}`);
      assert.ok(rendered.ratio > 0.01, `the PDF page is not blank (${rendered.ratio})`);
      const staging = join(kiosk.dataDir, 'files', 'staging');
      assert.deepEqual(existsSync(staging) ? readdirSync(staging) : [], [], 'no staged page is left');
    } finally {
      db.close();
    }
  } finally {
    await kiosk.stop();
  }
}

/** No card to scan: the citizen types who the dossier is for, and a relative submits it for them. */
async function typedIdentityWithRepresentative(browser: Browser) {
  const kiosk = await startKioskProcess();
  try {
    const page = await kioskPage(browser);
    await page.goto(kiosk.url);
    await page.getByTestId('screen-attract').click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('home-search').click();
    await typeOnKeyboard(page, LAND);
    await page.getByTestId('procedure-submit-dossier').tap();
    await page.getByTestId('dossier-start').tap();
    await page.getByTestId('identify-type').tap();
    await page.getByTestId('identify-typing').waitFor();
    await fill(page, 'applicant.fullName', 'tran van binh');
    await fill(page, 'applicant.idNumber', '001190012345');
    await fill(page, 'applicant.birthDate', '17/05/1990');
    await fill(page, 'applicant.address', '12 doi can, ha noi');
    await page.getByTestId('identify-representing').tap();
    // The representative's details are required once the box is ticked.
    await page.getByTestId('dossier-next').tap();
    await page.getByTestId('field-representative-fullName-problem').waitFor();
    await assertTypingInto(page, 'representative.fullName');
    const problems = await page.getByTestId('dossier-problems').innerText();
    for (const said of [/enter the full name/, /enter the personal ID number/, /how you represent the applicant/]) assert.match(problems, said);
    await shot(page, 'dossier-en-20-typed-representative-missing');
    await fill(page, 'representative.fullName', 'le thi hoa');
    // Continue with one of the three fixed: the keyboard moves on to the next field still wrong.
    await page.getByTestId('dossier-next').tap();
    await page.locator('[data-testid="field-representative-idNumber"][aria-pressed="true"]').waitFor();
    await assertTypingInto(page, 'representative.idNumber');
    // Twelve digits that start with no province code: the screen says so before the core does.
    await fill(page, 'representative.idNumber', '003190054321');
    await page.getByTestId('dossier-next').tap();
    const provinceProblem = page.getByTestId('field-representative-idNumber-problem');
    await provinceProblem.waitFor();
    assert.match(await provinceProblem.innerText(), /first 3 digits must be the code of the province/);
    await shot(page, 'dossier-en-21a-typed-id-no-province');
    await page.getByTestId('field-representative-idNumber').tap();
    for (let i = 0; i < 12; i++) await page.locator('.osk [data-skbtn="{bksp}"]').tap();
    await typeOnKeyboard(page, '001190054321');
    await fill(page, 'representative.relation', 'daughter');
    await shot(page, 'dossier-en-21-typed-representative');
    await next(page, 'dossier-form');
    // What was typed carries into the form, in the case the field asks for.
    assert.equal(await page.getByTestId('field-formValues-applicantName').innerText(), 'Tran Van Binh');
    assert.equal(await page.getByTestId('field-formValues-applicantIdNumber').innerText(), '001190012345');
  } finally {
    await kiosk.stop();
  }
}

describe('dossier journey in Chromium: CCCD scan, two documents from SANE, postal delivery, consent, receipt', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('submits a land dossier in Vietnamese', async () => {
    await journey(browser, 'vi', 'landscape');
  });

  it('takes an identity typed on the screen, and a representative submitting for the citizen', async () => {
    await typedIdentityWithRepresentative(browser);
  });

  // Kiosks stand either way, and have either kind of scanner.
  it('submits a land dossier in English on a portrait screen, the card read by a keyboard-wedge scanner', async () => {
    await journey(browser, 'en', 'portrait');
  });
});
