import { describe, expect, it } from 'vitest';
import { compareVersions, fleetFlags, type FleetTerminal } from '../../src-portal/fleet/fleet-flags';
import { usePortals } from './harness';

const NOW = new Date('2026-12-06T09:00:00Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000).toISOString();
const healthy: FleetTerminal = {
  id: 't1',
  appVersion: '1.2.0',
  heartbeatAt: ago(20),
  heartbeat: {
    devices: [{ device: 'printer', state: 'ok', reason: 'printer_ready' }],
    outbox: { depth: 0 },
    render: { screen: 'screen-attract', ageSeconds: 4 },
    storage: { level: 'ok', freeBytes: 9e9 },
    clockSkewSeconds: 1,
  },
  depths: [{ at: ago(20), depth: 0 }],
};
const withBeat = (hb: Partial<NonNullable<FleetTerminal['heartbeat']>>): FleetTerminal => ({ ...healthy, heartbeat: { ...healthy.heartbeat, ...hb } });

describe('Fleet flags', () => {
  it('a healthy terminal on the newest version has none', () => {
    expect(fleetFlags(healthy, NOW, '1.2.0')).toEqual([]);
  });

  it('flags each condition the issue names, at its threshold and not before', () => {
    expect(fleetFlags({ ...healthy, heartbeatAt: ago(300) }, NOW, '1.2.0')).toEqual([]);
    expect(fleetFlags({ ...healthy, heartbeatAt: ago(301) }, NOW, '1.2.0')).toEqual(['silent']);
    expect(fleetFlags({ ...healthy, heartbeatAt: null, heartbeat: null }, NOW, '1.2.0')).toEqual(['silent']);
    expect(fleetFlags(withBeat({ render: { screen: 'screen-home', ageSeconds: 30 } }), NOW, '1.2.0')).toEqual([]);
    expect(fleetFlags(withBeat({ render: { screen: 'screen-home', ageSeconds: 31 } }), NOW, '1.2.0')).toEqual(['not-rendering']);
    expect(fleetFlags(withBeat({ render: undefined }), NOW, '1.2.0')).toEqual(['not-rendering']);
    expect(fleetFlags(withBeat({ devices: [{ device: 'printer', state: 'offline', reason: 'printer_paper_out' }] }), NOW, '1.2.0')).toEqual(['paper-out']);
    expect(fleetFlags(withBeat({ outbox: { depth: 3, oldestPendingAgeSeconds: 3601 } }), NOW, '1.2.0')).toEqual(['outbox-old']);
    expect(fleetFlags(withBeat({ storage: { level: 'low' } }), NOW, '1.2.0')).toEqual(['disk-low']);
    expect(fleetFlags(withBeat({ clockSkewSeconds: -121 }), NOW, '1.2.0')).toEqual(['clock-skew']);
    expect(fleetFlags(healthy, NOW, '1.10.0')).toEqual(['version-behind']);
  });

  it('calls a backlog growing only after four heartbeats in a row each deeper than the last', () => {
    const depths = (...d: number[]) => d.map((depth, i) => ({ at: ago(60 * (d.length - i)), depth }));
    expect(fleetFlags({ ...healthy, depths: depths(1, 2, 3, 4) }, NOW, '1.2.0')).toEqual(['outbox-growing']);
    expect(fleetFlags({ ...healthy, depths: depths(1, 2, 2, 4) }, NOW, '1.2.0')).toEqual([]);
    expect(fleetFlags({ ...healthy, depths: depths(2, 3, 4) }, NOW, '1.2.0')).toEqual([]);
    expect(fleetFlags({ ...healthy, depths: depths(9, 1, 2, 3, 4) }, NOW, '1.2.0')).toEqual(['outbox-growing']);
  });

  it('orders versions by their numbers', () => {
    expect(compareVersions('1.10.0', '1.9.2')).toBe(1);
    expect(compareVersions('0.1.0', '0.1.0')).toBe(0);
    expect(compareVersions('0.1', '0.1.1')).toBe(-1);
  });
});

describe('the Fleet page on the reference portal', () => {
  const openPortal = usePortals();

  it('keeps the last 12 outbox depths of each terminal and flags the one that grows', async () => {
    const p = await openPortal();
    const tokens = { a: await p.enroll('fleet-a'), b: await p.enroll('fleet-b') };
    const beat = (token: string, depth: number) =>
      p.call('POST', '/v1/heartbeats', {
        token,
        body: { appVersion: '0.1.0', sentAt: new Date().toISOString(), devices: [], outbox: { depth }, render: { screen: 'screen-home', ageSeconds: 2 } },
      });
    for (let depth = 1; depth <= 14; depth++) {
      expect((await beat(tokens.a, depth)).status).toBe(200);
      expect((await beat(tokens.b, 5)).status).toBe(200);
    }
    const rows = (await p.admin('GET', '/admin/fleet/state')).json as { id: string; flags: string[]; depths: { depth: number }[] }[];
    expect(rows.map((r) => r.id)).toEqual(['fleet-a', 'fleet-b']);
    expect(rows[0]?.depths.map((d) => d.depth)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(rows[0]?.flags).toEqual(['outbox-growing']);
    expect(rows[1]?.flags).toEqual([]);
    const page = await p.admin('GET', '/admin/fleet');
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text).toContain('Outbox growing');
    expect(page.text.indexOf('fleet-a')).toBeLessThan(page.text.indexOf('fleet-b'));
  });

  it('escapes what a terminal sends before it reaches the page', async () => {
    const p = await openPortal();
    const token = await p.enroll('fleet-x');
    const hostile = { device: 'printer', state: 'ok', reason: '<script>alert(1)</script>' };
    expect((await p.call('POST', '/v1/heartbeats', { token, body: { appVersion: '<b>9</b>', sentAt: new Date().toISOString(), devices: [hostile], outbox: { depth: 0 } } })).status).toBe(200);
    const page = await p.admin('GET', '/admin/fleet');
    expect(page.text).not.toContain('<b>9</b>');
    expect(page.text).toContain('&lt;b&gt;9&lt;/b&gt;');
  });
});
