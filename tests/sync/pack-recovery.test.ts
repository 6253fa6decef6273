import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../fakes/temp-dir';
import { drain, enrolledClient, openKioskDb, portalHoldings, seedDossiers, startPortal, storedSha256 } from './harness';

const tempDir = useTempDirs();
const FILE = 20_000;

interface Row {
  id: string;
  pack_file: string;
  pack_offset: number;
  pack_synced: number;
}

describe('bundle bytes whose sync the portal never saw finish', () => {
  it('are checked at start: rows whose bytes are there are kept, dossiers with lost bytes are removed and delivered again, once', async () => {
    const dataDir = tempDir();
    const kioskDir = tempDir();
    const fileRoot = join(kioskDir, 'files');
    const db = openKioskDb(join(kioskDir, 'kiosk.sqlite3'));
    const seeded = seedDossiers(db, fileRoot, 3, 3, FILE);
    const [lostOne, keptOne] = seeded;
    if (!lostOne || !keptOne) throw new Error('three dossiers');

    let portal = await startPortal(dataDir);
    let { client } = await enrolledClient(portal.url);
    expect((await drain(db, client, fileRoot, { timeoutMs: 15_000 })).left).toBe(0);
    const rowsOf = (dossierId: string) =>
      portal.server.deps.db
        .prepare(`SELECT u.id, u.pack_file, u.pack_offset, u.pack_synced FROM dossier_files df JOIN uploads u ON u.id = df.upload_id WHERE df.dossier_id = ? ORDER BY df.position`)
        .all(dossierId) as Row[];
    const lostRows = rowsOf(lostOne.id);
    const keptRows = rowsOf(keptOne.id);
    expect(lostRows.map((r) => r.pack_file !== null)).toEqual([true, true, true]);
    await portal.server.close();

    // A power cut as the syncs ran: the rows of two dossiers became durable, not their flags;
    // the bytes of one of them never reached the disk (zeros where its second file should be).
    portal = await startPortal(dataDir);
    const pdb = portal.server.deps.db;
    const unmark = pdb.prepare(`UPDATE uploads SET pack_synced = 0 WHERE id = ?`);
    for (const r of [...lostRows, ...keptRows]) unmark.run(r.id);
    await portal.server.close();
    const second = lostRows[1] as Row;
    const fd = openSync(join(dataDir, 'uploads', second.pack_file), 'r+');
    writeSync(fd, Buffer.alloc(FILE), 0, FILE, second.pack_offset);
    closeSync(fd);

    portal = await startPortal(dataDir);
    const held = portalHoldings(portal.server);
    expect(held.dossiers.map((d) => d.id).sort()).toEqual(seeded.filter((d) => d !== lostOne).map((d) => d.id).sort());
    const { db: portalDb } = portal.server.deps;
    // The lost file's upload and the dossier's submit answer are gone; its files whose bytes are
    // there stay (the retry replays them), and the rows checked are marked synced.
    const ids = (rows: Row[]) => rows.map((r) => r.id);
    const exists = portalDb.prepare(`SELECT count(*) FROM uploads WHERE id = ?`).pluck();
    expect(ids(lostRows).map((id) => exists.get(id))).toEqual([1, 0, 1]);
    const answers = portalDb.prepare(`SELECT operation FROM idempotency WHERE key = ? OR key LIKE ? ORDER BY operation`).pluck();
    expect(answers.all(lostOne.id, `${lostOne.id}.%`)).toEqual(['createUpload', 'createUpload']);
    expect(portalDb.prepare(`SELECT count(*) FROM uploads WHERE pack_synced = 0`).pluck().get()).toBe(0);
    expect(rowsOf(keptOne.id).map((r) => r.id)).toEqual(ids(keptRows));

    // The kiosk never got an answer for the lost one: it is still in its outbox and goes again.
    db.prepare(`UPDATE outbox_jobs SET state = 'pending', next_attempt_at = '2000-01-01T00:00:00.000Z' WHERE subject_id = ?`).run(lostOne.id);
    ({ client } = await enrolledClient(portal.url));
    expect((await drain(db, client, fileRoot, { timeoutMs: 15_000 })).left).toBe(0);
    const after = portalHoldings(portal.server);
    expect(after.dossiers.map((d) => d.id).sort()).toEqual(seeded.map((d) => d.id).sort());
    for (const d of seeded) {
      const files = after.files.filter((f) => f.dossier_id === d.id);
      expect(files.map((f) => storedSha256(portal.server.deps.uploadsDir, f))).toEqual(d.files.map((f) => f.sha256));
    }
    await portal.server.close();
    db.close();
  });
  it("are acknowledged only once their pack's sync is done, which runs while the rows commit", async () => {
    const kioskDir = tempDir();
    const fileRoot = join(kioskDir, 'files');
    const db = openKioskDb(join(kioskDir, 'kiosk.sqlite3'));
    seedDossiers(db, fileRoot, 1, 3, FILE);
    const portal = await startPortal(tempDir());
    const { packs, db: portalDb } = portal.server.deps;
    // A slow disk: the pack's sync takes 400 ms more. Meanwhile the rows are committed, unsynced.
    const seen: { unsynced: number; kioskDone: number }[] = [];
    const track = packs.track.bind(packs);
    packs.track = (ids, sync) =>
      track(
        ids,
        sync.then(async () => {
          await new Promise((r) => setTimeout(r, 400));
          seen.push({
            unsynced: portalDb.prepare(`SELECT count(*) FROM uploads WHERE pack_synced = 0`).pluck().get() as number,
            kioskDone: db.prepare(`SELECT count(*) FROM outbox_jobs WHERE state = 'done'`).pluck().get() as number,
          });
        }),
      );
    try {
      const { client } = await enrolledClient(portal.url);
      const run = await drain(db, client, fileRoot, { timeoutMs: 15_000 });
      expect(run.left).toBe(0);
      expect(run.ms).toBeGreaterThanOrEqual(400);
      expect(seen).toEqual([{ unsynced: 3, kioskDone: 0 }]);
    } finally {
      await portal.server.close();
      db.close();
    }
  });
});
