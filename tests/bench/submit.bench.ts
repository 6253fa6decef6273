// submit.durable_p99_ms: p99 over 300 submits of the durable part of submitting a dossier with
// 3 scanned pages (~100 KB each, staged beforehand as the scanner does): pages moved into the
// content store with fsyncs, then the one transaction (synchronous=FULL) that writes everything.
// chaos.submit_kills: lost + broken dossiers + orphan files over many SIGKILLs mid-submit.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { assetsDir } from '../../src-main/app/paths';
import { parseCatalog } from '../../src-main/catalog/catalog-import';
import { importCatalog } from '../../src-main/catalog/catalog-repository';
import { getProcedure } from '../../src-main/catalog/catalog-repository';
import { openDatabase } from '../../src-main/db/open-database';
import { ContentStore } from '../../src-main/dossier/content-store';
import { submitDurably } from '../../src-main/dossier/dossier-submit';
import { validateDraft } from '../../src-main/dossier/draft-validation';
import { PageStaging } from '../../src-main/dossier/page-staging';
import type { DossierDraft } from '../../src-shared/dossier';
import { buildChild, killOnce } from '../chaos/chaos-harness';
import { percentile, report } from './report';
import { landDraft } from '../unit/dossier/fixture';

const SUBMITS = Number(process.env.BENCH_SUBMITS ?? 300);
const KILLS = Number(process.env.BENCH_CHAOS_KILLS ?? 200);
const catalogFile = join(assetsDir(), 'demo-catalog.json');

{
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-submit-'));
  const db = openDatabase(join(dir, 'kiosk.sqlite3'));
  importCatalog(db, parseCatalog(JSON.parse(fs.readFileSync(catalogFile, 'utf8'))), new Date());
  const procedure = getProcedure(db, '1.013831');
  if (!procedure) throw new Error('demo catalog without 1.013831');
  const store = new ContentStore(join(dir, 'files'), fs);
  const staging = new PageStaging(join(dir, 'files'), fs, store, Date.now);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const samples: number[] = [];
  for (let i = 0; i < SUBMITS; i++) {
    const sessionId = staging.begin(procedure.code);
    const ids = [0, 1, 2].map(() => staging.stage(sessionId, Buffer.concat([png, randomBytes(100_000)])).pageId);
    const draft: DossierDraft = landDraft(sessionId, [[ids[0] ?? ''], [ids[1] ?? ''], [ids[2] ?? '']]);
    const now = new Date();
    const { clean } = validateDraft(draft, procedure, now.toISOString().slice(0, 10), () => true);
    const start = performance.now();
    submitDurably(
      { db, store, staging, fs },
      { dossierId: sessionId, draft, clean, procedure, terminalId: 'BENCH', receivedAt: now, receivedDay: now.toISOString().slice(0, 10), appointmentAt: now },
    );
    samples.push(performance.now() - start);
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  report('submit.durable_p99_ms', percentile(samples, 99), 'ms', 30, `n=${samples.length} p50=${percentile(samples, 50).toFixed(2)} pages=3x100KB`);
}

{
  const child = await buildChild();
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-chaos-'));
  let lost = 0;
  let broken = 0;
  let orphans = 0;
  let bad = 0;
  let acknowledged = 0;
  let swept = 0;
  for (let i = 0; i < KILLS; i++) {
    const round = await killOnce(child, dir, catalogFile, Math.floor(Math.random() * 200));
    lost += round.lost;
    broken += round.broken;
    orphans += round.orphansAfterSweep;
    bad += round.integrity === 'ok' ? 0 : 1;
    acknowledged += round.acknowledged.length;
    swept += round.orphansSwept;
  }
  rmSync(dir, { recursive: true, force: true });
  report(
    'chaos.submit_kills',
    lost + broken + orphans + bad,
    'failures',
    0,
    `kills=${KILLS} lost=${lost} broken=${broken} orphans=${orphans} integrity_failures=${bad} acknowledged=${acknowledged} swept_at_start=${swept}`,
  );
}
