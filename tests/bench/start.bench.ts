// start.web.interactive_ms: spawn of the browser host → attract screen interactive in Chromium
// (a Chromium already running with its window open, as on a kiosk whose host restarts under the
// browser: creating the test's browser context is not part of the kiosk's start). Median of 5.
import { performance } from 'node:perf_hooks';
import { kioskPage, launchBrowser, startKioskProcess } from '../e2e-web/harness';
import { percentile, report } from './report';

const browser = await launchBrowser();
const samples: number[] = [];
for (let i = 0; i < 5; i++) {
  const page = await kioskPage(browser);
  const t0 = performance.now();
  const kiosk = await startKioskProcess();
  await page.goto(kiosk.url);
  await page.getByTestId('screen-attract').click({ trial: true });
  samples.push(performance.now() - t0);
  await page.close();
  await kiosk.stop();
}
await browser.close();
report('start.web.interactive_ms', Math.round(percentile(samples, 50)), 'ms', 1000, `samples=${samples.map(Math.round).join(',')}`);
