import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assetsDir } from '../../src-main/app/paths';
import { buildChild, killOnce } from './chaos-harness';

const KILLS = Number(process.env.CHAOS_KILLS ?? 50);

describe('chaos: the kiosk killed mid-submit', () => {
  it(`after each of ${KILLS} SIGKILLs every dossier is whole or absent, nothing acknowledged is lost, no orphan files remain`, async () => {
    const child = await buildChild();
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-chaos-'));
    const catalog = join(assetsDir(), 'demo-catalog.json');
    // Delays drawn by fast-check (seeded, so a failure can be replayed) over the whole submit cycle.
    const delays = fc.sample(fc.integer({ min: 0, max: 150 }), { numRuns: KILLS, seed: Number(process.env.CHAOS_SEED ?? 20261123) });
    let acknowledged = 0;
    let swept = 0;
    try {
      for (const [i, delay] of delays.entries()) {
        const round = await killOnce(child, dataDir, catalog, delay);
        expect(round.integrity, `kill ${i}`).toBe('ok');
        expect(round.lost, `kill ${i}: acknowledged dossiers lost`).toBe(0);
        expect(round.broken, `kill ${i}: dossiers not whole`).toBe(0);
        expect(round.orphansAfterSweep, `kill ${i}: orphan files`).toBe(0);
        acknowledged += round.acknowledged.length;
        swept += round.orphansSwept;
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    // The kills must land in the middle of real work, not only between runs.
    expect(acknowledged).toBeGreaterThan(KILLS);
    console.log(`chaos: ${KILLS} kills, ${acknowledged} dossiers acknowledged, ${swept} orphan files swept at start`);
  }, 120_000);
});
