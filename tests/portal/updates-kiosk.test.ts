import { describe, expect, it } from 'vitest';
import type { LogFields, LogLevel, Logger } from '../../src-main/kernel/logger';
import { fetchUpdateFeed } from '../../src-main/update/feed-client';
import type { UpdateInstaller } from '../../src-main/update/kiosk-updater';
import { rolloutBucket } from '../../src-main/update/rollout-bucket';
import { startUpdates } from '../../src-main/update/start-updates';
import type { UpdateFeed } from '../../src-shared/update-feed';
import { systemClock } from '../../src-main/kernel/clock';
import { usePortals } from './harness';
import { useTempDirs } from '../fakes/temp-dir';
import { publishRelease } from '../fakes/update-release';

const startPortal = usePortals();
const tempDir = useTempDirs();
const quiet: Logger = { log: (_l: LogLevel, _m: string, _f?: LogFields) => undefined };

class RecordingInstaller implements UpdateInstaller {
  readonly downloaded: UpdateFeed[] = [];
  readonly installed: string[] = [];
  download(feed: UpdateFeed): Promise<void> {
    this.downloaded.push(feed);
    return Promise.resolve();
  }
  install(version: string): void {
    this.installed.push(version);
  }
}

/** A kiosk terminal's updater pointed at the portal, as the Electron host starts it (timers stopped by the test). */
function kioskUpdates(portalUrl: string, terminalId: string, installer: UpdateInstaller, platform: NodeJS.Platform = 'linux') {
  const running = startUpdates({
    portalUrl,
    terminalId,
    dataDir: tempDir(),
    runningVersion: '1.0.0',
    installer,
    idle: () => true,
    clock: systemClock,
    logger: quiet,
    fetchFn: fetch,
    platform,
    arch: 'x64',
  });
  if (running === null) throw new Error('no updates for this platform');
  return running;
}

describe('the kiosk reading the portal\'s update feed', () => {
  it('fetches the feed the portal serves, with the admin\'s percentage, and refuses a missing one', async () => {
    const t = await startPortal();
    await expect(fetchUpdateFeed(`${t.url}/updates/`, 'latest-linux.yml', fetch)).rejects.toThrow(/HTTP 404/);
    await publishRelease(t.portal.deps.updatesDir, '1.1.0');
    const feed = await fetchUpdateFeed(`${t.url}/updates/`, 'latest-linux.yml', fetch);
    expect(feed).toMatchObject({ version: '1.1.0', files: [{ url: 'Mot-Cua-Kiosk-1.1.0.AppImage' }] });
    expect(feed.stagingPercentage).toBeUndefined();
    await t.admin('POST', '/admin/updates/rollout', { version: '1.1.0', percentage: 30 });
    expect((await fetchUpdateFeed(`${t.url}/updates/`, 'latest.yml', fetch)).stagingPercentage).toBe(30);
  });

  it('a terminal takes the release once the rollout reaches its bucket, downloads it and installs it while idle', async () => {
    const t = await startPortal();
    await publishRelease(t.portal.deps.updatesDir, '1.1.0');
    const terminalId = 'KIOSK-DN-07';
    const bucket = rolloutBucket(terminalId);
    const installer = new RecordingInstaller();
    const updates = kioskUpdates(t.url, terminalId, installer);
    try {
      expect(updates.feedUrl).toBe(`${t.url}/updates/`);
      await t.admin('POST', '/admin/updates/rollout', { version: '1.1.0', percentage: Math.floor(bucket) });
      expect(await updates.updater.check()).toEqual({ kind: 'not-in-rollout', version: '1.1.0', stagingPercentage: Math.floor(bucket) });
      expect(installer.downloaded).toEqual([]);

      await t.admin('POST', '/admin/updates/rollout', { version: '1.1.0', percentage: Math.floor(bucket) + 1 });
      expect(await updates.updater.check()).toEqual({ kind: 'download', version: '1.1.0' });
      await updates.updater.downloadSettled;
      expect(installer.downloaded.map((f) => [f.version, f.files[0]?.url])).toEqual([['1.1.0', 'Mot-Cua-Kiosk-1.1.0.AppImage']]);
      expect(installer.installed).toEqual(['1.1.0']);
    } finally {
      updates.stop();
    }
  });

  it('a Windows terminal reads latest.yml; without a portal there are no updates', async () => {
    const t = await startPortal();
    await publishRelease(t.portal.deps.updatesDir, '1.2.0');
    const installer = new RecordingInstaller();
    const updates = kioskUpdates(t.url, 'KIOSK-W-01', installer, 'win32');
    try {
      expect(await updates.updater.check()).toEqual({ kind: 'download', version: '1.2.0' });
      await updates.updater.downloadSettled;
      expect(installer.downloaded[0]?.files[0]?.url).toBe('Mot-Cua-Kiosk-Setup-1.2.0.exe');
    } finally {
      updates.stop();
    }
    const none = startUpdates({ portalUrl: null, terminalId: 'K', dataDir: tempDir(), runningVersion: '1.0.0', installer, idle: () => true, clock: systemClock, logger: quiet, fetchFn: fetch, platform: 'linux', arch: 'x64' });
    expect(none).toBeNull();
  });
});
