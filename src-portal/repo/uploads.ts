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
  /** Only on rows from portals before decision 0026: the pack holding the bytes; else null (`<id>.bin`). */
  pack_file: string | null;
  /** Where those bytes start in the pack (same rows only). */
  pack_offset: number | null;
}

export type NewUpload = Omit<UploadRow, 'pack_file' | 'pack_offset'>;

/** New rows always name their own file: pack_file and pack_offset stay null, pack_synced at its default. */
export function createUploadRow(db: Database, u: NewUpload): UploadRow {
  db.prepare(
    `INSERT INTO uploads (id, terminal_id, length, sha256, file_name, content_type, offset, state, created_at)
     VALUES (@id, @terminal_id, @length, @sha256, @file_name, @content_type, @offset, @state, @created_at)`,
  ).run(u);
  return { ...u, pack_file: null, pack_offset: null };
}

export function uploadById(db: Database, id: string): UploadRow | undefined {
  return db.prepare('SELECT * FROM uploads WHERE id = ?').get(id) as UploadRow | undefined;
}

export function setUploadOffset(db: Database, id: string, offset: number, state: UploadRow['state']): void {
  db.prepare('UPDATE uploads SET offset = ?, state = ? WHERE id = ?').run(offset, state, id);
}
