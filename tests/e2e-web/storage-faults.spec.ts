import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { makeReadOnly, readOnlyCommand } from '../fakes/read-only';
import { kioskPage, launchBrowser, openStaffPanel, ROOT, shot, startKioskProcess, type KioskProcess } from './harness';
import { next, startDossierWithCard, typeOnKeyboard } from './journey-steps';

/** The land procedure "Đính chính Giấy chứng nhận": two scannable documents and one paper-only. */
const LAND = '1.012790';
const CARD = '001190012345|123456789|Nguyễn Thị Thu Hương|17051990|Nữ|Số 12 ngõ 34 phố Đội Cấn, phường Ngọc Hà, Hà Nội|04102021';
const SCANNED_DOCS = ['don-de-nghi-dinh-chinh', 'giay-to-chung-minh-sai-sot'];

/** RLIMIT_FSIZE 0 on the running kiosk: every write that would grow a file fails (EFBIG), as on a full disk. */
const fillDisk = (kiosk: KioskProcess) => execFileSync('prlimit', ['--pid', String(kiosk.child.pid), '--fsize=0:unlimited']);
const freeDisk = (kiosk: KioskProcess) => execFileSync('prlimit', ['--pid', String(kiosk.child.pid), '--fsize=unlimited']);

async function fill(page: Page, path: string, text: string): Promise<void> {
  await page.getByTestId(`field-${path.replace(/\W/g, '-')}`).tap();
  await typeOnKeyboard(page, text);
}

async function start(page: Page, kiosk: KioskProcess): Promise<void> {
  await page.goto(kiosk.url);
  await page.getByTestId('screen-attract').click();
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.getByTestId('screen-home').waitFor();
}

/** From the home screen to the documents step of the land procedure, the card read by the (virtual) scanner. */
async function toDocuments(page: Page, kiosk: KioskProcess): Promise<void> {
  await startDossierWithCard(page, kiosk, LAND, CARD);
  await fill(page, 'contact.phone', '0912345678');
  await next(page, 'dossier-form');
  await fill(page, 'formValues.certificateSerial', 'ab 123456');
  await fill(page, 'formValues.errorDescription', 'loi ghi ten');
  await next(page, 'dossier-documents');
}

/** A kiosk whose every write of the data folder is refused for the whole run. */
async function startReadOnlyKiosk(dataDir: string) {
  const [command = process.execPath, ...prefix] = [...readOnlyCommand(), process.execPath];
  const child = spawn(command, [...prefix, join(ROOT, 'dist/main/web-main.mjs'), '--no-open', '--port', '0', '--data-dir', dataDir, '--demo'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no KIOSK_URL in 15 s: ${stderr}`)), 15_000);
    child.once('exit', (code) => reject(new Error(`kiosk exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('KIOSK_URL=')) return;
      clearTimeout(timer);
      resolve(line.slice('KIOSK_URL='.length));
    });
  });
  return {
    url,
    child,
    stderr: () => stderr,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

describe('storage faults seen by the citizen', () => {
  let browser: Browser;
  const stops: (() => Promise<void>)[] = [];
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    for (const stop of stops) await stop();
  });

  it('a full disk: a ticket gets plain words and takes no number; a submit keeps the draft, and goes in once there is room', async () => {
    const kiosk = await startKioskProcess();
    stops.push(kiosk.stop);
    const page = await kioskPage(browser);
    await start(page, kiosk);

    await page.getByRole('button', { name: 'Lấy số thứ tự' }).click();
    await page.getByRole('button', { name: /Hộ tịch/ }).first().click();
    await page.getByTestId('screen-priority').waitFor();
    fillDisk(kiosk);
    await page.getByRole('button', { name: 'Không' }).click();
    await page.getByTestId('screen-error').waitFor();
    assert.match(await page.getByTestId('error-message').innerText(), /Bộ nhớ của ki-ốt đã đầy hoặc đang gặp sự cố nên chưa lưu được/);
    await shot(page, 'storage-vi-01-ticket-disk-full');
    freeDisk(kiosk);
    await page.getByTestId('error-home').click();
    await page.getByTestId('screen-home').waitFor();

    await toDocuments(page, kiosk);
    for (const doc of SCANNED_DOCS) {
      await page.getByTestId(`doc-${doc}-scan`).tap();
      await page.locator(`[data-testid="doc-${doc}"][data-state="scanned"] [data-testid="scanned-page"]`).first().waitFor({ timeout: 60_000 });
    }
    await next(page, 'dossier-delivery');
    await page.getByTestId('delivery-post').tap();
    await next(page, 'dossier-consent');
    await page.getByTestId('consent-agree').tap();
    await next(page, 'dossier-review');

    fillDisk(kiosk);
    await page.getByTestId('dossier-next').tap();
    await page.getByTestId('dossier-problems').waitFor({ timeout: 15_000 });
    assert.match(await page.getByTestId('dossier-problems').innerText(), /^Hồ sơ chưa được nộp:\s+Bộ nhớ của ki-ốt đã đầy nên chưa lưu được\. Hồ sơ chưa được nộp/);
    await page.getByTestId('dossier-review').waitFor();
    await shot(page, 'storage-vi-02-submit-disk-full');

    // Staff freed the disk; the citizen taps submit again on the same review screen.
    freeDisk(kiosk);
    await page.getByTestId('dossier-next').tap();
    await page.getByTestId('dossier-receipt').waitFor({ timeout: 30_000 });
    await shot(page, 'storage-vi-03-submit-after-room');
    await page.close();
    await kiosk.stop();

    const db = new Database(join(kiosk.dataDir, 'kiosk.sqlite3'), { readonly: true });
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      assert.equal(db.prepare('SELECT count(*) FROM tickets').pluck().get(), 0, 'the refused ticket took no number');
      assert.equal(db.prepare('SELECT count(*) FROM dossiers').pluck().get(), 1);
      assert.equal(db.prepare('SELECT count(*) FROM dossier_files').pluck().get(), 2);
    } finally {
      db.close();
    }
  });

  it('a disk nearly full (the real statfs under the configured minimum): scanning is refused in plain words, staff see an alert', async () => {
    // 100 TB: more than any test machine's disk holds, so the real free-space driver reports "nearly full".
    const kiosk = await startKioskProcess(undefined, { config: { storage: { minFreeMegabytes: 100_000_000 } } });
    stops.push(kiosk.stop);
    const page = await kioskPage(browser);
    await start(page, kiosk);
    await page.getByTestId('staff-alert-badge').waitFor({ timeout: 10_000 });
    await toDocuments(page, kiosk);
    const doc = SCANNED_DOCS[0] ?? '';
    await page.getByTestId(`doc-${doc}-scan`).tap();
    const message = page.locator(`[data-testid="doc-${doc}"]`).getByText(/Bộ nhớ của ki-ốt sắp đầy/);
    await message.waitFor({ timeout: 15_000 });
    assert.match(await message.innerText(), /nộp bản giấy tại quầy/);
    assert.equal(await page.locator(`[data-testid="doc-${doc}"] [data-testid="scanned-page"]`).count(), 0);
    await shot(page, 'storage-vi-04-scan-refused-nearly-full');
    await openStaffPanel(page);
    const alert = page.locator('[data-testid="staff-alerts"] li[data-open="true"]');
    assert.match(await alert.first().innerText(), /Ổ đĩa sắp đầy: còn \d+ MB, tối thiểu 100000000 MB/);
    await page.getByTestId('staff-alerts').scrollIntoViewIfNeeded();
    await shot(page, 'storage-vi-05-staff-alert-nearly-full');
    await page.close();
  });

  for (const variant of ['with its store', 'empty'] as const) {
    it(`a read-only data folder (${variant}) for a whole run: the screen says what is wrong, the process keeps serving, the log says why`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-ro-'));
      if (variant === 'with its store') {
        const first = await startKioskProcess(dataDir);
        const page = await kioskPage(browser);
        await start(page, first);
        await page.close();
        await first.stop();
      }
      makeReadOnly(dataDir);
      const kiosk = await startReadOnlyKiosk(dataDir);
      stops.push(kiosk.stop);
      const page = await kioskPage(browser);
      await page.goto(kiosk.url);
      const screen = page.getByTestId('screen-store-error');
      await screen.waitFor({ timeout: 15_000 });
      assert.match(await screen.innerText(), /Kiosk tạm ngừng phục vụ/);
      assert.match(await page.getByTestId('store-reason').innerText(), /io_error — Lỗi đọc hoặc ghi ổ đĩa \(ổ đĩa đầy, chỉ cho phép đọc, hoặc bị hỏng\)/);
      assert.match(await page.getByTestId('store-message').innerText(), new RegExp(`The data folder cannot be written: ${dataDir} is not writable by this user`));
      await shot(page, `storage-vi-0${variant === 'empty' ? 7 : 6}-read-only-folder-${variant === 'empty' ? 'empty' : 'store'}`);

      // Still serving: a new page loads and gets the same answer; the process did not exit.
      await new Promise((r) => setTimeout(r, 1500));
      const again = await kioskPage(browser);
      await again.goto(kiosk.url);
      await again.getByTestId('screen-store-error').waitFor({ timeout: 15_000 });
      assert.equal(kiosk.child.exitCode, null, 'the kiosk process is still running');
      assert.match(kiosk.stderr(), /"reason":"io_error","detail":"The data folder cannot be written[^\n]*"message":"store unavailable"/);
      await again.close();
      await page.close();
    });
  }
});
