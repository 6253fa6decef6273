import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '../sync/server-process';
import { kioskPage, launchBrowser, ROOT, shot, startKioskProcess, type KioskProcess } from './harness';
import { next, startDossierWithCard, typeOnKeyboard } from './journey-steps';

/*
 * The personal-data lifecycle end to end (decision 0022): a citizen submits a dossier with scanned
 * pages in Chromium, the reference portal acknowledges it, and with privacy.retentionHours = 0 the
 * kiosk erases it. Then no file under the data folder (the SQLite database and its WAL included,
 * files/, prints/, logs/) holds the citizen's ID number, name (NFC and NFD, with and without tone
 * marks), phone or address; every file is 0600 and every folder 0700; and a lookup by the code
 * and the last 4 ID digits still answers, with the portal's status.
 */

const LAND = '1.012790';
const NAME = 'Nguyễn Thị Thu Hương';
const ID = '001190012345';
const ADDRESS = 'Số 12 ngõ 34 phố Đội Cấn, phường Ngọc Hà, Hà Nội';
const PHONE = '0912345678';
const CARD = `${ID}|123456789|${NAME}|17051990|Nữ|${ADDRESS}|04102021`;
const SANE = join(ROOT, 'tests/fixtures/sane');

const withoutMarks = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

/** What must not be left anywhere: UTF-8 bytes of each form, and of each form in lower case. */
function forbiddenTexts(): Map<string, Buffer> {
  const texts = new Map<string, Buffer>();
  const add = (label: string, s: string) => {
    texts.set(label, Buffer.from(s, 'utf8'));
    texts.set(`${label} (lower case)`, Buffer.from(s.toLocaleLowerCase('vi'), 'utf8'));
  };
  add('ID number', ID);
  add('name NFC', NAME.normalize('NFC'));
  add('name NFD', NAME.normalize('NFD'));
  add('name without marks', withoutMarks(NAME));
  add('phone', PHONE);
  add('address NFC', ADDRESS.normalize('NFC'));
  add('address NFD', ADDRESS.normalize('NFD'));
  add('address without marks', withoutMarks(ADDRESS));
  return texts;
}

function walk(dir: string): { files: string[]; dirs: string[] } {
  const out = { files: [] as string[], dirs: [dir] };
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isDirectory()) {
      const inner = walk(path);
      out.files.push(...inner.files);
      out.dirs.push(...inner.dirs);
    } else out.files.push(path);
  }
  return out;
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const logText = (dataDir: string) =>
  readdirSync(join(dataDir, 'logs'))
    .map((f) => readFileSync(join(dataDir, 'logs', f), 'utf8'))
    .join('');

/** The log's lines, each one JSON object (issue #21: structured lines a technician can grep). */
const logLines = (dataDir: string) =>
  logText(dataDir)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { level: string; event?: string; [field: string]: unknown });

describe('personal data leaves the kiosk after the portal has it (Chromium, reference portal)', () => {
  let browser: Browser;
  let portal: ServerProcess;
  let kiosk: KioskProcess;
  const portalDir = mkdtempSync(join(tmpdir(), 'portal-e2e-'));
  before(async () => {
    browser = await launchBrowser();
    portal = await startServerProcess('src-portal/main.ts', ['--port', '0', '--data-dir', portalDir]);
    kiosk = await startKioskProcess(undefined, {
      config: {
        sync: { portalUrl: portal.url, enrollmentToken: 'demo-enrollment-token', heartbeatSeconds: 2 },
        privacy: { retentionHours: 0, purgeIntervalSeconds: 1 },
        // No purge while the citizen may be at the receipt screen: idle timeout + warning (35 s here).
        idle: { timeoutSeconds: 15, warningSeconds: 20 },
        devices: { documentScanner: { driver: 'sane', source: 'flatbed', resolution: 100 } },
      },
      env: { SANE_CONFIG_DIR: SANE },
    });
  });
  after(async () => {
    await browser?.close();
    await kiosk?.stop();
    await portal?.stop();
  });

  it('submits, is acknowledged, erases every trace of the citizen, keeps modes tight, and still answers a lookup', async () => {
    const page = await kioskPage(browser, 'landscape');
    await page.goto(kiosk.url);
    await page.getByTestId('screen-attract').click();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await startDossierWithCard(page, kiosk, LAND, CARD);
    await page.getByTestId('field-contact-phone').tap();
    await typeOnKeyboard(page, PHONE);
    await next(page, 'dossier-form');
    await page.getByTestId('field-formValues-certificateSerial').tap();
    await typeOnKeyboard(page, 'ab 123456');
    await page.getByTestId('field-formValues-errorDescription').tap();
    await typeOnKeyboard(page, 'sai nam sinh');
    await next(page, 'dossier-documents');
    for (const doc of ['don-de-nghi-dinh-chinh', 'giay-to-chung-minh-sai-sot']) {
      await page.getByTestId(`doc-${doc}-scan`).tap();
      await page.locator(`[data-testid="doc-${doc}"][data-state="scanned"] [data-testid="scanned-page"]`).first().waitFor({ timeout: 60_000 });
    }
    await next(page, 'dossier-delivery');
    await page.getByTestId('delivery-at_center').tap();
    await next(page, 'dossier-consent');
    // The consent says what stays, where and for how long, with the configured retention (0 h).
    const consent = await page.getByTestId('consent-kept').innerText();
    assert.match(consent, /lưu trong bộ nhớ của ki-ốt/);
    assert.match(consent, /cổng dịch vụ công của tỉnh đã nhận hồ sơ .*— không lâu hơn/);
    assert.match(consent, /4 số cuối giấy tờ tùy thân/);
    await page.getByTestId('consent-agree').tap();
    await shot(page, 'privacy-01-consent');
    await next(page, 'dossier-review');
    await page.getByTestId('dossier-next').tap();
    await page.getByTestId('dossier-receipt').waitFor({ timeout: 30_000 });
    const code = await page.getByTestId('receipt-code').innerText();
    assert.match(await page.getByTestId('receipt-kept').innerText(), /cho tới khi cổng dịch vụ công của tỉnh đã nhận hồ sơ — không lâu hơn, rồi được xóa hẳn/);
    await shot(page, 'privacy-02-receipt');
    // The receipt screen shows the citizen's own name: nothing was erased under it.
    assert.equal(await page.locator('.dossier__facts dd').nth(1).innerText(), NAME);
    await page.getByTestId('receipt-done').tap();
    // The optional rating of the kiosk's service, skipped in one tap.
    await page.getByTestId('rating-skip').tap();
    await page.getByTestId('screen-attract').waitFor();

    // The portal has it (its admin page lists the code); then the kiosk's purge takes it off the terminal.
    const admin = await browser.newPage();
    for (let i = 0; ; i++) {
      await admin.goto(`${portal.url}/admin`);
      if ((await admin.locator('tr', { hasText: code }).count()) > 0) break;
      if (i > 100) throw new Error('the portal never listed the dossier');
      await new Promise((r) => setTimeout(r, 300));
    }
    await admin.close();
    await waitFor('the purge of the dossier', () => logLines(kiosk.dataDir).some((l) => l.event === 'privacy.purge' && l.dossiers === 1), 60_000);
    const objects = join(kiosk.dataDir, 'files', 'objects');
    await waitFor('the content files to go', () => walk(objects).files.length === 0);
    await waitFor('the printed receipt to go', () => !existsSync(join(kiosk.dataDir, 'prints')) || readdirSync(join(kiosk.dataDir, 'prints')).length === 0);

    // Not one byte of the citizen anywhere in the data folder, while the kiosk runs (db, WAL, logs …).
    const { files, dirs } = walk(kiosk.dataDir);
    assert.ok(files.some((f) => f.endsWith('kiosk.sqlite3')) && files.some((f) => f.includes(join('logs', 'kiosk-'))));
    const found: string[] = [];
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const [label, needle] of forbiddenTexts()) if (bytes.includes(needle)) found.push(`${label} in ${file}`);
    }
    assert.deepEqual(found, []);
    // The same search finds the citizen where the data now lives: the portal's store.
    const atPortal = walk(portalDir).files.map((f) => readFileSync(f));
    for (const label of ['ID number', 'name NFC', 'address NFC']) {
      const needle = forbiddenTexts().get(label) ?? Buffer.alloc(0);
      assert.ok(atPortal.some((bytes) => bytes.includes(needle)), `the portal's store holds the ${label}`);
    }

    // Owner only: every folder 0700, every file 0600 (the harness wrote config.json 0644 before start).
    const loose = [
      ...dirs.filter((d) => (lstatSync(d).mode & 0o777) !== 0o700).map((d) => `${d} ${(lstatSync(d).mode & 0o777).toString(8)}`),
      ...files.filter((f) => (lstatSync(f).mode & 0o777) !== 0o600).map((f) => `${f} ${(lstatSync(f).mode & 0o777).toString(8)}`),
    ];
    assert.deepEqual(loose, []);

    // The lookup still answers: the last 4 digits were kept for it, the status comes from the portal.
    await page.getByTestId('screen-attract').click();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByTestId('home-lookup').click();
    await page.getByTestId('ime-none').click();
    await typeOnKeyboard(page, code.toLowerCase());
    await page.getByTestId('field-lookup-last4').tap();
    await typeOnKeyboard(page, ID.slice(-4));
    await page.getByTestId('lookup-submit').tap();
    await page.getByTestId('lookup-result').waitFor();
    // The same code, or the official one the portal linked to a provisional code (both find it).
    const shown = await page.getByTestId('lookup-code').innerText();
    assert.ok(shown === code || (code.startsWith('TAM-') && /^[0-9A-Z.]+-\d{6}-\d{4}$/.test(shown)), `the lookup shows ${shown} for ${code}`);
    assert.match(await page.getByTestId('lookup-status').innerText(), /Mới tiếp nhận/);
    assert.equal(await page.getByTestId('lookup-erased').getAttribute('data-status-source'), 'portal');
    assert.match(await page.getByTestId('lookup-erased').innerText(), /đã được xóa khỏi ki-ốt/);
    await page.getByTestId('lookup-erased').scrollIntoViewIfNeeded();
    await shot(page, 'privacy-03-lookup-after-purge');

    // Offline, the same lookup answers with the last status the kiosk knew, and says so.
    await portal.stop();
    await waitFor('the kiosk to notice the portal is gone', () => /portal exchange failed/.test(logText(kiosk.dataDir)), 20_000);
    await page.getByTestId('lookup-submit').tap();
    await page.waitForFunction(() => document.querySelector('[data-testid="lookup-erased"]')?.getAttribute('data-status-source') === 'kiosk', null, { timeout: 20_000 });
    assert.match(await page.getByTestId('lookup-erased').innerText(), /chưa kết nối được với cổng dịch vụ công/);
    await page.getByTestId('lookup-erased').scrollIntoViewIfNeeded();
    await shot(page, 'privacy-04-lookup-offline');

    // The log told what happened, in events, and still holds none of the citizen: the start, the
    // purge, the link going down; the device states at start (issue #21's log scan).
    await waitFor('the link.down event', () => logLines(kiosk.dataDir).some((l) => l.event === 'link.down' && l.level === 'warn'), 20_000);
    const named = new Set(logLines(kiosk.dataDir).map((l) => l.event));
    for (const event of ['kiosk.start', 'device.state', 'privacy.purge', 'link.up', 'link.down']) assert.ok(named.has(event), `the log has a ${event} event`);
    const inLogs = [...forbiddenTexts()].filter(([, needle]) => Buffer.from(logText(kiosk.dataDir)).includes(needle)).map(([label]) => label);
    assert.deepEqual(inLogs, []);
    await page.close();
  });
});
