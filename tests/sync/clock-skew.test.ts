import { describe, expect, it } from 'vitest';
import type { StaffAlert } from '../../src-shared/staff';
import type { SyncStatus } from '../../src-shared/sync';
import { useCleanups } from '../fakes/cleanups';
import { call, startKioskCore, until } from './core-harness';
import { startPortal } from './harness';
import { startRecordingProxy } from './recording-proxy';

const { cleanups, tempDir } = useCleanups('kiosk-clock-');

describe("the kiosk clock against the portal's Date header", () => {
  it('a portal 5 minutes ahead shows in the staff panel and raises the clock alert; back in step, the alert is resolved', async () => {
    const { server, url } = await startPortal(tempDir());
    cleanups.push(() => server.close());
    let offsetMs = 5 * 60_000;
    const proxy = await startRecordingProxy(url, { dateOffsetMs: () => offsetMs });
    cleanups.push(() => proxy.close());
    const core = await startKioskCore(tempDir(), proxy.url);
    cleanups.push(() => core.close());
    const clockAlerts = async () => (await call<StaffAlert[]>(core, 'listStaffAlerts')).filter((a) => a.source === 'clock');

    const off = await until('the skew seen', async () => {
      const s = await call<SyncStatus>(core, 'getSyncStatus');
      return s.clockSkewSeconds !== null && s.clockSkewSeconds > 200 ? s : undefined;
    });
    // The Date header has one-second precision, and the answer's travel time adds a little.
    expect(off.clockSkewSeconds).toBeGreaterThanOrEqual(299);
    expect(off.clockSkewSeconds).toBeLessThanOrEqual(301);
    const raised = await clockAlerts();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ resolvedAt: null, reason: 'clock_behind', params: { minutes: 5 } });

    offsetMs = 0;
    const back = await until('back in step', async () => {
      const s = await call<SyncStatus>(core, 'getSyncStatus');
      return s.clockSkewSeconds !== null && Math.abs(s.clockSkewSeconds) <= 1 ? s : undefined;
    });
    expect(back.clockSkewSeconds).not.toBeNull();
    const resolved = await until('the alert resolved', async () => {
      const alerts = await clockAlerts();
      return alerts.every((a) => a.resolvedAt !== null) ? alerts : undefined;
    });
    expect(resolved).toHaveLength(1);
  }, 30_000);
});
