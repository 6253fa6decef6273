import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKioskCore, type KioskCore } from '../../src-main/app/composition-root';
import { CENTRAL_CONFIG_FILE } from '../../src-main/app/central-config-file';
import type { KioskConfig } from '../../src-main/app/config';
import { CoreSwitch } from '../../src-main/app/core-switch';
import { loadKioskConfig } from '../../src-main/app/load-config';
import { systemClock } from '../../src-main/kernel/clock';
import { createMemoryLogger } from '../../src-main/kernel/logger';
import { VirtualPrinter } from '../../src-main/devices/virtual/virtual-printer';
import { isMethodName, type ReloadReason } from '../../src-shared/contract';
import { roleOf } from '../../src-shared/method-roles';
import type { QueueServiceDto } from '../../src-shared/dto';
import type { StaffAlert } from '../../src-shared/staff';
import type { SyncStatus } from '../../src-shared/sync';
import { DEMO_ENROLLMENT_TOKEN } from '../../src-portal/portal-config';
import { useCleanups } from '../fakes/cleanups';
import { dispatchAsStaff } from '../fakes/staff-session';
import { until } from './core-harness';
import { startPortal } from './harness';

const { cleanups, tempDir } = useCleanups('central-config-');

/**
 * A kiosk as a host runs it: a CoreSwitch over cores built from the data folder, and a reload that
 * starts a new core from the configuration on disk (src-main/web-host/main.ts does the same).
 */
function startKiosk(dataDir: string) {
  const logger = createMemoryLogger();
  const reloads: ReloadReason[] = [];
  const startCore = (config: KioskConfig): Promise<KioskCore> =>
    createKioskCore({ dataDir, config, host: 'web', version: 'test', clock: systemClock, logger, reload, printer: new VirtualPrinter(576, join(dataDir, 'prints'), systemClock) });
  const switcher = new CoreSwitch<KioskCore>(startCore(loadKioskConfig(['--data-dir', dataDir]).config));
  function reload(reason: ReloadReason): void {
    reloads.push(reason);
    void switcher.replace(reason, () => startCore(loadKioskConfig(['--data-dir', dataDir]).config));
  }
  // Closed by the test or at cleanup, once.
  let closing: Promise<void> | null = null;
  const close = () => (closing ??= switcher.close());
  cleanups.push(close);
  const dispatch = async <T>(method: string, request: unknown = {}): Promise<T> => {
    const staff = isMethodName(method) && roleOf(method) !== 'citizen';
    const reply = staff ? await dispatchAsStaff(await switcher.core(), method, request as object) : await switcher.dispatch(method, request);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
    return reply.value as T;
  };
  const serviceNames = async () => (await dispatch<QueueServiceDto[]>('listQueueServices')).map((s) => s.name.vi);
  const alerts = () => dispatch<StaffAlert[]>('listStaffAlerts');
  return { switcher, close, reloads, dispatch, serviceNames, alerts, logger };
}

const adminPut = async (url: string, path: string, body: unknown) => {
  const res = await fetch(`${url}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as { revision: number };
};

describe('central configuration between the kiosk and the reference portal', () => {
  it('pulls a change, applies it only at an idle moment, refuses a bad one with the alert and the report, and keeps the last good one offline', async () => {
    const { server, url } = await startPortal(tempDir());
    let portalUp = true;
    cleanups.push(async () => {
      if (portalUp) await server.close();
    });
    const dataDir = tempDir();
    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({ terminal: { id: 'KIOSK-C1' }, sync: { portalUrl: url, enrollmentToken: DEMO_ENROLLMENT_TOKEN, heartbeatSeconds: 1 } }),
    );
    const kiosk = startKiosk(dataDir);
    await until('enrolled and online', async () => {
      const s = await kiosk.dispatch<SyncStatus>('getSyncStatus');
      return s.enrolled && s.state === 'online' ? s : undefined;
    });
    const before = await kiosk.serviceNames();
    expect(before[0]).toBe('Đất đai');
    // A citizen is at the screen: the home screen proved, a session started.
    await kiosk.dispatch('startCitizenSession');
    await kiosk.dispatch('reportRendered', { screen: 'screen-home' });

    const services = loadKioskConfig(['--data-dir', dataDir]).config.queue.services;
    const renamed = services.map((s, i) => (i === 0 ? { ...s, name: { vi: 'Đất đai – Nhà ở', en: 'Land and housing' } } : s));
    const { revision } = await adminPut(url, '/admin/config/center', { schemaVersion: 2, queue: { services: renamed }, idle: { timeoutSeconds: 75 } });

    // Pulled and saved, but not applied while the citizen is there.
    await until('saved on the kiosk', () => {
      try {
        return readFileSync(join(dataDir, CENTRAL_CONFIG_FILE), 'utf8').includes('Nhà ở') ? true : undefined;
      } catch {
        return undefined;
      }
    });
    await new Promise((r) => setTimeout(r, 1_500));
    await kiosk.dispatch('reportRendered', { screen: 'screen-home' });
    expect(kiosk.reloads).toEqual([]);
    expect(await kiosk.serviceNames()).toEqual(before);

    // Back at the attract screen: the next proof is the idle moment; a new core runs the new names.
    await kiosk.dispatch('endCitizenSession');
    await new Promise((r) => setTimeout(r, 1_100));
    await kiosk.dispatch('reportRendered', { screen: 'screen-attract' });
    expect(kiosk.reloads).toEqual(['central-config']);
    await until('new names served', async () => ((await kiosk.serviceNames())[0] === 'Đất đai – Nhà ở' ? true : undefined));
    expect((await kiosk.dispatch<{ idle: { timeoutSeconds: number } }>('getInfo')).idle.timeoutSeconds).toBe(75);
    const state = () => server.deps.db.prepare(`SELECT * FROM terminal_config_state WHERE terminal_id = 'KIOSK-C1'`).get() as Record<string, unknown> | undefined;
    await until('applied reported', () => (state()?.['applied_version'] === revision ? true : undefined));
    await until('heartbeat carries the version', () => {
      const hb = server.deps.db.prepare(`SELECT last_heartbeat FROM terminals WHERE id = 'KIOSK-C1'`).get() as { last_heartbeat: string };
      return (JSON.parse(hb.last_heartbeat) as { configVersion?: number }).configVersion === revision ? true : undefined;
    });

    // A document the portal's own check never saw (a newer portal's format, a hand-edited row): refused.
    const saved = readFileSync(join(dataDir, CENTRAL_CONFIG_FILE), 'utf8');
    server.deps.db
      .prepare(`INSERT INTO config_documents (scope, document, revision, saved_at) VALUES ('KIOSK-C1', ?, ?, ?)`)
      .run(JSON.stringify({ schemaVersion: 2, idle: { timeoutSeconds: 5 }, devices: { scanner: { driver: 'hid' } } }), revision + 1, new Date().toISOString());
    await until('rejected reported', () => (state()?.['rejected_version'] === revision + 1 ? true : undefined));
    const problems = JSON.parse(String(state()?.['problems'])) as string[];
    expect(problems.join('\n')).toMatch(/"devices".*not centrally settable/);
    expect(problems.join('\n')).toMatch(/idle\.timeoutSeconds/);
    const alert = await until('config alert', async () => (await kiosk.alerts()).find((a) => a.source === 'config' && a.resolvedAt === null));
    expect(alert).toMatchObject({ reason: 'central_config_rejected', params: { version: revision + 1, count: problems.length } });
    // The running kiosk is unaffected: same core, same names, the last good file untouched.
    await kiosk.dispatch('reportRendered', { screen: 'screen-attract' });
    expect(kiosk.reloads).toEqual(['central-config']);
    expect((await kiosk.serviceNames())[0]).toBe('Đất đai – Nhà ở');
    expect(readFileSync(join(dataDir, CENTRAL_CONFIG_FILE), 'utf8')).toBe(saved);
    const fleet = (await (await fetch(`${url}/admin/fleet/state`)).json()) as { id: string; flags: string[] }[];
    expect(fleet.find((r) => r.id === 'KIOSK-C1')?.flags).toContain('config-rejected');

    // Offline, after a restart: the last good one is still in force.
    await kiosk.close();
    await server.close();
    portalUp = false;
    const again = startKiosk(dataDir);
    expect((await again.serviceNames())[0]).toBe('Đất đai – Nhà ở');
  }, 60_000);

  it('a damaged central-config.json on disk: the kiosk starts on its local settings and staff see why', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ idle: { timeoutSeconds: 45 } }));
    writeFileSync(join(dataDir, CENTRAL_CONFIG_FILE), '{"version": 4, "etag": "\\"config-4\\"", "document": {"schemaVer');
    const kiosk = startKiosk(dataDir);
    expect((await kiosk.serviceNames())[0]).toBe('Đất đai');
    expect((await kiosk.dispatch<{ idle: { timeoutSeconds: number } }>('getInfo')).idle.timeoutSeconds).toBe(45);
    const alert = (await kiosk.alerts()).find((a) => a.source === 'config');
    expect(alert).toMatchObject({ reason: 'central_config_damaged', resolvedAt: null });
    expect(alert?.detail).toMatch(/not JSON/);
    expect(kiosk.logger.lines.some((l) => l.message === 'config.central_damaged')).toBe(true);
  });
});
