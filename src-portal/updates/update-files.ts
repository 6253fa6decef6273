import { lstatSync } from 'node:fs';
import { extname, join } from 'node:path';
import { FEED_FILE_NAMES, FEED_FILE_NAME_PATTERN, type FeedFileName } from '../../src-shared/update-feed';

/** What the update folder may serve, by extension: the feeds, block maps and the installers. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.blockmap': 'application/octet-stream',
  '.AppImage': 'application/vnd.appimage',
  '.exe': 'application/vnd.microsoft.portable-executable',
  '.deb': 'application/vnd.debian.binary-package',
};

export interface UpdateFile {
  path: string;
  name: string;
  size: number;
  mtimeMs: number;
  contentType: string;
  /** A channel file: served with the admin's rollout percentage written in. */
  feed: FeedFileName | null;
}

export const isFeedFileName = (name: string): name is FeedFileName => (FEED_FILE_NAMES as readonly string[]).includes(name);

/**
 * The file `name` in the update folder, or null: a bare name (no slash, no `..`, no leading dot)
 * with a known extension, naming a regular file directly in the folder (not a link, not a folder).
 * Everything else — traversal, unknown or hidden files, other `.yml` — is a 404 to the caller.
 */
export function updateFile(dir: string, name: string): UpdateFile | null {
  if (!FEED_FILE_NAME_PATTERN.test(name) || name.includes('..')) return null;
  const contentType = CONTENT_TYPES[extname(name)];
  if (contentType === undefined) return null;
  if (extname(name) === '.yml' && !isFeedFileName(name)) return null;
  const path = join(dir, name);
  try {
    const stat = lstatSync(path);
    if (!stat.isFile()) return null;
    return { path, name, size: stat.size, mtimeMs: stat.mtimeMs, contentType, feed: isFeedFileName(name) ? name : null };
  } catch {
    return null;
  }
}
