import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '../sync/server-process';
import { kioskPage, launchBrowser, shot, startKioskProcess, type KioskProcess } from './harness';

/*
 * The ticket screen tells the honest wait: the people ahead in the whole center (from the portal),
 * and a range of minutes, or plainly no estimate while the counters have not called enough
 * tickets today. Screenshots of both, in Vietnamese and English.
 */

const LANGS = { vi: { tile: 'Tiếng Việt', home: 'Lấy số thứ tự', service: 'Đất đai', none: 'Không' }, en: { tile: 'English', home: 'Take a queue number', service: 'Land', none: 'No' } } as const;

async function takeTicket(page: Page, url: string, lang: keyof typeof LANGS): Promise<void> {
  const l = LANGS[lang];
  await page.goto(url);
  await page.getByTestId('screen-attract').click();
  await page.getByRole('button', { name: l.tile }).click();
  await page.getByRole('button', { name: l.home }).click();
  await page.getByTestId('service-xay-dung').waitFor();
  await page.getByRole('button', { name: new RegExp(`^\\W*${l.service}`) }).first().click();
  await page.getByTestId('screen-priority').waitFor();
  await page.getByTestId('priority-none').click();
  await page.getByTestId('screen-ticket').waitFor();
}

describe('the ticket screen with the center\'s queue', () => {
  let portal: ServerProcess;
  let portalDir: string;
  let kiosk: KioskProcess;
  let browser: Browser;

  before(async () => {
    portalDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-queue-portal-'));
    portal = await startServerProcess('src-portal/main.ts', ['--port', '0', '--data-dir', portalDir]);
    kiosk = await startKioskProcess(undefined, { config: { sync: { portalUrl: portal.url, enrollmentToken: 'demo-enrollment-token', heartbeatSeconds: 1 } } });
    browser = await launchBrowser();
    // Enrolled and seen: the portal numbers the tickets from now on.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const state = (await (await fetch(`${portal.url}/admin/state`)).json()) as { terminals: { lastSeenAt: string | null }[] };
      if (state.terminals.some((t) => t.lastSeenAt !== null)) break;
      if (Date.now() > deadline) throw new Error('the kiosk did not enroll');
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  after(async () => {
    await browser.close();
    await kiosk.stop();
    await portal.stop();
  });

  it('shows "no estimate" while the counters have called too few tickets today', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const page = await kioskPage(browser, 'portrait');
      await takeTicket(page, kiosk.url, lang);
      assert.equal(await page.getByTestId('ticket-estimate').getAttribute('data-estimate'), 'none');
      assert.equal(await page.getByTestId('ticket-wait-source').getAttribute('data-source'), 'portal');
      const text = await page.getByTestId('screen-ticket').innerText();
      assert.ok(text.includes(lang === 'vi' ? 'Chưa ước tính được' : 'No estimate yet'), text);
      await shot(page, `queue-wait-${lang}-no-estimate`);
      await page.close();
    }
  });

  it('shows the people ahead in the whole center and the wait as a range once the pace is known', async () => {
    // Another terminal's morning: eight tickets called every 4 minutes (times seeded in the
    // portal's store: the test cannot wait half an hour), and two still waiting.
    const enrolled = await fetch(`${portal.url}/v1/enrollments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enrollmentToken: 'demo-enrollment-token', terminalId: 'KIOSK-B', appVersion: 'e2e' }),
    });
    const { credential } = (await enrolled.json()) as { credential: string };
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    const now = Date.now();
    const register = async (issuedAt: number) => {
      const ticketId = randomUUID();
      const r = await fetch(`${portal.url}/v1/queue-tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, 'idempotency-key': ticketId },
        body: JSON.stringify({ ticketId, serviceId: 'dat-dai', day, priority: 'none', issuedAt: new Date(issuedAt - 60 * 60_000).toISOString() }),
      });
      assert.equal(r.status, 201);
      return ticketId;
    };
    const served: string[] = [];
    for (let i = 0; i < 8; i++) served.push(await register(now + i));
    const db = new BetterSqlite3(join(portalDir, 'portal.sqlite3'));
    db.pragma('busy_timeout = 5000');
    const mark = db.prepare(`UPDATE queue_tickets SET called_at = ?, served_at = ? WHERE id = ?`);
    served.forEach((id, i) => mark.run(new Date(now - (3 + 4 * (7 - i)) * 60_000).toISOString(), new Date(now - (1 + 4 * (7 - i)) * 60_000).toISOString(), id));
    db.close();
    await register(now + 50 * 60_000);
    await register(now + 51 * 60_000);

    for (const lang of ['vi', 'en'] as const) {
      const page = await kioskPage(browser, 'portrait');
      await takeTicket(page, kiosk.url, lang);
      const estimate = await page.getByTestId('ticket-estimate').innerText();
      assert.match(estimate, lang === 'vi' ? /^khoảng \d+–\d+ phút$/ : /^about \d+–\d+ minutes$/);
      assert.notEqual(await page.getByTestId('ticket-estimate').getAttribute('data-estimate'), 'none');
      // The two tickets of this kiosk before, the other terminal's two, and in English the Vietnamese one too.
      assert.equal(await page.getByTestId('ticket-waiting').innerText(), lang === 'vi' ? '4' : '5');
      await shot(page, `queue-wait-${lang}-estimate`);
      await page.close();
    }
  });
});
