import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CenterQueueAllocator } from '../../src-main/sync/queue-allocator';
import { localDay } from '../../src-portal/day';
import { useTempDirs } from '../fakes/temp-dir';
import { enrolledClient, openKioskDb, startPortal } from './harness';
import { partitionableLink } from './partitionable-link';

const tempDir = useTempDirs();

describe('queue numbers across terminals', () => {
  it('two kiosks, one portal, a partition in the middle: no number twice for a service on a day', async () => {
    const portal = await startPortal(tempDir());
    // The portal hands out blocks only for days near its today (center time).
    const day = localDay(new Date(), portal.server.deps.config.timeZone);
    const services = ['dat-dai', 'ho-tich'];
    try {
      const kiosks = await Promise.all(
        ['KIOSK-01', 'KIOSK-02'].map(async (terminalId) => {
          const link = await partitionableLink(new URL(portal.url));
          const { client, enrollment } = await enrolledClient(link.url, terminalId);
          const db = openKioskDb(join(tempDir(), 'kiosk.sqlite3'));
          const allocator = new CenterQueueAllocator(db, client, { portalTimeoutMs: 1000, terminalIndex: () => enrollment.terminalIndex, clock: { now: () => new Date() } });
          return { terminalId, link, db, allocator, issued: [] as { serviceId: string; number: number; source: string }[] };
        }),
      );
      const [a, b] = kiosks;
      if (!a || !b) throw new Error('two kiosks');
      // Kiosk A keeps a small block for the outage; kiosk B has none and must use its own range.
      for (const s of services) await a.allocator.topUp(s, day, 40, 40, a.terminalId);
      const perKiosk = 1200;
      await Promise.all(
        kiosks.map(async (k) => {
          for (let i = 0; i < perKiosk; i++) {
            if (i === 300) k.link.setCut(true);
            if (i === 700) k.link.setCut(false);
            const serviceId = services[i % services.length] ?? 'dat-dai';
            const got = await k.allocator.allocate({ ticketId: randomUUID(), serviceId, day, priority: 'none', issuedAt: new Date().toISOString(), digits: 4 });
            k.issued.push({ serviceId, ...got });
          }
        }),
      );
      const all = kiosks.flatMap((k) => k.issued);
      expect(all).toHaveLength(2 * perKiosk);
      const keys = all.map((t) => `${t.serviceId}#${t.number}`);
      expect(new Set(keys).size).toBe(keys.length);
      // Every scheme was exercised: the portal's counter, A's block, B's own range (and A's, once its block ran out).
      const sources = (k: (typeof kiosks)[number]) => new Set(k.issued.map((t) => t.source));
      expect(sources(a)).toEqual(new Set(['portal', 'block', 'terminal']));
      expect(sources(b)).toEqual(new Set(['portal', 'terminal']));
      // The portal's own record agrees: no number twice per service and day.
      const held = portal.server.deps.db.prepare(`SELECT service_id, day, number FROM queue_tickets`).all() as { service_id: string; day: string; number: number }[];
      expect(new Set(held.map((t) => `${t.service_id}#${t.day}#${t.number}`)).size).toBe(held.length);
      for (const k of kiosks) {
        k.db.close();
        await k.link.close();
      }
    } finally {
      await portal.server.close();
    }
  }, 120_000);
});
