import { randomBytes } from 'node:crypto';
import { rm, statfs, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** How much room the file system that holds a folder has, and whether it still takes a write. */
export interface FreeSpacePort {
  /** Bytes the kiosk may still write there. */
  freeBytes(dir: string): Promise<number>;
  /** Writes and removes a small file; rejects when the write is refused (full, a size limit, read-only). */
  probeWrite(dir: string): Promise<void>;
}

const PROBE_BYTES = 64 * 1024;

/** The real driver: statfs(2) (`bavail`, not `bfree`: what an unprivileged writer may use) and a real file. */
export const statfsFreeSpace: FreeSpacePort = {
  async freeBytes(dir) {
    const stats = await statfs(dir);
    return stats.bavail * stats.bsize;
  },
  async probeWrite(dir) {
    const file = join(dir, `.write-probe-${randomBytes(4).toString('hex')}`);
    try {
      await writeFile(file, Buffer.alloc(PROBE_BYTES), { flush: true });
    } finally {
      await rm(file, { force: true });
    }
  },
};
