import type { Database } from 'better-sqlite3';
import type { Clock } from '../kernel/clock';
import type { PortalClient } from './portal-client';
import type { NumberSource, QueueNumberAllocator, TicketNumberRequest } from '../queue/queue-number-allocator';
import { nextTerminalNumber } from '../queue/ticket-repository';
import { countBlocks, freeBlockNumbers, insertBlock, takeBlockNumber } from './sync-repository';

export interface CenterAllocatorOptions {
  /** A citizen is waiting at the screen: past this, number offline. */
  portalTimeoutMs: number;
  /** The terminal's index from enrollment (1–999), unique in the center; null before enrollment. */
  terminalIndex: () => number | null;
  /** false while the portal is known to be down: no citizen waits for a timeout then. */
  portalReachable?: () => boolean;
  clock: Clock;
}

/**
 * The center's numbering (docs/decisions: queue numbers across terminals):
 * 1. portal reachable → the portal's counter (one sequence for every terminal);
 * 2. else a number from a block the portal reserved for this terminal (same counter, so never
 *    given to anyone else);
 * 3. else (no block left) this terminal's own range: index·10^digits + n, disjoint from the
 *    portal's numbers (< 10^digits) and from every other terminal's range.
 */
export class CenterQueueAllocator implements QueueNumberAllocator {
  constructor(
    private readonly db: Database,
    private readonly client: PortalClient,
    private readonly options: CenterAllocatorOptions,
  ) {}

  async allocate(r: TicketNumberRequest): Promise<{ number: number; source: NumberSource }> {
    const limit = 10 ** r.digits;
    if (this.options.portalReachable?.() ?? true) {
      const online = await this.fromPortal(r, limit);
      if (online !== null) return { number: online, source: 'portal' };
    }
    const fromBlock = takeBlockNumber(this.db, r.serviceId, r.day, limit);
    if (fromBlock !== null) return { number: fromBlock, source: 'block' };
    const index = this.options.terminalIndex();
    if (index === null) throw new Error('This terminal has no index yet (not enrolled) and no reserved numbers');
    const n = nextTerminalNumber(this.db, r.serviceId, r.day);
    if (n >= limit) throw new Error(`No more offline numbers today for ${r.serviceId}`);
    return { number: index * limit + n, source: 'terminal' };
  }

  private async fromPortal(r: TicketNumberRequest, limit: number): Promise<number | null> {
    try {
      const t = await this.client.registerQueueTicket(
        { ticketId: r.ticketId, serviceId: r.serviceId, day: r.day, priority: r.priority, issuedAt: r.issuedAt },
        undefined,
        this.options.portalTimeoutMs,
      );
      // A number the ticket cannot show falls through to the offline schemes.
      return t.number < limit ? t.number : null;
    } catch {
      // Unreachable or refusing: the citizen still gets a number.
      return null;
    }
  }

  /** While online: keep a block of at least `low` unused numbers per service for the day. True when a block was recorded. */
  async topUp(serviceId: string, day: string, count: number, low: number, terminalId: string): Promise<boolean> {
    if (freeBlockNumbers(this.db, serviceId, day) >= low) return false;
    const seq = countBlocks(this.db, serviceId, day);
    const block = await this.client.reserveQueueNumbers(serviceId, day, count, `qblock.${terminalId}.${serviceId}.${day}.${seq}`);
    insertBlock(this.db, block, this.options.clock.now());
    return true;
  }
}
