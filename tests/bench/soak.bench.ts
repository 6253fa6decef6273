// soak.growth_pct: citizen sessions one after another in one page, as a kiosk runs for weeks
// without a reload. Each session goes through the real screens (attract → language → home →
// queue → service → priority → ticket, printed on the virtual printer → done → attract) and asks
// the core through `window.kiosk` for a search; every 10th also scans and submits a dossier.
// Growth between session 50 and the last one of: kiosk-process RSS (/proc), the renderer's JS heap
// after a forced GC and its DOM node count (CDP Performance.getMetrics), each measured back on the
// attract screen. Also prints prints/ and logs/ against their caps. SOAK_SESSIONS and
// SOAK_MAX_MINUTES bound the run; the printed n is the real count.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { KioskClient } from '../../src-shared/contract';
import { kioskPage, launchBrowser, ROOT, shot, startKioskProcess } from '../e2e-web/harness';
import { landDraft } from '../unit/dossier/fixture';
import { readStat } from './proc-usage';
import { report } from './report';

const SESSIONS = Number(process.env.SOAK_SESSIONS ?? 1000);
const BASELINE_AT = Math.min(50, Math.floor(SESSIONS / 2));
const MAX_MS = Number(process.env.SOAK_MAX_MINUTES ?? 15) * 60_000;
const KEEP_IMAGES = 300;
const LOG_CAP_MB = 20;
const QUERIES = ['đất đai', 'khai sinh', 'kết hôn', 'chứng thực', 'hộ kinh doanh', 'giấy phép xây dựng', 'cư trú', 'xyz'];

interface Sample {
  kioskRss: number;
  jsHeap: number;
  nodes: number;
}

// A busy center's numbering: 1,000 tickets in one day need four digits (three stop at 999).
const demo = JSON.parse(readFileSync(join(ROOT, 'assets/demo-center.json'), 'utf8')) as { queue: { services: object[] } };
const services = demo.queue.services.map((service) => ({ ...service, digits: 4 }));
const kiosk = await startKioskProcess(undefined, {
  config: { queue: { services }, printer: { virtualKeepImages: KEEP_IMAGES }, logs: { keepDays: 30, maxMegabytes: LOG_CAP_MB } },
});
const kioskPid = kiosk.child.pid!;
const browser = await launchBrowser();
const page = await kioskPage(browser, 'portrait');
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
await page.goto(kiosk.url);
await page.getByTestId('screen-attract').waitFor();

async function measure(p: Page, session: CDPSession): Promise<Sample> {
  await session.send('HeapProfiler.collectGarbage');
  await p.waitForTimeout(200);
  await session.send('HeapProfiler.collectGarbage');
  const { metrics } = await session.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  return { kioskRss: readStat(kioskPid)?.rssBytes ?? NaN, jsHeap: metric('JSHeapUsedSize'), nodes: metric('Nodes') };
}

type Api = { kiosk: KioskClient };

async function contractWork(i: number): Promise<void> {
  const query = QUERIES[i % QUERIES.length] ?? '';
  // Only a short answer comes back to the bench: a whole reply handed to page.evaluate stays
  // reachable in the page (measured: +0.23 MB of JS heap per 1,200 calls; +0.01 MB with this).
  const searched = await page.evaluate(async (q) => {
    const reply = await (window as unknown as Api).kiosk.searchProcedures({ query: q });
    return reply.ok ? null : reply.error.message;
  }, query);
  if (searched !== null) throw new Error(`search failed: ${searched}`);
  if (i % 10 !== 9) return;
  const scanned = await page.evaluate(async () => {
    const k = (window as unknown as Api).kiosk;
    const begun = await k.beginDossier({ procedureCode: '1.013831' });
    if (!begun.ok) return { error: begun.error.message };
    const pages: string[][] = [];
    for (const documentId of ['don-dang-ky-bien-dong', 'hop-dong-chuyen-quyen', 'to-khai-le-phi-truoc-ba']) {
      const reply = await k.scanDocumentPages({ sessionId: begun.value.sessionId, documentId });
      if (!reply.ok) return { error: reply.error.message };
      pages.push(reply.value.pages.map((p) => p.pageId));
    }
    return { sessionId: begun.value.sessionId, pages };
  });
  if ('error' in scanned) throw new Error(`dossier scan failed: ${scanned.error}`);
  const draft = landDraft(scanned.sessionId, scanned.pages);
  const submitted = await page.evaluate(async (d) => {
    const reply = await (window as unknown as Api).kiosk.submitDossier({ draft: d });
    return reply.ok ? null : reply.error.message;
  }, draft);
  if (submitted !== null) throw new Error(`submit failed: ${submitted}`);
}

async function citizenSession(i: number): Promise<void> {
  await page.getByTestId('screen-attract').click();
  await page.getByTestId('language-vi').click();
  await page.getByTestId('screen-home').waitFor();
  await contractWork(i);
  await page.getByTestId('home-queue').click();
  await page.getByTestId('service-dat-dai').click();
  await page.getByTestId('priority-none').click();
  await page.getByTestId('ticket-done').click();
  await page.getByTestId('screen-attract').waitFor();
}

const started = performance.now();
let done = 0;
let baseline: Sample | null = null;
let failure: string | null = null;
while (done < SESSIONS && performance.now() - started < MAX_MS) {
  try {
    await citizenSession(done);
  } catch (error) {
    // Measured so far is still reported, with what stopped the run and what the screen showed.
    failure = `session ${done + 1} failed: ${String(error).split('\n')[0]}; screenshot ${await shot(page, 'soak-failure')}`;
    console.error(failure);
    break;
  }
  done++;
  if (done === BASELINE_AT) baseline = await measure(page, cdp);
}
if (failure) {
  await page.goto(kiosk.url);
  await page.getByTestId('screen-attract').waitFor();
}
const last = await measure(page, cdp);
const minutes = (performance.now() - started) / 60_000;

const dirStats = (dir: string) => {
  try {
    const names = readdirSync(dir);
    return { files: names.length, mb: names.reduce((s, n) => s + statSync(join(dir, n)).size, 0) / 1024 / 1024 };
  } catch {
    return { files: 0, mb: 0 };
  }
};
const prints = dirStats(join(kiosk.dataDir, 'prints'));
const logs = dirStats(join(kiosk.dataDir, 'logs'));
await browser.close();
await kiosk.stop();

if (!baseline) throw new Error(`only ${done} sessions ran; no baseline at ${BASELINE_AT}`);
const growth = (a: number, b: number) => ((b - a) / a) * 100;
const base = baseline;
const span = `n=${done} from=${BASELINE_AT} minutes=${minutes.toFixed(1)}${failure ? ' stopped_early(page reloaded before the last measure)' : ''}`;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
report('soak.growth_pct.kiosk_rss', growth(base.kioskRss, last.kioskRss), '%', 5, `${span} ${mb(base.kioskRss)}→${mb(last.kioskRss)}MB`);
report('soak.growth_pct.renderer_heap', growth(base.jsHeap, last.jsHeap), '%', 5, `${span} ${mb(base.jsHeap)}→${mb(last.jsHeap)}MB`);
report('soak.growth_pct.dom_nodes', growth(base.nodes, last.nodes), '%', 5, `${span} ${base.nodes}→${last.nodes}`);
report('soak.prints_files', prints.files, 'files', KEEP_IMAGES, `${prints.mb.toFixed(1)}MB`);
report('soak.logs_mb', Number(logs.mb.toFixed(2)), 'MB', LOG_CAP_MB, `files=${logs.files}`);
