import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OneShotDownloads } from '../../src-main/diagnostics/one-shot-downloads';
import { startWebHost, type WebHost } from '../../src-main/web-host/web-host';
import { FixedClock } from '../fakes/fixed-clock';
import { useTempDirs } from '../fakes/temp-dir';

const tempDir = useTempDirs();
const hosts: WebHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

const TOKEN = 'A'.repeat(43);

async function start(clock: FixedClock) {
  const rendererDir = join(tempDir(), 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  const downloads = new OneShotDownloads(clock, () => TOKEN);
  const host = await startWebHost({
    rendererDir,
    dispatcher: { dispatch: async () => ({ ok: true, value: {} }) },
    events: { subscribe: () => () => undefined },
    downloads: { take: async (token) => downloads.take(token) },
    logger: { log() {} },
    port: 0,
  });
  hosts.push(host);
  return { host, downloads };
}

describe('the browser host serves a log export once, to the holder of its one-shot token', () => {
  it('answers the zip once as an attachment; then, and for any other token, 404', async () => {
    const clock = new FixedClock(new Date('2026-12-06T01:00:00Z'));
    const { host, downloads } = await start(clock);
    const zip = Buffer.from('PK\x03\x04 not really a zip', 'latin1');
    downloads.offer('motcua-diagnostics-KIOSK-01-20261206T010000Z.zip', zip);
    expect((await fetch(`${host.origin}/exports/${'B'.repeat(43)}`)).status).toBe(404);
    // HEAD does not spend it.
    expect((await fetch(`${host.origin}/exports/${TOKEN}`, { method: 'HEAD' })).status).toBe(405);
    const first = await fetch(`${host.origin}/exports/${TOKEN}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/zip');
    expect(first.headers.get('content-disposition')).toBe('attachment; filename="motcua-diagnostics-KIOSK-01-20261206T010000Z.zip"');
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await first.arrayBuffer()).equals(zip)).toBe(true);
    expect((await fetch(`${host.origin}/exports/${TOKEN}`)).status).toBe(404);
  });

  it('lets a token lapse after five minutes', async () => {
    const clock = new FixedClock(new Date('2026-12-06T01:00:00Z'));
    const { host, downloads } = await start(clock);
    downloads.offer('x.zip', Buffer.from('PK'));
    clock.advance(5 * 60_000 + 1);
    expect((await fetch(`${host.origin}/exports/${TOKEN}`)).status).toBe(404);
  });
});
