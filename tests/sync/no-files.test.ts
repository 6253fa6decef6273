import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../fakes/temp-dir';
import { drain, enrolledClient, openKioskDb, portalHoldings, seedDossiers, startPortal } from './harness';

const tempDir = useTempDirs();

// A procedure that asks for no documents (a fee-only one): the dossier has no files, and a bundle
// must carry at least one, so it goes as the submit alone.
describe('a dossier without files', () => {
  it('is delivered once, without a bundle, beside dossiers with files', async () => {
    const portal = await startPortal(tempDir());
    try {
      const kioskDir = tempDir();
      const db = openKioskDb(join(kioskDir, 'kiosk.sqlite3'));
      const [bare] = seedDossiers(db, join(kioskDir, 'files'), 1, 1, 1_000);
      db.prepare(`DELETE FROM dossier_files WHERE dossier_id = ?`).run(bare?.id);
      db.prepare(`DELETE FROM dossier_documents WHERE dossier_id = ?`).run(bare?.id);
      const full = seedDossiers(db, join(kioskDir, 'files'), 2, 2, 20_000);
      const { client, requests } = await enrolledClient(portal.url);
      const run = await drain(db, client, join(kioskDir, 'files'), { timeoutMs: 15_000 });
      expect(run.left).toBe(0);
      expect(db.prepare(`SELECT state, parked_reason FROM outbox_jobs ORDER BY id`).all()).toEqual([
        { state: 'done', parked_reason: null },
        { state: 'done', parked_reason: null },
        { state: 'done', parked_reason: null },
      ]);
      const held = portalHoldings(portal.server);
      expect(held.dossiers.map((d) => d.id).sort()).toEqual([bare, ...full].map((d) => d?.id).sort());
      expect(held.files.filter((f) => f.dossier_id === bare?.id)).toEqual([]);
      expect(requests.get('/v1/dossier-bundles')).toBe(2);
      expect(requests.get('/v1/dossiers')).toBe(1);
      db.close();
    } finally {
      await portal.server.close();
    }
  });
});
