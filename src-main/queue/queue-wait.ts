import type { Database } from 'better-sqlite3';
import type { TicketWait } from '../../src-shared/dto';
import { countAheadOf, countWaiting, type TicketRow } from './ticket-repository';

/** The port through which the queue learns a ticket's wait from the center (sync/center-queue-wait.ts implements it). */
export interface QueueWaitSource {
  waitOf(ticket: TicketRow): Promise<TicketWait>;
  /** Per service of `day`: people waiting and the estimate for a ticket taken now (no priority). */
  summaryOf(day: string): ServiceWaitSummary;
}

export interface ServiceWaitSummary {
  source: TicketWait['source'];
  asOfText: string | null;
  waiting: (serviceId: string) => { waiting: number; estimate: TicketWait['estimate'] };
}

/** Without a portal: this kiosk's own waiting tickets per service; nothing to estimate from. */
export function kioskOnlySummary(db: Database, day: string): ServiceWaitSummary {
  return { source: 'kiosk', asOfText: null, waiting: (serviceId) => ({ waiting: countWaiting(db, serviceId, day), estimate: null }) };
}

/** Without a portal: this kiosk's own tickets, priority first; nothing to estimate from. */
export function kioskOnlyWait(db: Database, ticket: TicketRow): TicketWait {
  return { peopleAhead: countAheadOf(db, ticket), source: 'kiosk', asOf: null, asOfText: null, estimate: null };
}
