import { join } from 'node:path';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import { fetchUpdateFeed } from './feed-client';
import { KioskUpdater, type UpdateInstaller } from './kiosk-updater';
import { rolloutBucket } from './rollout-bucket';
import { feedBaseUrl, feedFileName } from './update-feed';
import { UpdateHistoryFile } from './update-history-file';

/** The feed is looked at this often (and first this long after start, once the kiosk has settled). */
export const UPDATE_CHECK_EVERY_MS = 30 * 60_000;
export const FIRST_UPDATE_CHECK_AFTER_MS = 2 * 60_000;
/** A downloaded release waits for idleness; idleness is looked at this often. */
export const IDLE_CHECK_EVERY_MS = 15_000;

export interface UpdatesOptions {
  /** `sync.portalUrl`; null: no portal, no updates. */
  portalUrl: string | null;
  terminalId: string;
  dataDir: string;
  runningVersion: string;
  installer: UpdateInstaller;
  idle: () => boolean;
  clock: Clock;
  logger: Logger;
  fetchFn: typeof fetch;
  platform: NodeJS.Platform;
  arch: string;
}

export interface RunningUpdates {
  readonly updater: KioskUpdater;
  readonly feedUrl: string;
  stop(): void;
}

/**
 * The kiosk's updater, assembled: the portal's feed for this platform, the history file in the
 * data folder, the rollout bucket of this terminal id, and two timers (the feed every 30 min, the
 * idleness every 15 s while a downloaded release waits). Null where nothing can be updated.
 */
export function startUpdates(o: UpdatesOptions): RunningUpdates | null {
  const file = feedFileName(o.platform, o.arch);
  if (o.portalUrl === null || file === null) return null;
  const feedUrl = feedBaseUrl(o.portalUrl);
  const updater = new KioskUpdater({
    feed: () => fetchUpdateFeed(feedUrl, file, o.fetchFn),
    installer: o.installer,
    history: new UpdateHistoryFile(join(o.dataDir, 'update-history.json')),
    idle: o.idle,
    runningVersion: o.runningVersion,
    bucket: rolloutBucket(o.terminalId),
    clock: o.clock,
    logger: o.logger,
  });
  updater.settleStart();
  const check = () => void updater.check();
  const first = setTimeout(check, FIRST_UPDATE_CHECK_AFTER_MS);
  const every = setInterval(check, UPDATE_CHECK_EVERY_MS);
  const idle = setInterval(() => updater.idleCheck(), IDLE_CHECK_EVERY_MS);
  for (const timer of [first, every, idle]) timer.unref();
  return {
    updater,
    feedUrl,
    stop: () => {
      clearTimeout(first);
      clearInterval(every);
      clearInterval(idle);
    },
  };
}
