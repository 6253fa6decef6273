import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readUploadBytes, uploadFile } from '../../src-portal/storage/upload-files';
import { useTempDirs } from '../fakes/temp-dir';

const tempDir = useTempDirs();

describe('where an upload\'s bytes are read from', () => {
  it('its own file, up to the offset recorded; nothing yet when no byte arrived', () => {
    const dir = tempDir();
    const bytes = randomBytes(5_000);
    writeFileSync(uploadFile(dir, 'u1'), bytes);
    expect(readUploadBytes(dir, { id: 'u1', offset: 3_000, pack_file: null, pack_offset: null }).equals(bytes.subarray(0, 3_000))).toBe(true);
    // A JSON create records only the row: the file appears with the first PATCH.
    expect(readUploadBytes(dir, { id: 'u2', offset: 0, pack_file: null, pack_offset: null })).toHaveLength(0);
    expect(() => readUploadBytes(dir, { id: 'u1', offset: 6_000, pack_file: null, pack_offset: null })).toThrow(/ends before the 6000 bytes/);
  });

  it('a range of a pack file, for rows an older portal wrote (decision 0026: read, never written)', () => {
    const dir = tempDir();
    const pack = randomBytes(12_288);
    writeFileSync(join(dir, 'old.pack'), pack);
    const read = readUploadBytes(dir, { id: 'u3', offset: 2_000, pack_file: 'old.pack', pack_offset: 4_096 });
    expect(read.equals(pack.subarray(4_096, 6_096))).toBe(true);
  });
});
