import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { formatSetupQr } from '../../src-shared/setup-qr';
import { startServerProcess, type ServerProcess } from '../sync/server-process';
import { launchBrowser, kioskPage, openStaffPanel, ROOT, startKioskProcess, TEST_PINS, typePin, type KioskProcess } from './harness';
import { scan } from './journey-steps';
import type { Browser } from 'playwright-core';

const card = '001099017777|123456789|Nguyễn Văn An|01021990|Nam|12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội|04102021';
const SANE_CONFIG_DIR = join(ROOT, 'tests', 'fixtures', 'sane');
const ARTIFACTS = join(ROOT, 'tests', 'artifacts');

/** Screenshots of every step for a person to look at: tests/artifacts/setup-*.png. */
const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `setup-${name}.png`) });

/** Types on the wizard's own keyboard, key by key, as a finger does (`{space}` for a space). */
async function type(page: Page, text: string): Promise<void> {
  const keyboard = page.getByTestId('setup-keyboard');
  for (const char of text) await keyboard.locator(`[data-skbtn="${char === ' ' ? '{space}' : char}"]`).click();
}
async function retype(page: Page, field: string, text: string): Promise<void> {
  await page.getByTestId(`setup-field-${field}`).click();
  await page.getByTestId('setup-keyboard').locator('[data-skbtn="{clear}"]').click();
  await type(page, text);
}
async function next(page: Page, expectStep: string): Promise<void> {
  await page.getByTestId('setup-next').click();
  await page.locator(`[data-testid="setup-wizard"][data-step="${expectStep}"]`).waitFor();
}
/** Next is refused with this reason, and the wizard stays on its step. */
async function refused(page: Page, step: string, reason: string): Promise<void> {
  await page.getByTestId('setup-next').click();
  await page.locator(`[data-testid="setup-problem"][data-reason="${reason}"]`).waitFor({ timeout: 20_000 });
  assert.equal(await page.getByTestId('setup-wizard').getAttribute('data-step'), step);
}

/** Every button of the wizard at least 64 CSS px high (the kiosk's touch target). */
async function touchTargetsOk(page: Page, where: string): Promise<void> {
  const small = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.setup-wizard button, .setup-mode button'))
      .filter((b) => !b.closest('.setup-keyboard') && b.getBoundingClientRect().height > 0 && b.getBoundingClientRect().height < 64)
      .map((b) => `${b.dataset['testid'] ?? b.textContent}: ${Math.round(b.getBoundingClientRect().height)}px`),
  );
  assert.deepEqual(small, [], `touch targets under 64 px on ${where}`);
}

describe('first-start set-up wizard on a blank terminal (built host, reference portal, Chromium)', () => {
  let portal: ServerProcess;
  let browser: Browser;
  let kiosk: KioskProcess | null = null;
  const dir = mkdtempSync(join(tmpdir(), 'setup-e2e-'));
  const dataDir = join(dir, 'kiosk');
  before(async () => {
    portal = await startServerProcess('src-portal/main.ts', ['--port', '0', '--data-dir', join(dir, 'portal')]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await kiosk?.stop();
    await portal?.stop();
  });

  it('walks every step by touch, refuses bad input with nothing written, finishes, enrolls and starts the configured kiosk', async () => {
    kiosk = await startKioskProcess(dataDir, { blank: true, env: { SANE_CONFIG_DIR } });
    const page = await kioskPage(browser);
    await page.goto(kiosk.url);
    await page.getByTestId('screen-setup-mode').waitFor();
    assert.equal(await page.getByTestId('staff-corner').count(), 0, 'citizens get nothing usable');
    await touchTargetsOk(page, 'the set-up screen');
    await shot(page, '0-mode');

    // (a) the IT PIN, twice.
    await page.getByTestId('setup-open').click();
    await page.getByTestId('setup-it-pin').waitFor();
    await shot(page, '1-it-pin');
    await typePin(page, TEST_PINS.it);
    await typePin(page, TEST_PINS.it);

    // (b) center and terminal id: a bad id is named and nothing is written.
    await page.locator('[data-testid="setup-wizard"][data-step="center"]').waitFor();
    await retype(page, 'terminal-id', 'kiosk_07');
    await refused(page, 'center', 'terminal-id-invalid');
    assert.equal(await page.getByTestId('setup-field-terminal-id').getAttribute('class').then((c) => c?.includes('invalid')), true);
    await shot(page, '2-center-refused');
    await retype(page, 'terminal-id', 'kiosk-07');
    await retype(page, 'center-vi', 'trung taam an phus');
    await retype(page, 'center-en', 'an phu center');
    assert.equal(await page.getByTestId('setup-field-center-vi').innerText(), 'trung tâm an phú');
    await touchTargetsOk(page, 'the center step');
    await shot(page, '2-center');
    await next(page, 'portal');

    // (c) the portal: unreachable, then a wrong token, each named; a citizen's card scanned by mistake is named too.
    await page.getByTestId('setup-portal-online').click();
    await retype(page, 'portal-url', 'http://127.0.0.1:1');
    await retype(page, 'portal-token', 'demo-enrollment-token');
    await refused(page, 'portal', 'portal-unreachable');
    await shot(page, '3-portal-unreachable');
    await retype(page, 'portal-url', portal.url);
    await retype(page, 'portal-token', 'wrong-token');
    await refused(page, 'portal', 'token-refused');
    await shot(page, '3-portal-refused');
    await page.getByTestId('setup-read-qr').click();
    await page.locator('[data-testid="setup-qr-result"][data-state="waiting"]').waitFor();
    await scan(kiosk, card);
    await page.locator('[data-testid="setup-qr-result"] [data-reason="qr-citizen-id"]').waitFor();
    await shot(page, '3-portal-qr-citizen-id');
    // A keyboard-wedge scanner types the QR into the page: read at once, no button needed.
    await page.keyboard.type(formatSetupQr({ motcuaSetup: 1, portalUrl: portal.url, enrollmentToken: 'typed-by-a-wedge-scanner' }));
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="setup-qr-result"][data-state="read"]').waitFor();
    assert.equal(await page.getByTestId('setup-field-portal-token').innerText(), 'typed-by-a-wedge-scanner');
    // The portal's set-up QR fills both fields.
    await page.getByTestId('setup-read-qr').click();
    await page.locator('[data-testid="setup-qr-result"][data-state="waiting"]').waitFor();
    await scan(kiosk, formatSetupQr({ motcuaSetup: 1, portalUrl: portal.url, enrollmentToken: 'demo-enrollment-token', expiresAt: '2030-01-01T00:00:00Z' }));
    await page.locator('[data-testid="setup-qr-result"][data-state="read"]').waitFor();
    assert.equal(await page.getByTestId('setup-field-portal-url').innerText(), portal.url);
    assert.equal(await page.getByTestId('setup-field-portal-token').innerText(), 'demo-enrollment-token');
    await touchTargetsOk(page, 'the portal step');
    await shot(page, '3-portal');
    assert.equal(existsSync(join(dataDir, 'config.json')), false, 'nothing written by refused steps');
    await next(page, 'printer');

    // (d) the printer: a test page through the candidate settings.
    await page.getByTestId('setup-printer-paper-384').click();
    await page.getByTestId('setup-printer-paper-576').click();
    const printsBefore = existsSync(join(dataDir, 'prints')) ? readdirSync(join(dataDir, 'prints')).length : 0;
    await page.getByTestId('setup-test-print').click();
    await page.locator('[data-testid="setup-print-result"][data-state="done"]').waitFor();
    assert.ok(readdirSync(join(dataDir, 'prints')).filter((f) => f.endsWith('.png')).length > printsBefore, 'the test page came out of the virtual printer');
    await page.getByTestId('setup-printer-device-file').click();
    await page.getByTestId('setup-printer-files').waitFor();
    await shot(page, '4-printer-usb');
    await page.getByTestId('setup-printer-virtual').click();
    await touchTargetsOk(page, 'the printer step');
    await shot(page, '4-printer');
    await next(page, 'barcode');
    await page.getByTestId('setup-scanner-virtual').click();

    // (e) the barcode scanner: a test read shows what was read.
    await page.getByTestId('setup-test-read').click();
    await page.locator('[data-testid="setup-read-result"][data-state="busy"]').waitFor();
    await scan(kiosk, 'TEST-LABEL-42');
    await page.locator('[data-testid="setup-read-result"][data-state="done"]').waitFor();
    assert.match(await page.getByTestId('setup-read-result').innerText(), /TEST-LABEL-42/);
    await touchTargetsOk(page, 'the scanner step');
    await shot(page, '5-barcode');
    await next(page, 'docscan');

    // (f) the document scanner: SANE's test backend as scanimage -L lists it, one test page.
    await page.locator('[data-testid="setup-docscan-test:0"]').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="setup-docscan-test:0"]').click();
    await page.getByTestId('setup-test-scan').click();
    await page.locator('[data-testid="setup-scan-result"][data-state="done"]').waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('setup-scan-result').innerText(), /\d+ × \d+/);
    await touchTargetsOk(page, 'the document scanner step');
    await shot(page, '6-docscan');
    await next(page, 'staff-pin');

    // (g) the staff PIN, twice.
    await shot(page, '7-staff-pin');
    await typePin(page, TEST_PINS.staff);
    await typePin(page, TEST_PINS.staff);
    await page.getByTestId('setup-staff-pin-chosen').waitFor();
    await next(page, 'review');

    // (h) review, then finish: config.json written, the kiosk starts anew on the attract screen.
    await touchTargetsOk(page, 'the review');
    await shot(page, '8-review');
    // The same in English: the words fit too.
    await page.getByTestId('setup-language').click();
    await page.getByText('Review and finish').waitFor();
    await touchTargetsOk(page, 'the review in English');
    await shot(page, '8-review-en');
    await page.getByTestId('setup-language').click();
    assert.equal(existsSync(join(dataDir, 'config.json')), false, 'nothing written before Finish');
    await page.getByTestId('setup-next').click();
    await page.getByTestId('screen-attract').waitFor({ timeout: 30_000 });
    await shot(page, '9-attract');
    const written = JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')) as {
      terminal: { id: string };
      center: { name: { vi: string; en: string }; timeZone: string };
      sync: { portalUrl: string; enrollmentToken: string };
      printer: { driver: string; paperWidthDots: number };
      devices: { scanner: { driver: string }; documentScanner: { driver: string; device: string } };
    };
    assert.equal(written.terminal.id, 'KIOSK-07');
    assert.deepEqual(written.center.name, { vi: 'trung tâm an phú', en: 'an phu center' });
    assert.equal(written.sync.portalUrl, portal.url);
    assert.equal(written.sync.enrollmentToken, 'demo-enrollment-token');
    assert.deepEqual([written.printer.driver, written.printer.paperWidthDots], ['virtual', 576]);
    assert.equal(written.devices.scanner.driver, 'virtual');
    assert.deepEqual(written.devices.documentScanner, { driver: 'sane', device: 'test:0' });
    assert.equal('queue' in written, false, 'the embedded defaults stay underneath, not copied in');

    // The kiosk is enrolled with the portal: the wizard's enrollment was kept, and the new core heartbeats with it.
    assert.ok(existsSync(join(dataDir, 'portal-credential')), 'the credential is kept');
    const portalDb = new BetterSqlite3(join(dir, 'portal', 'portal.sqlite3'), { readonly: true, fileMustExist: true });
    try {
      const deadline = Date.now() + 20_000;
      const row = () => portalDb.prepare('SELECT id, last_heartbeat FROM terminals WHERE id = ?').get('KIOSK-07') as { id: string; last_heartbeat: string | null } | undefined;
      while (row()?.last_heartbeat == null) {
        assert.ok(Date.now() < deadline, `no heartbeat from KIOSK-07 within 20 s: ${JSON.stringify(row())}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      assert.equal(portalDb.prepare('SELECT count(*) FROM terminals').pluck().get(), 1, 'one terminal, enrolled once more by nothing else');
    } finally {
      portalDb.close();
    }

    // A second start opens the kiosk, not the wizard; the staff PIN set by the wizard opens the panel.
    await kiosk.stop();
    kiosk = await startKioskProcess(dataDir, { blank: true, env: { SANE_CONFIG_DIR } });
    await page.goto(kiosk.url);
    await page.getByTestId('screen-attract').waitFor();
    assert.equal(await page.getByTestId('screen-setup-mode').count(), 0);

    // Redo from the IT menu: the same steps prefilled with the running configuration; cancel changes nothing.
    await openStaffPanel(page, 'it');
    await page.getByTestId('staff-setup-wizard').click();
    await page.locator('[data-testid="setup-wizard"][data-step="center"]').waitFor();
    assert.equal(await page.getByTestId('setup-field-terminal-id').innerText(), 'KIOSK-07');
    await shot(page, '10-redo');
    // A portrait kiosk: the keyboard under the fields, clear of the buttons.
    await page.setViewportSize({ width: 1080, height: 1920 });
    const keyboardBox = await page.getByTestId('setup-keyboard').boundingBox();
    const nextBox = await page.getByTestId('setup-next').boundingBox();
    assert.ok(keyboardBox && nextBox && keyboardBox.y + keyboardBox.height <= nextBox.y, 'the keyboard ends above the buttons');
    await touchTargetsOk(page, 'the center step, portrait');
    await shot(page, '10-redo-portrait');
    await page.setViewportSize({ width: 1920, height: 1080 });
    const before = readFileSync(join(dataDir, 'config.json'), 'utf8');
    await page.getByTestId('setup-cancel').click();
    await page.getByTestId('staff-panel').waitFor();
    assert.equal(readFileSync(join(dataDir, 'config.json'), 'utf8'), before);
  });
});
