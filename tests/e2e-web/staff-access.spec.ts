import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import type { KioskClient } from '../../src-shared/contract';
import {
  kioskPage,
  launchBrowser,
  longPressStaffCorner,
  openStaffPanel,
  ROOT,
  setUpPins,
  shot,
  startKioskProcess,
  TEST_PINS,
  typePin,
  type KioskProcess,
} from './harness';
import { scan } from './journey-steps';

const card = '001099017777|123456789|Nguyễn Văn An|01021990|Nam|12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội|04102021';

describe('staff access: PIN pad, lockout, roles enforced in main', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-access-'));
  const clockFile = join(dataDir, '..', `${dataDir.split('/').pop() ?? 'x'}-clock`);
  // The kiosk process runs on a clock the spec can move (tests/e2e-web/fake-clock.mjs).
  const options = {
    config: { idle: { timeoutSeconds: 10, warningSeconds: 20 } },
    env: { NODE_OPTIONS: `--import ${join(ROOT, 'tests/e2e-web/fake-clock.mjs')}`, KIOSK_FAKE_CLOCK_FILE: clockFile },
  };
  let kiosk: KioskProcess;
  let browser: Browser;

  before(async () => {
    writeFileSync(clockFile, '0');
    kiosk = await startKioskProcess(dataDir, options);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
    await kiosk.stop();
  });

  const open = async (): Promise<Page> => {
    const page = await kioskPage(browser);
    await page.goto(kiosk.url);
    await page.getByTestId('screen-attract').waitFor();
    return page;
  };

  it('a terminal with no PIN offers only the IT set-up; IT sets both PINs and is in as IT', async () => {
    const page = await open();
    await longPressStaffCorner(page);
    await page.getByTestId('pin-none').waitFor();
    assert.equal(await page.getByTestId('pin-pad').count(), 0, 'no PIN pad before a PIN exists');
    assert.equal(await page.getByTestId('staff-panel').count(), 0);
    await shot(page, 'vi-30-staff-no-pin');
    await setUpPins(page);
    assert.equal(await page.getByTestId('staff-role').getAttribute('data-role'), 'it');
    await page.getByTestId('staff-close').click();
    await page.getByTestId('staff-gate').waitFor({ state: 'detached' });
    await page.close();
  });

  it('a staff method called straight through window.kiosk without a token is refused with forbidden', async () => {
    const page = await open();
    const replies = await page.evaluate(async () => {
      const kiosk = (window as unknown as { kiosk: KioskClient }).kiosk;
      const invoke = kiosk.getDeviceStatus as (request: unknown) => ReturnType<KioskClient['getDeviceStatus']>;
      const read = kiosk.getLastScan as (request: unknown) => ReturnType<KioskClient['getLastScan']>;
      return [await invoke({}), await invoke({ session: 'A'.repeat(43) }), await read({}), await kiosk.getInfo({})];
    });
    assert.deepEqual(
      replies.slice(0, 3).map((r) => (r.ok ? 'ok' : r.error.code)),
      ['forbidden', 'forbidden', 'forbidden'],
    );
    assert.equal(replies[3]?.ok, true, 'a citizen method needs no token');
    await page.close();
  });

  it('long press shows the PIN pad; 5 wrong PINs lock entry, still after a restart; the right PIN works once the lock passed', async () => {
    let page = await open();
    await longPressStaffCorner(page);
    await page.getByTestId('pin-pad').waitFor();
    for (const digit of '1234') await page.getByTestId(`pin-key-${digit}`).click();
    assert.equal(await page.getByTestId('pin-dots').innerText(), '●●●●', 'digits are masked');
    assert.equal(await page.getByTestId('pin-ok').isDisabled(), true, 'fewer than 6 digits cannot be sent');
    const key = await page.getByTestId('pin-key-5').boundingBox();
    assert.ok(key && key.width >= 64 && key.height >= 64, `keys are at least 64 px: ${JSON.stringify(key)}`);
    await shot(page, 'vi-31-staff-pin-pad');
    await page.getByTestId('pin-erase').click();
    await page.locator('[data-testid="pin-dots"][data-count="3"]').waitFor();
    for (let i = 0; i < 3; i++) await page.getByTestId('pin-erase').click();

    for (let left = 4; left >= 1; left--) {
      await typePin(page, '999999');
      await page.getByTestId('pin-message').filter({ hasText: `Còn ${left} lần thử` }).waitFor();
    }
    await typePin(page, '999999');
    await page.getByTestId('pin-locked').waitFor();
    assert.match(await page.getByTestId('pin-locked').innerText(), /Đã khóa đăng nhập/);
    await shot(page, 'vi-32-staff-locked');
    await page.close();

    // The lockout is in the store: a restarted kiosk is still locked, even for the right PIN.
    await kiosk.stop();
    kiosk = await startKioskProcess(dataDir, options);
    page = await open();
    await longPressStaffCorner(page);
    await page.getByTestId('pin-locked').waitFor();
    const stillLocked = await page.evaluate(async (pin) => (window as unknown as { kiosk: KioskClient }).kiosk.loginStaff({ pin }), TEST_PINS.staff);
    assert.deepEqual(stillLocked.ok && stillLocked.value.outcome, 'locked');
    await page.getByTestId('pin-cancel').click();

    // Five minutes later (the kiosk's clock moved), the right PIN opens the panel as staff.
    writeFileSync(clockFile, String(5 * 60_000 + 1_000));
    await new Promise((r) => setTimeout(r, 300));
    await openStaffPanel(page, 'staff');
    assert.equal(await page.getByTestId('staff-role').getAttribute('data-role'), 'staff');
    assert.match(await page.getByTestId('staff-role').innerText(), /CÁN BỘ/);
    assert.equal(await page.getByTestId('staff-pins').count(), 0, 'staff cannot change PINs');
    await page.getByTestId('staff-close').click();
    await page.getByTestId('staff-gate').waitFor({ state: 'detached' });
    await page.close();

    // The store is the kiosk's alone while it runs: read the audit with the kiosk stopped.
    await kiosk.stop();
    const db = new BetterSqlite3(join(dataDir, 'kiosk.sqlite3'), { readonly: true });
    const events = db.prepare(`SELECT event, role, terminal_id AS terminal FROM staff_audit ORDER BY id`).all();
    db.close();
    assert.deepEqual(events.slice(-3), [
      { event: 'lockout', role: null, terminal: 'KIOSK-01' },
      { event: 'login', role: 'staff', terminal: 'KIOSK-01' },
      { event: 'logout', role: 'staff', terminal: 'KIOSK-01' },
    ]);
    kiosk = await startKioskProcess(dataDir, options);
  });

  it('test read after a CCCD scan shows the masked ID only; after the idle reset it shows nothing and the panel is closed', async () => {
    const page = await open();
    await openStaffPanel(page, 'staff');
    await scan(kiosk, card);
    await page.locator('[data-testid="staff-scan"][data-kind="cccd"]').waitFor();
    await page.getByTestId('staff-test-read').click();
    await page.locator('[data-testid="scan-id"]', { hasText: '********7777' }).waitFor();
    assert.equal(await page.getByTestId('scan-initials').innerText(), 'N.V.A.');
    const text = await page.getByTestId('staff-panel').innerText();
    for (const secret of ['001099017777', 'Nguyễn', 'Lý Thường Kiệt', '01/02/1990']) assert.ok(!text.includes(secret), `no ${secret} in the panel`);
    await page.getByTestId('staff-test-read').scrollIntoViewIfNeeded();
    await shot(page, 'vi-33-staff-test-read-masked');
    await page.getByTestId('staff-close').click();

    // A citizen starts, a card is scanned, the citizen walks away: the idle reset wipes it.
    await page.getByTestId('screen-attract').click();
    await page.getByTestId('screen-language').waitFor();
    await openStaffPanel(page, 'staff');
    await scan(kiosk, card);
    await page.locator('[data-testid="scan-id"]', { hasText: '********7777' }).waitFor();
    // The idle reset (10 s and the 20 s warning here) closes the panel and ends the staff session with the citizen's.
    await page.getByTestId('staff-gate').waitFor({ state: 'detached', timeout: 50_000 });
    await page.getByTestId('screen-attract').waitFor();
    await openStaffPanel(page, 'staff');
    await page.getByTestId('staff-test-read').click();
    await page.getByTestId('staff-scan-none').waitFor();
    await page.close();
  });
});
