import type { AppUpdater } from 'electron-updater';
import type { UpdateFeed } from '../../src-shared/update-feed';
import type { Logger } from '../kernel/logger';
import type { UpdateInstaller } from '../update/kiosk-updater';

/**
 * The kiosk's updates through electron-updater (decision 0039), kept thin: the core's policy
 * (src-main/update) decides what and when; this only downloads what it chose and installs it.
 * Cannot run without an Electron binary: not exercised on machines that have none.
 */
export function createElectronUpdateInstaller(updater: AppUpdater, feedUrl: string, logger: Logger): UpdateInstaller {
  // Nothing happens on its own: no download on a check, no install on quit.
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = false;
  updater.setFeedURL({ provider: 'generic', url: feedUrl });
  // The rollout was decided by the core from the terminal id before a download is asked for;
  // electron-updater's own random-id check would split the fleet a second, different way.
  updater.isUserWithinRollout = () => true;
  updater.logger = {
    info: (message?: unknown) => logger.log('info', `updater: ${String(message)}`),
    warn: (message?: unknown) => logger.log('warn', `updater: ${String(message)}`),
    error: (message?: unknown) => logger.log('error', `updater: ${String(message)}`),
  };
  // An EventEmitter's 'error' with no listener throws; the failures reach the core through the promises below.
  updater.on('error', (error: Error) => logger.log('warn', 'updater error', { error: error.message }));

  return {
    async download(feed: UpdateFeed): Promise<void> {
      const found = await updater.checkForUpdates();
      if (!found?.isUpdateAvailable) throw new Error(`electron-updater sees no update to ${feed.version}`);
      // The feed may have moved on between the core's look and this one: only what was decided.
      if (found.updateInfo.version !== feed.version) throw new Error(`the feed now offers ${found.updateInfo.version}, not ${feed.version}`);
      // Rejects on a sha512 mismatch (and, on Windows, a publisher signature that does not match).
      await updater.downloadUpdate();
    },
    install(version: string): void {
      let failure: Error | null = null;
      const onError = (error: Error) => {
        failure = error;
      };
      updater.on('error', onError);
      try {
        // Silent, and the new version started after: on Windows the NSIS installer does it once
        // the kiosk has quit; on Linux the new AppImage is spawned at once (without "run after",
        // electron-updater would run it synchronously, blocking this process while the new one
        // asks it for the single-instance lock) — it yields to this one if it is still closing,
        // and the supervisor (systemd, Restart=always) starts the kiosk again in any case.
        updater.quitAndInstall(true, true);
      } finally {
        updater.off('error', onError);
      }
      if (failure !== null) throw new Error(`installing ${version} failed: ${(failure as Error).message}`);
    },
  };
}
