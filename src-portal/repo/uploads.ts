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
}

export function createUploadRow(db: Database, u: UploadRow): void {
  db.prepare(
    `INSERT INTO uploads (id, terminal_id, length, sha256, file_name, content_type, offset, state, created_at, pack_file, pack_offset)
     VALUES (@id, @terminal_id, @length, @sha256, @file_name, @content_type, @offset, @state, @created_at, @pack_file, @pack_offset)`,
  ).run(u);
}

export function uploadById(db: Database, id: string): UploadRow | undefined {
  return db.prepare('SELECT * FROM uploads WHERE id = ?').get(id) as UploadRow | undefined;
}

export function setUploadOffset(db: Database, id: string, offset: number, state: UploadRow['state']): void {
  db.prepare('UPDATE uploads SET offset = ?, state = ? WHERE id = ?').run(offset, state, id);
}
