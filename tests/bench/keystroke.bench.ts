// catalog.keystroke_to_paint_p95_ms: in Chromium, from the citizen's tap on an on-screen key
// (its pointerdown) to the first frame painted after the results list shows that text's answer.
// Over the demo catalog (64 procedures), the figure reported against the budget; the same
// keystrokes over 5,000 generated procedures are printed alongside for scale.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { systemClock } from '../../src-main/kernel/clock';
import { createKioskCore } from '../../src-main/app/composition-root';
import { createMemoryLogger } from '../../src-main/kernel/logger';
import { assetsDir } from '../../src-main/app/paths';
import { generateSyntheticCatalog } from '../../src-main/catalog/synthetic-catalog';
import { VirtualPrinter } from '../../src-main/devices/virtual/virtual-printer';
import { startWebHost } from '../../src-main/web-host/web-host';
import { FUNCTION_KEYS, pressKey } from '../../src-renderer/keyboard/key-press';
import { demoConfig } from '../fakes/demo-config';
import { kioskPage, launchBrowser, ROOT } from '../e2e-web/harness';
import { percentile, report } from './report';

/** What citizens type, without marks, as the search starts them: 130+ keystrokes in all. */
const QUERIES = [
  'dang ky khai sinh',
  'dat dai',
  'chung thuc ban sao',
  'cap doi so do',
  'giay phep xay dung',
  'dang ky ket hon',
  'ho kinh doanh',
  'tro cap xa hoi',
  'khai tu',
  '1.004227',
  'ly lich tu phap',
];

interface Armed {
  __keystroke: Promise<number>;
}

/** Arms the page: the next pointerdown starts the clock, the frame after the answer stops it. */
async function arm(page: Page, expected: string): Promise<void> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  await page.evaluate((query) => {
    const w = window as unknown as Armed;
    w.__keystroke = new Promise<number>((resolve) => {
      let tapAt = 0;
      window.addEventListener('pointerdown', () => void (tapAt = performance.now()), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (!tapAt || document.querySelector('[data-query]')?.getAttribute('data-query') !== query) return;
        observer.disconnect();
        // rAF runs just before the frame is painted; a message posted from it runs right after.
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now() - tapAt);
          channel.port2.postMessage(null);
        });
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-query'] });
    });
  }, expected);
}

async function measure(catalogFile: string): Promise<number[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
  const printer = new VirtualPrinter(576, join(dataDir, 'prints'), systemClock);
  const core = await createKioskCore({ dataDir, config: demoConfig(), host: 'web', version: 'bench', clock: systemClock, logger: createMemoryLogger(), printer, initialCatalogFile: catalogFile });
  const host = await startWebHost({ rendererDir: join(ROOT, 'dist/renderer'), dispatcher: core.dispatcher, events: core.events, logger: createMemoryLogger(), port: 0 });
  const browser = await launchBrowser();
  const page = await kioskPage(browser);
  await page.goto(host.url);
  await page.getByTestId('screen-attract').click();
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.getByTestId('home-search').click();
  await page.getByTestId('search-hint').waitFor();

  const samples: number[] = [];
  for (const query of QUERIES) {
    let text = '';
    for (const ch of query) {
      const button = ch === ' ' ? FUNCTION_KEYS.space : ch;
      text = pressKey(text, button, 'none', 200);
      await arm(page, text);
      await page.locator(`.osk [data-skbtn="${button}"]`).tap();
      samples.push(await page.evaluate(() => (window as unknown as Armed).__keystroke));
    }
    // An exact code opens its procedure: come back to the search for the next query.
    if (await page.getByTestId('screen-procedure').count()) await page.getByTestId('nav-back').click();
    await page.locator(`.osk [data-skbtn="${FUNCTION_KEYS.clear}"]`).tap();
    await page.getByTestId('search-hint').waitFor();
  }
  await browser.close();
  await host.close();
  await core.close();
  return samples;
}

const demo = await measure(join(assetsDir(), 'demo-catalog.json'));
const syntheticFile = join(mkdtempSync(join(tmpdir(), 'kiosk-bench-')), 'synthetic-catalog.json');
writeFileSync(syntheticFile, JSON.stringify(generateSyntheticCatalog(5000, 7)));
const large = await measure(syntheticFile);
report(
  'catalog.keystroke_to_paint_p95_ms',
  percentile(demo, 95),
  'ms',
  50,
  `catalog=64 n=${demo.length} p50=${percentile(demo, 50).toFixed(1)} max=${Math.max(...demo).toFixed(1)}; catalog=5000 p95=${percentile(large, 95).toFixed(1)} p50=${percentile(large, 50).toFixed(1)}`,
);
