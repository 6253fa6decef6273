import type { Database } from 'better-sqlite3';
import { failed, finished, type JobHandler, type JobOutcome } from '../outbox/job-outcome';
import { getTicket, numberSourceOf } from '../queue/ticket-repository';
import type { PortalClient } from './portal-client';
import { outcomeOf, PortalError } from './portal-error';

export interface TicketRegistrationDeps {
  db: Database;
  client: Pick<PortalClient, 'registerQueueTicket'>;
}

/**
 * The `register-ticket` outbox job (decision 0042): a ticket numbered offline, from a reserved block
 * or this terminal's own range, is sent to the portal with the number printed on it, so the
 * center's counters call it in turn. The portal checks the number lies in this terminal's blocks
 * or range; a ticket the portal already knows
 * under another number (a registration that timed out at the screen but reached the portal) is
 * parked for staff: the citizen holds the printed number, and only a person can reconcile the two.
 */
export function createTicketRegistrationHandler(deps: TicketRegistrationDeps): JobHandler {
  return async (job, signal) => {
    try {
      return await register(deps, job.subjectId, signal);
    } catch (error) {
      // The ticket id registered by another terminal: no retry will change that (a request with
      // the same key still running is the one 409 that may).
      if (error instanceof PortalError && error.status === 409 && error.code === 'conflict') return failed('portal_refused', error.message);
      return outcomeOf(error);
    }
  };
}

async function register(deps: TicketRegistrationDeps, ticketId: string, signal: AbortSignal): Promise<JobOutcome> {
  const row = getTicket(deps.db, ticketId);
  if (!row) return failed('record_missing', `Ticket ${ticketId} is not in the local store`);
  const numberSource = numberSourceOf(deps.db, ticketId);
  if (numberSource !== 'block' && numberSource !== 'terminal') return failed('record_unreadable', `Ticket ${ticketId} was not numbered offline`);
  const reply = await deps.client.registerQueueTicket(
    { ticketId: row.id, serviceId: row.service_id, day: row.day, priority: row.priority, issuedAt: row.issued_at, number: row.number, numberSource },
    signal,
  );
  if (reply.number !== row.number) {
    return failed('portal_refused', `The portal has ticket ${row.display} under number ${reply.number}, not ${row.number} as printed`);
  }
  return finished;
}
