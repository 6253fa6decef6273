import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '../sync/server-process';
import { kioskPage, launchBrowser, openStaffPanel, ROOT, startKioskProcess, type KioskProcess } from './harness';

/**
 * Issue #19, central configuration: two terminals provisioned headlessly from one profile, both
 * kiosks against one reference portal; a queue service renamed on the portal's admin page shows
 * under its new name on both kiosks' screens, applied at their idle moment (the attract screen).
 */
const TERMINALS = ['central-01', 'central-02'] as const;
const NEW_NAME = { vi: 'Đất đai – Nhà ở', en: 'Land and housing' };
const SHOTS = join(ROOT, 'tests', 'artifacts');

const provision = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'dist/main/web-main.mjs'), '--provision', ...args], { encoding: 'utf8', timeout: 60_000 });

interface ConfigState {
  center: { revision: number } | null;
  terminals: { id: string; version: number; appliedVersion: number | null; rejectedVersion: number | null }[];
}

let lastState: unknown = null;
async function configState(portal: ServerProcess): Promise<ConfigState> {
  const state = (await (await fetch(`${portal.url}/admin/config/state`)).json()) as ConfigState;
  lastState = state.terminals;
  return state;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the portal said ${JSON.stringify(lastState)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Both terminals report the given version in force. */
const bothApplied = (portal: ServerProcess, version: number) => async () => {
  const { terminals } = await configState(portal);
  return terminals.length === TERMINALS.length && terminals.every((t) => t.appliedVersion === version) ? terminals : undefined;
};

describe('central configuration from the reference portal (two provisioned kiosks in Chromium)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'central-e2e-'));
  const kiosks: KioskProcess[] = [];
  let portal: ServerProcess;
  let browser: Browser;

  before(async () => {
    portal = await startServerProcess('src-portal/main.ts', ['--port', '0', '--data-dir', join(dir, 'portal')]);
    // One profile for the center; short heartbeats so the test does not wait a minute per step.
    const profile = join(dir, 'profile.json');
    writeFileSync(
      profile,
      JSON.stringify({
        profileVersion: 1,
        defaults: { sync: { portalUrl: portal.url, enrollmentToken: 'demo-enrollment-token', heartbeatSeconds: 2, changeCheckSeconds: 1 } },
        terminals: TERMINALS.map((id) => ({ id })),
      }),
    );
    for (const id of TERMINALS) {
      const run = provision(profile, '--terminal-id', id, '--data-dir', join(dir, id));
      assert.equal(run.status, 0, run.stderr);
      kiosks.push(await startKioskProcess(join(dir, id)));
    }
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    for (const k of kiosks) await k.stop();
    await portal?.stop();
  });

  it('renames a queue service on the portal and both kiosks show the new name', async () => {
    const pages: Page[] = [];
    for (const kiosk of kiosks) {
      const page = await kioskPage(browser);
      await page.goto(kiosk.url);
      await page.getByTestId('screen-attract').waitFor();
      pages.push(page);
    }

    // The center's services as a center-wide document (what an operator pastes into the editor first).
    const demo = JSON.parse(readFileSync(join(ROOT, 'assets', 'demo-center.json'), 'utf8')) as { queue: { services: unknown[] } };
    const put = await fetch(`${portal.url}/admin/config/center`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ schemaVersion: 2, queue: demo.queue }),
    });
    assert.equal(put.status, 200, await put.clone().text());
    const { revision: first } = (await put.json()) as { revision: number };
    // The same services the kiosks run on: in force at once, no restart needed.
    await until('both kiosks to report the first version in force', bothApplied(portal, first), 30_000);
    for (const page of pages) await page.evaluate('window.__beforeRename = true');

    // The operator renames "Đất đai" in both languages on the admin page.
    const admin = await kioskPage(browser);
    await admin.goto(`${portal.url}/admin/config`);
    const rename = admin.getByTestId('rename-service');
    await rename.locator('select[name="scope"]').selectOption('*');
    await rename.locator('select[name="serviceId"]').selectOption('dat-dai');
    await rename.locator('input[name="vi"]').fill(NEW_NAME.vi);
    await rename.locator('input[name="en"]').fill(NEW_NAME.en);
    await rename.getByRole('button', { name: 'Rename service' }).click();
    await admin.waitForURL(`${portal.url}/admin/config`);
    assert.match((await admin.locator('textarea[name="document"]').first().inputValue()) ?? '', /Đất đai – Nhà ở/);
    await admin.screenshot({ path: join(SHOTS, 'central-admin-editor.png'), fullPage: true });

    const { center } = await configState(portal);
    const renamed = center?.revision ?? 0;
    assert.ok(renamed > first);
    // Each kiosk applies it at its idle moment (the attract screen is up), reports it, and its page reloads.
    await until('both kiosks to report the renamed version in force', bothApplied(portal, renamed), 60_000);
    for (const [i, page] of pages.entries()) {
      await page.waitForFunction(() => !('__beforeRename' in window), undefined, { timeout: 30_000 });
      await page.getByTestId('screen-attract').waitFor();
      await page.getByTestId('screen-attract').click();
      await page.getByRole('button', { name: 'Tiếng Việt' }).click();
      await page.getByTestId('screen-home').waitFor();
      await page.getByRole('button', { name: 'Lấy số thứ tự' }).click();
      await page.getByTestId('screen-services').waitFor();
      await page.getByTestId('service-xay-dung').waitFor();
      const tile = page.getByTestId('service-dat-dai');
      assert.match(await tile.innerText(), /Đất đai – Nhà ở/, `kiosk ${TERMINALS[i]} shows the new name`);
      await page.screenshot({ path: join(SHOTS, `central-kiosk-${i + 1}-services.png`) });
    }

    // A document with a key only IT may set locally is refused on the page, each problem named, and not saved.
    await admin.locator('form.editor[data-scope="*"] textarea').fill(JSON.stringify({ schemaVersion: 2, devices: { scanner: { driver: 'hid' } }, idle: { timeoutSeconds: 'soon' } }, null, 2));
    await admin.locator('form.editor[data-scope="*"]').getByRole('button').click();
    const problems = admin.getByTestId('config-problems');
    await problems.waitFor();
    const text = await problems.innerText();
    assert.match(text, /Not saved — 2 problem/);
    assert.match(text, /"devices".*not centrally settable/);
    assert.match(text, /idle\.timeoutSeconds/);
    await admin.screenshot({ path: join(SHOTS, 'central-admin-errors.png'), fullPage: true });
    assert.equal((await configState(portal)).center?.revision, renamed);
  });

  it("a document the kiosk refuses leaves it running as it was, and tells its staff and the portal's Fleet page", async () => {
    // What a newer portal (or a hand-edited row) could serve: written past the portal's own check.
    const db = new BetterSqlite3(join(dir, 'portal', 'portal.sqlite3'));
    db.pragma('busy_timeout = 5000');
    const revision = (db.prepare('SELECT MAX(revision) AS r FROM config_documents').get() as { r: number }).r + 1;
    db.prepare(`INSERT INTO config_documents (scope, document, revision, saved_at) VALUES ('central-01', ?, ?, ?)`).run(
      JSON.stringify({ schemaVersion: 2, idle: { timeoutSeconds: 5 }, devices: { printer: { driver: 'tcp' } } }),
      revision,
      new Date().toISOString(),
    );
    db.close();
    await until(
      'central-01 to report the version rejected',
      async () => ((await configState(portal)).terminals.find((t) => t.id === 'central-01')?.rejectedVersion === revision ? true : undefined),
      30_000,
    );

    const page = await kioskPage(browser);
    await page.goto(kiosks[0]!.url);
    await page.getByTestId('screen-attract').waitFor();
    await openStaffPanel(page, 'it');
    const alert = page.locator('[data-testid="staff-alerts"] li[data-reason="central_config_rejected"][data-open="true"]');
    await alert.waitFor();
    const words = await alert.innerText();
    assert.match(words, /Cấu hình tập trung/);
    assert.match(words, new RegExp(`phiên bản ${revision}`));
    await alert.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'central-kiosk-staff-alert.png') });
    await page.getByTestId('staff-close').click().catch(() => undefined);

    const fleet = await kioskPage(browser);
    await fleet.goto(`${portal.url}/admin/fleet`);
    const row = fleet.locator('tr[data-terminal="central-01"]');
    assert.match((await row.textContent()) ?? '', /Configuration rejected/);
    assert.match((await row.locator('td.config').innerText()) ?? '', new RegExp(`v${revision} rejected`));
    assert.doesNotMatch((await fleet.locator('tr[data-terminal="central-02"]').textContent()) ?? '', /Configuration rejected/);
    await fleet.screenshot({ path: join(SHOTS, 'central-fleet.png'), fullPage: true });
  });
});
