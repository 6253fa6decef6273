import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src-shared/sync';
import { RenderProof } from '../../../src-main/devices/display/render-proof';
import { healthFingerprint, heartbeatBody, type TerminalHealth } from '../../../src-main/sync/heartbeat';

const status: SyncStatus = {
  state: 'online',
  enrolled: true,
  outboxDepth: 2,
  parked: 0,
  oldestPendingAgeSeconds: 40,
  lastError: null,
  portalOrigin: 'http://127.0.0.1:1',
  clockSkewSeconds: -3,
};

describe('the heartbeat and what counts as a change', () => {
  it('carries the render proof, and a proof going stale is a change while a new screen is not', () => {
    let now = new Date('2026-12-06T09:00:00Z');
    const proof = new RenderProof({ now: () => now });
    const health = (): TerminalHealth => ({ render: proof.state(), uptimeSeconds: 5, schemaVersion: 7, storage: { level: 'ok', freeBytes: 1e9 }, lastPurgeAt: null });
    const beat = () => heartbeatBody({ devices: [], status, health: health(), sentAt: now, appVersion: '0.1.0', changed: false });

    expect(beat().render).toBeUndefined();
    const before = healthFingerprint(beat());
    proof.record('screen-attract');
    const rendering = healthFingerprint(beat());
    expect(rendering).not.toBe(before);
    expect(beat()).toMatchObject({ render: { screen: 'screen-attract', ageSeconds: 0 }, clockSkewSeconds: -3, outbox: { depth: 2, oldestPendingAgeSeconds: 40 } });

    now = new Date(now.getTime() + 12_000);
    proof.record('screen-home');
    expect(healthFingerprint(beat())).toBe(rendering);

    now = new Date(now.getTime() + 30_000);
    expect(healthFingerprint(beat())).toBe(rendering);
    now = new Date(now.getTime() + 1_000);
    expect(beat().render).toEqual({ screen: 'screen-home', ageSeconds: 31 });
    expect(healthFingerprint(beat())).not.toBe(rendering);
  });

  it('a device state or a parked row is a change; the outbox depth and the ages are not', () => {
    const health: TerminalHealth = { render: null, uptimeSeconds: 5, schemaVersion: 7, storage: { level: 'ok', freeBytes: null }, lastPurgeAt: null };
    const at = new Date('2026-12-06T09:00:00Z');
    const beat = (over: Partial<SyncStatus>, printer: 'ok' | 'offline' = 'ok') =>
      healthFingerprint(
        heartbeatBody({ devices: [{ device: 'printer', state: printer, reason: 'printer_ready', at: at.toISOString() }], status: { ...status, ...over }, health, sentAt: at, appVersion: '1', changed: true }),
      );
    const base = beat({});
    expect(beat({ outboxDepth: 50, oldestPendingAgeSeconds: 900 })).toBe(base);
    expect(beat({ parked: 1 })).not.toBe(base);
    expect(beat({}, 'offline')).not.toBe(base);
  });
});
