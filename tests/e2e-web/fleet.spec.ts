import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '../sync/server-process';
import { kioskPage, launchBrowser, shot, startKioskProcess, type KioskProcess } from './harness';

/**
 * Issue #19, health upstream: two kiosks heartbeat to the reference portal with a render proof;
 * one renderer freezes (a script that never yields, as a hung page does) and the portal's Fleet
 * page flags exactly that terminal as not rendering, while the other stays fine.
 */
interface FleetRow {
  id: string;
  flags: string[];
  heartbeat: { render?: { screen: string; ageSeconds: number }; uptimeSeconds?: number; schemaVersion?: number } | null;
}

let last: unknown = null;
async function fleet(portal: ServerProcess): Promise<FleetRow[]> {
  const res = await fetch(`${portal.url}/admin/fleet/state`);
  const rows = (await res.json()) as FleetRow[];
  last = rows.map((r) => ({ id: r.id, flags: r.flags, render: r.heartbeat?.render }));
  return rows;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the fleet said ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('fleet health on the reference portal (two kiosks in Chromium)', () => {
  const browsers: Browser[] = [];
  const kiosks: KioskProcess[] = [];
  let portal: ServerProcess;

  before(async () => {
    portal = await startServerProcess('src-portal/main.ts', ['--port', '0', '--data-dir', mkdtempSync(join(tmpdir(), 'portal-fleet-'))]);
    for (const id of ['kiosk-a', 'kiosk-b']) {
      kiosks.push(
        await startKioskProcess(undefined, {
          config: { terminal: { id }, sync: { portalUrl: portal.url, enrollmentToken: 'demo-enrollment-token', heartbeatSeconds: 60, changeCheckSeconds: 1 } },
        }),
      );
      // One browser each: a frozen renderer must not take the other kiosk's page with it.
      browsers.push(await launchBrowser());
    }
  });
  after(async () => {
    for (const b of browsers) await b.close();
    for (const k of kiosks) await k.stop();
    await portal?.stop();
  });

  it('shows both terminals rendering, then flags the one whose renderer froze', async () => {
    const pages: Page[] = [];
    for (const [i, kiosk] of kiosks.entries()) {
      const page = await kioskPage(browsers[i]!);
      await page.goto(kiosk.url);
      await page.getByTestId('screen-attract').waitFor();
      pages.push(page);
    }
    const fine = await until(
      'both terminals to report a fresh render proof',
      async () => {
        const rows = await fleet(portal);
        return rows.length === 2 && rows.every((r) => r.heartbeat?.render !== undefined && !r.flags.includes('not-rendering')) ? rows : undefined;
      },
      30_000,
    );
    for (const row of fine) {
      // The screen proved when the heartbeat went: start-up or attract (a new screen alone sends no heartbeat).
      assert.match(row.heartbeat?.render?.screen ?? '', /^screen-(loading|attract)$/);
      assert.ok((row.heartbeat?.uptimeSeconds ?? -1) >= 0);
      assert.ok((row.heartbeat?.schemaVersion ?? 0) > 0);
    }

    // kiosk-b's renderer stops: its script never yields again, so no frame and no proof follows.
    void pages[1]!.evaluate('setTimeout(() => { for (;;) {} }, 0)').catch(() => undefined);
    const flagged = await until(
      'the portal to flag kiosk-b as not rendering',
      async () => {
        const rows = await fleet(portal);
        const b = rows.find((r) => r.id === 'kiosk-b');
        return b?.flags.includes('not-rendering') ? rows : undefined;
      },
      75_000,
    );
    assert.deepEqual(flagged.find((r) => r.id === 'kiosk-a')?.flags.includes('not-rendering'), false, 'kiosk-a still renders');
    assert.ok((flagged.find((r) => r.id === 'kiosk-b')?.heartbeat?.render?.ageSeconds ?? 0) > 30);

    const admin = await kioskPage(browsers[0]!);
    await admin.goto(`${portal.url}/admin/fleet`);
    const frozenRow = admin.locator('tr[data-terminal="kiosk-b"]');
    assert.match((await frozenRow.textContent()) ?? '', /Screen not rendering/);
    assert.equal(await frozenRow.getAttribute('class'), 'flagged');
    await shot(admin, 'fleet-page');
  });
});
