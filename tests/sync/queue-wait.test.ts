import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useCleanups } from '../fakes/cleanups';
import { localDay } from '../../src-main/kernel/clock';
import { createMemoryLogger } from '../../src-main/kernel/logger';
import { zonedParts } from '../../src-shared/format';
import type { QueueSummary, TicketDto } from '../../src-shared/dto';
import type { SyncStatus } from '../../src-shared/sync';
import { demoConfig } from '../fakes/demo-config';
import { call, startKioskCore, until } from './core-harness';
import { enrolledClient, startPortal } from './harness';

/*
 * Honest waiting between a kiosk core and the reference portal on loopback: people ahead come
 * from the center's whole queue (another terminal's tickets, priority first) with an estimate
 * from the counters' pace; offline, from the last queue status the kiosk kept, marked with its
 * time, plus the kiosk's own tickets since.
 */

const { cleanups, tempDir } = useCleanups('queue-wait-');
const ZONE = 'Asia/Ho_Chi_Minh';
const minutes = (n: number) => n * 60_000;

describe('honest waiting with the reference portal', () => {
  it('counts the center\'s queue and estimates the wait online, and says how old its count is offline', async () => {
    const { server, url } = await startPortal(tempDir());
    let portalUp = true;
    cleanups.push(async () => {
      if (portalUp) await server.close();
    });
    const logger = createMemoryLogger();
    const core = await startKioskCore(tempDir(), url, { logger });
    cleanups.push(() => core.close());
    await until('enrolled and online', async () => {
      const s = await call<SyncStatus>(core, 'getSyncStatus');
      return s.enrolled && s.state === 'online' ? s : undefined;
    });

    // Another terminal of the center: a morning of served tickets, and three still waiting.
    const serviceId = demoConfig().queue.services[0]?.id ?? '';
    const day = localDay(new Date(), ZONE);
    const other = await enrolledClient(url, 'KIOSK-B');
    const now = Date.now();
    const register = async (priority: string, issuedAt: number) => {
      const ticketId = randomUUID();
      await other.client.registerQueueTicket({ ticketId, serviceId, day, priority, issuedAt: new Date(issuedAt).toISOString() });
      return ticketId;
    };
    const served: string[] = [];
    for (let i = 0; i < 8; i++) served.push(await register('none', now - minutes(70) + i));
    // The counters called them every 4 minutes, the last 3 minutes ago (seeded: real time cannot wait half an hour).
    const mark = server.deps.db.prepare(`UPDATE queue_tickets SET called_at = ?, served_at = ? WHERE id = ?`);
    served.forEach((id, i) => mark.run(new Date(now - minutes(3 + 4 * (7 - i))).toISOString(), new Date(now - minutes(1 + 4 * (7 - i))).toISOString(), id));
    await register('none', now - minutes(5));
    await register('none', now - minutes(5) + 1);
    await register('elderly', now - minutes(4));

    const online = await call<TicketDto>(core, 'takeTicket', { serviceId, priority: 'none', language: 'vi' });
    expect(online.wait).toMatchObject({ source: 'portal', peopleAhead: 3, estimate: { minMinutes: 10, maxMinutes: 20 } });
    expect(online.waitingAhead).toBe(3);
    // The ticket's QR opens its live page on the portal.
    expect(online.qrText).toBe(`${url}/q/${online.id}`);
    const page = await (await fetch(online.qrText)).text();
    expect(page).toContain('data-ahead="3"');
    expect(page).toContain('data-estimate="10-20"');

    // The kiosk keeps the center's queue each round; wait for one taken after this ticket.
    const kept = await until('a queue status after the ticket', () =>
      logger.lines.find((l) => l.message === 'queue status kept' && String(l.fields?.['asOf']) > online.issuedAt),
    );
    const asOf = String(kept.fields?.['asOf']);
    // The home screen's summary: the whole center, with the estimate a ticket taken now can expect.
    const summary = await call<QueueSummary>(core, 'getQueueSummary');
    expect(summary.source).toBe('portal');
    expect(summary.services.find((s) => s.serviceId === serviceId)).toMatchObject({ waiting: 4, estimate: { minMinutes: 15, maxMinutes: 20 } });
    await server.close();
    portalUp = false;
    await until('offline', async () => ((await call<SyncStatus>(core, 'getSyncStatus')).state === 'offline' ? true : undefined));

    const p = zonedParts(new Date(asOf), ZONE);
    const offline = await call<TicketDto>(core, 'takeTicket', { serviceId, priority: 'none', language: 'en' });
    // Elderly first, the two others, and the kiosk's own first ticket: as the portal last said.
    expect(offline.wait).toEqual({ source: 'last-known', peopleAhead: 4, asOf, asOfText: `${p.hour}:${p.minute}`, estimate: { minMinutes: 15, maxMinutes: 20 } });
    const elderly = await call<TicketDto>(core, 'takeTicket', { serviceId, priority: 'elderly', language: 'vi' });
    expect(elderly.wait.peopleAhead).toBe(1);
    // The kiosk's own tickets since the status count too.
    const third = await call<TicketDto>(core, 'takeTicket', { serviceId, priority: 'none', language: 'vi' });
    expect(third.wait.peopleAhead).toBe(6);
    const offlineSummary = await call<QueueSummary>(core, 'getQueueSummary');
    expect(offlineSummary).toMatchObject({ source: 'last-known', asOfText: `${p.hour}:${p.minute}` });
    expect(offlineSummary.services.find((s) => s.serviceId === serviceId)?.waiting).toBe(7);
  }, 60_000);
});
