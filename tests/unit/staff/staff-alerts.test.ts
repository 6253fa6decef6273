import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../src-main/kernel/event-bus';
import { StaffAlerts } from '../../../src-main/staff/staff-alerts';
import type { StaffAlert } from '../../../src-shared/staff';
import { FixedClock } from '../../fakes/fixed-clock';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('staff alerts', () => {
  it('keeps one open alert per source: a new reason replaces it, resolve closes it, each change is announced', async () => {
    const events = new EventBus();
    const seen: StaffAlert[] = [];
    events.subscribe((event, payload) => event === 'staffAlert' && seen.push(payload as StaffAlert));
    const alerts = new StaffAlerts(events, new FixedClock(new Date('2026-12-06T02:00:00Z')));

    alerts.raise('storage', 'disk_nearly_full', { params: { freeMegabytes: 100 } });
    alerts.raise('storage', 'disk_nearly_full', { params: { freeMegabytes: 100 } });
    alerts.raise('staff-access', 'staff_entry_locked', { params: { until: '02:15', lockouts: 1 } });
    alerts.raise('storage', 'disk_full', { detail: 'ENOSPC: no space left on device' });
    alerts.resolve('staff-access');
    await settle();

    expect(alerts.isOpen('storage')).toBe(true);
    expect(alerts.isOpen('staff-access')).toBe(false);
    expect(alerts.list().map((a) => [a.source, a.reason, a.resolvedAt === null])).toEqual([
      ['storage', 'disk_full', true],
      ['staff-access', 'staff_entry_locked', false],
      ['storage', 'disk_nearly_full', false],
    ]);
    expect(seen).toHaveLength(5);
  });

  it('devices raise and resolve through their health', () => {
    const events = new EventBus();
    const alerts = new StaffAlerts(events, new FixedClock(new Date('2026-12-06T02:00:00Z')));
    events.emit('deviceHealth', { device: 'printer', state: 'offline', reason: 'printer_paper_out', detail: 'DLE EOT 4: 0x72', at: '2026-12-06T02:00:00Z' });
    expect(alerts.isOpen('printer')).toBe(true);
    events.emit('deviceHealth', { device: 'printer', state: 'ok', reason: 'printer_ready', at: '2026-12-06T02:01:00Z' });
    expect(alerts.list()[0]).toMatchObject({ source: 'printer', reason: 'printer_paper_out', detail: 'DLE EOT 4: 0x72', resolvedAt: '2026-12-06T02:01:00Z' });
  });
});
