import { parse } from 'yaml';
import { UpdateFeedSchema, type FeedFileName, type UpdateFeed } from '../../src-shared/update-feed';

/** The channel file electron-updater's generic provider asks for on this platform and CPU. */
export function feedFileName(platform: NodeJS.Platform, arch: string): FeedFileName | null {
  if (platform === 'win32') return 'latest.yml';
  if (platform === 'linux') return arch === 'arm64' ? 'latest-linux-arm64.yml' : 'latest-linux.yml';
  return null;
}

/** Where the feed is: the portal's `/updates/` folder (decision 0039). */
export function feedBaseUrl(portalUrl: string): string {
  return `${portalUrl.replace(/\/+$/, '')}/updates/`;
}

/** A feed file's text as a release; throws an Error saying what is wrong with it. */
export function parseUpdateFeed(text: string): UpdateFeed {
  let value: unknown;
  try {
    // Plain YAML 1.2 core schema: no custom tags, no anchors exploding into a huge object.
    value = parse(text, { schema: 'core', maxAliasCount: 0 });
  } catch (error) {
    throw new Error(`update feed is not YAML: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const result = UpdateFeedSchema.safeParse(value);
  if (!result.success) throw new Error(`update feed is not a release: ${result.error.issues.map((i) => `${i.path.join('.') || 'feed'}: ${i.message}`).join('; ')}`);
  return result.data;
}
