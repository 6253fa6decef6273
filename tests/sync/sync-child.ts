// The process the sync chaos test kills: delivers the kiosk's outbox to a portal with the real
// worker and handler, prints READY once running and DONE when nothing is left to send.
// Argv: <kiosk data dir> <portal url>; env KIOSK_CREDENTIAL: the terminal credential.
import { join } from 'node:path';
import { createMemoryLogger } from '../../src-main/app/logger';
import { openDatabase } from '../../src-main/db/open-database';
import { MemoryCredentialStore } from '../../src-main/sync/credential-store';
import { createDossierSyncHandler } from '../../src-main/sync/dossier-sync';
import { LinkMonitor } from '../../src-main/sync/link-state';
import { OutboxWorker } from '../../src-main/sync/outbox-worker';
import { PortalClient } from '../../src-main/sync/portal-client';
import { requestFetch } from '../../src-main/sync/request-fetch';
import { gatedFetch } from '../../src-main/sync/request-gate';
import { JOBS_PER_REQUEST } from '../../src-main/sync/sync-config';
import { realWait } from '../../src-main/sync/wait';

const [dataDir = '', portalUrl = ''] = process.argv.slice(2);
const clock = { now: () => new Date() };
const db = openDatabase(join(dataDir, 'kiosk.sqlite3'));
// As the kiosk sends (sync-service.ts): a request gate, more jobs than its places, bundles that
// wait sent together. Each batch request is told on stdout, so the test knows kills landed
// among batches.
const REQUESTS = 2;
const http = requestFetch();
const counted: typeof fetch = (input, init) => {
  if (String(input).endsWith('/v1/dossier-batches')) process.stdout.write('BATCH\n');
  return http.fetch(input, init);
};
const client = new PortalClient({ baseUrl: portalUrl, credentials: new MemoryCredentialStore(process.env.KIOSK_CREDENTIAL ?? null), clock, fetch: gatedFetch(counted, REQUESTS) });
const worker = new OutboxWorker({
  db,
  handlers: {
    'submit-dossier': createDossierSyncHandler({ db, client, fileRoot: join(dataDir, 'files'), clock, timeZone: 'Asia/Ho_Chi_Minh', chunkBytes: 64 * 1024, requestsInFlight: REQUESTS }),
  },
  clock,
  random: Math.random,
  wait: realWait,
  logger: createMemoryLogger(),
  link: new LinkMonitor(() => Date.now()),
  options: { concurrency: JOBS_PER_REQUEST * REQUESTS, backoff: { baseMs: 20, capMs: 200 }, linkBackoff: { baseMs: 50, capMs: 200 }, idlePollMs: 20 },
});
const stop = new AbortController();
const left = () => db.prepare(`SELECT count(*) FROM outbox_jobs WHERE state IN ('pending','running')`).pluck().get() as number;
const timer = setInterval(() => {
  if (left() === 0) stop.abort();
}, 20);
process.stdout.write('READY\n');
void worker.start(stop.signal).then(() => {
  clearInterval(timer);
  const parked = db.prepare(`SELECT count(*) FROM outbox_jobs WHERE state = 'parked'`).pluck().get() as number;
  db.close();
  process.stdout.write(`DONE parked=${parked}\n`);
});
