import type { Database } from 'better-sqlite3';
import type { TicketWait } from '../../src-shared/dto';
import { STALE_PACE_MINUTES, waitRange } from '../../src-shared/queue-wait';
import { zonedParts } from '../../src-shared/format';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import { kioskOnlySummary, kioskOnlyWait, type QueueWaitSource, type ServiceWaitSummary } from '../queue/queue-wait';
import { countAheadOf, countWaitingSince, numberSourceOf, type TicketRow } from '../queue/ticket-repository';
import { isDone } from '../outbox/outbox-repository';
import { ticketRegistrationKey } from '../queue/queue-service';
import type { PortalClient } from './portal-client';
import { queueSnapshot } from './queue-snapshot';

export interface CenterQueueWaitOptions {
  /** A citizen is at the screen: past this, use what the kiosk last knew. */
  portalTimeoutMs: number;
  /** false while the portal is known to be down: nobody waits for a timeout then. */
  portalReachable: () => boolean;
  timeZone: string;
}

/**
 * A ticket's wait as honestly as the kiosk can tell (decision 0032):
 * 1. the portal's answer for the ticket, when the portal numbered it and answers in time;
 * 2. else the portal's last queue status of the day, plus this kiosk's tickets issued since,
 *    marked with the time of that status (no estimate from a pace older than an hour);
 * 3. else this kiosk's own tickets, with no estimate.
 */
/** Numbered by the portal, or numbered offline and registered since (decision 0042). */
function knownToPortal(db: Database, ticketId: string): boolean {
  const source = numberSourceOf(db, ticketId);
  return source === 'portal' || ((source === 'block' || source === 'terminal') && isDone(db, ticketRegistrationKey(ticketId)));
}

export class CenterQueueWait implements QueueWaitSource {
  constructor(
    private readonly deps: { db: Database; client: PortalClient; clock: Clock; logger: Logger; options: CenterQueueWaitOptions },
  ) {}

  async waitOf(ticket: TicketRow): Promise<TicketWait> {
    const { db, client, logger, options } = this.deps;
    if (options.portalReachable() && knownToPortal(db, ticket.id)) {
      try {
        const p = await client.queuePosition(ticket.id, undefined, options.portalTimeoutMs);
        return { peopleAhead: p.peopleAhead, source: 'portal', asOf: p.asOf, asOfText: this.clockText(p.asOf), estimate: p.estimate };
      } catch (error) {
        logger.log('info', 'queue position from the portal failed; using the last known queue', { error: String(error) });
      }
    }
    return this.lastKnown(ticket) ?? kioskOnlyWait(db, ticket);
  }

  /**
   * From the last queue status kept (pulled each upkeep round): `portal` while the link is up,
   * `last-known` when it is not; this kiosk's own tickets when there is no status of the day.
   */
  summaryOf(day: string): ServiceWaitSummary {
    const { db, clock, options } = this.deps;
    const snapshot = queueSnapshot(db, day);
    if (!snapshot) return kioskOnlySummary(db, day);
    const fresh = clock.now().getTime() - Date.parse(snapshot.asOf) <= STALE_PACE_MINUTES * 60_000;
    return {
      source: options.portalReachable() ? 'portal' : 'last-known',
      asOfText: this.clockText(snapshot.asOf),
      waiting: (serviceId) => {
        const s = snapshot.services.find((x) => x.serviceId === serviceId);
        // This kiosk's tickets since the status are not in it yet.
        const waiting = (s ? s.waitingPriority + s.waitingOthers : 0) + countWaitingSince(db, serviceId, day, snapshot.asOf);
        return { waiting, estimate: fresh ? waitRange(waiting, s?.pace ?? null) : null };
      },
    };
  }

  private lastKnown(ticket: TicketRow): TicketWait | null {
    const { db, clock } = this.deps;
    const snapshot = queueSnapshot(db, ticket.day);
    if (!snapshot) return null;
    const service = snapshot.services.find((s) => s.serviceId === ticket.service_id);
    const counted = service ? service.waitingPriority + (ticket.priority === 'none' ? service.waitingOthers : 0) : 0;
    // A ticket the portal numbered before the snapshot is in its own count (a reprint offline):
    // not ahead of itself. Those behind it are counted too; the time shown says how old this is.
    const known = ticket.issued_at <= snapshot.asOf && numberSourceOf(db, ticket.id) === 'portal';
    const atPortal = Math.max(0, counted - (known ? 1 : 0));
    const peopleAhead = atPortal + countAheadOf(db, ticket, snapshot.asOf);
    const fresh = clock.now().getTime() - Date.parse(snapshot.asOf) <= STALE_PACE_MINUTES * 60_000;
    return {
      peopleAhead,
      source: 'last-known',
      asOf: snapshot.asOf,
      asOfText: this.clockText(snapshot.asOf),
      estimate: fresh ? waitRange(peopleAhead, service?.pace ?? null) : null,
    };
  }

  private clockText(iso: string): string {
    const p = zonedParts(new Date(iso), this.deps.options.timeZone);
    return `${p.hour}:${p.minute}`;
  }
}
