import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// electron-updater's real AppImage updater, run under plain Node: an app adapter in place of
// Electron's app, Node's HTTP in place of Electron's net (what its own test suite does).
import { AppImageUpdater } from 'electron-updater/out/AppImageUpdater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import type { RequestOptions } from 'node:http';
import { NodeHttpExecutor } from 'builder-util/out/nodeHttpExecutor';
import { configureRequestOptions, configureRequestUrl, type DownloadOptions } from 'builder-util-runtime';
import { createElectronUpdateInstaller } from '../../src-main/electron/electron-update-installer';
import { createMemoryLogger } from '../../src-main/kernel/logger';
import { fetchUpdateFeed } from '../../src-main/update/feed-client';
import { usePortals } from './harness';
import { useTempDirs } from '../fakes/temp-dir';
import { packageBody, publishRelease } from '../fakes/update-release';

const startPortal = usePortals();
const tempDir = useTempDirs();

const savedAppImage = process.env['APPIMAGE'];
afterEach(() => {
  if (savedAppImage === undefined) delete process.env['APPIMAGE'];
  else process.env['APPIMAGE'] = savedAppImage;
});

/** Node's HTTP with the one method Electron's executor adds: a whole-file download (sha512-checked by builder-util-runtime). */
class NodeDownloads extends NodeHttpExecutor {
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    const cancellation = options.cancellationToken;
    return cancellation.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(requestOptions, { destination, options, onCancel, callback: (error) => (error === null ? resolve(destination) : reject(error)), responseHandler: null }, 0);
    });
  }
}

function testApp(version: string, dir: string): AppAdapter {
  // What electron-builder writes into the package's resources with `publish: generic` (electron-builder.yml).
  writeFileSync(join(dir, 'app-update.yml'), 'provider: generic\nurl: https://portal.invalid/updates/\nupdaterCacheDirName: motcua-kiosk-updater\n');
  return {
    version,
    name: 'motcua-kiosk',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: join(dir, 'user-data'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  };
}

/** A terminal at 1.0.0 (its AppImage in APPIMAGE), the portal offering 1.1.0. */
async function terminalAndPortal() {
  const t = await startPortal();
  const size = 300 * 1024;
  const installed = tempDir();
  await publishRelease(installed, '1.0.0', { body: packageBody(size, 'kiosk') });
  process.env['APPIMAGE'] = join(installed, 'Mot-Cua-Kiosk-1.0.0.AppImage');
  const next = await publishRelease(t.portal.deps.updatesDir, '1.1.0', { body: packageBody(size, 'kiosk', [{ at: 120 * 1024, length: 8 * 1024 }], 'kiosk-1.1.0') });
  const updater = new AppImageUpdater(null, testApp('1.0.0', tempDir()));
  Object.defineProperty(updater, 'httpExecutor', { value: new NodeDownloads() });
  const logger = createMemoryLogger();
  const feedUrl = `${t.url}/updates/`;
  const installer = createElectronUpdateInstaller(updater, feedUrl, logger);
  return { t, updater, installer, next, feedUrl, logger };
}

describe("the Electron host's installer (electron-updater) against the portal's feed", () => {
  it('downloads the release the core chose, differentially, and verifies it against the feed', async () => {
    const { t, updater, installer, next, feedUrl, logger } = await terminalAndPortal();
    // The admin staged the release at 1 %: electron-updater's own random-id check would most
    // likely refuse it; the installer leaves the rollout to the core's policy, which chose it.
    await t.admin('POST', '/admin/updates/rollout', { version: '1.1.0', percentage: 1 });
    const feed = await fetchUpdateFeed(feedUrl, 'latest-linux.yml', fetch);
    let downloadedFile = '';
    updater.on('update-downloaded', (event: { downloadedFile: string }) => {
      downloadedFile = event.downloadedFile;
    });
    await installer.download(feed);
    expect(readFileSync(downloadedFile).equals(next.appImageBytes)).toBe(true);
    // Differential: electron-updater read the block maps and fetched only the changed part.
    expect(logger.lines.map((l) => l.message).find((m) => m.includes('To download'))).toMatch(/updater: Full: .+, To download: .+ \(\d%\)/);
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });

  it('a package that does not match its sha512 is refused: the download fails, nothing is left to install', async () => {
    const { t, installer, next, feedUrl } = await terminalAndPortal();
    const feed = await fetchUpdateFeed(feedUrl, 'latest-linux.yml', fetch);
    // Damaged on the portal after publishing: one byte off inside the part that changed (a byte
    // off in an unchanged part would never be downloaded: the differential download copies it
    // from the installed version, and the result is right).
    const path = join(t.portal.deps.updatesDir, next.appImage);
    const bytes = readFileSync(path);
    const at = 124 * 1024;
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    writeFileSync(path, bytes);
    expect(createHash('sha512').update(bytes).digest('base64')).not.toBe(feed.files[0]?.sha512);
    await expect(installer.download(feed)).rejects.toThrow(/sha512 checksum mismatch/);
    expect(() => installer.install('1.1.0')).toThrow(/installing 1\.1\.0 failed/);
  });

  it('refuses to download another release than the one the core decided on', async () => {
    const { installer, feedUrl } = await terminalAndPortal();
    const feed = await fetchUpdateFeed(feedUrl, 'latest-linux.yml', fetch);
    await expect(installer.download({ ...feed, version: '1.0.5' })).rejects.toThrow(/now offers 1\.1\.0, not 1\.0\.5/);
  });
});
