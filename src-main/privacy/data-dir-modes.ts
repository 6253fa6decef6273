import type * as nodeFs from 'node:fs';
import { join } from 'node:path';

/** Folders the kiosk creates: owner only (decision 0022). */
export const DIR_MODE = 0o700;
/** Files the kiosk creates: the database and its WAL, scans, receipts, prints, logs, credential. */
export const FILE_MODE = 0o600;

export type ModesFs = Pick<typeof nodeFs, 'statSync' | 'lstatSync' | 'chmodSync' | 'readdirSync' | 'mkdirSync'>;

/**
 * Creates the data folder owner-only, or tightens one an older kiosk left open (0755 folders,
 * 0644 files): every folder becomes 0700 and every file 0600. A folder that is already 0700 was
 * tightened before (or made by this version), so only its top level is checked and start stays
 * fast. On Windows chmod only toggles read-only; the folder's ACL comes from the user profile.
 */
export function secureDataDir(dataDir: string, fs: ModesFs): { tightened: number } {
  fs.mkdirSync(dataDir, { recursive: true, mode: DIR_MODE });
  const open = (fs.statSync(dataDir).mode & 0o077) !== 0;
  let tightened = 0;
  const visit = (path: string, deep: boolean): void => {
    const stat = fs.lstatSync(path, { throwIfNoEntry: false });
    if (!stat || stat.isSymbolicLink()) return;
    const want = stat.isDirectory() ? DIR_MODE : FILE_MODE;
    if ((stat.mode & 0o777) !== want) {
      fs.chmodSync(path, want);
      tightened++;
    }
    if (stat.isDirectory() && deep) for (const name of fs.readdirSync(path)) visit(join(path, name), true);
  };
  visit(dataDir, false);
  for (const name of fs.readdirSync(dataDir)) visit(join(dataDir, name), open);
  return { tightened };
}
