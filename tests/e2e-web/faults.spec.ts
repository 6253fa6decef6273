import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { systemClock } from '../../src-main/kernel/clock';
import { VirtualPrinter } from '../../src-main/devices/virtual/virtual-printer';
import { type WebHost } from '../../src-main/web-host/web-host';
import { demoConfig } from '../fakes/demo-config';
import { kioskPage, launchBrowser, shot } from './harness';
import { startInProcessKiosk } from './in-process-kiosk';

/** A kiosk core in this process, so the test can reach its virtual printer. */
async function startInProcess(prepare: (dataDir: string) => void = () => {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  prepare(dataDir);
  const printer = new VirtualPrinter(576, join(dataDir, 'prints'), systemClock);
  const { core, host, stop } = await startInProcessKiosk({ dataDir, config: demoConfig({ devices: { healthPollSeconds: 0.2 } }), printer });
  // Closed after the suite: a core holds sockets (the virtual scanner) that keep the process alive.
  return { printer, core, host: { ...host, close: stop } };
}

async function toPriority(page: Page) {
  await page.getByTestId('screen-attract').click();
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.getByRole('button', { name: 'Lấy số thứ tự' }).click();
  await page.getByRole('button', { name: /Hộ tịch/ }).first().click();
  await page.getByTestId('screen-priority').waitFor();
}

describe('faults seen by the citizen', () => {
  let browser: Browser;
  const hosts: WebHost[] = [];
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    for (const h of hosts) await h.close();
  });

  it('a print that breaks off mid-job: the number is still issued, the screen says so, and a reprint works', async () => {
    const { printer, host } = await startInProcess();
    hosts.push(host);
    printer.failNextJob('Connection reset while printing');
    const page = await kioskPage(browser, 'portrait');
    await page.goto(host.url);
    await toPriority(page);
    await page.getByRole('button', { name: 'Không' }).click();
    await page.getByTestId('screen-ticket').waitFor();
    assert.equal((await page.getByTestId('ticket-number').innerText()).trim(), 'B001');
    const status = page.getByTestId('ticket-print-status');
    assert.equal(await status.getAttribute('data-printed'), 'false');
    await shot(page, 'vi-07-ticket-print-failed-portrait');
    assert.equal(printer.lastPrint(), undefined);

    await page.getByTestId('ticket-reprint').click();
    await page.locator('[data-testid="ticket-print-status"][data-printed="true"]').waitFor();
    assert.equal(printer.lastPrint()?.job.cuts, 1);
    await page.close();
  });

  it('out of paper: the ticket tile is unavailable with a message, and returns when paper is back', async () => {
    const { printer, host } = await startInProcess();
    hosts.push(host);
    const page = await kioskPage(browser);
    await page.goto(host.url);
    await page.getByTestId('screen-attract').click();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    const tile = page.getByTestId('home-queue');
    assert.equal(await tile.isEnabled(), true);
    printer.setState('paper-out');
    await page.locator('[data-testid="home-queue"]:disabled').waitFor({ timeout: 5000 });
    assert.match(await tile.innerText(), /hết giấy/);
    await shot(page, 'vi-10-home-paper-out');
    printer.setState('ok');
    await page.locator('[data-testid="home-queue"]:enabled').waitFor({ timeout: 5000 });
    await page.close();
  });

  it('idle: warns with a countdown, then wipes the session back to the attract screen', async () => {
    const { host } = await startInProcess();
    hosts.push(host);
    const page = await kioskPage(browser);
    await page.clock.install();
    await page.goto(host.url);
    await toPriority(page);
    await page.clock.fastForward(61_000);
    await page.getByTestId('idle-warning').waitFor();
    await shot(page, 'vi-08-idle-warning');
    await page.clock.fastForward(21_000);
    await page.getByTestId('screen-attract').waitFor();
    assert.equal(await page.getByTestId('screen-priority').count(), 0);
    await page.close();
  });

  it('a damaged store puts the kiosk out of service with a reason for staff', async () => {
    const { host } = await startInProcess((dir) => writeFileSync(join(dir, 'kiosk.sqlite3'), 'not a database'.repeat(500)));
    hosts.push(host);
    const page = await kioskPage(browser);
    await page.goto(host.url);
    await page.getByTestId('screen-store-error').waitFor();
    assert.match(await page.getByTestId('screen-store-error').innerText(), /corrupt/);
    await shot(page, 'vi-09-store-error');
    await page.close();
  });
});
