import { describe, expect, it } from 'vitest';
import { DEVICE_CHANGES_KEPT, DeviceHistory } from '../../../src-main/diagnostics/device-history';
import { EventBus } from '../../../src-main/kernel/event-bus';

describe('DeviceHistory: each device’s last health changes', () => {
  it('keeps changes of state or reason from the deviceHealth events, latest first, a repeat counted once', () => {
    const events = new EventBus();
    const history = new DeviceHistory(events);
    events.emit('deviceHealth', { device: 'printer', state: 'ok', reason: 'Printer ready', at: '2026-12-06T01:00:00Z' });
    events.emit('deviceHealth', { device: 'printer', state: 'offline', reason: 'Out of paper', at: '2026-12-06T01:05:00Z' });
    events.emit('deviceHealth', { device: 'printer', state: 'offline', reason: 'Out of paper', at: '2026-12-06T01:06:00Z' });
    events.emit('deviceHealth', { device: 'printer', state: 'offline', reason: 'Cover open', at: '2026-12-06T01:07:00Z' });
    events.emit('deviceHealth', { device: 'barcode-scanner', state: 'ok', reason: 'ready', at: '2026-12-06T01:00:00Z' });
    expect(history.of('printer').map((c) => c.reason)).toEqual(['Cover open', 'Out of paper', 'Printer ready']);
    expect(history.of('document-scanner')).toEqual([]);
    history.close();
    events.emit('deviceHealth', { device: 'printer', state: 'ok', reason: 'Printer ready', at: '2026-12-06T02:00:00Z' });
    expect(history.of('printer')).toHaveLength(3);
  });

  it('keeps only the last few changes of a flapping device', () => {
    const events = new EventBus();
    const history = new DeviceHistory(events);
    for (let i = 0; i < 30; i++) {
      events.emit('deviceHealth', { device: 'printer', state: i % 2 ? 'offline' : 'ok', reason: `r${i}`, at: new Date(Date.UTC(2026, 11, 6, 1, i)).toISOString() });
    }
    const changes = history.of('printer');
    expect(changes).toHaveLength(DEVICE_CHANGES_KEPT);
    expect(changes[0]?.reason).toBe('r29');
  });
});
