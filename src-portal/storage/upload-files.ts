import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where an upload's bytes live (decision 0026): one plain file per upload, `<id>.bin` in the
 * uploads folder, written as the bytes arrive and fsync'd (with the folder, when the file is new)
 * before the row that records them commits. No packs, no staging buffers, no recovery pass.
 */
export const uploadFile = (uploadsDir: string, id: string): string => join(uploadsDir, `${id}.bin`);

/** Puts the entries of files created in `folder` on disk (a new file's name is not durable before). */
export async function syncFolder(folder: string): Promise<void> {
  const dir = await open(folder, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** The columns that say where an upload's bytes are (pack_* only on rows from portals before 0026). */
export interface StoredBytes {
  id: string;
  offset: number;
  pack_file: string | null;
  pack_offset: number | null;
}

/**
 * The bytes received so far (`offset` of them), for the admin page's download and for checks. A
 * row written before decision 0026 may name a range of a pack file: those are only ever read.
 */
export function readUploadBytes(uploadsDir: string, u: StoredBytes): Buffer {
  const out = Buffer.allocUnsafe(u.offset);
  // An upload announced by JSON has no file until its first PATCH.
  if (u.offset === 0) return out;
  const path = u.pack_file === null ? uploadFile(uploadsDir, u.id) : join(uploadsDir, u.pack_file);
  const start = u.pack_offset ?? 0;
  const fd = openSync(path, 'r');
  try {
    for (let at = 0; at < u.offset; ) {
      const n = readSync(fd, out, at, u.offset - at, start + at);
      if (n === 0) throw new Error(`${path} ends before the ${u.offset} bytes recorded for upload ${u.id}`);
      at += n;
    }
  } finally {
    closeSync(fd);
  }
  return out;
}
