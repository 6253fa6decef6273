import { createHash } from 'node:crypto';
import { constants, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDossierFiles } from '../../src-main/dossier/dossier-repository';
import type { FaultInput } from '../../src-portal/faults/fault';
import { BLOCK_BYTES, roundUpToBlock } from '../../src-portal/handlers/block-writer';
import { FaultSchema } from '../../src-portal/faults/fault';
import { useTempDirs } from '../fakes/temp-dir';
import { drain, enrolledClient, openKioskDb, portalHoldings, seedDossiers, startPortal, storedSha256 } from './harness';

const tempDir = useTempDirs();
const FILE = 20_000;
// Packs are written with O_DIRECT where the platform has it (as on the kiosks' Linux): a pack
// then begins with the block that proved it works, and each bundle's region is whole blocks.
const DIRECT = constants.O_DIRECT !== undefined;
const FIRST = DIRECT ? BLOCK_BYTES : 0;
const region = (bytes: number): number => (DIRECT ? roundUpToBlock(bytes) : bytes);

interface UploadStorage {
  id: string;
  state: string;
  pack_file: string | null;
  pack_offset: number | null;
}

/** Seeds `count` dossiers of 3 files, drains them to a fresh portal with `faults`, returns what the portal stored. */
async function deliver(count: number, faults: FaultInput[] = [], spoil?: (bytes: Buffer) => Buffer) {
  const portal = await startPortal(tempDir(), faults.map((f) => FaultSchema.parse(f)));
  try {
    const kioskDir = tempDir();
    const fileRoot = join(kioskDir, 'files');
    const db = openKioskDb(join(kioskDir, 'kiosk.sqlite3'));
    const seeded = seedDossiers(db, fileRoot, count, 3, FILE);
    if (spoil) {
      const second = getDossierFiles(db, seeded[0]?.id ?? '')[1];
      if (!second) throw new Error('seeding gave no second file');
      const path = join(fileRoot, second.relative_path);
      writeFileSync(path, spoil(readFileSync(path)));
    }
    const { client } = await enrolledClient(portal.url);
    const run = await drain(db, client, fileRoot, { timeoutMs: 15_000 });
    const jobs = db.prepare(`SELECT state FROM outbox_jobs ORDER BY id`).all() as { state: string }[];
    db.close();
    const { uploadsDir, db: portalDb } = portal.server.deps;
    const uploads = portalDb.prepare(`SELECT id, state, pack_file, pack_offset FROM uploads ORDER BY pack_file, pack_offset`).all() as UploadStorage[];
    const held = portalHoldings(portal.server);
    const folder = readdirSync(uploadsDir).map((name) => ({ name, size: statSync(join(uploadsDir, name)).size }));
    return { run, jobs, seeded, uploads, held, folder, uploadsDir };
  } finally {
    await portal.server.close();
  }
}

describe('the portal appends bundles to pack files', () => {
  it("writes bundles' files one after another into one shared file, each row pointing at its range", async () => {
    const { run, held, uploads, folder, uploadsDir } = await deliver(2);
    expect(run.left).toBe(0);
    expect(folder.filter((f) => f.name.endsWith('.bin'))).toEqual([]);
    const packs = folder.filter((f) => f.name.endsWith('.pack'));
    expect(packs.map((p) => p.size)).toEqual([FIRST + 2 * region(3 * FILE)]);
    const ranges = [0, 1].flatMap((bundle) => [0, 1, 2].map((i) => FIRST + bundle * region(3 * FILE) + i * FILE));
    expect(uploads.map((u) => [u.pack_file, u.pack_offset])).toEqual(ranges.map((start) => [packs[0]?.name, start]));
    // A dossier's files are side by side.
    for (const d of held.dossiers) {
      const starts = held.files.filter((f) => f.dossier_id === d.id).map((f) => f.pack_offset ?? -1);
      expect(Math.max(...starts) - Math.min(...starts)).toBe(2 * FILE);
    }
    expect(held.files).toHaveLength(6);
    for (const f of held.files) expect(storedSha256(uploadsDir, f)).toBe(f.sha256);
  });

  it('a bundle cut in its second file: the first stays in the pack, the second moves to a file of its own and is resumed', async () => {
    // 30,000 bytes of files: the whole first file and half of the second.
    const { run, held, uploads, folder, uploadsDir, seeded } = await deliver(1, [{ kind: 'drop-upload', after: 30_000, path: '/v1/dossier-bundles', times: 1 }]);
    expect(run.left).toBe(0);
    expect(held.dossiers.map((d) => d.id)).toEqual([seeded[0]?.id]);
    // The pack holds the first file and the half of the second that arrived (copied out since).
    const packs = folder.filter((f) => f.name.endsWith('.pack'));
    expect(packs).toEqual([{ name: expect.any(String), size: FIRST + region(30_000) }]);
    // Three uploads, no more: the broken one was resumed with PATCH, not begun again.
    expect(uploads.map((u) => [u.state, u.pack_file === null ? 'own file' : 'pack', u.pack_offset])).toEqual([
      ['complete', 'own file', null],
      ['complete', 'own file', null],
      ['complete', 'pack', FIRST],
    ]);
    expect(folder.filter((f) => f.name.endsWith('.bin')).map((f) => f.size)).toEqual([FILE, FILE]);
    for (const f of held.files) expect(storedSha256(uploadsDir, f)).toBe(f.sha256);
  });

  it('a bundle sent again after a restart reserves no room for the files the portal already has', async () => {
    // The first try is cut in its third file, and resuming it fails until the kiosk stops; the
    // restarted kiosk sends the bundle again: every file replays, nothing is written.
    const faults = [
      { kind: 'drop-upload', after: 2 * FILE + FILE / 2, path: '/v1/dossier-bundles', times: 1 },
      { kind: '5xx', path: '/v1/uploads', method: 'PATCH' },
    ].map((f) => FaultSchema.parse(f));
    const portal = await startPortal(tempDir(), faults);
    try {
      const kioskDir = tempDir();
      const fileRoot = join(kioskDir, 'files');
      const db = openKioskDb(join(kioskDir, 'kiosk.sqlite3'));
      seedDossiers(db, fileRoot, 1, 3, FILE);
      const { client } = await enrolledClient(portal.url);
      expect((await drain(db, client, fileRoot, { timeoutMs: 1_500 })).left).toBe(1);
      portal.server.setFaults([]);
      expect((await drain(db, client, fileRoot, { timeoutMs: 15_000 })).left).toBe(0);
      // The next dossier's files follow the first bundle's bytes, with no gap left for the replay.
      seedDossiers(db, fileRoot, 1, 3, FILE);
      expect((await drain(db, client, fileRoot, { timeoutMs: 15_000 })).left).toBe(0);
      db.close();
      const held = portalHoldings(portal.server);
      expect(held.dossiers).toHaveLength(2);
      const packed = held.files.filter((f) => f.pack_file !== null).map((f) => f.pack_offset);
      const second = FIRST + region(3 * FILE);
      expect(packed.sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([FIRST, FIRST + FILE, second, second + FILE, second + 2 * FILE]);
      for (const f of held.files) expect(storedSha256(portal.server.deps.uploadsDir, f)).toBe(f.sha256);
    } finally {
      await portal.server.close();
    }
  });

  it('a file refused for its SHA-256 gets no row; the file before it is kept', async () => {
    const flip = (bytes: Buffer) => {
      bytes[100] = (bytes[100] ?? 0) ^ 0xff;
      return bytes;
    };
    const { jobs, uploads, folder } = await deliver(1, [], flip);
    expect(jobs.map((j) => j.state)).toEqual(['parked']);
    expect(folder.map((f) => f.name)).toEqual([expect.stringMatching(/\.pack$/)]);
    expect(uploads.map((u) => [u.state, u.pack_file, u.pack_offset])).toEqual([['complete', folder[0]?.name, FIRST]]);
  });

  it("the admin page links each file, and the link gives the stored bytes back (a scan inline, anything else as a download)", async () => {
    const portal = await startPortal(tempDir());
    try {
      const kioskDir = tempDir();
      const db = openKioskDb(join(kioskDir, 'kiosk.sqlite3'));
      const [d] = seedDossiers(db, join(kioskDir, 'files'), 1, 2, FILE);
      const { client } = await enrolledClient(portal.url);
      expect((await drain(db, client, join(kioskDir, 'files'), { timeoutMs: 15_000 })).left).toBe(0);
      db.close();
      const page = await (await fetch(`${portal.url}/admin`)).text();
      const links = [...page.matchAll(/href="(\/admin\/uploads\/[^"]+)"/g)].map((m) => m[1] ?? '');
      expect(links).toHaveLength(2);
      const served = await Promise.all(
        links.map(async (link) => {
          const res = await fetch(`${portal.url}${link}`);
          return { type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), sha: createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex') };
        }),
      );
      expect(served.map((s) => s.sha).sort()).toEqual(d?.files.map((f) => f.sha256).sort());
      expect(served.map((s) => s.type)).toEqual(['application/pdf', 'application/pdf']);
      expect(served[0]?.disposition).toMatch(/^inline; filename\*=UTF-8''/);

      // A terminal's word that a file is HTML does not make the portal serve it as a page.
      const id = /\/admin\/uploads\/([^"]+)/.exec(links[0] ?? '')?.[1] ?? '';
      portal.server.deps.db.prepare(`UPDATE uploads SET content_type = 'text/html' WHERE id = ?`).run(decodeURIComponent(id));
      const html = await fetch(`${portal.url}${links[0]}`);
      expect(html.headers.get('content-type')).toBe('application/octet-stream');
      expect(html.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(html.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await fetch(`${portal.url}/admin/uploads/no-such-id`)).status).toBe(404);
    } finally {
      await portal.server.close();
    }
  });
});
