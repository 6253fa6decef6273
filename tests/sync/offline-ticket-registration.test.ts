import { describe, expect, it } from 'vitest';
import type { TicketDto } from '../../src-shared/dto';
import { localDay } from '../../src-main/kernel/clock';
import { createMemoryLogger } from '../../src-main/kernel/logger';
import type { SyncStatus } from '../../src-shared/sync';
import { demoConfig } from '../fakes/demo-config';
import { useCleanups } from '../fakes/cleanups';
import { call, startKioskCore, until } from './core-harness';
import { enrolledClient, startPortal } from './harness';
import { partitionableLink } from './partitionable-link';

/*
 * Decision 0042: a ticket numbered offline from a block the portal reserved reaches the center's
 * calling queue once the link is back, under the number printed on it; one the portal cannot
 * take is parked for staff with its reason, not retried for ever.
 */

const { cleanups, tempDir } = useCleanups('offline-ticket-');
const serviceId = demoConfig().queue.services[0]?.id ?? '';

async function kioskBehindRelay(sync: { queueBlockSize?: number } = {}) {
  const { server, url } = await startPortal(tempDir());
  cleanups.push(() => server.close());
  const link = await partitionableLink(new URL(url));
  cleanups.push(() => link.close());
  const logger = createMemoryLogger();
  const core = await startKioskCore(tempDir(), link.url, { logger, ...sync });
  cleanups.push(() => core.close());
  const status = () => call<SyncStatus>(core, 'getSyncStatus');
  await until('enrolled and online', async () => ((await status()).enrolled && (await status()).state === 'online' ? true : undefined));
  // The upkeep reserves a block of numbers per service for the outage (unless told to keep none).
  if (sync.queueBlockSize !== 0) await until('a block kept', () => logger.lines.find((l) => l.message === 'queue numbers reserved for offline use' && l.fields?.['serviceId'] === serviceId));
  // Cut: the ticket's registration at the screen fails and the number comes from the block.
  link.setCut(true);
  const portalTicket = (id: string) => server.deps.db.prepare(`SELECT number, source, terminal_id FROM queue_tickets WHERE id = ?`).get(id) as { number: number; source: string; terminal_id: string } | undefined;
  return { server, url, link, core, status, portalTicket };
}

describe('tickets numbered offline reach the portal queue', () => {
  it('registers a block-numbered ticket under its printed number when the link returns', async () => {
    const k = await kioskBehindRelay();
    const ticket = await call<TicketDto>(k.core, 'takeTicket', { serviceId, priority: 'elderly', language: 'vi' });
    // The number on the paper: the service's prefix, then the number (from the block: below 10^digits).
    const printed = Number(ticket.display.replace(/^[A-Z]+/, ''));
    expect(printed).toBeLessThan(10 ** (demoConfig().queue.services[0]?.digits ?? 3));
    expect(k.portalTicket(ticket.id)).toBeUndefined();

    k.link.setCut(false);
    const registered = await until('the ticket on the portal', () => k.portalTicket(ticket.id), 30_000);
    expect(registered).toMatchObject({ number: printed, source: 'block' });
    // Registered, its wait now comes from the portal's own queue (a reprint asks it again).
    const again = await call<TicketDto>(k.core, 'reprintLastTicket', { language: 'vi' });
    expect(again.id).toBe(ticket.id);
    expect(again.wait.source).toBe('portal');
  }, 90_000);

  it('registers a ticket numbered from the terminal’s own range (no block kept) under its printed number', async () => {
    const k = await kioskBehindRelay({ queueBlockSize: 0 });
    const ticket = await call<TicketDto>(k.core, 'takeTicket', { serviceId, priority: 'none', language: 'vi' });
    const digits = demoConfig().queue.services[0]?.digits ?? 3;
    const printed = Number(ticket.display.replace(/^[A-Z]+/, ''));
    // The terminal's range: its enrollment index, then the service's digits (one more digit on the paper).
    expect(printed).toBeGreaterThan(10 ** digits);
    k.link.setCut(false);
    const registered = await until('the ticket on the portal', () => k.portalTicket(ticket.id), 30_000);
    expect(registered).toMatchObject({ number: printed, source: 'terminal' });
  }, 90_000);

  it('parks a ticket the portal refuses (its id taken by another terminal) with the reason, and sends the rest', async () => {
    const k = await kioskBehindRelay();
    const taken = await call<TicketDto>(k.core, 'takeTicket', { serviceId, priority: 'none', language: 'vi' });
    const fine = await call<TicketDto>(k.core, 'takeTicket', { serviceId, priority: 'none', language: 'vi' });
    // Another terminal registered a ticket under the same id while this one was cut off.
    const other = await enrolledClient(k.url, 'KIOSK-OTHER');
    await other.client.registerQueueTicket({ ticketId: taken.id, serviceId, day: localDay(new Date(taken.issuedAt), demoConfig().center.timeZone), priority: 'none', issuedAt: new Date().toISOString() }).catch(() => undefined);
    k.link.setCut(false);
    await until('the other ticket on the portal', () => k.portalTicket(fine.id), 30_000);
    const parked = await until('the refused ticket parked', async () => ((await k.status()).parked > 0 ? k.status() : undefined), 30_000);
    expect(parked.parked).toBe(1);
    expect(k.portalTicket(taken.id)?.terminal_id).toBe('KIOSK-OTHER');
  }, 90_000);
});
