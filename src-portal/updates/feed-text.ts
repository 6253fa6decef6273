import { parse, stringify } from 'yaml';
import { UpdateFeedSchema } from '../../src-shared/update-feed';

export interface PublishedFeed {
  /** The release the feed names. */
  version: string;
  /** The percentage written in the file as published (electron-builder writes none). */
  publishedPercentage: number | null;
  /** The feed as parsed, every key electron-builder wrote kept. */
  value: Record<string, unknown>;
}

/** A channel file as published in the update folder; throws an Error saying what is wrong. */
export function readPublishedFeed(text: string): PublishedFeed {
  const value: unknown = parse(text, { schema: 'core', maxAliasCount: 0 });
  const result = UpdateFeedSchema.safeParse(value);
  if (!result.success) throw new Error(result.error.issues.map((i) => `${i.path.join('.') || 'feed'}: ${i.message}`).join('; '));
  return { version: result.data.version, publishedPercentage: result.data.stagingPercentage ?? null, value: value as Record<string, unknown> };
}

/**
 * The feed as the portal serves it: the published file with the admin's staged-rollout
 * percentage (`stagingPercentage`, which electron-updater and the kiosk read) in place of the
 * published one; without one set, the file as published.
 */
export function servedFeedText(feed: PublishedFeed, percentage: number | null): string {
  if (percentage === null) return stringify(feed.value);
  return stringify({ ...feed.value, stagingPercentage: percentage });
}
