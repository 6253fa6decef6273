import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideUpdate, MAX_UPDATE_ATTEMPTS, type UpdateSituation } from '../../../src-main/update/update-policy';
import { inRollout, rolloutBucket } from '../../../src-main/update/rollout-bucket';
import { compareVersions } from '../../../src-main/update/semver';
import { feedBaseUrl, feedFileName, parseUpdateFeed } from '../../../src-main/update/update-feed';
import { EMPTY_UPDATE_HISTORY, noteFailure } from '../../../src-main/update/update-history';
import type { UpdateFeed } from '../../../src-shared/update-feed';
import { useTempDirs } from '../../fakes/temp-dir';
import { publishRelease } from '../../fakes/update-release';

const tempDir = useTempDirs();

/** The two channel files of a release, as electron-builder writes them. */
async function feedsOf(version: string, options: { stagingPercentage?: number } = {}): Promise<{ linux: UpdateFeed; win: UpdateFeed; linuxText: string }> {
  const dir = tempDir();
  await publishRelease(dir, version, { size: 64 * 1024, ...options });
  const linuxText = readFileSync(join(dir, 'latest-linux.yml'), 'utf8');
  return { linux: parseUpdateFeed(linuxText), win: parseUpdateFeed(readFileSync(join(dir, 'latest.yml'), 'utf8')), linuxText };
}

const situation = (feed: UpdateFeed, more: Partial<UpdateSituation> = {}): UpdateSituation => ({
  feed,
  runningVersion: '1.0.0',
  bucket: 42.5,
  idle: false,
  downloaded: null,
  history: EMPTY_UPDATE_HISTORY,
  ...more,
});

describe('the update feed electron-builder writes', () => {
  it('is read as a release: version, the package with its sha512, size and embedded block map size', async () => {
    const { linux, win, linuxText } = await feedsOf('1.2.0');
    expect(linuxText).toMatch(/^version: 1\.2\.0\nfiles:\n {2}- url: Mot-Cua-Kiosk-1\.2\.0\.AppImage\n/);
    expect(linux.version).toBe('1.2.0');
    expect(linux.files).toHaveLength(1);
    expect(linux.files[0]).toMatchObject({ url: 'Mot-Cua-Kiosk-1.2.0.AppImage', size: expect.any(Number) as number, blockMapSize: expect.any(Number) as number });
    expect(linux.files[0]?.sha512).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(win.files[0]).toMatchObject({ url: 'Mot-Cua-Kiosk-Setup-1.2.0.exe' });
    expect(win.files[0]?.blockMapSize).toBeUndefined();
    expect(linux.stagingPercentage).toBeUndefined();
  });

  it('refuses what is not a release: not YAML, no files, a file outside the feed folder, an alias bomb', () => {
    expect(() => parseUpdateFeed('version: [1.2.0')).toThrow(/not YAML/);
    expect(() => parseUpdateFeed('version: 1.2.0\nfiles: []\n')).toThrow(/not a release/);
    const sha = 'A'.repeat(86) + '==';
    expect(() => parseUpdateFeed(`version: 1.2.0\nfiles:\n  - url: ../../etc/passwd\n    sha512: ${sha}\n    size: 10\n`)).toThrow(/files\.0\.url/);
    expect(() => parseUpdateFeed(`version: 1.2\nfiles:\n  - url: a.AppImage\n    sha512: ${sha}\n    size: 10\n`)).toThrow(/version/);
    expect(() => parseUpdateFeed(`a: &a [x, x]\nb: &b [*a, *a]\nversion: 1.2.0\nfiles:\n  - url: a.AppImage\n    sha512: ${sha}\n    size: 10\n`)).toThrow(/not YAML.*[Aa]lias/);
    expect(parseUpdateFeed(`version: 1.2.0\nfiles:\n  - url: a.AppImage\n    sha512: ${sha}\n    size: 10\n`).version).toBe('1.2.0');
  });

  it('is named per platform and CPU, under the portal', () => {
    expect(feedFileName('linux', 'x64')).toBe('latest-linux.yml');
    expect(feedFileName('linux', 'arm64')).toBe('latest-linux-arm64.yml');
    expect(feedFileName('win32', 'x64')).toBe('latest.yml');
    expect(feedFileName('darwin', 'arm64')).toBeNull();
    expect(feedBaseUrl('https://portal.example.vn/')).toBe('https://portal.example.vn/updates/');
    expect(feedBaseUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787/updates/');
  });
});

describe('decideUpdate', () => {
  it('downloads a newer release in the background, then installs it only while the kiosk is idle', async () => {
    const { linux } = await feedsOf('1.1.0');
    expect(decideUpdate(situation(linux))).toEqual({ kind: 'download', version: '1.1.0' });
    expect(decideUpdate(situation(linux, { idle: true }))).toEqual({ kind: 'download', version: '1.1.0' });
    expect(decideUpdate(situation(linux, { downloaded: '1.1.0' }))).toEqual({ kind: 'wait-for-idle', version: '1.1.0' });
    expect(decideUpdate(situation(linux, { downloaded: '1.1.0', idle: true }))).toEqual({ kind: 'install', version: '1.1.0' });
    // A file downloaded for an older release is not this one.
    expect(decideUpdate(situation(linux, { downloaded: '1.0.5', idle: true }))).toEqual({ kind: 'download', version: '1.1.0' });
  });

  it('never installs the running version or an older one (a feed rolled back does not downgrade the fleet)', async () => {
    const same = (await feedsOf('1.0.0')).linux;
    const older = (await feedsOf('0.9.3')).linux;
    expect(decideUpdate(situation(same, { downloaded: '1.0.0', idle: true }))).toEqual({ kind: 'up-to-date', version: '1.0.0' });
    expect(decideUpdate(situation(older, { idle: true }))).toEqual({ kind: 'up-to-date', version: '1.0.0' });
    expect(decideUpdate(situation(same, { runningVersion: '1.0.0-rc.1' }))).toEqual({ kind: 'download', version: '1.0.0' });
  });

  it('follows the staged rollout: only terminals whose bucket is below the percentage, checked even with the file downloaded', async () => {
    const { linux } = await feedsOf('1.1.0', { stagingPercentage: 40 });
    expect(linux.stagingPercentage).toBe(40);
    expect(decideUpdate(situation(linux, { bucket: 39.99 })).kind).toBe('download');
    expect(decideUpdate(situation(linux, { bucket: 40 }))).toEqual({ kind: 'not-in-rollout', version: '1.1.0', stagingPercentage: 40 });
    // The admin lowered the percentage after this terminal downloaded: it does not install.
    const lowered = { ...linux, stagingPercentage: 10 };
    expect(decideUpdate(situation(lowered, { bucket: 39.99, downloaded: '1.1.0', idle: true })).kind).toBe('not-in-rollout');
    expect(decideUpdate(situation({ ...linux, stagingPercentage: 0 }, { bucket: 0 })).kind).toBe('not-in-rollout');
    expect(decideUpdate(situation({ ...linux, stagingPercentage: 100 }, { bucket: 99.999 })).kind).toBe('download');
  });

  it(`gives up on a version after ${MAX_UPDATE_ATTEMPTS} failed attempts, and takes the next one`, async () => {
    const { linux } = await feedsOf('1.1.0');
    let history = EMPTY_UPDATE_HISTORY;
    for (let i = 1; i < MAX_UPDATE_ATTEMPTS; i += 1) {
      history = noteFailure(history, '1.1.0', 'download-failed', '2026-12-06T08:00:00Z');
      expect(decideUpdate(situation(linux, { history })).kind).toBe('download');
    }
    history = noteFailure(history, '1.1.0', 'still-old-version', '2026-12-06T09:00:00Z');
    expect(decideUpdate(situation(linux, { history, downloaded: '1.1.0', idle: true }))).toEqual({ kind: 'skip-failed-version', version: '1.1.0', failures: MAX_UPDATE_ATTEMPTS });
    const next = (await feedsOf('1.1.1')).linux;
    expect(decideUpdate(situation(next, { history })).kind).toBe('download');
  });

  it('installs only when idle, only a newer version, only inside the rollout, never a failed one (any input)', () => {
    const version = fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3), fc.option(fc.constantFrom('rc.1', 'beta.2', 'alpha'), { nil: undefined })).map(([a, b, c, pre]) => `${a}.${b}.${c}${pre ? `-${pre}` : ''}`);
    fc.assert(
      fc.property(
        version,
        version,
        fc.double({ min: 0, max: 99.999, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        fc.boolean(),
        fc.boolean(),
        fc.nat(5),
        (offered, running, bucket, stagingPercentage, idle, downloadedIt, failures) => {
          let history = EMPTY_UPDATE_HISTORY;
          for (let i = 0; i < failures; i += 1) history = noteFailure(history, offered, 'install-failed', '2026-12-06T08:00:00Z');
          const d = decideUpdate({
            feed: { version: offered, ...(stagingPercentage === undefined ? {} : { stagingPercentage }) },
            runningVersion: running,
            bucket,
            idle,
            downloaded: downloadedIt ? offered : null,
            history,
          });
          if (d.kind === 'install' || d.kind === 'download') {
            expect(compareVersions(offered, running)).toBe(1);
            expect(inRollout(bucket, stagingPercentage)).toBe(true);
            expect(failures).toBeLessThan(MAX_UPDATE_ATTEMPTS);
          }
          if (d.kind === 'install') expect(idle && downloadedIt).toBe(true);
        },
      ),
    );
  });
});

describe('rolloutBucket', () => {
  it('is the same for a terminal id every time, and in [0, 100)', () => {
    expect(rolloutBucket('KIOSK-HN-01')).toBe(rolloutBucket('KIOSK-HN-01'));
    expect(rolloutBucket('KIOSK-HN-01')).not.toBe(rolloutBucket('KIOSK-HN-02'));
    fc.assert(
      fc.property(fc.string(), (id) => {
        const b = rolloutBucket(id);
        expect(b).toBeGreaterThanOrEqual(0);
        expect(b).toBeLessThan(100);
      }),
    );
  });

  it('spreads a fleet of sequential terminal ids evenly: a 10 / 50 % rollout reaches about that share', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `KIOSK-${String(i + 1).padStart(4, '0')}`);
    for (const percentage of [10, 50]) {
      const reached = ids.filter((id) => inRollout(rolloutBucket(id), percentage)).length / ids.length;
      expect(Math.abs(reached - percentage / 100)).toBeLessThan(0.03);
    }
    // Raising the percentage never takes a terminal out.
    const at10 = ids.filter((id) => inRollout(rolloutBucket(id), 10));
    expect(at10.every((id) => inRollout(rolloutBucket(id), 50))).toBe(true);
  });
});

describe('compareVersions', () => {
  it('orders as semver does', () => {
    const ordered = ['0.9.9', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.2.0', '1.10.0', '2.0.0'];
    for (let i = 0; i < ordered.length - 1; i += 1) {
      expect(compareVersions(ordered[i] ?? '', ordered[i + 1] ?? '')).toBe(-1);
      expect(compareVersions(ordered[i + 1] ?? '', ordered[i] ?? '')).toBe(1);
    }
    expect(compareVersions('1.2.3+build.7', '1.2.3')).toBe(0);
  });
});
