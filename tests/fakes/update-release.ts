import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// electron-builder's own code for what it writes beside a package: the block map (embedded in an
// AppImage, a separate .blockmap for NSIS) and the channel file's YAML.
import { buildBlockMap } from 'app-builder-lib/out/targets/blockmap/blockmap';
import { serializeToYaml } from 'builder-util';

export interface PublishedRelease {
  version: string;
  appImage: string;
  exe: string;
  /** The AppImage's bytes as published (block map appended). */
  appImageBytes: Buffer;
}

/** Deterministic bytes that do not compress away: a package's body, `changed` bytes differing from one version to the next. */
export function packageBody(size: number, seed: string, changed: readonly { at: number; length: number }[] = [], changeSeed = seed): Buffer {
  const out = Buffer.alloc(size);
  const fill = (from: number, to: number, s: string) => {
    for (let block = Math.floor(from / 32), offset = block * 32; offset < to; block += 1, offset += 32) {
      const digest = createHash('sha256').update(`${s}:${block}`).digest();
      for (let i = 0; i < 32 && offset + i < to; i += 1) if (offset + i >= from) out[offset + i] = digest[i] ?? 0;
    }
  };
  fill(0, size, seed);
  for (const c of changed) fill(c.at, c.at + c.length, changeSeed);
  return out;
}

/**
 * A release folder as `electron-builder --linux AppImage --win nsis` with `publish: generic` leaves
 * it: `Mot-Cua-Kiosk-<v>.AppImage` (block map embedded, `blockMapSize` in the feed),
 * `latest-linux.yml`, `Mot-Cua-Kiosk-Setup-<v>.exe` + `.exe.blockmap`, `latest.yml`.
 */
export async function publishRelease(
  dir: string,
  version: string,
  options: { size?: number; body?: Buffer; stagingPercentage?: number; releaseDate?: string } = {},
): Promise<PublishedRelease> {
  const body = options.body ?? packageBody(options.size ?? 256 * 1024, 'motcua-kiosk');
  const releaseDate = options.releaseDate ?? '2026-12-06T08:00:00.000Z';
  const appImage = `Mot-Cua-Kiosk-${version}.AppImage`;
  writeFileSync(join(dir, appImage), body);
  const linux = await buildBlockMap(join(dir, appImage), 'deflate');
  const exe = `Mot-Cua-Kiosk-Setup-${version}.exe`;
  writeFileSync(join(dir, exe), body);
  const win = await buildBlockMap(join(dir, exe), 'gzip', join(dir, `${exe}.blockmap`));
  const staging = options.stagingPercentage === undefined ? {} : { stagingPercentage: options.stagingPercentage };
  const feed = (url: string, info: { sha512: string; size: number; blockMapSize?: number }) =>
    serializeToYaml({ version, files: [{ url, ...info }], path: url, sha512: info.sha512, releaseDate, ...staging }, false, true);
  writeFileSync(join(dir, 'latest-linux.yml'), feed(appImage, { sha512: linux.sha512, size: sizeOf(linux.size), ...(linux.blockMapSize ? { blockMapSize: linux.blockMapSize } : {}) }));
  writeFileSync(join(dir, 'latest.yml'), feed(exe, { sha512: win.sha512, size: sizeOf(win.size) }));
  return { version, appImage, exe, appImageBytes: readFileSync(join(dir, appImage)) };
}

function sizeOf(size: number | undefined): number {
  if (size === undefined) throw new Error('electron-builder gave no size');
  return size;
}
