import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { systemClock } from '../../src-main/kernel/clock';
import { VirtualPrinter } from '../../src-main/devices/virtual/virtual-printer';
import { type WebHost } from '../../src-main/web-host/web-host';
import { ARTIFACTS, inkRatio, KioskInChromium, kioskPage, shot } from './harness';
import { startInProcessKiosk } from './in-process-kiosk';
import { typeOnKeyboard } from './journey-steps';

const LAND_CODE = '1.013831';


async function clearSearch(page: Page): Promise<void> {
  await page.locator('.osk [data-skbtn="{clear}"]').tap();
  await page.getByTestId('search-hint').waitFor();
}

/** Waits until the results on screen answer exactly this text, and returns the procedure names. */
async function resultsFor(page: Page, query: string): Promise<string[]> {
  const list = page.locator(`[data-testid="search-results"][data-query="${query}"]`);
  await list.waitFor();
  return list.locator('.procedure-row__name').allInnerTexts();
}

/** The print outcome sits in a bar that stays on screen: the citizen sees it without scrolling. */
async function assertInView(page: Page, testId: string): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox();
  const viewport = page.viewportSize();
  assert.ok(box && viewport, 'element and viewport have a size');
  assert.ok(box.y >= 0 && box.y + box.height <= viewport.height, `${testId} at y=${box.y}..${box.y + box.height} of ${viewport.height}`);
}

async function start(page: Page, url: string, language: 'Tiếng Việt' | 'English'): Promise<void> {
  await page.goto(url);
  await page.getByTestId('screen-attract').click();
  await page.getByRole('button', { name: language }).click();
  await page.getByTestId('screen-home').waitFor();
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

/** A kiosk core in this process, so the test can shape its catalog and reach its printer. */
async function startInProcess(options: { initialCatalogFile?: string } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  const printer = new VirtualPrinter(576, join(dataDir, 'prints'), systemClock);
  const { host, core } = await startInProcessKiosk({ dataDir, printer, ...options });
  return { printer, host, core };
}

describe('procedure catalog in Chromium through the browser host', () => {
  const env = KioskInChromium.forSuite();
  // In-process kiosks, closed at the end so their timers and stores do not keep the run alive.
  const inProcess: { host: WebHost; core: { close(): Promise<void> } }[] = [];
  after(async () => {
    for (const k of inProcess) {
      await k.host.close();
      await k.core.close();
    }
  });

  it('searches with the on-screen keyboard, composes Telex, opens a detail and prints the checklist (vi)', async () => {
    const page = await kioskPage(env.browser);
    await start(page, env.kiosk.url, 'Tiếng Việt');
    await shot(page, 'catalog-vi-01-home');
    await page.getByTestId('home-search').click();
    await page.getByTestId('screen-search').waitFor();
    assert.equal(await page.getByTestId('keyboard').getAttribute('data-layout'), 'vi');
    assert.equal(await page.locator('.osk [data-skbtn="đ"]').count(), 1, 'the Vietnamese layout has đ');
    await shot(page, 'catalog-vi-02-search-empty');

    await typeOnKeyboard(page, 'dat dai');
    assert.equal(await page.getByTestId('search-input').inputValue(), 'dat dai');
    // Names with both words come first, then the rest of the field Đất đai (11 in the demo catalog).
    const land = await resultsFor(page, 'dat dai');
    assert.ok(land.length >= 11, `expected the land procedures, saw ${land.length}`);
    assert.match(fold(land[0] ?? ''), /dat dai/);
    for (const expected of ['Cấp đổi Giấy chứng nhận quyền sử dụng đất', 'Hòa giải tranh chấp đất đai', 'Tách thửa hoặc hợp thửa đất']) {
      assert.ok(land.some((name) => name.startsWith(expected)), `${expected} in ${land.join(' | ')}`);
    }
    await shot(page, 'catalog-vi-03-search-dat-dai');

    await page.getByTestId('ime-telex').click();
    await clearSearch(page);
    await typeOnKeyboard(page, 'ddaats');
    assert.equal(await page.getByTestId('search-input').inputValue(), 'đất');
    assert.ok((await resultsFor(page, 'đất')).length > 0);
    await shot(page, 'catalog-vi-04-search-telex');

    await clearSearch(page);
    await typeOnKeyboard(page, 'xyzxyz');
    await page.locator('[data-testid="search-no-results"][data-query="xyzxyz"]').waitFor();
    assert.equal(await page.getByTestId('search-browse').isVisible(), true);
    await shot(page, 'catalog-vi-05-search-nothing');

    // An exact code opens its procedure.
    await page.getByTestId('ime-none').click();
    await clearSearch(page);
    await typeOnKeyboard(page, LAND_CODE);
    await page.getByTestId('screen-procedure').waitFor();
    await page.getByTestId('procedure-name').waitFor();
    assert.match(await page.getByTestId('procedure-code').innerText(), new RegExp(LAND_CODE.replace('.', '\\.')));
    assert.match(await page.getByTestId('procedure-name').innerText(), /^Đăng ký biến động quyền sử dụng đất/);
    assert.match(await page.getByTestId('procedure-fees').innerText(), /100\.000 ₫[\s\S]*150\.000 ₫[\s\S]*250\.000 ₫/);
    assert.match(await page.getByTestId('procedure-days').innerText(), /10 ngày làm việc/);
    assert.ok((await page.locator('.documents__item').count()) >= 4);
    assert.match(await page.getByTestId('procedure-documents').innerText(), /Bản chính[\s\S]*Bắt buộc[\s\S]*Chỉ nhận bản giấy/);
    assert.match(await page.getByTestId('procedure-delivery').innerText(), /bưu chính công ích/);
    assert.match(await page.getByTestId('procedure-legal').innerText(), /Luật Đất đai/);
    assert.match(await page.getByTestId('level-badge').innerText(), /Trực tuyến một phần/);
    await shot(page, 'catalog-vi-06-procedure');

    await page.getByTestId('procedure-print').click();
    await page.locator('[data-testid="procedure-print-status"][data-printed="true"]').waitFor();
    await assertInView(page, 'procedure-print-status');
    await shot(page, 'catalog-vi-07-procedure-printed');

    // Back returns to the same search text without bouncing into the procedure again.
    await page.getByTestId('nav-back').click();
    await page.getByTestId('screen-search').waitFor();
    assert.equal(await page.getByTestId('search-input').inputValue(), LAND_CODE);
    assert.deepEqual((await resultsFor(page, LAND_CODE)).length, 1);
    assert.equal(await page.getByTestId('screen-procedure').count(), 0);
    await page.close();
  });

  it('printed the checklist as a non-blank 576-dot image', async () => {
    const prints = readdirSync(join(env.kiosk.dataDir, 'prints')).filter((f) => f.endsWith('.png')).sort();
    assert.equal(prints.length, 1);
    const file = join(env.kiosk.dataDir, 'prints', prints[0]!);
    const { ratio, width, height } = await inkRatio(file);
    assert.equal(width, 576);
    assert.ok(height > 600, `a checklist of several documents is long; height ${height}`);
    assert.ok(ratio > 0.03 && ratio < 0.6, `ink ratio ${ratio}`);
    copyFileSync(file, join(ARTIFACTS, 'printed-checklist-vi.png'));
  });

  it('browses by field on a portrait screen, with the catalog version for IT staff (vi)', async () => {
    const page = await kioskPage(env.browser, 'portrait');
    await start(page, env.kiosk.url, 'Tiếng Việt');
    await shot(page, 'catalog-vi-08-home-portrait');
    await page.getByRole('button', { name: /^\W*Thủ tục hành chính/ }).click();
    await page.getByTestId('screen-catalog').waitFor();
    await page.getByTestId('field-y-te').waitFor();
    assert.equal(await page.locator('[data-testid^="field-"]').count(), 12);
    assert.match(await page.getByTestId('catalog-footer').innerText(), /2026\.11-demo\.1[\s\S]*64 thủ tục[\s\S]*dữ liệu mẫu/);
    await shot(page, 'catalog-vi-09-fields-portrait');

    await page.getByTestId('field-ho-tich').click();
    await page.getByTestId('screen-procedures').waitFor();
    await page.getByTestId('procedure-list').waitFor();
    const names = await page.locator('.procedure-row__name').allInnerTexts();
    assert.ok(names.some((n) => /khai sinh/i.test(n)), names.join(' | '));
    await shot(page, 'catalog-vi-10-procedures-portrait');

    await page.locator('.procedure-row').first().click();
    await page.getByTestId('procedure-name').waitFor();
    await shot(page, 'catalog-vi-11-procedure-portrait');
    await page.getByTestId('nav-back').click();
    await page.getByTestId('screen-procedures').waitFor();
    await page.getByTestId('nav-back').click();
    await page.getByTestId('screen-catalog').waitFor();
    await page.getByTestId('catalog-search').click();
    await page.getByTestId('screen-search').waitFor();
    await typeOnKeyboard(page, 'khai sinh');
    await resultsFor(page, 'khai sinh');
    await shot(page, 'catalog-vi-12-search-portrait');
    await page.getByTestId('nav-back').click();
    await page.getByTestId('screen-catalog').waitFor();
    await page.close();
  });

  for (const orientation of ['landscape', 'portrait'] as const) {
    it(`shows the English layout and English texts in the English UI (${orientation})`, async () => {
      const page = await kioskPage(env.browser, orientation);
      await start(page, env.kiosk.url, 'English');
      await page.getByTestId('home-catalog').click();
      await page.getByTestId('field-ho-tich').waitFor();
      assert.match(await page.getByTestId('catalog-footer').innerText(), /version 2026\.11-demo\.1/);
      await shot(page, `catalog-en-01-fields-${orientation}`);
      await page.getByTestId('catalog-search').click();
      await page.getByTestId('screen-search').waitFor();
      assert.equal(await page.getByTestId('keyboard').getAttribute('data-layout'), 'en');
      assert.equal(await page.locator('.osk [data-skbtn="đ"]').count(), 0);
      assert.equal(await page.getByTestId('ime-telex').count(), 0, 'no Vietnamese input methods in English');
      assert.equal(await page.locator('.osk [data-skbtn="{bksp}"]').getAttribute('aria-label'), 'Delete');
      // No input method applies: "dd" stays two letters.
      await typeOnKeyboard(page, 'birth');
      const births = await resultsFor(page, 'birth');
      assert.ok(births.some((n) => /birth/i.test(n)), births.join(' | '));
      await shot(page, `catalog-en-02-search-${orientation}`);
      await page.locator('.procedure-row').first().click();
      await page.getByTestId('procedure-name').waitFor();
      assert.match(await page.getByTestId('screen-procedure').innerText(), /Documents to bring/);
      await shot(page, `catalog-en-03-procedure-${orientation}`);
      await page.close();
    });
  }

  it('an empty catalog tells citizens to ask staff, and IT staff that no catalog was imported', async () => {
    const started = await startInProcess({ initialCatalogFile: join(tmpdir(), 'no-such-catalog.json') });
    inProcess.push(started);
    const { host } = started;
    for (const [language, footer] of [['Tiếng Việt', /chưa nhập/], ['English', /none imported/]] as const) {
      const page = await kioskPage(env.browser);
      await start(page, host.url, language);
      await page.getByTestId('home-catalog').click();
      await page.getByTestId('catalog-empty').waitFor();
      assert.match(await page.getByTestId('catalog-footer').innerText(), footer);
      assert.match(await page.getByTestId('catalog-empty').innerText(), /no catalog imported|No procedure catalog has been imported/);
      await shot(page, `catalog-${language === 'English' ? 'en' : 'vi'}-13-empty`);
      await page.getByTestId('nav-home').click();
      await page.getByTestId('home-search').click();
      await page.getByTestId('catalog-empty').waitFor();
      await page.close();
    }
  });

  it('a checklist the printer cannot print: a plain message, and the detail stays', async () => {
    const started = await startInProcess();
    inProcess.push(started);
    const { host, printer } = started;
    printer.failNextJob('Connection reset while printing');
    const page = await kioskPage(env.browser, 'portrait');
    await start(page, host.url, 'Tiếng Việt');
    await page.getByTestId('home-search').click();
    await typeOnKeyboard(page, LAND_CODE);
    await page.getByTestId('procedure-print').click();
    await page.locator('[data-testid="procedure-print-status"][data-printed="false"]').waitFor();
    assert.match(await page.getByTestId('procedure-print-status').innerText(), /Chưa in được danh sách giấy tờ/);
    await assertInView(page, 'procedure-print-status');
    await shot(page, 'catalog-vi-14-print-failed-portrait');
    assert.equal(printer.lastPrint(), undefined);
    await page.close();
  });

  it('idle timeout wipes the search text with the session', async () => {
    const page = await kioskPage(env.browser);
    await page.clock.install();
    await start(page, env.kiosk.url, 'Tiếng Việt');
    await page.getByTestId('home-search').click();
    await typeOnKeyboard(page, 'so do');
    await resultsFor(page, 'so do');
    await page.clock.fastForward(61_000);
    await page.getByTestId('idle-warning').waitFor();
    await page.clock.fastForward(21_000);
    await page.getByTestId('screen-attract').waitFor();
    await page.getByTestId('screen-attract').click();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByTestId('home-search').click();
    assert.equal(await page.getByTestId('search-input').inputValue(), '');
    await page.getByTestId('search-hint').waitFor();
    await page.close();
  });
});
