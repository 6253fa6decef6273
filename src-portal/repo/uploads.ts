import type { Database } from 'better-sqlite3';

export interface UploadRow {
  id: string;
  terminal_id: string;
  length: number;
  sha256: string;
  file_name: string;
  content_type: string;
  offset: number;
  state: 'partial' | 'complete';
  created_at: string;
  /** The bundle pack holding the bytes (a file name in the uploads folder), or null: `<id>.bin`. */
  pack_file: string | null;
  /** Where the bytes start in the pack. */
  pack_offset: number | null;
  /** 0 while the pack's sync of these bytes has not been seen to finish (checked at start). */
  pack_synced: 0 | 1;
}

export function createUploadRow(db: Database, u: UploadRow): void {
  db.prepare(
    `INSERT INTO uploads (id, terminal_id, length, sha256, file_name, content_type, offset, state, created_at, pack_file, pack_offset, pack_synced)
     VALUES (@id, @terminal_id, @length, @sha256, @file_name, @content_type, @offset, @state, @created_at, @pack_file, @pack_offset, @pack_synced)`,
  ).run(u);
}

export function uploadById(db: Database, id: string): UploadRow | undefined {
  return db.prepare('SELECT * FROM uploads WHERE id = ?').get(id) as UploadRow | undefined;
}

export function setUploadOffset(db: Database, id: string, offset: number, state: UploadRow['state']): void {
  db.prepare('UPDATE uploads SET offset = ?, state = ? WHERE id = ?').run(offset, state, id);
}

/** The pack's sync of these uploads' bytes has finished. */
export function markPackSynced(db: Database, ids: readonly string[]): void {
  const mark = db.prepare('UPDATE uploads SET pack_synced = 1 WHERE id = ?');
  for (const id of ids) mark.run(id);
}

/** Uploads whose pack bytes were committed and not yet seen synced (what a restart checks). */
export function uploadsNotKnownSynced(db: Database): UploadRow[] {
  return db.prepare('SELECT * FROM uploads WHERE pack_synced = 0 ORDER BY pack_file, pack_offset').all() as UploadRow[];
}

/** Removes an upload no dossier lists any more, with the stored answer of its creation. */
export function removeUpload(db: Database, id: string): void {
  db.prepare(`DELETE FROM idempotency WHERE operation = 'createUpload' AND json_extract(body, '$.uploadId') = ?`).run(id);
  db.prepare('DELETE FROM uploads WHERE id = ?').run(id);
}
