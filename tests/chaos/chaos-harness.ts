import * as fs from 'node:fs';
import { join } from 'node:path';
import { buildChaosChild, runAndKill } from './kill-child';
import { openDatabase } from '../../src-main/db/open-database';
import { ContentStore, sha256Hex } from '../../src-main/dossier/content-store';
import { referencedFiles } from '../../src-main/dossier/dossier-repository';
import { PageStaging } from '../../src-main/dossier/page-staging';


/** Bundles the submit child once (node starts it in ~100 ms). */
export const buildChild = (): Promise<string> => buildChaosChild('submit-child');

export interface KillRound {
  acknowledged: string[];
  /** Acknowledged dossiers that are missing or not whole after the kill. */
  lost: number;
  /** Dossiers present but not whole (documents, pages, files, outbox, status, audit). */
  broken: number;
  /** Files left on disk that nothing refers to, after the start sweep. */
  orphansAfterSweep: number;
  orphansSwept: number;
  integrity: string;
  dossiers: number;
}

/** Runs the child until `killAfterMs` past READY, SIGKILLs it, then opens the store and checks it. */
export async function killOnce(childFile: string, dataDir: string, catalogFile: string, killAfterMs: number): Promise<KillRound> {
  // The submit child never ends by itself: an exit that was not the kill fails the round.
  const run = await runAndKill(childFile, [dataDir, catalogFile], 'READY', killAfterMs);
  if (!run.killed) throw new Error('the submit child ended before it was killed');
  return inspect(dataDir, run.lines.filter((line) => line.startsWith('OK ')).map((line) => line.slice(3)));
}

/** What the next start sees: integrity, the sweep, and every dossier whole or absent. */
export function inspect(dataDir: string, acknowledged: string[]): KillRound {
  const db = openDatabase(join(dataDir, 'kiosk.sqlite3'));
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const root = join(dataDir, 'files');
    const store = new ContentStore(root, fs);
    new PageStaging(root, fs, store, Date.now).sweep();
    const referenced = referencedFiles(db);
    const { orphans: orphansSwept } = store.sweep((sha) => referenced.has(sha));
    const onDisk = store.list();
    const orphansAfterSweep = onDisk.filter((sha) => !referenced.has(sha)).length;

    const ids = db.prepare(`SELECT id FROM dossiers`).pluck().all() as string[];
    const whole = (id: string): boolean => {
      const docs = db.prepare(`SELECT document_id, kind, page_count FROM dossier_documents WHERE dossier_id = ?`).all(id) as {
        document_id: string;
        kind: string;
        page_count: number;
      }[];
      if (docs.length !== 4) return false;
      const pages = db.prepare(`SELECT document_id, sha256 FROM dossier_files WHERE dossier_id = ?`).all(id) as { document_id: string; sha256: string }[];
      if (pages.length !== docs.reduce((n, d) => n + d.page_count, 0) || pages.length !== 3) return false;
      for (const p of pages) {
        if (!store.has(p.sha256) || sha256Hex(store.read(p.sha256)) !== p.sha256) return false;
      }
      const one = (sql: string) => (db.prepare(sql).pluck().get(id) as number) === 1;
      return (
        one(`SELECT count(*) FROM outbox_jobs WHERE idempotency_key = ?`) &&
        one(`SELECT count(*) FROM dossier_status_history WHERE dossier_id = ?`) &&
        one(`SELECT count(*) FROM audit_log WHERE subject = ? AND action = 'dossier.submit'`)
      );
    };
    const broken = ids.filter((id) => !whole(id)).length;
    const present = new Set(ids);
    const lost = acknowledged.filter((id) => !present.has(id)).length;
    return { acknowledged, lost, broken, orphansAfterSweep, orphansSwept, integrity, dossiers: ids.length };
  } finally {
    db.close();
  }
}
