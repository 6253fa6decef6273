import { join } from 'node:path';
import { FaultSchema } from '../../src-portal/faults/fault';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../fakes/temp-dir';
import { drain, enrolledClient, openKioskDb, portalHoldings, seedDossiers, startPortal } from './harness';

const tempDir = useTempDirs();

// The same bytes in two places of one dossier (one page scanned for two documents, or twice):
// both entries name the one upload, and the portal keeps both entries.
describe('a dossier listing the same page twice', () => {
  for (const [how, bundlesRefused] of [
    ['bundle', false],
    ['bundle broken, resumed file by file', true],
  ] as const) {
    it(`is delivered once with both entries (${how})`, async () => {
      const portal = await startPortal(tempDir());
      try {
        const kioskDir = tempDir();
        const db = openKioskDb(join(kioskDir, 'kiosk.sqlite3'));
        const [d] = seedDossiers(db, join(kioskDir, 'files'), 1, 2, 30_000);
        const first = d?.files[0]?.sha256 ?? '';
        db.prepare(`UPDATE dossier_files SET sha256 = ? WHERE dossier_id = ? AND page_no = 2`).run(first, d?.id);
        const { client } = await enrolledClient(portal.url);
        if (bundlesRefused) portal.server.setFaults([FaultSchema.parse({ kind: '5xx', status: 503, path: '/v1/dossier-bundles' })]);
        const run = await drain(db, client, join(kioskDir, 'files'), { timeoutMs: 15_000 });
        expect(db.prepare(`SELECT state, last_error FROM outbox_jobs`).all()).toEqual([{ state: 'done', last_error: null }]);
        expect(run.left).toBe(0);
        const files = portalHoldings(portal.server).files.filter((f) => f.dossier_id === d?.id);
        expect(files.map((f) => f.sha256)).toEqual([first, first]);
        expect(new Set(files.map((f) => f.upload_id)).size).toBe(1);
        db.close();
      } finally {
        await portal.server.close();
      }
    });
  }
});
