import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KioskError } from '../../../src-main/kernel/kiosk-error';
import { ContentStore, sha256Hex, StorageFullError, type StoreFs } from '../../../src-main/dossier/content-store';
import { createDossierService } from '../../../src-main/dossier/create-dossier-service';
import { useTempDirs } from '../../fakes/temp-dir';
import { dossierFixture, LAND, landDraft, pagePng } from './fixture';

const tempDir = useTempDirs();

/** Like the real fs, except that files opened for writing under `full` land on /dev/full (real ENOSPC). */
function fullDiskFs(isFull: () => boolean): StoreFs {
  return {
    ...fs,
    openSync: ((path: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) =>
      isFull() && flags === 'wx' ? fs.openSync('/dev/full', 'w') : fs.openSync(path, flags ?? 'r', mode)) as typeof fs.openSync,
    rmSync: fs.rmSync,
  };
}

describe('content store', () => {
  it('names files by SHA-256, writes each once, and sweeps what no row refers to', () => {
    const root = tempDir();
    const store = new ContentStore(root, fs);
    const a = store.put(Buffer.from('page a'));
    expect(a.relativePath).toBe(`objects/${a.sha256.slice(0, 2)}/${a.sha256}`);
    expect(sha256Hex(fs.readFileSync(join(root, a.relativePath)))).toBe(a.sha256);
    expect(store.put(Buffer.from('page a'))).toEqual(a);
    const b = store.put(Buffer.from('page b'));
    fs.writeFileSync(join(root, 'tmp', 'left-over.tmp'), 'half');
    expect(store.sweep((sha) => sha === a.sha256)).toEqual({ orphans: 1, temps: 1 });
    expect(store.list()).toEqual([a.sha256]);
    expect(store.has(b.sha256)).toBe(false);
  });

  it('a full disk (ENOSPC from /dev/full) leaves no partial file and says so', () => {
    const root = tempDir();
    let full = true;
    const store = new ContentStore(root, fullDiskFs(() => full));
    expect(() => store.put(Buffer.alloc(10_000, 7))).toThrow(StorageFullError);
    expect(fs.readdirSync(join(root, 'tmp'))).toEqual([]);
    expect(store.list()).toEqual([]);
    full = false;
    expect(store.has(store.put(Buffer.alloc(10_000, 7)).sha256)).toBe(true);
  });
});

describe('dossier submit on a full or failing disk', () => {
  it('staging a page on a full disk gives the citizen a clear message and keeps nothing', () => {
    const dir = tempDir();
    let full = false;
    const f = dossierFixture(dir, { fs: fullDiskFs(() => full) });
    const { sessionId } = f.service.begin(LAND);
    full = true;
    const error = (() => {
      try {
        f.service.stagePage(sessionId, pagePng('1'), 'vi');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(KioskError);
    expect((error as KioskError).code).toBe('store_unavailable');
    expect((error as KioskError).message).toMatch(/Bộ nhớ của ki-ốt đã đầy/);
    expect(fs.readdirSync(join(dir, 'files', 'staging', sessionId))).toEqual([]);
  });

  it('a transaction that fails after the pages moved leaves no dossier, and the next start removes the files', async () => {
    const dir = tempDir();
    const f = dossierFixture(dir);
    const { sessionId } = f.service.begin(LAND);
    const ids = ['1', '2', '3'].map((n) => [f.service.stagePage(sessionId, pagePng(`p${n}`)).pageId]);
    f.db.exec(`CREATE TEMP TRIGGER fail_outbox BEFORE INSERT ON outbox_jobs BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`);
    await expect(f.service.submit(landDraft(sessionId, ids))).rejects.toThrow(/simulated failure/);
    for (const table of ['dossiers', 'dossier_documents', 'dossier_files', 'files', 'audit_log', 'outbox_jobs', 'dossier_code_counters']) {
      expect(f.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
    const objects = join(dir, 'files', 'objects');
    const onDisk = () => fs.readdirSync(objects).flatMap((s) => fs.readdirSync(join(objects, s)));
    expect(onDisk()).toHaveLength(3);
    // A restart sweeps the moved pages away: nothing points at them.
    const restarted = createDossierService(f.db, dir, f.config, f.printer, f.clock, f.logger);
    expect(restarted.sweep()).toEqual({ orphans: 0, temps: 0, sessions: 0 });
    expect(onDisk()).toHaveLength(0);
  });

  it('retrying after a failed commit finds the pages already in the store', async () => {
    const dir = tempDir();
    const f = dossierFixture(dir);
    const { sessionId } = f.service.begin(LAND);
    const ids = ['1', '2', '3'].map((n) => [f.service.stagePage(sessionId, pagePng(`r${n}`)).pageId]);
    f.db.exec(`CREATE TEMP TRIGGER fail_outbox BEFORE INSERT ON outbox_jobs BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`);
    await expect(f.service.submit(landDraft(sessionId, ids))).rejects.toThrow(/simulated failure/);
    f.db.exec(`DROP TRIGGER fail_outbox`);
    const outcome = await f.service.submit(landDraft(sessionId, ids));
    expect(outcome.receipt.documents.filter((d) => d.kind === 'scanned').map((d) => d.pageCount)).toEqual([1, 1, 1]);
    const restarted = createDossierService(f.db, dir, f.config, f.printer, f.clock, f.logger);
    expect(restarted.sweep().orphans).toBe(0);
    expect(f.db.prepare(`SELECT count(*) FROM dossier_files`).pluck().get()).toBe(3);
  });
});

describe('dossier submit when SQLite itself is full', () => {
  it('SQLITE_FULL becomes a plain message and writes no row', async () => {
    const dir = tempDir();
    const f = dossierFixture(dir);
    const { sessionId } = f.service.begin(LAND);
    const ids = ['1', '2', '3'].map((n) => [f.service.stagePage(sessionId, pagePng(`full${n}`)).pageId]);
    // The database may not grow, and the audit log's pages are full: SQLite's full-disk error.
    f.db.pragma(`max_page_count = ${Number(f.db.pragma('page_count', { simple: true })) + 2}`);
    const filler = f.db.prepare(`INSERT INTO audit_log (at, actor, action, subject, detail) VALUES ('x', 'x', 'filler', 'x', ?)`);
    for (const size of [2000, 200, 20, 1]) {
      try {
        for (;;) filler.run('x'.repeat(size));
      } catch (e) {
        expect((e as { code?: string }).code).toBe('SQLITE_FULL');
      }
    }
    const error = await f.service.submit(landDraft(sessionId, ids, 'en')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KioskError);
    expect((error as KioskError).code).toBe('store_unavailable');
    expect((error as KioskError).message).toMatch(/storage is full.*nothing was lost/);
    expect(f.db.prepare(`SELECT count(*) FROM dossiers`).pluck().get()).toBe(0);
    expect(f.db.prepare(`SELECT count(*) FROM outbox_jobs`).pluck().get()).toBe(0);
  });
});
