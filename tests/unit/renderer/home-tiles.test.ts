import { describe, expect, it } from 'vitest';
import type { DeviceHealth } from '../../../src-shared/dto';
import { homeTiles, offlineDevices } from '../../../src-renderer/app/home-tiles';
import vi from '../../../src-renderer/i18n/vi.json';

const printer = (state: DeviceHealth['state']): DeviceHealth => ({ device: 'printer', state, reason: 'printer_ready', at: '2025-01-01T00:00:00Z' });

describe('home tiles', () => {
  const queue = homeTiles.find((tile) => tile.id === 'queue');

  it('offers taking a queue number', () => {
    expect(queue?.action).toEqual({ type: 'openServices' });
    expect(homeTiles.every((tile) => vi.home.tiles[tile.id].title.length > 0)).toBe(true);
  });

  it('flags the queue tile only when the printer is offline, not merely degraded', () => {
    if (!queue) throw new Error('no queue tile');
    expect(offlineDevices(queue, [])).toEqual([]);
    expect(offlineDevices(queue, [printer('ok')])).toEqual([]);
    expect(offlineDevices(queue, [printer('degraded')])).toEqual([]);
    expect(offlineDevices(queue, [printer('offline')])).toEqual(['printer']);
  });
});
