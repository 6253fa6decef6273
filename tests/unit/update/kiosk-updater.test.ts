import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogFields, LogLevel, Logger } from '../../../src-main/kernel/logger';
import { INSTALL_STALL_MS, KioskUpdater, type UpdateInstaller } from '../../../src-main/update/kiosk-updater';
import { parseUpdateFeed } from '../../../src-main/update/update-feed';
import { EMPTY_UPDATE_HISTORY, type UpdateHistory } from '../../../src-main/update/update-history';
import { UpdateHistoryFile } from '../../../src-main/update/update-history-file';
import type { UpdateFeed } from '../../../src-shared/update-feed';
import { FixedClock } from '../../fakes/fixed-clock';
import { useTempDirs } from '../../fakes/temp-dir';
import { publishRelease } from '../../fakes/update-release';

const tempDir = useTempDirs();

class EventLog implements Logger {
  readonly lines: { level: LogLevel; message: string; fields: LogFields }[] = [];
  log(level: LogLevel, message: string, fields: LogFields = {}): void {
    this.lines.push({ level, message, fields });
  }
  events(name: string): LogFields[] {
    return this.lines.filter((l) => l.fields['event'] === name).map((l) => l.fields);
  }
}

/** An installer that does what the test says: downloads succeed or fail, installs are counted. */
class FakeInstaller implements UpdateInstaller {
  downloads: string[] = [];
  installs: string[] = [];
  failDownloads = false;
  failInstall = false;
  download(feed: UpdateFeed): Promise<void> {
    this.downloads.push(feed.version);
    return this.failDownloads ? Promise.reject(new Error('sha512 checksum mismatch, expected …')) : Promise.resolve();
  }
  install(version: string): void {
    this.installs.push(version);
    if (this.failInstall) throw new Error('APPIMAGE env is not defined');
  }
}

async function setUp(options: { running?: string; idle?: boolean; history?: UpdateHistory } = {}) {
  const dir = tempDir();
  await publishRelease(dir, '1.1.0', { size: 32 * 1024 });
  const feed = parseUpdateFeed(readFileSync(join(dir, 'latest-linux.yml'), 'utf8'));
  const historyFile = new UpdateHistoryFile(join(dir, 'update-history.json'));
  if (options.history) historyFile.write(options.history);
  const installer = new FakeInstaller();
  const clock = new FixedClock(new Date('2026-12-06T08:00:00Z'));
  const logger = new EventLog();
  const state = { idle: options.idle ?? false, feed };
  const make = (running = options.running ?? '1.0.0') =>
    new KioskUpdater({ feed: () => Promise.resolve(state.feed), installer, history: historyFile, idle: () => state.idle, runningVersion: running, bucket: 12.5, clock, logger });
  return { dir, feed, historyFile, installer, clock, logger, state, make, updater: make() };
}

describe('KioskUpdater', () => {
  it('downloads in the background, waits while a citizen is there, installs once idle, and records the install', async () => {
    const t = await setUp();
    expect(await t.updater.check()).toEqual({ kind: 'download', version: '1.1.0' });
    await t.updater.downloadSettled;
    expect(t.installer.downloads).toEqual(['1.1.0']);
    expect(t.installer.installs).toEqual([]);
    expect(t.updater.idleCheck()).toEqual({ kind: 'wait-for-idle', version: '1.1.0' });
    t.state.idle = true;
    expect(t.updater.idleCheck()).toEqual({ kind: 'install', version: '1.1.0' });
    expect(t.installer.installs).toEqual(['1.1.0']);
    expect(t.historyFile.read().pendingInstall).toEqual({ version: '1.1.0', from: '1.0.0', at: '2026-12-06T08:00:00.000Z' });
    expect(t.logger.events('update.installing')).toEqual([{ event: 'update.installing', version: '1.1.0', from: '1.0.0' }]);
    // Installing: further looks do nothing (no second installer).
    expect(t.updater.idleCheck()).toBeNull();
    expect(t.installer.installs).toEqual(['1.1.0']);
  });

  it('installs at once when the download ends while the kiosk is idle', async () => {
    const t = await setUp({ idle: true });
    await t.updater.check();
    await t.updater.downloadSettled;
    expect(t.installer.installs).toEqual(['1.1.0']);
  });

  it('the next start tells a success (the new version runs) from a failure (still the old one), and counts the failure', async () => {
    const t = await setUp({ idle: true });
    await t.updater.check();
    await t.updater.downloadSettled;
    // The installer did not take: the kiosk came back at 1.0.0.
    const after = t.make('1.0.0');
    expect(after.settleStart()).toEqual({ kind: 'kept-old-version', version: '1.1.0', running: '1.0.0' });
    expect(t.historyFile.read()).toMatchObject({ pendingInstall: null, failures: [{ version: '1.1.0', count: 1, lastReason: 'still-old-version' }] });
    expect(t.logger.events('update.failed')).toEqual([expect.objectContaining({ version: '1.1.0', reason: 'still-old-version', failures: 1, running: '1.0.0' })]);

    // Tried again; this time 1.1.0 comes up.
    t.clock.advance(60_000);
    await after.check();
    await after.downloadSettled;
    expect(t.make('1.1.0').settleStart()).toEqual({ kind: 'installed', version: '1.1.0', from: '1.0.0' });
    expect(t.logger.events('update.installed')).toEqual([{ event: 'update.installed', version: '1.1.0', from: '1.0.0' }]);
    expect(t.historyFile.read().pendingInstall).toBeNull();
  });

  it('a failed download keeps the running version and is counted; after 3 failures the version is skipped', async () => {
    const t = await setUp({ idle: true });
    t.installer.failDownloads = true;
    for (let i = 1; i <= 3; i += 1) {
      expect((await t.updater.check())?.kind).toBe('download');
      await t.updater.downloadSettled;
    }
    expect(t.installer.installs).toEqual([]);
    expect(t.logger.events('update.failed').map((f) => [f['reason'], f['failures']])).toEqual([
      ['download-failed', 1],
      ['download-failed', 2],
      ['download-failed', 3],
    ]);
    expect(await t.updater.check()).toEqual({ kind: 'skip-failed-version', version: '1.1.0', failures: 3 });
    expect(t.installer.downloads).toHaveLength(3);
    // Still skipped after a restart: the count is in the data folder.
    expect(await t.make().check()).toEqual({ kind: 'skip-failed-version', version: '1.1.0', failures: 3 });
  });

  it('an installer that cannot start, or that never quits the kiosk, is a failure too', async () => {
    const t = await setUp({ idle: true });
    t.installer.failInstall = true;
    await t.updater.check();
    await t.updater.downloadSettled;
    expect(t.installer.installs).toEqual(['1.1.0']);
    expect(t.historyFile.read()).toMatchObject({ pendingInstall: null, failures: [{ version: '1.1.0', count: 1, lastReason: 'install-failed' }] });

    const u = await setUp({ idle: true });
    await u.updater.check();
    await u.updater.downloadSettled;
    expect(u.installer.installs).toEqual(['1.1.0']);
    u.clock.advance(INSTALL_STALL_MS - 1);
    expect(await u.updater.check()).toBeNull();
    u.clock.advance(1);
    // Two minutes on and still running: not installed; counted, then downloaded and tried again.
    expect(await u.updater.check()).toEqual({ kind: 'download', version: '1.1.0' });
    expect(u.historyFile.read().failures).toEqual([{ version: '1.1.0', count: 1, lastReason: 'install-failed', lastAt: '2026-12-06T08:02:00.000Z' }]);
  });

  it('an unreadable feed is logged and changes nothing', async () => {
    const t = await setUp();
    const broken = new KioskUpdater({
      feed: () => Promise.reject(new Error('update feed latest-linux.yml: HTTP 404')),
      installer: t.installer,
      history: t.historyFile,
      idle: () => true,
      runningVersion: '1.0.0',
      bucket: 1,
      clock: t.clock,
      logger: t.logger,
    });
    expect(await broken.check()).toBeNull();
    expect(broken.status()).toMatchObject({ lastCheckError: 'update feed latest-linux.yml: HTTP 404', lastDecision: null });
    expect(t.logger.events('update.check_failed')).toHaveLength(1);
    expect(t.installer.downloads).toEqual([]);
  });

  it('logs a decision when it changes, not at every look', async () => {
    const t = await setUp({ running: '1.1.0' });
    await t.updater.check();
    await t.updater.check();
    expect(t.logger.events('update.decision')).toEqual([{ event: 'update.decision', kind: 'up-to-date', version: '1.1.0', running: '1.1.0' }]);
  });
});

describe('UpdateHistoryFile', () => {
  it('keeps the history across instances, and reads a damaged file as no history', () => {
    const path = join(tempDir(), 'update-history.json');
    const file = new UpdateHistoryFile(path);
    expect(file.read()).toEqual(EMPTY_UPDATE_HISTORY);
    const history: UpdateHistory = { failures: [{ version: '1.1.0', count: 2, lastReason: 'download-failed', lastAt: '2026-12-06T08:00:00Z' }], pendingInstall: null };
    file.write(history);
    expect(new UpdateHistoryFile(path).read()).toEqual(history);
    for (const damaged of ['{', '[]', '{"failures":[{"version":"1.1.0","count":-1}],"pendingInstall":null}', '']) {
      writeFileSync(path, damaged);
      expect(file.read()).toEqual(EMPTY_UPDATE_HISTORY);
    }
  });
});
