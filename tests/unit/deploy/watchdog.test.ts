import { execFile } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RenderProof } from '../../../src-main/devices/display/render-proof';
import { startWebHost, type WebHost } from '../../../src-main/web-host/web-host';
import { createMemoryLogger } from '../../../src-main/kernel/logger';
import { FixedClock } from '../../fakes/fixed-clock';
import { useTempDirs } from '../../fakes/temp-dir';

/**
 * deploy/linux/kiosk-watchdog against the real web host's /healthz, with a stand-in systemctl
 * that records what it was asked: no restart while the screen renders, the browser restarted
 * when the render proof stopped, the host restarted when nothing answers.
 */
describe('the Linux watchdog and the host’s /healthz (decision 0037)', () => {
  const tempDir = useTempDirs();
  const hosts: WebHost[] = [];
  afterEach(async () => {
    for (const h of hosts.splice(0)) await h.close();
  });

  async function hostWith(proof: RenderProof): Promise<number> {
    const host = await startWebHost({
      rendererDir: tempDir(),
      dispatcher: { dispatch: async () => ({ ok: true, value: null }) },
      events: { subscribe: () => () => undefined },
      logger: createMemoryLogger(),
      port: 0,
      liveness: () => ({ verdict: proof.verdict(), proof: proof.state() }),
    });
    hosts.push(host);
    return Number(new URL(host.origin).port);
  }

  // Not spawnSync: the host answering /healthz runs in this process and must keep serving.
  async function runWatchdog(port: number): Promise<{ status: number | null; asked: string[] }> {
    const dir = tempDir();
    const log = join(dir, 'systemctl.log');
    const systemctl = join(dir, 'systemctl');
    writeFileSync(systemctl, `#!/bin/sh\necho "$*" >> ${log}\nexit 0\n`);
    chmodSync(systemctl, 0o755);
    const status = await new Promise<number | null>((resolve) => {
      execFile(
        'sh',
        ['deploy/linux/kiosk-watchdog'],
        { env: { ...process.env, KIOSK_PORT: String(port), KIOSK_NODE: process.execPath, KIOSK_SYSTEMCTL: systemctl, KIOSK_WATCHDOG_RETRY_SECONDS: '0' }, timeout: 30_000 },
        (error) => resolve(error ? (typeof error.code === 'number' ? error.code : null) : 0),
      );
    });
    return { status, asked: existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [] };
  }

  it('leaves a rendering or still-starting kiosk alone, restarts only the browser when the proof stops', async () => {
    const clock = new FixedClock(new Date('2026-12-06T08:00:00Z'));
    const proof = new RenderProof(clock);
    const port = await hostWith(proof);
    const healthz = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return { status: res.status, body: (await res.json()) as unknown };
    };

    expect(await healthz()).toEqual({ status: 200, body: { verdict: 'starting' } });
    expect((await runWatchdog(port)).asked).toEqual(['is-active --quiet motcua-kiosk-host.service']);

    proof.record('screen-attract');
    clock.advance(30_000);
    expect(await healthz()).toEqual({ status: 200, body: { verdict: 'rendering', screen: 'screen-attract', ageSeconds: 30 } });
    expect((await runWatchdog(port)).asked).toEqual(['is-active --quiet motcua-kiosk-host.service']);

    clock.advance(1_000);
    expect((await healthz()).status).toBe(503);
    const frozen = await runWatchdog(port);
    expect(frozen.status).toBe(0);
    expect(frozen.asked).toEqual(['is-active --quiet motcua-kiosk-host.service', 'restart motcua-kiosk-browser.service']);
  });

  it('a renderer that never proved a paint after the start grace is not rendering', async () => {
    const clock = new FixedClock(new Date('2026-12-06T08:00:00Z'));
    const proof = new RenderProof(clock);
    clock.advance(91_000);
    expect(proof.verdict()).toBe('not-rendering');
  });

  it('restarts the host when nothing answers', async () => {
    const closed: Server = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect((await runWatchdog(port)).asked).toEqual(['is-active --quiet motcua-kiosk-host.service', 'restart motcua-kiosk-host.service']);
  });
});
