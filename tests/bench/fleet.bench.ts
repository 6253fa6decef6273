// fleet.heartbeat_p95_ms: 500 simulated terminals heartbeat to the reference portal on loopback,
// each every 60 s compressed to COMPRESSED_MS (so the portal sees 500 / COMPRESSED_MS·1000
// heartbeats a second, ROUNDS rounds), each terminal's send spread evenly over the interval as a
// real fleet's would be; p95 of request → answer in ms (budget 50).
// fleet.page_500_ms: the Fleet page with those 500 terminals, from navigation to the load event
// in Debian's Chromium with every row laid out (budget 1,000).
// The portal runs in its own process (another machine in production); the terminals are plain
// HTTP clients here, sending the heartbeat body a kiosk sends.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { launchBrowser } from '../e2e-web/harness';
import { startServerProcess } from '../sync/server-process';
import { percentile, report } from './report';

const TERMINALS = Number(process.env.BENCH_FLEET_TERMINALS ?? 500);
const COMPRESSED_MS = 6_000;
const ROUNDS = 3;

const portal = await startServerProcess('src-portal/main.ts', ['--port', '0', '--data-dir', mkdtempSync(join(tmpdir(), 'bench-fleet-'))]);
try {
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${portal.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const tokens: string[] = [];
  for (let i = 0; i < TERMINALS; i++) {
    const e = await post('/v1/enrollments', { enrollmentToken: 'demo-enrollment-token', terminalId: `kiosk-${String(i).padStart(3, '0')}`, appVersion: i % 50 === 0 ? '0.0.9' : '0.1.0' });
    tokens.push(String(e['credential']));
  }
  const body = (i: number, round: number) => ({
    appVersion: i % 50 === 0 ? '0.0.9' : '0.1.0',
    sentAt: new Date().toISOString(),
    devices: [
      { device: 'printer', state: i % 97 === 0 ? 'offline' : 'ok', reason: i % 97 === 0 ? 'printer_paper_out' : 'printer_ready' },
      { device: 'barcode-scanner', state: 'ok', reason: 'ready' },
      { device: 'document-scanner', state: 'ok', reason: 'ready' },
    ],
    outbox: { depth: i % 31 === 0 ? round * 3 : 0, parked: 0 },
    ...(i % 71 === 0 ? {} : { render: { screen: 'screen-attract', ageSeconds: 4 } }),
    uptimeSeconds: 3600 + round * 60,
    schemaVersion: 7,
    storage: { level: 'ok', freeBytes: 40_000_000_000 },
    clockSkewSeconds: 0,
    changed: false,
  });

  const latencies: number[] = [];
  const started = performance.now();
  const sends: Promise<void>[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < TERMINALS; i++) {
      const at = started + round * COMPRESSED_MS + (i / TERMINALS) * COMPRESSED_MS;
      sends.push(
        (async () => {
          await new Promise((r) => setTimeout(r, Math.max(0, at - performance.now())));
          const t0 = performance.now();
          await post('/v1/heartbeats', body(i, round), tokens[i]);
          latencies.push(performance.now() - t0);
        })(),
      );
    }
  }
  await Promise.all(sends);
  report('fleet.heartbeat_p95_ms', percentile(latencies, 95), 'ms', 50, `(${latencies.length} heartbeats from ${TERMINALS} terminals, p50 ${percentile(latencies, 50).toFixed(1)} ms)`);

  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(`${portal.url}/admin/fleet`); // warm-up: the first navigation starts the renderer
    const t0 = performance.now();
    await page.goto(`${portal.url}/admin/fleet`, { waitUntil: 'load' });
    const rows = await page.evaluate(() => {
      document.body.getBoundingClientRect(); // forces layout of every row
      return document.querySelectorAll('tbody tr').length;
    });
    const ms = performance.now() - t0;
    if (rows !== TERMINALS) throw new Error(`the Fleet page shows ${rows} rows, not ${TERMINALS}`);
    const flagged = await page.locator('tr.flagged').count();
    report('fleet.page_500_ms', Math.round(ms), 'ms', 1000, `(${rows} rows, ${flagged} flagged)`);
  } finally {
    await browser.close();
  }
} finally {
  await portal.stop();
}
