// soak.growth_pct: citizen sessions one after another in one page, as a kiosk runs for weeks
// without a reload. Each session goes through the real screens (attract → language → home →
// queue → service → priority → ticket, printed on the virtual printer → done → attract) and asks
// the core through `window.kiosk` for a search; every 10th also scans and submits a dossier.
// Growth between the start (sessions 50–58) and the end (the last 10 sessions) of: the kiosk
// process's RSS (/proc) and its V8 heap (through its inspector), the renderer's JS heap and its
// DOM node count (CDP Performance.getMetrics), each measured back on the attract screen after a
// GC forced in both processes. Each end is the median of SAMPLES samples taken every other
// session, because one sample of RSS moved by ±10 % between runs. Each end also splits each JS
// heap into V8's compiled code and the program's own objects (renderer: a heap snapshot, see
// heap-composition.ts; core: V8's code statistics): code grows as functions get hot, objects would grow with a leak.
// Also prints prints/ and logs/ against their caps. SOAK_SESSIONS and SOAK_MAX_MINUTES bound the run;
// the printed n is the real count. SOAK_TRACE_EVERY=N prints one sample every N sessions (not a
// BENCH line) to see whether growth levels off.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { KioskClient } from '../../src-shared/contract';
import { kioskPage, launchBrowser, ROOT, shot, startKioskProcess } from '../e2e-web/harness';
import { landDraft } from '../unit/dossier/fixture';
import { heapComposition, pageHeapSnapshot, type HeapComposition } from './heap-composition';
import { freePort, NodeInspector } from './node-inspector';
import { readStat } from './proc-usage';
import { percentile, report } from './report';

const SESSIONS = Number(process.env.SOAK_SESSIONS ?? 1000);
const BASELINE_AT = Math.min(50, Math.floor(SESSIONS / 2));
const SAMPLES = 5;
// Samples every other session: sessions 50, 52 … 58 at the start, the last 10 at the end.
const WINDOW = SAMPLES * 2;
const TRACE_EVERY = Number(process.env.SOAK_TRACE_EVERY ?? 0);
const MAX_MS = Number(process.env.SOAK_MAX_MINUTES ?? 15) * 60_000;
const KEEP_IMAGES = 300;
const LOG_CAP_MB = 20;
const QUERIES = ['đất đai', 'khai sinh', 'kết hôn', 'chứng thực', 'hộ kinh doanh', 'giấy phép xây dựng', 'cư trú', 'xyz'];

interface Sample {
  kioskRss: number;
  kioskHeap: number;
  jsHeap: number;
  nodes: number;
}

// A busy center's numbering: 1,000 tickets in one day need four digits (three stop at 999).
const demo = JSON.parse(readFileSync(join(ROOT, 'assets/demo-center.json'), 'utf8')) as { queue: { services: object[] } };
const services = demo.queue.services.map((service) => ({ ...service, digits: 4 }));
// The core runs with its inspector open on loopback, so each sample can force a GC in it too.
const inspectPort = await freePort();
const kiosk = await startKioskProcess(undefined, {
  env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --inspect=127.0.0.1:${inspectPort}`.trim() },
  config: { queue: { services }, printer: { virtualKeepImages: KEEP_IMAGES }, logs: { keepDays: 30, maxMegabytes: LOG_CAP_MB } },
});
const kioskPid = kiosk.child.pid!;
const core = await NodeInspector.connect(inspectPort);
const browser = await launchBrowser();
const page = await kioskPage(browser, 'portrait');
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
await page.goto(kiosk.url);
await page.getByTestId('screen-attract').waitFor();

async function measure(p: Page, session: CDPSession): Promise<Sample> {
  // Twice, with a pause: the first collection can leave objects that only die on the second
  // (finalizers, weak references cleared by the first).
  await session.send('HeapProfiler.collectGarbage');
  await p.waitForTimeout(200);
  await session.send('HeapProfiler.collectGarbage');
  const { metrics } = await session.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const kioskHeap = await core.heapUsedAfterGc();
  return { kioskRss: readStat(kioskPid)?.rssBytes ?? NaN, kioskHeap, jsHeap: metric('JSHeapUsedSize'), nodes: metric('Nodes') };
}

/** The core's heap after a GC, code apart (from V8's code statistics, not a snapshot: see node-inspector.ts). */
async function coreComposition(): Promise<HeapComposition> {
  const used = await core.heapUsedAfterGc();
  const codeBytes = await core.heapCodeBytes();
  return { codeBytes, objectBytes: used - codeBytes };
}

const median = (values: readonly number[]) => percentile(values, 50);
function medianOf(samples: readonly Sample[]): Sample {
  return {
    kioskRss: median(samples.map((s) => s.kioskRss)),
    kioskHeap: median(samples.map((s) => s.kioskHeap)),
    jsHeap: median(samples.map((s) => s.jsHeap)),
    nodes: median(samples.map((s) => s.nodes)),
  };
}
/** max − min over the median, in %: how much one sample alone could have moved the figure. */
function spreadPct(samples: readonly Sample[], key: keyof Sample): number {
  const values = samples.map((s) => s[key]);
  return ((Math.max(...values) - Math.min(...values)) / median(values)) * 100;
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
const first: Sample[] = [];
const last: Sample[] = [];
let firstHeap: HeapComposition | null = null;
let firstCoreHeap: HeapComposition | null = null;
let failure: string | null = null;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);
// Start: sessions 50, 52 … 58. End: the last WINDOW sessions of SESSIONS (992 … 1,000); a run cut
// short by SOAK_MAX_MINUTES still gets one end sample after its last session.
const atStart = (n: number) => n >= BASELINE_AT && n < BASELINE_AT + WINDOW && (n - BASELINE_AT) % 2 === 0;
const atEnd = (n: number) => n > SESSIONS - WINDOW && n >= BASELINE_AT + WINDOW && (SESSIONS - n) % 2 === 0;
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
  if (atStart(done)) {
    first.push(await measure(page, cdp));
    if (first.length === SAMPLES) {
      firstHeap = heapComposition(await pageHeapSnapshot(cdp));
      firstCoreHeap = await coreComposition();
    }
  }
  if (atEnd(done)) last.push(await measure(page, cdp));
  if (TRACE_EVERY > 0 && done % TRACE_EVERY === 0) {
    const s = await measure(page, cdp);
    console.error(`soak at ${done}: kiosk_rss=${mb(s.kioskRss)}MB kiosk_heap=${mb(s.kioskHeap)}MB renderer_heap=${mb(s.jsHeap)}MB nodes=${s.nodes}`);
  }
}
if (failure) {
  await page.goto(kiosk.url);
  await page.getByTestId('screen-attract').waitFor();
}
if (last.length === 0) last.push(await measure(page, cdp));
const lastHeap = heapComposition(await pageHeapSnapshot(cdp));
const lastCoreHeap = await coreComposition();
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
core.close();
await browser.close();
await kiosk.stop();

if (first.length < SAMPLES || !firstHeap || !firstCoreHeap) throw new Error(`only ${done} sessions ran; no baseline over sessions ${BASELINE_AT}–${BASELINE_AT + WINDOW}`);
const growth = (a: number, b: number) => ((b - a) / a) * 100;
const base = medianOf(first);
const end = medianOf(last);
const span = `n=${done} from=${BASELINE_AT} samples=${first.length}+${last.length} minutes=${minutes.toFixed(1)}${failure ? ' stopped_early(page reloaded before the last measure)' : ''}`;
const spread = (key: keyof Sample) => `spread=${spreadPct(first, key).toFixed(1)}%/${spreadPct(last, key).toFixed(1)}%`;
report('soak.growth_pct.kiosk_rss', growth(base.kioskRss, end.kioskRss), '%', 5, `${span} ${mb(base.kioskRss)}→${mb(end.kioskRss)}MB ${spread('kioskRss')}`);
report('soak.growth_pct.kiosk_heap', growth(base.kioskHeap, end.kioskHeap), '%', 5, `${span} ${mb(base.kioskHeap)}→${mb(end.kioskHeap)}MB ${spread('kioskHeap')} of_which_code=${mb(firstCoreHeap.codeBytes)}→${mb(lastCoreHeap.codeBytes)}MB objects=${mb(firstCoreHeap.objectBytes)}→${mb(lastCoreHeap.objectBytes)}MB`);
report('soak.growth_pct.kiosk_js_objects', growth(firstCoreHeap.objectBytes, lastCoreHeap.objectBytes), '%', 5, `${span} ${mb(firstCoreHeap.objectBytes)}→${mb(lastCoreHeap.objectBytes)}MB (V8 heap after GC less its code statistics)`);
report(
  'soak.growth_pct.renderer_heap',
  growth(base.jsHeap, end.jsHeap),
  '%',
  5,
  `${span} ${mb(base.jsHeap)}→${mb(end.jsHeap)}MB ${spread('jsHeap')} of_which_code=${mb(firstHeap.codeBytes)}→${mb(lastHeap.codeBytes)}MB objects=${mb(firstHeap.objectBytes)}→${mb(lastHeap.objectBytes)}MB (whole heap with V8's compiled code; the issue's budget is read on renderer_js_objects, decision 0036)`,
);
report('soak.growth_pct.renderer_js_objects', growth(firstHeap.objectBytes, lastHeap.objectBytes), '%', 5, `${span} ${mb(firstHeap.objectBytes)}→${mb(lastHeap.objectBytes)}MB (heap snapshot, compiled code excluded)`);
report('soak.growth_pct.dom_nodes', growth(base.nodes, end.nodes), '%', 5, `${span} ${base.nodes}→${end.nodes}`);
report('soak.prints_files', prints.files, 'files', KEEP_IMAGES, `${prints.mb.toFixed(1)}MB`);
report('soak.logs_mb', Number(logs.mb.toFixed(2)), 'MB', LOG_CAP_MB, `files=${logs.files}`);
