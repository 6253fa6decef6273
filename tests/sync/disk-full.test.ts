import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { getDossierFiles } from '../../src-main/dossier/dossier-repository';
import { useTempDirs } from '../fakes/temp-dir';
import { drain, enrolledClient, holdingsIn, openKioskDb, seedDossiers, storedSha256, type HeldFile } from './harness';
import { startServerProcess } from './server-process';

const tempDir = useTempDirs();
// The portal may write no file past this size (RLIMIT_FSIZE): its store fits, the dossier's files do not.
const LIMIT = 2_000_000;
const FILE = 2_500_000;

/** What the portal's store holds, read beside the running portal (WAL readers do not block it). */
function held(dataDir: string): { dossiers: string[]; files: HeldFile[]; packed: number } {
  const db = new BetterSqlite3(join(dataDir, 'portal.sqlite3'), { readonly: true });
  try {
    const { dossiers, files } = holdingsIn(db);
    const { packed } = db.prepare('SELECT count(*) AS packed FROM uploads WHERE pack_file IS NOT NULL').get() as { packed: number };
    return { dossiers: dossiers.map((d) => d.id), files, packed };
  } finally {
    db.close();
  }
}

describe('the portal runs out of room for files', () => {
  it('answers with an error and records nothing of the dossier; once there is room, the retry delivers it once, byte-identical', async () => {
    const dataDir = tempDir();
    const portal = await startServerProcess('src-portal/main.ts', ['--port', '0', '--data-dir', dataDir], ['prlimit', `--fsize=${LIMIT}:unlimited`]);
    try {
      const kioskDir = tempDir();
      const fileRoot = join(kioskDir, 'files');
      const db = openKioskDb(join(kioskDir, 'kiosk.sqlite3'));
      const [dossier] = seedDossiers(db, fileRoot, 1, 3, FILE);
      const { client } = await enrolledClient(portal.url);

      // The bundle's pack cannot grow past the limit, nor can a file sent alone on the retries.
      const full = await drain(db, client, fileRoot, { timeoutMs: 2_500 });
      expect(full.left).toBe(1);
      expect(full.link.error()?.message).toMatch(/HTTP 500 internal/);
      // Retried, not parked: a full disk is the portal's trouble, not the dossier's.
      const job = db.prepare(`SELECT state, attempts FROM outbox_jobs`).get() as { state: string; attempts: number };
      expect(job.state).toBe('pending');
      expect(job.attempts).toBeGreaterThan(1);
      // Nothing of the bundle is recorded: no dossier, no upload pointing into the pack.
      expect(held(dataDir)).toMatchObject({ dossiers: [], packed: 0 });
      // The log says what failed: the bundle's write into its direct pack, then the files sent alone.
      expect(portal.log()).toMatch(/POST \/v1\/dossier-bundles failed: Error: E[A-Z]+/);
      expect(portal.log()).toMatch(/PATCH \/v1\/uploads\/\S+ failed: Error: EFBIG/);

      // Room again (an operator freed the disk): the outbox goes on by itself.
      execFileSync('prlimit', ['--pid', String(portal.pid), '--fsize=unlimited']);
      expect((await drain(db, client, fileRoot, { timeoutMs: 20_000 })).left).toBe(0);
      const after = held(dataDir);
      expect(after.dossiers).toEqual([dossier?.id]);
      const sent = getDossierFiles(db, dossier?.id ?? '').map((f) => f.sha256).sort();
      expect(after.files.map((f) => f.sha256).sort()).toEqual(sent);
      for (const f of after.files) expect(storedSha256(join(dataDir, 'uploads'), f)).toBe(f.sha256);
      db.close();
    } finally {
      await portal.stop();
    }
  }, 60_000);
});
