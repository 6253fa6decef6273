import assert from 'node:assert/strict';
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { ARTIFACTS, inkRatio, KioskInChromium, kioskPage, shot } from './harness';

const journeys = [
  { lang: 'vi', languageTile: 'Tiếng Việt', home: 'Lấy số thứ tự', service: 'Đất đai', priority: 'Người cao tuổi', expected: 'A001', waitingText: /0/ },
  { lang: 'en', languageTile: 'English', home: 'Take a queue number', service: 'Land', priority: 'Elderly', expected: 'A002', waitingText: /1/ },
] as const;

describe('queue-ticket journey in Chromium through the browser host', () => {
  const env = KioskInChromium.forSuite();

  for (const j of journeys) {
    it(`takes and prints a ticket (${j.lang})`, async () => {
      const page = await kioskPage(env.browser);
      await page.goto(env.kiosk.url);
      await page.getByTestId('screen-attract').waitFor();
      await page.getByText('Chạm vào màn hình để bắt đầu').waitFor();
      await shot(page, `${j.lang}-01-attract`);

      await page.getByTestId('screen-attract').click();
      await page.getByTestId('screen-language').waitFor();
      await shot(page, `${j.lang}-02-language`);
      await page.getByRole('button', { name: j.languageTile }).click();

      await page.getByTestId('screen-home').waitFor();
      await shot(page, `${j.lang}-03-home`);
      await page.getByRole('button', { name: j.home }).click();

      await page.getByTestId('screen-services').waitFor();
      // The services arrive asynchronously; wait for the last one before counting.
      await page.getByTestId('service-xay-dung').waitFor();
      const serviceTiles = await page.locator('[data-testid^="service-"]').count();
      assert.ok(serviceTiles >= 6, `expected at least 6 service tiles, saw ${serviceTiles}`);
      await shot(page, `${j.lang}-04-services`);
      await page.getByRole('button', { name: new RegExp(`^\\W*${j.service}`) }).first().click();

      await page.getByTestId('screen-priority').waitFor();
      await shot(page, `${j.lang}-05-priority`);
      await page.getByRole('button', { name: j.priority }).click();

      await page.getByTestId('screen-ticket').waitFor();
      assert.equal((await page.getByTestId('ticket-number').innerText()).trim(), j.expected);
      assert.match(await page.getByTestId('ticket-waiting').innerText(), j.waitingText);
      assert.ok(await page.getByTestId('screen-ticket').getByRole('img').first().isVisible(), 'the QR code is shown');
      await shot(page, `${j.lang}-06-ticket`);
      await page.close();
    });
  }

  it('stored both tickets and printed them as non-blank images', async () => {
    await env.kiosk.stop(); // the kiosk holds its store exclusively while it runs
    const db = new BetterSqlite3(join(env.kiosk.dataDir, 'kiosk.sqlite3'), { readonly: true });
    const rows = db.prepare(`SELECT display, priority, print_state FROM tickets ORDER BY number`).all();
    db.close();
    assert.deepEqual(rows, [
      { display: 'A001', priority: 'elderly', print_state: 'printed' },
      { display: 'A002', priority: 'elderly', print_state: 'printed' },
    ]);
    const prints = readdirSync(join(env.kiosk.dataDir, 'prints')).filter((f) => f.endsWith('.png')).sort();
    assert.equal(prints.length, 2);
    for (const [i, file] of prints.entries()) {
      const { ratio, width } = await inkRatio(join(env.kiosk.dataDir, 'prints', file));
      assert.equal(width, 576);
      assert.ok(ratio > 0.03 && ratio < 0.6, `ink ratio ${ratio} of ${file}`);
      copyFileSync(join(env.kiosk.dataDir, 'prints', file), join(ARTIFACTS, `printed-ticket-${journeys[i]!.lang}.png`));
    }
  });
});
