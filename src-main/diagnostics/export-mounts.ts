import { constants } from 'node:fs';
import { access, readdir, stat, statfs } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ExportMount } from '../../src-shared/diagnostics';

/** Where desktop automounters (udisks2) put drives: `/media/<user>/<label>`, `/run/media/<user>/<label>`. */
export const DEFAULT_EXPORT_MOUNT_ROOTS = ['/media/*', '/run/media/*'];

/**
 * The removable drives the log export can be written to: each sub-folder of a root is a drive,
 * and a root ending in `/*` stands for each of its sub-folders (one per user). Only folders this
 * process may write to are offered. The roots come from the config
 * (`diagnostics.exportMountRoots`; `["/media"]` for usbmount), so tests use a folder of their own.
 */
export async function listExportMounts(roots: readonly string[]): Promise<ExportMount[]> {
  const found: ExportMount[] = [];
  for (const root of roots) {
    const parents = root.endsWith('/*') ? await subfolders(root.slice(0, -2)) : [root];
    for (const parent of parents) {
      for (const dir of await subfolders(parent)) {
        if (!(await writable(dir))) continue;
        const free = await statfs(dir).then(
          (s) => s.bavail * s.bsize,
          () => null,
        );
        found.push({ path: dir, label: basename(dir), freeBytes: free });
      }
    }
  }
  return found;
}

async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    // A mount point is a directory; a symlink to one is followed by stat.
    if (entry.isDirectory() || (entry.isSymbolicLink() && (await stat(path).then((s) => s.isDirectory(), () => false)))) out.push(path);
  }
  return out.sort();
}

async function writable(dir: string): Promise<boolean> {
  return access(dir, constants.W_OK).then(
    () => true,
    () => false,
  );
}
