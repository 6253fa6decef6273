import { describe, expect, it } from 'vitest';
import { DEVICE_CHANGES_KEPT, DeviceHistory } from '../../../src-main/diagnostics/device-history';
import { EventBus } from '../../../src-main/kernel/event-bus';

describe('DeviceHistory: each device’s last health changes', () => {
  it('keeps changes of state or reason from the deviceHealth events, latest first, a repeat counted once', () => {
    const events = new EventBus();
    const history = new DeviceHistory(events);
    events.emit('deviceHealth', { device: 'printer', state: 'ok', reason: 'printer_ready', at: '2026-12-06T01:00:00Z' });
    events.emit('deviceHealth', { device: 'printer', state: 'offline', reason: 'printer_paper_out', at: '2026-12-06T01:05:00Z' });
    events.emit('deviceHealth', { device: 'printer', state: 'offline', reason: 'printer_paper_out', at: '2026-12-06T01:06:00Z' });
    events.emit('deviceHealth', { device: 'printer', state: 'offline', reason: 'printer_cover_open', at: '2026-12-06T01:07:00Z' });
    events.emit('deviceHealth', { device: 'barcode-scanner', state: 'ok', reason: 'scanner_connected', at: '2026-12-06T01:00:00Z' });
    expect(history.of('printer').map((c) => c.reason)).toEqual(['printer_cover_open', 'printer_paper_out', 'printer_ready']);
    expect(history.of('document-scanner')).toEqual([]);
    history.close();
    events.emit('deviceHealth', { device: 'printer', state: 'ok', reason: 'printer_ready', at: '2026-12-06T02:00:00Z' });
    expect(history.of('printer')).toHaveLength(3);
  });

  it('keeps only the last few changes of a flapping device', () => {
    const events = new EventBus();
    const history = new DeviceHistory(events);
    for (let i = 0; i < 30; i++) {
      events.emit('deviceHealth', { device: 'printer', state: i % 2 ? 'offline' : 'ok', reason: i % 2 ? 'printer_paper_out' : 'printer_ready', at: new Date(Date.UTC(2026, 11, 6, 1, i)).toISOString() });
    }
    const changes = history.of('printer');
    expect(changes).toHaveLength(DEVICE_CHANGES_KEPT);
    expect(changes[0]).toMatchObject({ reason: 'printer_paper_out', at: new Date(Date.UTC(2026, 11, 6, 1, 29)).toISOString() });
  });
});
