import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { KioskClient } from '../../src-shared/contract';
import { startServerProcess, type ServerProcess } from '../sync/server-process';
import { kioskPage, launchBrowser, shot, startKioskProcess, type KioskProcess } from './harness';
import { next, scan, typeOnKeyboard } from './journey-steps';

/*
 * The satisfaction rating in Chromium (decision 0031): after a receipt the kiosk asks how its own
 * service was (rate → thank-you, or skip in one tap), and the "Đánh giá" tile rates a dossier's
 * handling by its code once the portal has decided it, or today's counter visit by the ticket
 * number. Every rating reaches the reference portal, which lists it on its admin page.
 */

const CERTIFIED_COPY = '2.000942';
const CARD = '001190012345|123456789|Nguyễn Thị Thu Hương|17051990|Nữ|Số 12 ngõ 34 phố Đội Cấn, phường Ngọc Hà, Hà Nội|04102021';
type Lang = 'vi' | 'en';

async function openHome(page: Page, kiosk: KioskProcess, lang: Lang): Promise<void> {
  await page.goto(kiosk.url);
  await page.getByTestId('screen-attract').click();
  await page.getByRole('button', { name: lang === 'vi' ? 'Tiếng Việt' : 'English' }).click();
  await page.getByTestId('screen-home').waitFor();
}

/** A short journey (documents on paper) from home to the receipt; returns the dossier code. */
async function toReceipt(page: Page, kiosk: KioskProcess, lang: Lang): Promise<string> {
  await openHome(page, kiosk, lang);
  await page.getByTestId('home-search').click();
  if (lang === 'vi') await page.getByTestId('ime-none').click();
  await typeOnKeyboard(page, CERTIFIED_COPY);
  await page.getByTestId('screen-procedure').waitFor();
  await page.getByTestId('procedure-submit-dossier').tap();
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

/** Every button on the screen is a touch target of at least 64 × 64 CSS px. */
async function assertTouchTargets(page: Page, scope: string): Promise<void> {
  const sizes = await page.locator(`[data-testid="${scope}"] button:visible`).evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { h: Math.round(r.height), w: Math.round(r.width), id: e.getAttribute('data-testid') ?? e.textContent ?? '' };
    }),
  );
  assert.ok(sizes.length > 0);
  const small = sizes.filter((s) => s.h < 64 || s.w < 64);
  assert.deepEqual(small, [], `touch targets under 64 px: ${JSON.stringify(small)}`);
}

async function portalState(portal: ServerProcess): Promise<{ ratings: Record<string, unknown>[]; dossiers: { id: string; code: string; provisionalCode: string | null }[] }> {
  return (await (await fetch(`${portal.url}/admin/state`)).json()) as never;
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The portal's back office decides the dossier (result ready), once the dossier has reached it. */
async function decide(portal: ServerProcess, code: string): Promise<void> {
  const id = await eventually('the dossier on the portal', async () => (await portalState(portal)).dossiers.find((d) => d.code === code || d.provisionalCode === code)?.id);
  const res = await fetch(`${portal.url}/admin/dossiers/${id}/status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 9 }) });
  assert.equal(res.status, 200);
}

describe('satisfaction rating in Chromium, with the reference portal', () => {
  let browser: Browser;
  let portal: ServerProcess;
  let kiosk: KioskProcess;
  before(async () => {
    browser = await launchBrowser();
    portal = await startServerProcess('src-portal/main.ts', ['--port', '0', '--data-dir', mkdtempSync(join(tmpdir(), 'portal-e2e-'))]);
    kiosk = await startKioskProcess(undefined, {
      config: { sync: { portalUrl: portal.url, enrollmentToken: 'demo-enrollment-token', heartbeatSeconds: 2 } },
    });
  });
  after(async () => {
    await browser?.close();
    await kiosk?.stop();
    await portal?.stop();
  });

  it('after the receipt: rates the kiosk with a typed comment, thanks, and the visit ends (vi)', async () => {
    const page = await kioskPage(browser);
    await toReceipt(page, kiosk, 'vi');
    await page.getByTestId('receipt-done').tap();
    const form = page.locator('[data-testid="rating-form"][data-subject="kiosk"]');
    await form.waitFor();
    assert.match(await page.locator('[data-testid="rating-form"] h1').innerText(), /Bạn thấy máy phục vụ thế nào\?/);
    assert.equal(await page.getByTestId('rating-submit').isDisabled(), true, 'nothing to send before each question has an answer');
    await shot(page, 'rating-vi-01-after-receipt');
    await assertTouchTargets(page, 'rating-form');

    await page.getByTestId('rating-tong-the-2').tap();
    await page.getByTestId('rating-de-su-dung-1').tap();
    assert.equal(await page.getByTestId('rating-tong-the-2').getAttribute('aria-pressed'), 'true');
    await page.getByTestId('rating-add-comment').tap();
    await page.getByTestId('ime-telex').tap();
    await typeOnKeyboard(page, 'mays deex dungf');
    assert.equal(await page.getByTestId('field-rating-comment').innerText(), 'máy dễ dùng');
    await shot(page, 'rating-vi-02-answered-with-comment');
    await page.getByTestId('rating-submit').tap();
    await page.getByTestId('rating-thanks').waitFor();
    assert.match(await page.getByTestId('rating-thanks').innerText(), /Cảm ơn bạn đã đánh giá!/);
    await shot(page, 'rating-vi-03-thanks');
    await page.getByTestId('rating-done').tap();
    await page.getByTestId('screen-attract').waitFor();

    const held = await eventually('the rating on the portal', async () => (await portalState(portal)).ratings.find((r) => r['subject'] === 'kiosk'));
    assert.equal(held['overall'], 'very_satisfied');
    assert.equal(held['comment'], 'máy dễ dùng');
    assert.deepEqual(held['indices'], [
      { code: 'tong-the', score: 2 },
      { code: 'de-su-dung', score: 1 },
    ]);
    const admin = await browser.newPage();
    await admin.goto(`${portal.url}/admin`);
    await admin.getByText('máy dễ dùng').waitFor();
    await admin.screenshot({ path: join(import.meta.dirname, '..', 'artifacts', 'e2e-web', 'rating-portal-admin.png'), fullPage: true });
    await admin.close();
    await page.context().close();
  });

  it('after the receipt: Skip is one tap and nothing is stored (en)', async () => {
    const page = await kioskPage(browser, 'portrait');
    await toReceipt(page, kiosk, 'en');
    await page.getByTestId('receipt-done').tap();
    await page.locator('[data-testid="rating-form"][data-subject="kiosk"]').waitFor();
    assert.match(await page.getByTestId('rating-index-tong-the').innerText(), /Very satisfied[\s\S]*Satisfied[\s\S]*Not satisfied/);
    await shot(page, 'rating-en-01-after-receipt-portrait');
    await assertTouchTargets(page, 'rating-form');
    const before = (await portalState(portal)).ratings.length;
    await page.getByTestId('rating-skip').tap();
    await page.getByTestId('screen-attract').waitFor();
    // Give a stored rating time to be delivered: none was.
    await new Promise((r) => setTimeout(r, 2_000));
    assert.equal((await portalState(portal)).ratings.length, before);
    await page.context().close();
  });

  it("from the tile: a dossier's handling by its code once decided, and today's counter visit by ticket number (vi and en)", async () => {
    const page = await kioskPage(browser);
    const code = await toReceipt(page, kiosk, 'vi');
    await page.getByTestId('receipt-done').tap();
    await page.getByTestId('rating-skip').tap();
    await page.getByTestId('screen-attract').waitFor();

    await openHome(page, kiosk, 'vi');
    await page.getByTestId('home-rating').tap();
    await page.getByTestId('screen-rating').waitFor();
    await shot(page, 'rating-vi-04-tile');
    await assertTouchTargets(page, 'screen-rating');
    await page.getByTestId('rating-by-dossier').tap();
    await page.getByTestId('ime-none').tap();
    await typeOnKeyboard(page, code.toLowerCase());
    assert.equal(await page.getByTestId('field-rating-dossier').innerText(), code);
    // Not decided yet: the kiosk says it cannot be rated yet.
    await page.getByTestId('rating-check').tap();
    await page.locator('[data-testid="rating-answer"][data-answer="unavailable"]').waitFor();
    await shot(page, 'rating-vi-05-not-yet');

    await decide(portal, code);
    await page.getByTestId('rating-check').tap();
    await page.locator('[data-testid="rating-form"][data-subject="dossier"]').waitFor();
    for (const [index, score] of [['tong-the', 1], ['thoi-gian', 2], ['so-lan-lien-he', 2], ['thai-do', 2]] as const) await page.getByTestId(`rating-${index}-${score}`).tap();
    await shot(page, 'rating-vi-06-dossier-answered');
    await page.getByTestId('rating-submit').tap();
    await page.getByTestId('rating-thanks').waitFor();
    await page.getByTestId('rating-done').tap();
    await page.getByTestId('screen-home').waitFor();

    // Once only: the same code now says it was rated.
    await page.getByTestId('home-rating').tap();
    await page.getByTestId('rating-by-dossier').tap();
    await page.getByTestId('ime-none').tap();
    await typeOnKeyboard(page, code.toLowerCase());
    await page.getByTestId('rating-check').tap();
    await page.locator('[data-testid="rating-answer"][data-answer="rated"]').waitFor();

    await page.context().close();

    // English, by today's ticket number as printed.
    const en = await kioskPage(browser);
    await openHome(en, kiosk, 'en');
    const display = await en.evaluate(async () => {
      const client = (window as unknown as { kiosk: KioskClient }).kiosk;
      const reply = await client.takeTicket({ serviceId: 'ho-tich', priority: 'none', language: 'en' });
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.value.display;
    });
    await en.getByTestId('home-rating').tap();
    await en.getByTestId('screen-rating').waitFor();
    await shot(en, 'rating-en-04-tile');
    await en.getByTestId('rating-by-counter').tap();
    await typeOnKeyboard(en, 'b999');
    await en.getByTestId('rating-check').tap();
    await en.locator('[data-testid="rating-answer"][data-answer="unavailable"]').waitFor();
    assert.match(await en.getByTestId('rating-answer').innerText(), /not among the tickets this kiosk issued today/);
    await en.locator('.osk [data-skbtn="{clear}"]').tap();
    await typeOnKeyboard(en, display.toLowerCase());
    await shot(en, 'rating-en-05-ticket-typed');
    await en.getByTestId('rating-check').tap();
    await en.locator('[data-testid="rating-form"][data-subject="counter"]').waitFor();
    assert.match(await en.getByTestId('rating-index-thoi-gian-cho').innerText(), /Waiting time for your turn/);
    await en.getByTestId('rating-tong-the-0').tap();
    await en.getByTestId('rating-thoi-gian-cho-0').tap();
    await en.getByTestId('rating-thai-do-1').tap();
    await shot(en, 'rating-en-06-counter-answered');
    await en.getByTestId('rating-submit').tap();
    await en.getByTestId('rating-thanks').waitFor();
    await shot(en, 'rating-en-07-thanks');
    // Left alone, the thanks gives way to the home screen by itself.
    await en.getByTestId('screen-home').waitFor({ timeout: 20_000 });

    const ratings = await eventually('both tile ratings on the portal', async () => {
      const all = (await portalState(portal)).ratings;
      return all.some((r) => r['subject'] === 'dossier') && all.some((r) => r['subject'] === 'counter') ? all : undefined;
    });
    assert.equal(ratings.find((r) => r['subject'] === 'dossier')?.['overall'], 'satisfied');
    assert.equal(ratings.find((r) => r['subject'] === 'counter')?.['overall'], 'not_satisfied');
    await en.context().close();
  });
});
