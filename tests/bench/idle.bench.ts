// idle.cpu_pct: the attract screen left alone, as a kiosk spends most of its day. CPU of the
// kiosk process and of every process of the Chromium showing it (browser, renderer, GPU,
// utility), from /proc/<pid>/stat utime+stime over 60 s after a 15 s warm-up; % of one core.
// IDLE_SECONDS shortens the window for a quick look.
import { setTimeout as sleep } from 'node:timers/promises';
import { kioskPage, launchBrowser, startKioskProcess } from '../e2e-web/harness';
import { cpuPercent, descendants, readStat } from './proc-usage';
import { report } from './report';

const WINDOW_S = Number(process.env.IDLE_SECONDS ?? 60);
const WARM_UP_S = 15;

const kiosk = await startKioskProcess();
const kioskPid = kiosk.child.pid!;
const browser = await launchBrowser();
const page = await kioskPage(browser, 'portrait');
await page.goto(kiosk.url);
await page.getByTestId('screen-attract').waitFor();
// Counts the attract screen's changes in the window: it must still move, only not all the time.
await page.evaluate(() => {
  const w = window as unknown as { attractChanges: number };
  w.attractChanges = 0;
  const target = document.querySelector('[data-testid="screen-attract"]');
  if (target) new MutationObserver(() => w.attractChanges++).observe(target, { attributes: true, attributeFilter: ['class'] });
});
await sleep(WARM_UP_S * 1000);

const chromium = () => descendants(process.pid, [kioskPid]);
const kioskGroup = () => [readStat(kioskPid), ...descendants(kioskPid)].filter((s) => s !== null);
const before = { kiosk: kioskGroup(), chromium: chromium() };
const changesBefore = await page.evaluate(() => (window as unknown as { attractChanges: number }).attractChanges);
const t0 = performance.now();
await sleep(WINDOW_S * 1000);
const seconds = (performance.now() - t0) / 1000;
const after = { kiosk: kioskGroup(), chromium: chromium() };
const changes = (await page.evaluate(() => (window as unknown as { attractChanges: number }).attractChanges)) - changesBefore;
const onAttract = await page.getByTestId('screen-attract').isVisible();

await browser.close();
await kiosk.stop();

const extra = `window=${seconds.toFixed(0)}s attract_changes=${changes} still_on_attract=${onAttract}`;
report('idle.cpu_pct.kiosk', cpuPercent(before.kiosk, after.kiosk, seconds), '%', 1, extra);
report('idle.cpu_pct.chromium', cpuPercent(before.chromium, after.chromium, seconds), '%', 3, `${extra} processes=${after.chromium.length}`);
