import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// electron-updater's own code, run under plain Node: its feed parser and its differential downloader.
import { parseUpdateInfo, resolveFiles } from 'electron-updater/out/providers/Provider';
import { FileWithEmbeddedBlockMapDifferentialDownloader } from 'electron-updater/out/differentialDownloader/FileWithEmbeddedBlockMapDifferentialDownloader';
import { NodeHttpExecutor } from 'builder-util/out/nodeHttpExecutor';
import { CancellationToken, type UpdateInfo } from 'builder-util-runtime';
import { usePortals } from './harness';
import { useTempDirs } from '../fakes/temp-dir';
import { packageBody, publishRelease } from '../fakes/update-release';

const startPortal = usePortals();
const tempDir = useTempDirs();

/** A raw request: the path goes out byte for byte (fetch would normalise `..` away). */
function raw(url: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function portalWithRelease(version = '1.1.0') {
  const t = await startPortal();
  const dir = t.portal.deps.updatesDir;
  const release = await publishRelease(dir, version, { size: 200 * 1024 });
  return { ...t, dir, release };
}

describe('the update feed the reference portal serves', () => {
  it('serves the channel files as published, readable by electron-updater, with an ETag', async () => {
    const { url, dir, release } = await portalWithRelease();
    const res = await fetch(`${url}/updates/latest-linux.yml?noCache=1abc`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/yaml; charset=utf-8');
    const text = await res.text();
    expect(parse(text)).toEqual(parse(readFileSync(join(dir, 'latest-linux.yml'), 'utf8')));
    const info = parseUpdateInfo(text, 'latest-linux.yml', new URL(`${url}/updates/latest-linux.yml`)) as UpdateInfo;
    expect(info.version).toBe('1.1.0');
    expect(resolveFiles(info, new URL(`${url}/updates/`)).map((f) => f.url.href)).toEqual([`${url}/updates/${release.appImage}`]);
    const etag = res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    expect((await fetch(`${url}/updates/latest-linux.yml`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(`${url}/updates/latest.yml`)).status).toBe(200);
  });

  it('writes the admin\'s staged-rollout percentage into the feed; a new percentage shows at once', async () => {
    const { url, admin } = await portalWithRelease();
    const before = await fetch(`${url}/updates/latest-linux.yml`);
    const etagBefore = before.headers.get('etag') ?? '';
    expect((parse(await before.text()) as Record<string, unknown>)['stagingPercentage']).toBeUndefined();

    const set = await admin('POST', '/admin/updates/rollout', { version: '1.1.0', percentage: 25 });
    expect(set.status).toBe(200);
    const after = await fetch(`${url}/updates/latest-linux.yml`, { headers: { 'if-none-match': etagBefore } });
    expect(after.status).toBe(200);
    const text = await after.text();
    expect((parse(text) as Record<string, unknown>)['stagingPercentage']).toBe(25);
    // What electron-updater reads from it (and the kiosk's policy, src-main/update).
    expect((parseUpdateInfo(text, 'latest-linux.yml', new URL(url)) as UpdateInfo).stagingPercentage).toBe(25);
    // The same for the Windows feed of that version, and the admin state says so.
    expect((parse(await (await fetch(`${url}/updates/latest.yml`)).text()) as Record<string, unknown>)['stagingPercentage']).toBe(25);
    const state = (await admin('GET', '/admin/updates')).json as { feeds: { feed: string; version: string; effectivePercentage: number; rolloutPercentage: number; files: { present: boolean }[] }[] };
    expect(state.feeds.map((f) => [f.feed, f.version, f.effectivePercentage, f.rolloutPercentage, f.files.every((x) => x.present)])).toEqual([
      ['latest-linux.yml', '1.1.0', 25, 25, true],
      ['latest.yml', '1.1.0', 25, 25, true],
    ]);

    await admin('POST', '/admin/updates/rollout', { version: '1.1.0', percentage: 100 });
    expect((parse(await (await fetch(`${url}/updates/latest-linux.yml`)).text()) as Record<string, unknown>)['stagingPercentage']).toBe(100);
  });

  it('the admin page lists the feeds and sets a percentage from its buttons; bad requests are refused', async () => {
    const { url, admin } = await portalWithRelease();
    const page = await admin('GET', '/admin');
    expect(page.text).toContain('Kiosk updates (2 feed(s)');
    expect(page.text).toContain('<input type="hidden" name="percentage" value="10">');
    const form = await fetch(`${url}/admin/updates/rollout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'version=1.1.0&percentage=10',
      redirect: 'manual',
    });
    expect(form.status).toBe(303);
    expect((parse(await (await fetch(`${url}/updates/latest-linux.yml`)).text()) as Record<string, unknown>)['stagingPercentage']).toBe(10);
    for (const body of [{ version: '1.1.0', percentage: 101 }, { version: '1.1.0', percentage: -1 }, { version: '1.1.0', percentage: 2.5 }, { version: 'latest', percentage: 5 }, { version: '1.1.0' }]) {
      expect((await admin('POST', '/admin/updates/rollout', body)).status, JSON.stringify(body)).toBe(400);
    }
  });

  it('serves installers and block maps with their types, byte ranges (one, several, a suffix) and 416 outside the file', async () => {
    const { url, dir, release } = await portalWithRelease();
    const bytes = release.appImageBytes;
    const whole = await raw(url, `/updates/${release.appImage}`);
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('application/vnd.appimage');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.body.equals(bytes)).toBe(true);
    const etag = String(whole.headers['etag']);
    expect((await raw(url, `/updates/${release.appImage}`, { 'if-none-match': etag })).status).toBe(304);

    const one = await raw(url, `/updates/${release.appImage}`, { range: 'bytes=1000-1999' });
    expect(one.status).toBe(206);
    expect(one.headers['content-range']).toBe(`bytes 1000-1999/${bytes.length}`);
    expect(one.body.equals(bytes.subarray(1000, 2000))).toBe(true);

    const suffix = await raw(url, `/updates/${release.appImage}`, { range: 'bytes=-100' });
    expect(suffix.body.equals(bytes.subarray(bytes.length - 100))).toBe(true);

    const several = await raw(url, `/updates/${release.appImage}`, { range: 'bytes=10-19, 5000-5009, 0-3' });
    expect(several.status).toBe(206);
    const type = String(several.headers['content-type']);
    const boundary = /^multipart\/byteranges; boundary=(.+)$/.exec(type)?.[1] ?? '';
    expect(boundary).not.toBe('');
    expect(Number(several.headers['content-length'])).toBe(several.body.length);
    const parts = several.body.toString('latin1').split(`--${boundary}`).slice(1, -1);
    expect(parts.map((p) => /content-range: (.+)\r\n/.exec(p)?.[1])).toEqual([`bytes 10-19/${bytes.length}`, `bytes 5000-5009/${bytes.length}`, `bytes 0-3/${bytes.length}`]);
    expect(parts.map((p) => Buffer.from(p.split('\r\n\r\n')[1]?.replace(/\r\n$/, '') ?? '', 'latin1'))).toEqual([bytes.subarray(10, 20), bytes.subarray(5000, 5010), bytes.subarray(0, 4)]);

    const outside = await raw(url, `/updates/${release.appImage}`, { range: `bytes=${bytes.length}-` });
    expect(outside.status).toBe(416);
    expect(outside.headers['content-range']).toBe(`bytes */${bytes.length}`);
    // A range against an older copy (If-Range with another ETag): the whole new file.
    expect((await raw(url, `/updates/${release.appImage}`, { range: 'bytes=0-9', 'if-range': '"old"' })).status).toBe(200);

    const head = await raw(url, `/updates/${release.exe}.blockmap`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('application/octet-stream');
    expect(Number(head.headers['content-length'])).toBe(readFileSync(join(dir, `${release.exe}.blockmap`)).length);
    expect((await raw(url, `/updates/${release.exe}`)).headers['content-type']).toBe('application/vnd.microsoft.portable-executable');
  });

  it('answers 404 to traversal, links, folders, hidden and unknown files', async () => {
    const { url, dir, portal } = await portalWithRelease();
    writeFileSync(join(dir, 'notes.txt'), 'not for kiosks');
    writeFileSync(join(dir, '.env'), 'SECRET=1');
    writeFileSync(join(dir, 'other.yml'), 'version: 9.9.9');
    mkdirSync(join(dir, 'old.AppImage'));
    writeFileSync(join(portal.config.dataDir, 'outside.AppImage'), 'outside');
    symlinkSync(join(portal.config.dataDir, 'outside.AppImage'), join(dir, 'link.AppImage'));
    for (const path of [
      '/updates/..%2fportal.sqlite3',
      '/updates/..%2F..%2Fetc%2Fpasswd',
      '/updates/%2e%2e%2foutside.AppImage',
      '/updates/..%5coutside.AppImage',
      '/updates/sub/latest-linux.yml',
      '/updates/notes.txt',
      '/updates/.env',
      '/updates/other.yml',
      '/updates/old.AppImage',
      '/updates/link.AppImage',
      '/updates/missing-1.0.0.AppImage',
      '/updates/%E0%A4%A',
      '/updates/',
    ]) {
      const res = await raw(url, path);
      expect(res.status, path).toBe(404);
      expect(res.body.toString(), path).toBe('No such update file.\n');
    }
    // Normalised by the URL parser before routing: not an update path at all, and nothing served.
    const dotted = await raw(url, '/updates/../portal.sqlite3');
    expect(dotted.status).toBe(404);
    expect(dotted.body.toString()).not.toContain('SQLite');
    expect((await raw(url, '/updates/latest-linux.yml', {}, 'DELETE')).status).toBe(405);
  });

  it('serves nothing but the published files, whatever the name (any input)', async () => {
    const { url, release } = await portalWithRelease();
    const published = new Set(['latest-linux.yml', 'latest.yml', release.appImage, release.exe, `${release.exe}.blockmap`]);
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: fc.constantFrom('.', '/', '%2f', '%2e', '\\', 'a', 'latest', '-linux', '.yml', '..', 'portal.sqlite3', '%00') }), async (name) => {
        // The file the request names once the URL is read as a browser reads it (WHATWG: "\\" is
        // "/" and dot segments are resolved), as the portal reads it: "/updates//..\\latest.yml"
        // is /updates/latest.yml, a published file, not a way out of the folder.
        const resolved = new URL(`/updates/${name}`, 'http://portal.test').pathname;
        // "/updates/.." is the portal's root, another route: not this property's business.
        fc.pre(resolved.startsWith('/updates/'));
        const res = await raw(url, `/updates/${name}`);
        const file = (() => {
          try {
            return decodeURIComponent(resolved.slice('/updates/'.length));
          } catch {
            return null;
          }
        })();
        if (res.status === 200) expect(file !== null && published.has(file), `${name} → ${resolved}`).toBe(true);
        else expect(res.status, name).toBe(404);
      }),
      // Found by this property once (a backslash read as a slash): kept as fixed examples.
      { numRuns: 150, examples: [['/..\\latest.yml'], ['%2e%2e%2fportal.sqlite3'], ['..%2f..%2fportal.sqlite3'], ['.\\latest.yml']] },
    );
  });

  it("electron-updater's differential download of the AppImage through the portal's byte ranges rebuilds the new version", async () => {
    const old = tempDir();
    const size = 600 * 1024;
    // 1.0.0 as installed on the terminal, 1.1.0 on the portal: two runs of 16 KiB changed, far apart.
    await publishRelease(old, '1.0.0', { body: packageBody(size, 'kiosk') });
    const t = await startPortal();
    const next = await publishRelease(t.portal.deps.updatesDir, '1.1.0', { body: packageBody(size, 'kiosk', [{ at: 100 * 1024, length: 16 * 1024 }, { at: 400 * 1024, length: 16 * 1024 }], 'kiosk-1.1.0') });
    const feed = parse(await (await fetch(`${t.url}/updates/latest-linux.yml`)).text()) as { files: { url: string; sha512: string; size: number; blockMapSize: number }[] };
    const file = feed.files[0];
    if (!file) throw new Error('no file in the feed');
    const out = join(tempDir(), 'next.AppImage');
    const logs: string[] = [];
    const ranges: string[] = [];
    const executor = new (class extends NodeHttpExecutor {
      override createRequest(options: { headers?: Record<string, string> }, callback: (response: unknown) => void) {
        if (options.headers?.['Range']) ranges.push(options.headers['Range']);
        return super.createRequest(options, callback);
      }
    })();
    const downloader = new FileWithEmbeddedBlockMapDifferentialDownloader({ size: file.size, sha512: file.sha512, blockMapSize: file.blockMapSize }, executor, {
      newUrl: new URL(`${t.url}/updates/${file.url}`),
      oldFile: join(old, 'Mot-Cua-Kiosk-1.0.0.AppImage'),
      newFile: out,
      logger: { info: (m: unknown) => logs.push(String(m)), warn: (m: unknown) => logs.push(String(m)), error: (m: unknown) => logs.push(String(m)) },
      requestHeaders: {},
      isUseMultipleRangeRequest: true,
      cancellationToken: new CancellationToken(),
    });
    await downloader.download();
    const rebuilt = readFileSync(out);
    expect(rebuilt.equals(next.appImageBytes)).toBe(true);
    expect(createHash('sha512').update(rebuilt).digest('base64')).toBe(file.sha512);
    // Only a part came over the wire (electron-updater says how much).
    const plan = logs.find((l) => l.startsWith('Full:')) ?? '';
    expect(plan).toMatch(/To download: .+ \((\d|1\d)%\)/);
    // The embedded block map read by a suffix-like range, then the changed blocks.
    // The changed blocks asked for in one multi-range request, answered as multipart/byteranges.
    expect(ranges).toEqual([expect.stringMatching(/^bytes=\d+-\d+, \d+-\d+$/)]);
  });
});
