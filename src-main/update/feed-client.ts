import type { FeedFileName, UpdateFeed } from '../../src-shared/update-feed';
import { parseUpdateFeed } from './update-feed';

/** A feed is a few hundred bytes; anything far bigger is not one. */
const MAX_FEED_BYTES = 64 * 1024;
const FEED_TIMEOUT_MS = 15_000;

/**
 * Reads the release the portal offers (the same channel file electron-updater will read when it
 * downloads): plain HTTP GET, no credential (the feed is public, decision 0039). Throws an Error
 * saying what went wrong; the updater logs it and looks again later.
 */
export async function fetchUpdateFeed(baseUrl: string, file: FeedFileName, fetchFn: typeof fetch): Promise<UpdateFeed> {
  const url = new URL(file, baseUrl);
  // A cache-busting query, as electron-updater's generic provider sends: a proxy must not answer with an old feed.
  url.searchParams.set('noCache', Date.now().toString(36));
  const response = await fetchFn(url, { signal: AbortSignal.timeout(FEED_TIMEOUT_MS), headers: { accept: 'application/x-yaml, text/yaml, */*' } });
  if (!response.ok) throw new Error(`update feed ${file}: HTTP ${response.status}`);
  const bytes = await response.arrayBuffer();
  if (bytes.byteLength > MAX_FEED_BYTES) throw new Error(`update feed ${file}: ${bytes.byteLength} bytes, more than a feed`);
  return parseUpdateFeed(new TextDecoder().decode(bytes));
}
