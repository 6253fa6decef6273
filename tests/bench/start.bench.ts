// start.web.interactive_ms: spawn of the browser host → attract screen interactive in Chromium
// (a Chromium already running, as on a kiosk whose browser restarts with the host). Median of 5.
import { performance } from 'node:perf_hooks';
import { kioskPage, launchBrowser, startKioskProcess } from '../e2e-web/harness';
import { percentile, report } from './report';

const browser = await launchBrowser();
const samples: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const kiosk = await startKioskProcess();
  const page = await kioskPage(browser);
  await page.goto(kiosk.url);
  await page.getByTestId('screen-attract').click({ trial: true });
  samples.push(performance.now() - t0);
  await page.close();
  await kiosk.stop();
}
await browser.close();
report('start.web.interactive_ms', Math.round(percentile(samples, 50)), 'ms', 1000, `samples=${samples.map(Math.round).join(',')}`);
