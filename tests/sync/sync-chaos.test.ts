import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../fakes/temp-dir';
import { runSyncChaos } from './sync-chaos-harness';

const tempDir = useTempDirs();

describe('sync chaos: the syncing process SIGKILLed at random points, the portal up', () => {
  it('after 50 kills the portal holds every dossier exactly once with its files byte-identical, and the kiosk store is sound', async () => {
    const r = await runSyncChaos({ workDir: tempDir(), kills: 50, dossiers: 600, fileBytes: 150_000, seed: 20261123, maxKillMs: 150 });
    expect(r.kills).toBe(50);
    expect(r).toMatchObject({ lost: 0, duplicates: 0, parked: '0', integrity: 'ok', dossiers: 600 });
    // The kills landed among bundles: some were cut and sent again.
    expect(r.bundles).toBeGreaterThan(r.dossiers);
  }, 120_000);
});
