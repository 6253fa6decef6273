import { statfs } from 'node:fs/promises';

/** How many bytes the kiosk may still write in the file system that holds a folder. */
export interface FreeSpacePort {
  freeBytes(dir: string): Promise<number>;
}

/** The real driver: statfs(2); `bavail` (not `bfree`) is what an unprivileged writer may use. */
export const statfsFreeSpace: FreeSpacePort = {
  async freeBytes(dir) {
    const stats = await statfs(dir);
    return stats.bavail * stats.bsize;
  },
};
