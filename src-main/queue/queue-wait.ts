import type { Database } from 'better-sqlite3';
import type { TicketWait } from '../../src-shared/dto';
import { countAheadOf, type TicketRow } from './ticket-repository';

/** The port through which the queue learns a ticket's wait from the center (sync/center-queue-wait.ts implements it). */
export interface QueueWaitSource {
  waitOf(ticket: TicketRow): Promise<TicketWait>;
}

/** Without a portal: this kiosk's own tickets, priority first; nothing to estimate from. */
export function kioskOnlyWait(db: Database, ticket: TicketRow): TicketWait {
  return { peopleAhead: countAheadOf(db, ticket), source: 'kiosk', asOf: null, asOfText: null, estimate: null };
}
