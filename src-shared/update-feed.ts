import { z } from 'zod';

/**
 * One release as electron-builder writes it into `latest-linux.yml` / `latest.yml` (its
 * `UpdateInfo`), read by the reference portal (which sets `stagingPercentage`) and by the kiosk
 * (which decides whether to take it). Loose: electron-builder adds keys (`path`, `sha512`,
 * `isAdminRightsRequired`, …) that both sides pass through untouched.
 */

/** A semantic version as electron-updater compares them (`1.4.0`, `1.5.0-beta.2`). */
export const SEMVER_PATTERN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** A file a feed names: a bare file name beside the feed, never a path (the portal serves one folder). */
export const FEED_FILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export const UpdateFileSchema = z.looseObject({
  url: z.string().regex(FEED_FILE_NAME_PATTERN),
  /** Base64 SHA-512 of the whole file: electron-updater refuses a download that does not match. */
  sha512: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
  size: z.number().int().positive(),
  /** AppImage / NSIS web package: the block map appended to the file itself, for differential downloads. */
  blockMapSize: z.number().int().positive().optional(),
});
export type UpdateFile = z.infer<typeof UpdateFileSchema>;

export const UpdateFeedSchema = z.looseObject({
  version: z.string().regex(SEMVER_PATTERN),
  files: z.array(UpdateFileSchema).min(1),
  releaseDate: z.string().optional(),
  /** 0–100: the share of the fleet the release is offered to; absent means everybody. */
  stagingPercentage: z.number().min(0).max(100).optional(),
});
export type UpdateFeed = z.infer<typeof UpdateFeedSchema>;

/** The channel files electron-builder writes for the kiosk's targets. */
export const FEED_FILE_NAMES = ['latest-linux.yml', 'latest-linux-arm64.yml', 'latest.yml'] as const;
export type FeedFileName = (typeof FEED_FILE_NAMES)[number];

export const RolloutPercentageSchema = z.number().int().min(0).max(100);
