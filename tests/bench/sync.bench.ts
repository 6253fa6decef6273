// sync.backlog_drain_s: an outage leaves 300 dossiers × 3 files × 300 KB in the outbox; from
// link-up to the portal's last acknowledgement, in seconds. The kiosk's worker and dossier handler
// as composed in production (wire-sync.ts: 4 jobs in flight, one bundle per
// dossier) run in this process through the kiosk's HTTP client; the reference portal runs in its
// own process on loopback (another machine in production). The worker first runs through the
// outage (the portal's port refuses, the worker backs off to single probes); link-up is the moment
// the portal listens again and the kiosk learns it, as its heartbeat does (worker.wake()).
// sync.first_ack_ms: from the same link-up to the first dossier the portal acknowledged.
// chaos.sync_kills: the sync chaos with more kills than CI; lost and duplicate dossiers (budget 0).
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createMemoryLogger } from '../../src-main/kernel/logger';
import type { JobHandler } from '../../src-main/outbox/job-outcome';
import { OutboxWorker } from '../../src-main/outbox/outbox-worker';
import { realWait } from '../../src-main/outbox/wait';
import { createDossierSyncHandler } from '../../src-main/sync/dossier-sync';
import { LinkMonitor } from '../../src-main/sync/link-state';
import { PortalClient } from '../../src-main/sync/portal-client';
import { requestFetch } from '../../src-main/sync/request-fetch';
import { enrolledClient, openKioskDb, seedDossiers } from '../sync/harness';
import { startServerProcess } from '../sync/server-process';
import { runSyncChaos } from '../sync/sync-chaos-harness';
import { report } from './report';

const DOSSIERS = Number(process.env.BENCH_SYNC_DOSSIERS ?? 300);
const FILE_BYTES = 300 * 1024;
const CONCURRENCY = 4;
const OUTAGE_MS = 3_000;
const KILLS = Number(process.env.BENCH_SYNC_KILLS ?? 150);

/** A loopback port nobody listens on (yet). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** What the portal recorded (read after it stopped): the drain counts only if all of it arrived. */
function heldByPortal(dataDir: string): { dossiers: number; files: number; bytes: number } {
  const db = new BetterSqlite3(join(dataDir, 'portal.sqlite3'), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT (SELECT count(*) FROM dossiers) AS dossiers, count(*) AS files, coalesce(sum(u.offset), 0) AS bytes
         FROM dossier_files df JOIN uploads u ON u.id = df.upload_id WHERE u.state = 'complete'`,
      )
      .get() as { dossiers: number; files: number; bytes: number };
  } finally {
    db.close();
  }
}

const work = mkdtempSync(join(tmpdir(), 'kiosk-bench-sync-'));
try {
  const kioskDir = join(work, 'kiosk');
  const portalDir = join(work, 'portal');
  const db = openKioskDb(join(kioskDir, 'kiosk.sqlite3'));
  seedDossiers(db, join(kioskDir, 'files'), DOSSIERS, 3, FILE_BYTES);
  const port = await freePort();
  const args = ['--port', String(port), '--data-dir', portalDir];
  // Enrolled before the outage (the credential is the portal's, kept in its store).
  const first = await startServerProcess('src-portal/main.ts', args);
  const { credentials } = await enrolledClient(first.url);
  await first.stop();

  const http = requestFetch();
  const clock = { now: () => new Date() };
  const client = new PortalClient({ baseUrl: first.url, credentials, clock, timeoutMs: 30_000, fetch: http.fetch });
  const handler = createDossierSyncHandler({ db, client, fileRoot: join(kioskDir, 'files'), clock, timeZone: 'Asia/Ho_Chi_Minh' });
  const acks: number[] = [];
  const counted: JobHandler = async (job, signal) => {
    const outcome = await handler(job, signal);
    if (outcome.kind === 'finished') acks.push(performance.now());
    return outcome;
  };
  const worker = new OutboxWorker({
    db,
    handlers: { 'submit-dossier': counted },
    clock,
    random: Math.random,
    wait: realWait,
    logger: createMemoryLogger(),
    link: new LinkMonitor(() => Date.now()),
    options: { concurrency: CONCURRENCY },
  });
  const stop = new AbortController();
  const running = worker.start(stop.signal);
  await new Promise((r) => setTimeout(r, OUTAGE_MS));
  if (acks.length > 0) throw new Error('a dossier was acknowledged during the outage');

  const portal = await startServerProcess('src-portal/main.ts', args);
  const linkUp = performance.now();
  worker.wake();
  const left = () => db.prepare(`SELECT count(*) FROM outbox_jobs WHERE state != 'done'`).pluck().get() as number;
  const deadline = Date.now() + 10 * 60_000;
  while (left() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  stop.abort();
  await running;
  await http.close();
  await portal.stop();
  db.close();
  const held = heldByPortal(portalDir);
  if (held.dossiers !== DOSSIERS || held.files !== DOSSIERS * 3 || held.bytes !== DOSSIERS * 3 * FILE_BYTES)
    throw new Error(`the portal holds ${held.dossiers} dossiers, ${held.files} files, ${held.bytes} bytes after the drain`);
  const firstAck = (acks[0] ?? NaN) - linkUp;
  const lastAck = (acks[acks.length - 1] ?? NaN) - linkUp;
  report('sync.backlog_drain_s', lastAck / 1000, 's', 10, `dossiers=${DOSSIERS} files=${DOSSIERS * 3} file_bytes=${FILE_BYTES} in_flight=${CONCURRENCY} outage_ms=${OUTAGE_MS}`);
  report('sync.first_ack_ms', Math.round(firstAck), 'ms', 1_000, `acks=${acks.length}`);

  // Enough dossiers that the kills land before the outbox is empty.
  const chaos = await runSyncChaos({ workDir: join(work, 'chaos'), kills: KILLS, dossiers: 1300, fileBytes: 200_000, seed: 7, maxKillMs: 150 });
  report('chaos.sync_kills', chaos.lost + chaos.duplicates, 'lost+duplicates', 0, `kills=${chaos.kills} lost=${chaos.lost} duplicates=${chaos.duplicates} parked=${chaos.parked} integrity=${chaos.integrity} bundles=${chaos.bundles} ms=${chaos.ms}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
