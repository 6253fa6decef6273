import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { kioskPage, launchBrowser, startKioskProcess } from './harness';
import { allowNamedFunctions, axeProblems, checkScreen, clippedOrOverlapping, smallTargets } from './display-checks';
import { next, scan, typeOnKeyboard } from './journey-steps';

/** The certified copy procedure: two text fields, one paper document, a fee to pay. */
const CERTIFIED_COPY = '2.000942';
const CARD = '001190012345|123456789|Nguyễn Thị Thu Hương|17051990|Nữ|Số 12 ngõ 34 phố Đội Cấn, phường Ngọc Hà, Hà Nội|04102021';

type Lang = 'vi' | 'en';

/**
 * Every citizen screen, in normal, high-contrast and large-text display, in Vietnamese on a
 * landscape screen and in English on a portrait one: axe-core finds no serious or critical
 * problem (AAA colour contrast in high contrast), every control is at least 64 × 64 CSS px, and
 * large text is neither clipped nor piled up. Screenshots of each: tests/artifacts/e2e-web/a11y-*.
 */
async function walk(browser: Browser, lang: Lang, orientation: 'landscape' | 'portrait'): Promise<string[]> {
  // Long idle and ticket times: three modes per screen take longer than a visitor's pause.
  const kiosk = await startKioskProcess(undefined, { config: { idle: { timeoutSeconds: 3600, warningSeconds: 60, ticketDisplaySeconds: 300 } } });
  const problems: string[] = [];
  const page: Page = await kioskPage(browser, orientation);
  await allowNamedFunctions(page);
  let n = 0;
  const check = async (testId: string, name: string) => {
    await page.getByTestId(testId).waitFor({ timeout: 60_000 });
    n += 1;
    problems.push(...(await checkScreen(page, `${lang}-${orientation}-${String(n).padStart(2, '0')}-${name}`)));
  };
  try {
    await page.goto(kiosk.url);
    await check('screen-attract', 'attract');
    await page.getByTestId('screen-attract').click();
    await check('screen-language', 'language');
    await page.getByTestId(`language-${lang}`).click();
    await check('screen-home', 'home');

    await page.getByTestId('home-queue').click();
    await page.getByTestId('service-xay-dung').waitFor();
    await check('screen-services', 'services');
    await page.getByTestId('service-dat-dai').click();
    await check('screen-priority', 'priority');
    await page.getByTestId('priority-elderly').click();
    await check('screen-ticket', 'ticket');
    await page.getByTestId('nav-home').click();

    await page.getByTestId('home-catalog').click();
    await page.locator('[data-testid^="field-"]').first().waitFor();
    await check('screen-catalog', 'catalog');
    await page.locator('[data-testid^="field-"]').first().click();
    await page.locator('[data-testid^="procedure-"]').first().waitFor();
    await check('screen-procedures', 'procedures');
    await page.getByTestId('nav-home').click();

    await page.getByTestId('home-search').click();
    if (lang === 'vi') await page.getByTestId('ime-none').click();
    await typeOnKeyboard(page, 'ban sao');
    await page.locator('[data-testid^="procedure-"]').first().waitFor();
    await check('screen-search', 'search');
    await page.locator('.osk [data-skbtn="{clear}"]').click();
    await typeOnKeyboard(page, CERTIFIED_COPY);
    await page.getByTestId('procedure-submit-dossier').waitFor();
    await check('screen-procedure', 'procedure');

    await page.getByTestId('procedure-submit-dossier').click();
    await check('dossier-intro', 'dossier-intro');
    await page.getByTestId('dossier-start').click();
    await check('identify-scan-prompt', 'dossier-identify-scan');
    await scan(kiosk, CARD);
    await check('identify-scanned', 'dossier-identify-card');
    await next(page, 'dossier-form');
    await page.getByTestId('field-formValues-contractNumber').click();
    await typeOnKeyboard(page, 'hd 123');
    await check('dossier-form', 'dossier-form');
    await page.getByTestId('dossier-next').click();
    await page.getByTestId('dossier-problems').waitFor();
    await check('dossier-problems', 'dossier-form-problems');
    await page.getByTestId('field-formValues-copyCount').click();
    await typeOnKeyboard(page, '2');
    await next(page, 'dossier-documents');
    await check('dossier-documents', 'dossier-documents');
    await page.getByTestId('doc-phieu-yeu-cau-ban-sao-paper-choose').click();
    await next(page, 'dossier-delivery');
    await page.getByTestId('delivery-at_center').click();
    await check('dossier-delivery', 'dossier-delivery');
    await next(page, 'dossier-consent');
    await page.getByTestId('consent-agree').click();
    await check('dossier-consent', 'dossier-consent');
    await next(page, 'dossier-review');
    await check('dossier-review', 'dossier-review');
    await page.getByTestId('dossier-next').click();
    await check('dossier-receipt', 'dossier-receipt');
    await page.getByTestId('receipt-pay').click();
    await page.getByTestId('payment-screen').waitFor();
    await check('payment-screen', 'payment');
    await page.getByTestId('payment-back').click();
    await page.getByTestId('receipt-done').click();
    await check('rating-form', 'rating-kiosk');
    await page.getByTestId('rating-skip').click();

    await page.getByTestId('screen-attract').click();
    await page.getByTestId(`language-${lang}`).click();
    await page.getByTestId('home-lookup').click();
    await check('screen-lookup', 'lookup');
    await page.getByTestId('nav-home').click();
    await page.getByTestId('home-rating').click();
    await check('screen-rating', 'rating-tile');
  } finally {
    await page.close();
    await kiosk.stop();
  }
  return problems;
}

describe('every screen in normal, high-contrast and large-text display (axe, target size, clipping)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser.close());

  it('the checks find what they look for (a grey text, a small button, clipped large text)', async () => {
    const page = await kioskPage(browser);
    await allowNamedFunctions(page);
    await page.setContent(`<html lang="en"><body><main><h1>Check</h1>
      <p style="color:#767676;background:#fff">Grey text that passes AA but not AAA</p>
      <p style="color:#bbbbbb;background:#fff">Pale text</p>
      <button style="width:40px;height:40px">OK</button>
      <p style="width:80px;overflow:hidden;white-space:nowrap">A sentence far too long for its box</p>
      <div><p style="margin:0;height:10px">First line of text</p><p style="margin:-5px 0 0;height:20px">Second line over it</p></div>
      </main></body></html>`);
    const normal = await axeProblems(page, 'normal');
    assert.ok(normal.some((p) => p.startsWith('color-contrast ')), normal.join('\n'));
    const contrast = await axeProblems(page, 'contrast');
    assert.ok(contrast.some((p) => p.startsWith('color-contrast-enhanced')), contrast.join('\n'));
    assert.deepEqual(await smallTargets(page), ['button "OK" 40×40']);
    const clipped = await clippedOrOverlapping(page);
    assert.ok(clipped.some((p) => p.startsWith('clipped: p')), clipped.join('\n'));
    assert.ok(clipped.some((p) => p.startsWith('overlap: p')), clipped.join('\n'));
    await page.close();
  });

  for (const [lang, orientation] of [
    ['vi', 'landscape'],
    ['en', 'portrait'],
  ] as const) {
    it(`${lang}, ${orientation}`, async () => {
      const problems = await walk(browser, lang, orientation);
      assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
    });
  }
});
