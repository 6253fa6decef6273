import { describe, expect, it } from 'vitest';
import type { VirtualScanner } from '../../../src-main/devices/scanner/virtual-scanner';
import { createTestCore } from '../../fakes/test-core';
import { FixedClock } from '../../fakes/fixed-clock';
import { useTempDirs } from '../../fakes/temp-dir';
import { dispatchAsStaff } from '../../fakes/staff-session';

const card = '001099012345|123456789|Nguyễn Văn An|01021990|Nam|12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội|04102021';

describe('scanning and staff diagnostics in the core', () => {
  const tempDir = useTempDirs();

  it('pushes a scan event, answers wedge scans, keeps the last one, and logs no personal data', async () => {
    // 23:30 UTC on 22 Nov is already 23 Nov in Vietnam: a code of the 24th is "tomorrow" only there.
    const { core, logger } = await createTestCore(tempDir(), new FixedClock(new Date('2026-11-22T23:30:00Z')));
    const seen: unknown[] = [];
    core.events.subscribe((event, payload) => event === 'scan' && seen.push(payload));
    (core.barcodeScanner as VirtualScanner).scan(card + '\r');
    expect(seen).toMatchObject([{ kind: 'cccd', identity: { idNumber: '001099012345', birthDate: '1990-02-01' } }]);

    const wedge = await core.dispatcher.dispatch('submitWedgeScan', { text: '000.00.12.H29-261124-0001' });
    expect(wedge).toMatchObject({ ok: true, value: { kind: 'dossier-code' } });
    const last = await dispatchAsStaff(core, 'getLastScan');
    expect(last).toEqual({
      ok: true,
      value: { kind: 'dossier-code', length: 25, source: 'wedge', at: '2026-11-22T23:30:00.000Z', maskedId: null, initials: null, reason: null },
    });
    const garbled = await core.dispatcher.dispatch('submitWedgeScan', { text: card.replace('ễ', '?') });
    expect(garbled).toMatchObject({ ok: true, value: { kind: 'unknown', reason: 'garbled' } });
    // Wedge scans reach the screens as events too, like the scanner's.
    expect(seen.slice(1)).toMatchObject([{ kind: 'dossier-code' }, { kind: 'unknown', reason: 'garbled' }]);

    const logged = JSON.stringify(logger.lines);
    expect(logged).not.toContain('001099012345');
    expect(logged).not.toContain('Văn An');
    await core.close();
  });

  it('test print prints a page; with no paper it says why and raises a staff alert that clears', async () => {
    const { core, printer } = await createTestCore(tempDir());
    const alerts: unknown[] = [];
    core.events.subscribe((event, payload) => event === 'staffAlert' && alerts.push(payload));
    expect(await dispatchAsStaff(core, 'testPrint')).toEqual({ ok: true, value: { printed: true, printError: null } });
    expect(printer.lastPrint()?.job.cuts).toBe(1);

    printer.setState('paper-out');
    expect(await dispatchAsStaff(core, 'testPrint')).toEqual({ ok: true, value: { printed: false, printError: 'Out of paper' } });
    await new Promise((r) => setTimeout(r, 0));
    const listed = await dispatchAsStaff(core, 'listStaffAlerts');
    expect(listed).toMatchObject({ ok: true, value: [{ source: 'printer', reason: 'printer_paper_out', resolvedAt: null }] });
    const status = await dispatchAsStaff(core, 'getDeviceStatus');
    expect(status).toMatchObject({
      ok: true,
      value: [
        { health: { device: 'printer', state: 'offline' }, lastError: { reason: 'printer_paper_out' } },
        { health: { device: 'barcode-scanner', state: 'ok' }, lastError: null },
        { health: { device: 'document-scanner', state: 'ok' }, lastError: null },
      ],
    });

    printer.setState('ok');
    await dispatchAsStaff(core, 'testPrint');
    await new Promise((r) => setTimeout(r, 0));
    expect(alerts).toMatchObject([{ resolvedAt: null }, { resolvedAt: expect.any(String) }]);
    await core.close();
  });
});
