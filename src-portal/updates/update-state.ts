import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { FEED_FILE_NAMES } from '../../src-shared/update-feed';
import { rolloutOf } from '../repo/update-rollouts';
import { readPublishedFeed } from './feed-text';
import { updateFile } from './update-files';

export interface FeedState {
  feed: string;
  version: string | null;
  /** What the file says (null: nothing, i.e. everybody). */
  publishedPercentage: number | null;
  /** What the admin set for this version (null: not set). */
  rolloutPercentage: number | null;
  /** What the kiosks get: the admin's, else the file's, else 100. */
  effectivePercentage: number | null;
  files: { url: string; size: number; present: boolean }[];
  error: string | null;
}

/** The channel files in the update folder as the admin page lists them, with their rollout. */
export function updateFeedsState(db: Database, updatesDir: string): FeedState[] {
  return FEED_FILE_NAMES.flatMap((feed): FeedState[] => {
    const file = updateFile(updatesDir, feed);
    if (file === null) return [];
    try {
      const published = readPublishedFeed(readFileSync(file.path, 'utf8'));
      const rollout = rolloutOf(db, published.version);
      const files = (published.value['files'] as { url: string; size: number }[]).map((f) => ({
        url: f.url,
        size: f.size,
        present: updateFile(updatesDir, f.url)?.size === f.size,
      }));
      return [{ feed, version: published.version, publishedPercentage: published.publishedPercentage, rolloutPercentage: rollout, effectivePercentage: rollout ?? published.publishedPercentage ?? 100, files, error: null }];
    } catch (error) {
      return [{ feed, version: null, publishedPercentage: null, rolloutPercentage: null, effectivePercentage: null, files: [], error: String(error) }];
    }
  });
}
