import { createHash } from 'node:crypto';
import { closeSync, fdatasyncSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { dossiersWithUploads, removeUnacknowledgedDossier } from '../repo/dossiers';
import { markPackSynced, removeUpload, uploadsNotKnownSynced, type UploadRow } from '../repo/uploads';
import { readUploadBytes } from './uploads';

export interface PackRecovery {
  /** Uploads whose bytes were all there: now synced and marked so. */
  kept: number;
  /** Uploads whose bytes were lost, removed with the dossiers listing them. */
  removedUploads: string[];
  removedDossiers: string[];
}

/**
 * Run at start, before the portal serves anything. A bundle's rows commit while its pack's sync
 * is still running (decision 0018, sixth pass), and another request's WAL sync can make them
 * durable first: after a power cut, rows may name bytes that never reached the disk. No answer
 * acknowledged them (answers wait for both syncs), so the terminal still has them in its outbox.
 * Each upload not known synced is read back and hashed: if its bytes are all there, the pack is
 * synced (they may only have been in the page cache of a process that died) and the row marked;
 * if not, the upload, its stored answer and every dossier listing it are removed, and the
 * terminal's retry delivers them afresh.
 */
export function recoverPackUploads(db: Database, uploadsDir: string): PackRecovery {
  const whole: UploadRow[] = [];
  const lost: string[] = [];
  for (const u of uploadsNotKnownSynced(db)) {
    if (bytesAreThere(uploadsDir, u)) whole.push(u);
    else lost.push(u.id);
  }
  for (const pack of new Set(whole.flatMap((u) => (u.pack_file ? [u.pack_file] : [])))) {
    const fd = openSync(join(uploadsDir, pack), 'r');
    try {
      fdatasyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  return db.transaction((): PackRecovery => {
    markPackSynced(db, whole.map((u) => u.id));
    const dossiers = dossiersWithUploads(db, lost);
    for (const id of dossiers) removeUnacknowledgedDossier(db, id);
    for (const id of lost) removeUpload(db, id);
    return { kept: whole.length, removedUploads: lost, removedDossiers: dossiers };
  })();
}

function bytesAreThere(uploadsDir: string, u: UploadRow): boolean {
  if (u.state !== 'complete') return false;
  try {
    return createHash('sha256').update(readUploadBytes(uploadsDir, u)).digest('hex') === u.sha256;
  } catch {
    // The pack is shorter than the row says, or gone.
    return false;
  }
}
