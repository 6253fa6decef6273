import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { KioskInChromium, kioskPage, shot } from './harness';
import { byTestId, choose, steerTo, typeByArrows, typeDigits } from './keypad-steps';
import { scan } from './journey-steps';

/** The certified copy procedure: two text fields, one paper document, a fee. */
const CERTIFIED_COPY = '2.000942';
const CARD = '001190012345|123456789|Nguyễn Thị Thu Hương|17051990|Nữ|Số 12 ngõ 34 phố Đội Cấn, phường Ngọc Hà, Hà Nội|04102021';

/** Every tap or click in the page is a failure here: the keypad journeys use keys only. */
async function forbidPointer(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { pointerTaps: number };
    w.pointerTaps = 0;
    for (const name of ['pointerdown', 'mousedown', 'touchstart'])
      window.addEventListener(name, (e) => {
        if (e.isTrusted) w.pointerTaps++;
      }, true);
  });
  return () => page.evaluate(() => (window as unknown as { pointerTaps: number }).pointerTaps);
}

/** The focus ring as drawn: outline width of the focused control. */
const focusRing = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return { width: 0, style: 'none' };
    const style = getComputedStyle(active);
    return { width: parseFloat(style.outlineWidth), style: style.outlineStyle };
  });

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

describe('keypad operation: the journeys with key presses only', () => {
  const env = KioskInChromium.forSuite();

  it('takes a queue ticket with arrows and Enter, goes Back with Escape, shows a 4 px focus ring', async () => {
    const page = await kioskPage(env.browser);
    await page.goto(env.kiosk.url);
    await page.getByTestId('screen-attract').waitFor();
    const taps = await forbidPointer(page);

    // Nothing focused yet: the first Enter lands on "start", the second starts.
    await page.keyboard.press('Enter');
    assert.equal(await focusedTestId(page), 'screen-attract');
    await page.keyboard.press('Enter');
    await page.getByTestId('screen-language').waitFor();
    // The new screen's first control has the focus, with a ring of at least 4 px.
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'language-vi');
    const ring = await focusRing(page);
    assert.ok(ring.width >= 4 && ring.style !== 'none', `focus ring ${ring.width}px ${ring.style}`);
    await shot(page, 'keypad-01-language-focus');
    await page.keyboard.press('Enter');

    await page.getByTestId('screen-home').waitFor();
    // Escape is Back: to the language screen, and Enter there brings the visitor home again.
    await page.keyboard.press('Escape');
    await page.getByTestId('screen-language').waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'language-vi');
    await page.keyboard.press('Enter');
    await page.getByTestId('screen-home').waitFor();

    await choose(page, byTestId('home-queue'));
    await page.getByTestId('service-xay-dung').waitFor();
    await choose(page, byTestId('service-xay-dung'));
    await page.getByTestId('screen-priority').waitFor();
    // Backspace is Back too where there is nothing to type into.
    await page.keyboard.press('Backspace');
    await page.getByTestId('screen-services').waitFor();
    await choose(page, byTestId('service-dat-dai'));
    await page.getByTestId('screen-priority').waitFor();
    await shot(page, 'keypad-02-priority');
    await choose(page, byTestId('priority-elderly'));

    await page.getByTestId('screen-ticket').waitFor();
    assert.match(await page.getByTestId('ticket-number').innerText(), /^[A-Z]\d{3}$/);
    await shot(page, 'keypad-03-ticket');
    await choose(page, byTestId('ticket-done'));
    await page.getByTestId('screen-attract').waitFor();
    assert.equal(await taps(), 0, 'no pointer input reached the page');
    await page.close();
  });

  it('submits a dossier with the keypad: search by digits, fields, paper document, consent, receipt, payment and back', async () => {
    const page = await kioskPage(env.browser);
    await page.goto(env.kiosk.url);
    await page.getByTestId('screen-attract').waitFor();
    const taps = await forbidPointer(page);

    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByTestId('screen-language').waitFor();
    await choose(page, byTestId('language-en'));
    await page.getByTestId('screen-home').waitFor();
    await choose(page, byTestId('home-search'));
    await page.getByTestId('screen-search').waitFor();
    // The procedure's code: digits from the keypad, the dot from the on-screen keyboard.
    await typeDigits(page, '2');
    await typeByArrows(page, '.');
    await typeDigits(page, '000942');
    await page.getByTestId('screen-procedure').waitFor();
    await page.getByTestId('screen-procedure').getByText(CERTIFIED_COPY).first().waitFor();

    await choose(page, byTestId('procedure-submit-dossier'));
    await page.getByTestId('dossier-intro').waitFor();
    await choose(page, byTestId('dossier-start'));
    await page.getByTestId('identify-scan-prompt').waitFor();
    await scan(env.kiosk, CARD);
    await page.getByTestId('identify-scanned').waitFor();
    await shot(page, 'keypad-04-identify');
    await choose(page, byTestId('dossier-next'));

    await page.getByTestId('dossier-form').waitFor();
    await choose(page, byTestId('field-formValues-contractNumber'));
    await typeByArrows(page, 'hd');
    await typeDigits(page, '1234');
    // Backspace erases on the keyboard where there is a field: 1234 → 123.
    await page.keyboard.press('Backspace');
    assert.match(await page.getByTestId('field-formValues-contractNumber').innerText(), /^hd123$/i);
    await choose(page, byTestId('field-formValues-copyCount'));
    await typeDigits(page, '2');
    assert.equal((await page.getByTestId('field-formValues-copyCount').innerText()).trim(), '2');
    await shot(page, 'keypad-05-form');
    await choose(page, byTestId('dossier-next'));

    await page.getByTestId('dossier-documents').waitFor();
    await choose(page, byTestId('doc-phieu-yeu-cau-ban-sao-paper-choose'));
    await page.locator('[data-testid="doc-phieu-yeu-cau-ban-sao"][data-state="paper"]').waitFor();
    await choose(page, byTestId('dossier-next'));

    await page.getByTestId('dossier-delivery').waitFor();
    await choose(page, byTestId('delivery-at_center'));
    await choose(page, byTestId('dossier-next'));

    await page.getByTestId('dossier-consent').waitFor();
    // Escape goes back a step, and forward again keeps what was chosen.
    await page.keyboard.press('Escape');
    await page.getByTestId('dossier-delivery').waitFor();
    await choose(page, byTestId('dossier-next'));
    await page.getByTestId('dossier-consent').waitFor();
    await choose(page, byTestId('consent-agree'));
    await page.getByTestId('dossier-next').waitFor();
    await shot(page, 'keypad-06-consent');
    await choose(page, byTestId('dossier-next'));

    await page.getByTestId('dossier-review').waitFor();
    await choose(page, byTestId('dossier-next'));
    await page.getByTestId('dossier-receipt').waitFor({ timeout: 30_000 });
    assert.match(await page.getByTestId('receipt-code').innerText(), /^(TAM-)?[A-Z0-9.-]+$/);
    await shot(page, 'keypad-07-receipt');

    await choose(page, byTestId('receipt-pay'));
    await page.getByTestId('payment-screen').waitFor();
    await shot(page, 'keypad-08-payment');
    await page.keyboard.press('Escape');
    await page.getByTestId('dossier-receipt').waitFor();
    await choose(page, byTestId('receipt-done'));
    // The optional rating of the kiosk's service: skipped with the keypad too.
    await page.getByTestId('rating-form').waitFor();
    await choose(page, byTestId('rating-skip'));
    await page.getByTestId('screen-attract').waitFor();
    assert.equal(await taps(), 0, 'no pointer input reached the page');
    await page.close();
  });

  it('looks a dossier code up with the keypad', async () => {
    const page = await kioskPage(env.browser);
    await page.goto(env.kiosk.url);
    await page.getByTestId('screen-attract').waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await choose(page, byTestId('language-vi'));
    await choose(page, byTestId('home-lookup'));
    await page.getByTestId('screen-lookup').waitFor();
    await steerTo(page, '[data-testid^="field-"]');
    await page.keyboard.press('Enter');
    await typeDigits(page, '000');
    assert.match(await page.getByTestId('screen-lookup').innerText(), /000/);
    await shot(page, 'keypad-09-lookup');
    await page.keyboard.press('Escape');
    await page.getByTestId('screen-home').waitFor();
    await page.close();
  });
});
