// The process the sync chaos test kills: delivers the kiosk's outbox to a portal with the real
// worker and handler, prints READY once running and DONE when nothing is left to send.
// Argv: <kiosk data dir> <portal url>; env KIOSK_CREDENTIAL: the terminal credential.
import { join } from 'node:path';
import { createMemoryLogger } from '../../src-main/kernel/logger';
import { openDatabase } from '../../src-main/db/open-database';
import { MemoryCredentialStore } from '../fakes/memory-credential-store';
import { createDossierSyncHandler } from '../../src-main/sync/dossier-sync';
import { LinkMonitor } from '../../src-main/sync/link-state';
import { OutboxWorker } from '../../src-main/outbox/outbox-worker';
import { PortalClient } from '../../src-main/sync/portal-client';
import { requestFetch } from '../../src-main/sync/request-fetch';
import { realWait } from '../../src-main/outbox/wait';

const [dataDir = '', portalUrl = ''] = process.argv.slice(2);
const clock = { now: () => new Date() };
const db = openDatabase(join(dataDir, 'kiosk.sqlite3'));
// As the kiosk sends (wire-sync.ts): a plain concurrency limit, a bundle per
// dossier. Each bundle request is told on stdout, so the test knows kills landed among bundles.
const CONCURRENCY = 4;
const http = requestFetch();
const counted: typeof fetch = (input, init) => {
  if (String(input).endsWith('/v1/dossier-bundles')) process.stdout.write('BUNDLE\n');
  return http.fetch(input, init);
};
const client = new PortalClient({ baseUrl: portalUrl, credentials: new MemoryCredentialStore(process.env.KIOSK_CREDENTIAL ?? null), clock, fetch: counted });
const worker = new OutboxWorker({
  db,
  handlers: {
    'submit-dossier': createDossierSyncHandler({ db, client, fileRoot: join(dataDir, 'files'), clock, timeZone: 'Asia/Ho_Chi_Minh', chunkBytes: 64 * 1024 }),
  },
  clock,
  random: Math.random,
  wait: realWait,
  logger: createMemoryLogger(),
  link: new LinkMonitor(() => Date.now()),
  options: { concurrency: CONCURRENCY, backoff: { baseMs: 20, capMs: 200 }, linkBackoff: { baseMs: 50, capMs: 200 }, idlePollMs: 20 },
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
