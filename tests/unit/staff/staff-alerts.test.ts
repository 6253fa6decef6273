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

    alerts.raise('storage', 'Disk nearly full');
    alerts.raise('storage', 'Disk nearly full');
    alerts.raise('staff-access', 'Locked after 5 wrong PINs');
    alerts.raise('storage', 'Disk full');
    alerts.resolve('staff-access');
    await settle();

    expect(alerts.isOpen('storage')).toBe(true);
    expect(alerts.isOpen('staff-access')).toBe(false);
    expect(alerts.list().map((a) => [a.source, a.reason, a.resolvedAt === null])).toEqual([
      ['storage', 'Disk full', true],
      ['staff-access', 'Locked after 5 wrong PINs', false],
      ['storage', 'Disk nearly full', false],
    ]);
    expect(seen).toHaveLength(5);
  });

  it('devices raise and resolve through their health', () => {
    const events = new EventBus();
    const alerts = new StaffAlerts(events, new FixedClock(new Date('2026-12-06T02:00:00Z')));
    events.emit('deviceHealth', { device: 'printer', state: 'offline', reason: 'Out of paper', at: '2026-12-06T02:00:00Z' });
    expect(alerts.isOpen('printer')).toBe(true);
    events.emit('deviceHealth', { device: 'printer', state: 'ok', reason: '', at: '2026-12-06T02:01:00Z' });
    expect(alerts.list()[0]).toMatchObject({ source: 'printer', resolvedAt: '2026-12-06T02:01:00Z' });
  });
});
