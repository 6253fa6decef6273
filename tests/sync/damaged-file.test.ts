import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../src-main/kernel/event-bus';
import { getDossierFiles } from '../../src-main/dossier/dossier-repository';
import { StaffAlerts } from '../../src-main/staff/staff-alerts';
import { FaultSchema } from '../../src-portal/faults/fault';
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
    for (const [path, bundlesRefused] of [
      ['bundle', false],
      // The bundle broken (refused with a 503): the dossier resumes file by file.
      ['resumed file by file', true],
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
      if (bundlesRefused) portal.server.setFaults([FaultSchema.parse({ kind: '5xx', status: 503, path: '/v1/dossier-bundles' })]);
      const result = await drain(db, client, fileRoot, { timeoutMs: 20_000 });
      if (bundlesRefused) expect(requests.get('/v1/uploads')).toBeGreaterThan(0);
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

describe('sync: a content file deleted under a stored dossier (gone, not damaged)', () => {
  it('parks that dossier with a clear reason and a staff alert, once, without a crash loop; the other dossiers arrive', async () => {
    const portal = await startPortal(tempDir());
    try {
      const kioskDir = tempDir();
      const db = openKioskDb(join(kioskDir, 'kiosk.sqlite3'));
      const fileRoot = join(kioskDir, 'files');
      const seeded = seedDossiers(db, fileRoot, 5, 2, 30_000);
      const victim = seeded[2];
      const file = victim ? getDossierFiles(db, victim.id)[0] : undefined;
      if (!victim || !file) throw new Error('seeding gave no dossier');
      rmSync(join(fileRoot, file.relative_path));
      const alerts = new StaffAlerts(new EventBus(), { now: () => new Date() });
      const { client } = await enrolledClient(portal.url);
      const result = await drain(db, client, fileRoot, { timeoutMs: 20_000, alerts });
      expect(result.left).toBe(0);
      const rows = db.prepare(`SELECT subject_id, state, attempts, parked_reason FROM outbox_jobs ORDER BY id`).all() as { subject_id: string; state: string; attempts: number; parked_reason: string | null }[];
      expect(rows.map((r) => r.state)).toEqual(['done', 'done', 'parked', 'done', 'done']);
      // Parked on its first attempt: nothing on disk will bring the file back.
      expect(rows[2]?.attempts).toBe(1);
      expect(rows[2]?.parked_reason).toMatch(new RegExp(`Dossier ${victim.id}: the stored file ${file.sha256.slice(0, 12)}… \\(don-dang-ky-bien-dong page 1\\) was deleted from the content store`));
      const open = alerts.list().filter((a) => a.resolvedAt === null);
      expect(open.map((a) => a.source)).toEqual(['outbox']);
      expect(open[0]).toMatchObject({ reason: 'outbox_row_parked', detail: expect.stringContaining('was deleted from the content store') });
      const held = portalHoldings(portal.server);
      expect(held.dossiers.map((d) => d.id).sort()).toEqual(seeded.filter((d) => d !== victim).map((d) => d.id).sort());
      alerts.close();
      db.close();
    } finally {
      await portal.server.close();
    }
  });
});
