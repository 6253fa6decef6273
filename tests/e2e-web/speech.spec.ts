import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { KioskClient } from '../../src-shared/contract';
import { kioskPage, launchBrowser, ROOT, shot, startKioskProcess, type KioskProcess } from './harness';
import { next, scan, typeOnKeyboard } from './journey-steps';

/** The land procedure "Đính chính Giấy chứng nhận" (as in dossier.spec.ts). */
const LAND = '1.012790';
const CARD = '001190017777|123456789|Nguyễn Thị Thu Hương|17051990|Nữ|Số 12 ngõ 34 phố Đội Cấn, phường Ngọc Hà, Hà Nội|04102021';
const SANE = join(ROOT, 'tests/fixtures/sane');
/** What must never be said: the card's number (any 7 digits of it in a row), the citizen's name, the address. */
const NEVER = [/\d(?:\s?\d){6,}/, /Nguyễn/, /Thu Hương/, /Đội Cấn/, /0011900/];

interface Said {
  text: string;
  language: string;
}

/** The virtual speech device's record (src-main/devices/speech/virtual-speech.ts), one JSON line per utterance. */
function said(kiosk: KioskProcess): Said[] {
  const file = join(kiosk.dataDir, 'speech', 'virtual-said.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Said);
}

/** Waits until something said since `from` matches, and returns it. */
async function heard(kiosk: KioskProcess, from: number, pattern: RegExp, timeoutMs = 10_000): Promise<Said> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const match = said(kiosk).slice(from).find((s) => pattern.test(s.text));
    if (match) return match;
    if (Date.now() > end) throw new Error(`not said: ${pattern}; said: ${JSON.stringify(said(kiosk).slice(from).map((s) => s.text), null, 1)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const speechState = (page: Page, name: 'enabled' | 'volume' | 'speaking' | 'played') =>
  page.getByTestId('speech-state').getAttribute(`data-${name}`);

describe('audio guide: what is said on each screen (virtual speech device)', () => {
  let browser: Browser;
  let kiosk: KioskProcess;
  before(async () => {
    browser = await launchBrowser();
    kiosk = await startKioskProcess(undefined, {
      config: { devices: { documentScanner: { driver: 'sane', source: 'flatbed', resolution: 100 } } },
      env: { SANE_CONFIG_DIR: SANE },
    });
  });
  after(async () => {
    await browser?.close();
    await kiosk?.stop();
  });

  it('ticket journey: turned on from the attract screen, each screen said, repeat / stop / volume keys, off after the session', async () => {
    const page = await kioskPage(browser, 'portrait');
    await page.goto(kiosk.url);
    await page.getByTestId('screen-attract').waitFor();
    assert.equal(await speechState(page, 'enabled'), 'false');
    await shot(page, 'speech-vi-00-attract-audio-guide');
    let from = said(kiosk).length;
    assert.equal(from, 0, 'nothing is said before the guide is turned on');

    await page.getByTestId('attract-audio-guide').tap();
    await page.getByTestId('screen-language').waitFor();
    assert.equal(await speechState(page, 'enabled'), 'true');
    await heard(kiosk, from, /^Đã bật hướng dẫn bằng giọng nói\. Phím F1: nghe lại/);
    assert.equal((await heard(kiosk, from, /^Chọn ngôn ngữ/)).language, 'vi');

    from = said(kiosk).length;
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByTestId('screen-home').waitFor();
    await heard(kiosk, from, /^Quý khách cần làm gì\? Có \d lựa chọn: Lấy số thứ tự, .*Tra cứu hồ sơ/);
    await shot(page, 'speech-vi-01-home-guide-on');

    from = said(kiosk).length;
    await page.getByTestId('home-queue').click();
    await page.getByTestId('screen-services').waitFor();
    await heard(kiosk, from, /^Chọn lĩnh vực\. Chạm vào lĩnh vực/);
    // The focused control: its name and role.
    from = said(kiosk).length;
    await page.getByTestId('service-xay-dung').focus();
    await heard(kiosk, from, /^Xây dựng.*nút bấm$/);

    await page.getByRole('button', { name: /^\W*Đất đai/ }).first().click();
    await page.getByTestId('screen-priority').waitFor();
    from = said(kiosk).length;
    await page.getByRole('button', { name: 'Người cao tuổi' }).click();
    await page.getByTestId('screen-ticket').waitFor();
    const number = (await page.getByTestId('ticket-number').innerText()).trim();
    await heard(kiosk, from, new RegExp(`^Số thứ tự của bạn\\. Số thứ tự của bạn là ${number}, Đất đai\\. Có \\d+ người đang chờ trước bạn`));

    // F1 says the screen again; F3 stops; the volume keys change the gain and say the new level.
    from = said(kiosk).length;
    await page.keyboard.press('F1');
    await heard(kiosk, from, new RegExp(`Số thứ tự của bạn là ${number}`));
    await page.keyboard.press('F3');
    assert.equal(await speechState(page, 'speaking'), 'false');
    from = said(kiosk).length;
    await page.keyboard.press('NumpadAdd');
    await page.keyboard.press('NumpadAdd');
    await heard(kiosk, from, /^Âm lượng 140 phần trăm$/);
    assert.equal(await speechState(page, 'volume'), '1.4');
    await page.keyboard.press('NumpadSubtract');
    assert.equal(await speechState(page, 'volume'), '1.2');
    // Audio was really played in the page, not only asked for.
    assert.ok(Number(await speechState(page, 'played')) > 0, 'the renderer played audio');

    // Done ends the session, and the guide with it: the next visitor starts without it.
    await page.getByTestId('ticket-done').click();
    await page.getByTestId('screen-attract').waitFor();
    assert.equal(await speechState(page, 'enabled'), 'false');
    assert.equal(await speechState(page, 'volume'), '1');
    from = said(kiosk).length;
    await page.getByTestId('screen-attract').click();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByTestId('screen-home').waitFor();
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(said(kiosk).length, from, 'nothing said in a session that did not turn the guide on');

    // F2, the keypad's audio guide key, turns it on from anywhere, in the UI's language.
    await page.getByTestId('lang-en').click();
    await page.keyboard.press('F2');
    assert.equal((await heard(kiosk, from, /^Audio guide on\. F1: repeat/)).language, 'en');
    await heard(kiosk, from, /^How can we help you\? \d choices: Take a queue number/);
    await page.keyboard.press('F2');
    assert.equal(await speechState(page, 'enabled'), 'false');
    for (const s of said(kiosk)) for (const secret of NEVER) assert.doesNotMatch(s.text, secret);
    await page.close();
  });

  it('dossier journey: every step said, errors said, the card number and name never', async () => {
    const page = await kioskPage(browser);
    await page.goto(kiosk.url);
    await page.getByTestId('screen-attract').waitFor();
    await page.getByTestId('attract-audio-guide').tap();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByTestId('screen-home').waitFor();
    let from = said(kiosk).length;
    await page.getByTestId('home-search').click();
    await heard(kiosk, from, /^Tìm thủ tục\. Gõ vài chữ/);
    await page.getByTestId('ime-none').click();
    from = said(kiosk).length;
    await typeOnKeyboard(page, LAND);
    await page.getByTestId('screen-procedure').waitFor();
    await heard(kiosk, from, /^Đính chính Giấy chứng nhận.*\. Giấy tờ cần chuẩn bị\.$/);
    for (const s of said(kiosk).slice(from)) assert.doesNotMatch(s.text, /^\d\. nút bấm$|^1$/, 'keyboard keys are not said');

    from = said(kiosk).length;
    await page.getByTestId('procedure-submit-dossier').tap();
    await page.getByTestId('dossier-intro').waitFor();
    await heard(kiosk, from, /^Nộp hồ sơ tại ki-ốt\. Đính chính Giấy chứng nhận.*Bạn cần chuẩn bị\. Thẻ Căn cước/);

    from = said(kiosk).length;
    await page.getByTestId('dossier-start').tap();
    await page.getByTestId('identify-scan-prompt').waitFor();
    await heard(kiosk, from, /^Bước 1 trên 6\./);
    await scan(kiosk, CARD);
    await page.getByTestId('identify-scanned').waitFor();
    await heard(kiosk, from, /^Đã đọc thẻ căn cước\. Số định danh kết thúc bằng 7 7 7 7$/);
    // A bad phone number: the error is said.
    from = said(kiosk).length;
    await page.getByTestId('field-contact-phone').tap();
    await heard(kiosk, from, /^Số điện thoại.*ô nhập$/);
    await typeOnKeyboard(page, '12345');
    await page.getByTestId('dossier-next').tap();
    await page.getByTestId('field-contact-phone-problem').waitFor();
    await heard(kiosk, from, /Số điện thoại di động không hợp lệ/);
    await page.locator('.osk [data-skbtn="{clear}"]').tap();
    await typeOnKeyboard(page, '0912345678');
    from = said(kiosk).length;
    await next(page, 'dossier-form');
    await heard(kiosk, from, /^Bước 2 trên 6\./);
    // A prefilled field says its label, not the name in it.
    from = said(kiosk).length;
    await page.getByTestId('field-formValues-applicantName').focus();
    const nameField = await heard(kiosk, from, /ô nhập$/);
    assert.doesNotMatch(nameField.text, /Nguyễn|Hương/);

    await page.getByTestId('field-formValues-certificateSerial').tap();
    await typeOnKeyboard(page, 'ab 123456');
    await page.getByTestId('field-formValues-errorDescription').tap();
    await typeOnKeyboard(page, 'loi ghi ten');
    from = said(kiosk).length;
    await next(page, 'dossier-documents');
    await heard(kiosk, from, /^Bước 3 trên 6\./);
    for (const doc of ['don-de-nghi-dinh-chinh', 'giay-to-chung-minh-sai-sot']) {
      await page.getByTestId(`doc-${doc}-scan`).tap();
      await page.locator(`[data-testid="doc-${doc}"][data-state="scanned"] [data-testid="scanned-page"]`).first().waitFor({ timeout: 60_000 });
    }
    from = said(kiosk).length;
    await next(page, 'dossier-delivery');
    await heard(kiosk, from, /^Bước 4 trên 6\./);
    await page.getByTestId('delivery-post').tap();
    from = said(kiosk).length;
    await next(page, 'dossier-consent');
    await heard(kiosk, from, /^Bước 5 trên 6\./);
    from = said(kiosk).length;
    await page.getByTestId('consent-agree').tap();
    await heard(kiosk, from, /^Tôi đã đọc và đồng ý\. (đã chọn|chưa chọn)$/);
    from = said(kiosk).length;
    await next(page, 'dossier-review');
    await heard(kiosk, from, /^Bước 6 trên 6\./);
    from = said(kiosk).length;
    await page.getByTestId('dossier-next').tap();
    await page.getByTestId('dossier-receipt').waitFor({ timeout: 30_000 });
    const code = await page.getByTestId('receipt-code').innerText();
    const receipt = await heard(kiosk, from, /^Đã nộp hồ sơ thành công\. Mã hồ sơ của bạn là /);
    assert.ok(receipt.text.includes(code), `the code ${code} is said: ${receipt.text}`);
    await shot(page, 'speech-vi-02-receipt');

    const everything = said(kiosk);
    for (const s of everything) for (const secret of NEVER) assert.doesNotMatch(s.text, secret, `said: ${s.text}`);
    await page.getByTestId('receipt-done').tap();
    await page.getByTestId('rating-skip').tap();
    await page.getByTestId('screen-attract').waitFor();
    assert.equal(await speechState(page, 'enabled'), 'false');
    await page.close();
  });

  it('timeouts: the warning gives 20 s, is said, and any touch or key extends it, more than ten times', async () => {
    const page = await kioskPage(browser);
    await page.clock.install();
    await page.goto(kiosk.url);
    await page.getByTestId('attract-audio-guide').tap();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByTestId('screen-home').waitFor();
    for (let extension = 1; extension <= 11; extension++) {
      const from = said(kiosk).length;
      await page.clock.fastForward(60_000);
      await page.getByTestId('idle-warning').waitFor();
      // 20 s, less the moment it took to get here.
      assert.match(await page.getByTestId('idle-countdown').innerText(), /^(20|19) giây$/);
      await heard(kiosk, from, /^Bạn vẫn đang sử dụng\? Màn hình sẽ trở về trang đầu sau (20|19) giây\. Chạm vào màn hình hoặc nhấn một phím bất kỳ/);
      if (extension === 1) await shot(page, 'speech-vi-03-idle-warning');
      await page.clock.fastForward(18_000);
      assert.equal(await page.getByTestId('idle-warning').count(), 1, 'still warning after 18 s');
      // Alternately a key (not Enter: any key) and a touch anywhere on the dimmed screen.
      if (extension % 2 === 0) await page.keyboard.press('Shift');
      else await page.touchscreen.tap(40, 40);
      await page.getByTestId('idle-warning').waitFor({ state: 'detached' });
      assert.equal(await page.getByTestId('screen-home').count(), 1, `extension ${extension} kept the session`);
    }
    await page.clock.fastForward(61_000);
    await page.getByTestId('idle-warning').waitFor();
    await page.clock.fastForward(21_000);
    await page.getByTestId('screen-attract').waitFor();
    assert.equal(await speechState(page, 'enabled'), 'false', 'the idle reset turns the guide off');
    await page.close();
  });
});

describe('audio guide with espeak-ng: Chromium decodes and plays what espeak-ng says', () => {
  let browser: Browser;
  let kiosk: KioskProcess;
  before(async () => {
    browser = await launchBrowser();
    kiosk = await startKioskProcess(undefined, { config: { devices: { speech: { driver: 'espeak' } } } });
  });
  after(async () => {
    await browser?.close();
    await kiosk?.stop();
  });

  it('the language screen is spoken with real audio', async () => {
    const page = await kioskPage(browser);
    await page.goto(kiosk.url);
    await page.getByTestId('attract-audio-guide').tap();
    await page.getByTestId('screen-language').waitFor();
    // "played" counts buffers decoded by Web Audio and started: espeak's WAV (header fixed in main) decodes.
    await page.locator('[data-testid="speech-state"]:not([data-played="0"])').waitFor({ state: 'attached', timeout: 15_000 });
    const spoken = await page.evaluate(async () => {
      const reply = await (window as unknown as { kiosk: KioskClient }).kiosk.speak({ text: 'Chọn ngôn ngữ', language: 'vi' });
      return reply?.ok ? reply.value.durationMs : -1;
    });
    assert.ok(spoken > 500, `espeak-ng said it in ${spoken} ms`);
    await page.close();
  });
});
