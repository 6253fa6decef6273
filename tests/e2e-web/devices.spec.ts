import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { inkRatio, KioskInChromium, kioskPage, openStaffPanel, shot } from './harness';
import { scan } from './journey-steps';

const card = '001099012345|123456789|Nguyễn Văn An|01021990|Nam|12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội|04102021';


describe('devices: staff panel, virtual scanner, test print', () => {
  const env = KioskInChromium.forSuite();

  it('a long press and the PIN open the panel; a scanned CCCD shows only its masked ID and initials; test print prints; a garbled scan gets its reason', async () => {
    const page = await kioskPage(env.browser);
    await page.goto(env.kiosk.url);
    await page.getByTestId('screen-attract').waitFor();
    await openStaffPanel(page);
    await page.locator('[data-testid="staff-device-printer"][data-state="ok"]').waitFor();
    await page.locator('[data-testid="staff-device-barcode-scanner"][data-state="ok"]').waitFor();

    await scan(env.kiosk, card);
    await page.locator('[data-testid="staff-scan"][data-kind="cccd"]').waitFor();
    // What a technician needs, never the card's data (masked in main).
    assert.equal(await page.getByTestId('scan-initials').innerText(), 'N.V.A.');
    assert.equal(await page.getByTestId('scan-id').innerText(), '********2345');
    const panelText = await page.getByTestId('staff-panel').innerText();
    for (const secret of ['Nguyễn', '001099012345', '01/02/1990', 'Lý Thường Kiệt']) assert.ok(!panelText.includes(secret), `the panel shows no ${secret}`);

    await page.getByTestId('staff-test-read').click();
    await page.locator('[data-testid="staff-scan"][data-kind="cccd"]').waitFor();

    await page.getByTestId('staff-test-print').click();
    await page.locator('[data-testid="staff-print-result"][data-printed="true"]').waitFor();
    const prints = readdirSync(join(env.kiosk.dataDir, 'prints')).filter((f) => f.endsWith('.png'));
    assert.equal(prints.length, 1);
    const ink = await inkRatio(join(env.kiosk.dataDir, 'prints', prints[0] ?? ''));
    assert.ok(ink.ratio > 0.02, `the test page has ink (${ink.ratio})`);
    await shot(page, 'vi-20-staff-panel-cccd');

    await scan(env.kiosk, Buffer.from(card, 'utf8').toString('latin1'));
    await page.locator('[data-testid="staff-scan"][data-kind="unknown"]').waitFor();
    assert.match(await page.getByTestId('scan-reason').innerText(), /garbled/);
    await shot(page, 'vi-21-staff-panel-garbled');
    await page.getByTestId('staff-close').click();
    await page.getByTestId('staff-panel').waitFor({ state: 'detached' });
    await page.close();
  });
});
