import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FaultInput } from '../../src-portal/faults/fault';
import { FaultSchema } from '../../src-portal/faults/fault';
import { useTempDirs } from '../fakes/temp-dir';
import { drain, enrolledClient, openKioskDb, portalHoldings, seedDossiers, startPortal, storedSha256 } from './harness';

const tempDir = useTempDirs();

const faults: Record<string, FaultInput[]> = {
  none: [],
  '5xx at 30%': [{ kind: '5xx', rate: 0.3 }],
  '5xx after the effect': [{ kind: '5xx', phase: 'after', rate: 0.3 }],
  'connection reset': [{ kind: 'reset', rate: 0.2 }],
  'reset after the effect': [{ kind: 'reset', phase: 'after', rate: 0.2 }],
  '429 with Retry-After': [{ kind: '429', retryAfter: 1, rate: 0.2, times: 3 }],
  'malformed JSON': [{ kind: 'malformed-json', rate: 0.2 }],
  latency: [{ kind: 'latency', ms: 100, rate: 0.5 }],
  'slow body': [{ kind: 'slow-body', bytesPerSecond: 20_000, rate: 0.1, path: '/v1/dossiers' }],
  '409 conflict': [{ kind: '409', rate: 0.2, times: 5 }],
  'drop after N bytes of an upload': [{ kind: 'drop-upload', after: 70_000, rate: 0.5 }],
};

// Each fault against the one way a dossier goes: one bundle; and, when the bundle breaks (here the
// portal refuses every bundle with a 503), the same dossier resumed file by file.
const paths: Record<string, { extra: FaultInput[]; sent: string }> = {
  bundle: { extra: [], sent: '/v1/dossier-bundles' },
  'bundle broken, resumed file by file': { extra: [{ kind: '5xx', status: 503, path: '/v1/dossier-bundles' }], sent: '/v1/uploads' },
};

describe('sync fault matrix: every dossier delivered exactly once, files byte-identical', () => {
  for (const [name, list] of Object.entries(faults))
    for (const [how, sending] of Object.entries(paths)) {
    it(`${name} (${how})`, async () => {
      const portal = await startPortal(tempDir());
      try {
        const kioskDir = tempDir();
        const db = openKioskDb(join(kioskDir, 'kiosk.sqlite3'));
        const fileRoot = join(kioskDir, 'files');
        const seeded = seedDossiers(db, fileRoot, 6, 3, 200_000);
        const { client, requests } = await enrolledClient(portal.url);
        portal.server.setFaults([...sending.extra, ...list].map((f) => FaultSchema.parse(f)), 11);
        const result = await drain(db, client, fileRoot, { timeoutMs: 40_000 });
        const stuck = db.prepare(`SELECT attempts, last_error, next_attempt_at FROM outbox_jobs WHERE state != 'done'`).all();
        expect(stuck, JSON.stringify(stuck)).toEqual([]);
        expect(result.left).toBe(0);
        // The path under test was taken (a retry may go another way).
        expect(requests.get(sending.sent) ?? 0, JSON.stringify([...requests])).toBeGreaterThan(0);
        const parked = db.prepare(`SELECT parked_reason FROM outbox_jobs WHERE state = 'parked'`).all();
        expect(parked).toEqual([]);
        const held = portalHoldings(portal.server);
        expect(held.dossiers.map((d) => d.id).sort()).toEqual(seeded.map((d) => d.id).sort());
        for (const d of seeded) {
          const files = held.files.filter((f) => f.dossier_id === d.id);
          expect(files.map((f) => f.sha256).sort()).toEqual(d.files.map((f) => f.sha256).sort());
          for (const f of files) {
            expect(storedSha256(portal.server.deps.uploadsDir, f)).toBe(f.sha256);
          }
          // The provisional code stays and the official one is linked: both find the dossier.
          const row = db.prepare(`SELECT provisional_code, official_code FROM dossiers WHERE id = ?`).get(d.id) as { provisional_code: string; official_code: string | null };
          expect(row.provisional_code).toBe(d.provisionalCode);
          expect(row.official_code).toBe(held.dossiers.find((x) => x.id === d.id)?.code);
        }
        db.close();
      } finally {
        await portal.server.close();
      }
    }, 60_000);
    }
});
