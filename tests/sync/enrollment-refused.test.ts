import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKioskCore } from '../../src-main/app/composition-root';
import { VirtualPrinter } from '../../src-main/devices/virtual/virtual-printer';
import { systemClock } from '../../src-main/kernel/clock';
import { createMemoryLogger } from '../../src-main/kernel/logger';
import type { SyncStatus } from '../../src-shared/sync';
import { useCleanups } from '../fakes/cleanups';
import { demoConfig } from '../fakes/demo-config';
import { call, until } from './core-harness';
import { startPortal } from './harness';

/*
 * A kiosk whose enrollment token the portal refuses says why, in a code the staff panel words
 * (decision 0038): a wrong token and one withdrawn on the admin page (so expired) differ, because
 * what IT has to do differs.
 */

const { cleanups, tempDir } = useCleanups('enroll-refused-');

async function kioskWithToken(portalUrl: string, enrollmentToken: string) {
  const dataDir = tempDir();
  const core = await createKioskCore({
    dataDir,
    config: demoConfig({ sync: { portalUrl, enrollmentToken, heartbeatSeconds: 1 } }),
    host: 'web',
    version: 'test',
    clock: systemClock,
    logger: createMemoryLogger(),
    printer: new VirtualPrinter(576, join(dataDir, 'prints'), systemClock),
  });
  cleanups.push(() => core.close());
  return core;
}

const refusalOf = (core: Awaited<ReturnType<typeof kioskWithToken>>) =>
  until('the refusal in the sync status', async () => (await call<SyncStatus>(core, 'getSyncStatus')).lastError?.code ?? undefined, 20_000);

describe('a refused enrollment token, named for staff', () => {
  it('tells a wrong token from one the portal withdrew, and stays unenrolled', async () => {
    const { server, url } = await startPortal(tempDir());
    cleanups.push(() => server.close());
    const admin = async (path: string, body: unknown) => {
      const r = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(r.status, path).toBeLessThan(300);
      return r.json() as Promise<{ token: string }>;
    };

    const wrong = await kioskWithToken(url, 'ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ');
    expect(await refusalOf(wrong)).toBe('enrollment_token_refused');

    const { token } = await admin('/admin/terminals/new', { terminalId: demoConfig().terminal.id });
    const state = (await (await fetch(`${url}/admin/state`)).json()) as { enrollmentTokens: { id: string }[] };
    await admin('/admin/terminals/withdraw', { id: state.enrollmentTokens[0]?.id });
    const withdrawn = await kioskWithToken(url, token);
    expect(await refusalOf(withdrawn)).toBe('enrollment_token_expired');
    expect((await call<SyncStatus>(withdrawn, 'getSyncStatus')).enrolled).toBe(false);
  }, 60_000);
});
