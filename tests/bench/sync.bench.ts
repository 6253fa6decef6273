// sync.drain_ratio: time for the outbox to drain 1,000 dossiers × 3 files × 300 KB to the
// reference portal on loopback ÷ time for a plain HTTP upload of the same bytes (a server that
// only writes each body to a file) with the same concurrency, both measured in this run.
// chaos.sync_kills: the sync chaos with more kills than CI; lost and duplicate dossiers (budget 0).
import { once } from 'node:events';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { getDossierFiles } from '../../src-main/sync/dossier-repository';
import { drain, enrolledClient, openKioskDb, seedDossiers, startPortal } from '../sync/harness';
import { runSyncChaos } from '../sync/sync-chaos-harness';
import { report } from './report';

const DOSSIERS = Number(process.env.BENCH_SYNC_DOSSIERS ?? 1000);
const FILE_BYTES = 300 * 1024;
const CONCURRENCY = 4;
const KILLS = Number(process.env.BENCH_SYNC_KILLS ?? 150);

const work = mkdtempSync(join(tmpdir(), 'kiosk-bench-sync-'));
try {
  const kioskDir = join(work, 'kiosk');
  const db = openKioskDb(join(kioskDir, 'kiosk.sqlite3'));
  const seeded = seedDossiers(db, join(kioskDir, 'files'), DOSSIERS, 3, FILE_BYTES);

  // Plain upload: the same files, one POST each, CONCURRENCY at a time.
  const paths = seeded.flatMap((d) => getDossierFiles(db, d.id).map((f) => join(kioskDir, 'files', f.relative_path)));
  const sinkDir = join(work, 'sink');
  mkdirSync(sinkDir);
  let n = 0;
  const sink = createServer((req, res) => {
    void pipeline(req, createWriteStream(join(sinkDir, String(n++)))).then(() => res.end('{}'));
  });
  sink.listen(0, '127.0.0.1');
  await once(sink, 'listening');
  const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/`;
  const plainStarted = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < paths.length) {
        const body = readFileSync(paths[next++] ?? '');
        const res = await fetch(sinkUrl, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } });
        await res.text();
      }
    }),
  );
  const plainMs = Date.now() - plainStarted;
  sink.close();
  rmSync(sinkDir, { recursive: true, force: true });

  const { server, url } = await startPortal(join(work, 'portal'));
  const { client } = await enrolledClient(url);
  const drained = await drain(db, client, join(kioskDir, 'files'), { concurrency: CONCURRENCY, chunkBytes: 1024 * 1024, timeoutMs: 30 * 60_000 });
  await server.close();
  db.close();
  if (drained.left !== 0) throw new Error(`${drained.left} rows left undelivered`);
  report('sync.drain_ratio', drained.ms / plainMs, 'ratio', 1.2, `drain_ms=${drained.ms} plain_ms=${plainMs} dossiers=${DOSSIERS} files=${paths.length}`);

  const chaos = await runSyncChaos({ workDir: join(work, 'chaos'), kills: KILLS, dossiers: 200, fileBytes: 200_000, seed: 7, maxKillMs: 300 });
  report('chaos.sync_kills', chaos.lost + chaos.duplicates, 'lost+duplicates', 0, `kills=${chaos.kills} lost=${chaos.lost} duplicates=${chaos.duplicates} parked=${chaos.parked} integrity=${chaos.integrity} ms=${chaos.ms}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
