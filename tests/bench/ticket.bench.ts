// ticket.tap_to_printed_ms: p95 over 200 tickets of the time from the citizen's tap on the
// priority answer (the tap that issues the ticket) to the last byte reaching the virtual printer.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src-main/kernel/clock';
import { createKioskCore } from '../../src-main/app/composition-root';
import { createMemoryLogger } from '../../src-main/kernel/logger';
import { VirtualPrinter } from '../../src-main/devices/virtual/virtual-printer';
import { startWebHost } from '../../src-main/web-host/web-host';
import { demoConfig } from '../fakes/demo-config';
import { kioskPage, launchBrowser, ROOT } from '../e2e-web/harness';
import { percentile, report } from './report';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 200);
const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
const printer = new VirtualPrinter(576, join(dataDir, 'prints'), systemClock);
const core = await createKioskCore({ dataDir, config: demoConfig(), host: 'web', version: 'bench', clock: systemClock, logger: createMemoryLogger(), printer });
const host = await startWebHost({ rendererDir: join(ROOT, 'dist/renderer'), dispatcher: core.dispatcher, events: core.events, logger: createMemoryLogger(), port: 0 });
const browser = await launchBrowser();
const page = await kioskPage(browser);
await page.goto(host.url);
// Wall-clock time of the tap, taken in the page when the pointer event fires.
await page.evaluate(() => {
  document.addEventListener('click', () => ((window as unknown as { __tapAt: number }).__tapAt = performance.timeOrigin + performance.now()), true);
});

await page.getByTestId('screen-attract').click();
await page.getByRole('button', { name: 'Tiếng Việt' }).click();
const samples: number[] = [];
for (let i = 0; i < TICKETS; i++) {
  await page.getByTestId('home-queue').click();
  await page.getByTestId('service-dat-dai').click();
  const printed = new Promise<number>((resolve) => {
    const off = printer.onPrint(() => {
      off();
      resolve(performance.timeOrigin + performance.now());
    });
  });
  await page.getByTestId('priority-none').click();
  const printedAt = await printed;
  const tapAt = await page.evaluate(() => (window as unknown as { __tapAt: number }).__tapAt);
  samples.push(printedAt - tapAt);
  await page.getByTestId('screen-ticket').waitFor();
  await page.getByTestId('nav-home').click();
}
await browser.close();
await host.close();
await core.close();
report('ticket.tap_to_printed_ms', percentile(samples, 95), 'ms', 100, `n=${samples.length} p50=${percentile(samples, 50).toFixed(1)}`);
