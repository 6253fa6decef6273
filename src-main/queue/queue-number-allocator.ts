/** The port through which the queue gets a ticket's number from elsewhere (sync/queue-allocator.ts implements it). */

export type NumberSource = 'portal' | 'block' | 'terminal';

export interface TicketNumberRequest {
  ticketId: string;
  serviceId: string;
  /** Local day YYYY-MM-DD. */
  day: string;
  priority: 'none' | 'elderly' | 'disabled' | 'pregnant';
  issuedAt: string;
  /** The service's zero padding: online numbers must stay below 10^digits. */
  digits: number;
}

/** Where a queue ticket's number comes from; QueueService takes one (injected). */
export interface QueueNumberAllocator {
  allocate(request: TicketNumberRequest): Promise<{ number: number; source: NumberSource }>;
}
