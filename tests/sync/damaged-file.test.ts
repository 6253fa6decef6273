import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDossierFiles } from '../../src-main/sync/dossier-repository';
import { useTempDirs } from '../fakes/temp-dir';
import { drain, enrolledClient, openKioskDb, portalHoldings, seedDossiers, startPortal } from './harness';

const tempDir = useTempDirs();

const damage = {
  'a flipped byte': (bytes: Buffer) => {
    bytes[1234] = (bytes[1234] ?? 0) ^ 0xff;
    return bytes;
  },
  'cut short': (bytes: Buffer) => bytes.subarray(0, 20_000),
};

describe('sync: a file damaged on the kiosk disk', () => {
  for (const [how, spoil] of Object.entries(damage))
    for (const [path, sending] of [
      ['bundle', { concurrency: 4, requestsInFlight: 4 }],
      // Dossiers waiting for the one request place: those after the first go as a batch.
      ['batch', { concurrency: 8, requestsInFlight: 1 }],
      ['file by file', { bundleMaxBytes: 0 }],
    ] as const)
  it(`${how} (${path}): refused by the portal (SHA-256) or by its size, confirmed by reading it again, its dossier parked with the reason; the others arrive`, async () => {
    const portal = await startPortal(tempDir());
    try {
      const kioskDir = tempDir();
      const db = openKioskDb(join(kioskDir, 'kiosk.sqlite3'));
      const fileRoot = join(kioskDir, 'files');
      const seeded = seedDossiers(db, fileRoot, 4, 2, 50_000);
      const victim = seeded[1];
      const file = victim ? getDossierFiles(db, victim.id)[1] : undefined;
      if (!victim || !file) throw new Error('seeding gave no dossier');
      const stored = join(fileRoot, file.relative_path);
      writeFileSync(stored, spoil(readFileSync(stored)));
      const { client, requests } = await enrolledClient(portal.url);
      const result = await drain(db, client, fileRoot, { timeoutMs: 20_000, ...sending });
      if (path === 'batch') expect(requests.get('/v1/dossier-batches')).toBeGreaterThan(0);
      expect(result.left).toBe(0);
      const rows = db.prepare(`SELECT subject_id, state, parked_reason FROM outbox_jobs ORDER BY id`).all() as { subject_id: string; state: string; parked_reason: string | null }[];
      expect(rows.map((r) => r.state)).toEqual(['done', 'parked', 'done', 'done']);
      expect(rows[1]?.parked_reason).toContain('is damaged');
      const held = portalHoldings(portal.server);
      expect(held.dossiers.map((d) => d.id).sort()).toEqual([seeded[0]?.id, seeded[2]?.id, seeded[3]?.id].sort());
      db.close();
    } finally {
      await portal.server.close();
    }
  });
});
