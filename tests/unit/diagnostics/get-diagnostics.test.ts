import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createKioskCore, type KioskCore } from '../../../src-main/app/composition-root';
import { migrations } from '../../../src-main/db/migrations';
import { VirtualPrinter } from '../../../src-main/devices/virtual/virtual-printer';
import { createMemoryLogger } from '../../../src-main/kernel/logger';
import { SYNC_API_VERSION } from '../../../src-main/sync/api-version';
import { DiagnosticsSchema, type Diagnostics } from '../../../src-shared/diagnostics';
import { methodRoles } from '../../../src-shared/method-roles';
import { demoConfig } from '../../fakes/demo-config';
import { FixedClock } from '../../fakes/fixed-clock';
import { dispatchAsStaff } from '../../fakes/staff-session';
import { useTempDirs } from '../../fakes/temp-dir';

const tempDir = useTempDirs();
const cores: KioskCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
});

const STAFF_PIN = '13572468';

async function start() {
  const dataDir = tempDir();
  const clock = new FixedClock(new Date('2026-12-06T01:00:00Z'));
  const printer = new VirtualPrinter(576, join(dataDir, 'prints'), clock);
  const core = await createKioskCore({
    dataDir,
    config: demoConfig({ terminal: { id: 'KIOSK-DIAG' } }),
    host: 'web',
    version: '1.2.3',
    clock,
    logger: createMemoryLogger(),
    printer,
    freeSpace: { freeBytes: async () => 7_500_000_000, probeWrite: async () => undefined },
  });
  cores.push(core);
  return { core, clock, printer, dataDir };
}

async function diagnostics(core: KioskCore): Promise<Diagnostics> {
  const reply = await dispatchAsStaff(core, 'getDiagnostics');
  if (!reply.ok) throw new Error(reply.error.message);
  return DiagnosticsSchema.parse(reply.value);
}

describe('getDiagnostics (IT): every figure of the diagnostics screen in one reply', () => {
  it('is for the IT role only: no session, or a staff session, learns nothing', async () => {
    const { core } = await start();
    expect(methodRoles.getDiagnostics).toBe('it');
    expect(methodRoles.exportLogs).toBe('it');
    expect(methodRoles.listExportMounts).toBe('it');
    expect(await core.dispatcher.dispatch('getDiagnostics', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await dispatchAsStaff(core, 'setStaffPin', { pin: STAFF_PIN });
    const staff = await core.dispatcher.dispatch('loginStaff', { pin: STAFF_PIN });
    const session = staff.ok ? (staff.value as { session: string }).session : '';
    expect(session).not.toBe('');
    for (const method of ['getDiagnostics', 'listExportMounts'] as const) {
      expect(await core.dispatcher.dispatch(method, { session })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await core.dispatcher.dispatch('exportLogs', { session, destination: { kind: 'download' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('tells versions, uptime, disk, store, outbox, link and each device with its last changes', async () => {
    const { core, clock, printer } = await start();
    clock.advance(3 * 3600_000 + 125_000);
    // Paper out, seen by a test print (the monitor polls after it), then refilled.
    printer.setState('paper-out');
    await dispatchAsStaff(core, 'testPrint');
    await dispatchAsStaff(core, 'markPrinterRefilled');
    const d = await diagnostics(core);
    expect(d.terminalId).toBe('KIOSK-DIAG');
    expect(d.host).toBe('web');
    expect(d.versions).toEqual({ app: '1.2.3', schema: migrations.length, catalog: expect.stringMatching(/demo/) as unknown as string, api: SYNC_API_VERSION });
    expect(d.uptimeSeconds).toBe(3 * 3600 + 125);
    expect(d.storage.freeBytes).toBe(7_500_000_000);
    expect(d.storage.databaseBytes).toBeGreaterThan(4096);
    // No portal configured: the outbox keeps everything and the link says so.
    expect(d.outbox).toEqual({ depth: 0, parked: 0, oldestPendingAgeSeconds: null });
    expect(d.link).toEqual({ state: 'disabled', lastContactAt: null, clockSkewSeconds: null, lastError: null });
    expect(d.devices.map((x) => x.device).sort()).toEqual(['barcode-scanner', 'document-scanner', 'printer']);
    const printerRow = d.devices.find((x) => x.device === 'printer');
    expect(printerRow?.state).toBe('ok');
    expect(printerRow?.changes.map((c) => c.state)).toEqual(['ok', 'offline', 'ok']);
    // The events the core logged meanwhile, latest first (the staff login among them).
    expect(d.events.length).toBeGreaterThan(0);
    expect(d.events.length).toBeLessThanOrEqual(50);
    expect(d.events.some((e) => /login/.test(e.event))).toBe(true);
  });

  it('speaks the API version docs/sync-api.yaml declares', () => {
    const spec = parse(readFileSync(new URL('../../../docs/sync-api.yaml', import.meta.url), 'utf8')) as { info: { version: string } };
    expect(SYNC_API_VERSION).toBe(spec.info.version);
  });
});
