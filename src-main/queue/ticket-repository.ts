import type { Database } from 'better-sqlite3';
import type { Priority } from '../../src-shared/dto';

export interface TicketRow {
  id: string;
  service_id: string;
  day: string;
  number: number;
  display: string;
  priority: Priority;
  issued_at: string;
  state: 'waiting' | 'called' | 'done';
  print_state: 'pending' | 'printed' | 'failed';
  print_error: string | null;
}

/** Takes the next number of a service's day counter; callers run it inside a transaction. */
export function nextNumber(db: Database, serviceId: string, day: string, start: number): number {
  const row = db
    .prepare(
      `INSERT INTO queue_counters (service_id, day, last_number) VALUES (?, ?, ?)
       ON CONFLICT (service_id, day) DO UPDATE SET last_number = last_number + 1
       RETURNING last_number`,
    )
    .get(serviceId, day, start) as { last_number: number };
  return row.last_number;
}

/** The terminal-range counter lives beside the per-service ones, under a key no service id can take. */
export function nextTerminalNumber(db: Database, serviceId: string, day: string): number {
  const row = db
    .prepare(
      `INSERT INTO queue_counters (service_id, day, last_number) VALUES (?, ?, 1)
       ON CONFLICT (service_id, day) DO UPDATE SET last_number = last_number + 1 RETURNING last_number`,
    )
    .get(`${serviceId}#terminal`, day) as { last_number: number };
  return row.last_number;
}

export function insertTicket(
  db: Database,
  t: Omit<TicketRow, 'state' | 'print_state' | 'print_error'> & { number_source?: 'local' | 'portal' | 'block' | 'terminal' },
): void {
  db.prepare(
    `INSERT INTO tickets (id, service_id, day, number, display, priority, issued_at, number_source)
     VALUES (@id, @service_id, @day, @number, @display, @priority, @issued_at, @number_source)`,
  ).run({ number_source: 'local', ...t });
}

export function getTicket(db: Database, id: string): TicketRow | undefined {
  return db.prepare(`SELECT * FROM tickets WHERE id = ?`).get(id) as TicketRow | undefined;
}

/**
 * This kiosk's waiting tickets of the service and day that a counter calls before `t`: priority
 * categories first, then by issue time and number (decision 0032). With `issuedAfter`, only those
 * issued after it (the ones a portal snapshot taken then does not know).
 */
export function countAheadOf(
  db: Database,
  t: Pick<TicketRow, 'id' | 'service_id' | 'day' | 'priority' | 'issued_at' | 'number'>,
  issuedAfter: string | null = null,
): number {
  return db
    .prepare(
      `SELECT count(*) FROM tickets o
       WHERE o.service_id = @service AND o.day = @day AND o.state = 'waiting' AND o.id != @id
         AND (@after IS NULL OR o.issued_at > @after)
         AND ((@priority = 1 AND o.priority != 'none' AND (o.issued_at, o.number) < (@issuedAt, @number))
           OR (@priority = 0 AND (o.priority != 'none' OR (o.issued_at, o.number) < (@issuedAt, @number))))`,
    )
    .pluck()
    .get({ service: t.service_id, day: t.day, id: t.id, after: issuedAfter, priority: t.priority === 'none' ? 0 : 1, issuedAt: t.issued_at, number: t.number }) as number;
}

/** This kiosk's tickets of a service and day still waiting. */
export function countWaiting(db: Database, serviceId: string, day: string): number {
  return db.prepare(`SELECT count(*) FROM tickets WHERE service_id = ? AND day = ? AND state = 'waiting'`).pluck().get(serviceId, day) as number;
}

/** This kiosk's tickets of a service and day still waiting that were issued after `after` (ISO). */
export function countWaitingSince(db: Database, serviceId: string, day: string, after: string): number {
  return db
    .prepare(`SELECT count(*) FROM tickets WHERE service_id = ? AND day = ? AND state = 'waiting' AND issued_at > ?`)
    .pluck()
    .get(serviceId, day, after) as number;
}

/** Where a ticket's number came from: only a portal-numbered ticket is known to the portal at once. */
export function numberSourceOf(db: Database, id: string): 'local' | 'portal' | 'block' | 'terminal' | null {
  return (db.prepare(`SELECT number_source FROM tickets WHERE id = ?`).pluck().get(id) as 'local' | 'portal' | 'block' | 'terminal' | undefined) ?? null;
}

export function setPrintResult(db: Database, id: string, result: { ok: true } | { ok: false; error: string }): void {
  db.prepare(`UPDATE tickets SET print_state = ?, print_error = ? WHERE id = ?`).run(
    result.ok ? 'printed' : 'failed',
    result.ok ? null : result.error,
    id,
  );
}

/** Tickets of a local day per service and priority (the day report); nothing the purge erases. */
export function ticketCountsOfDay(db: Database, day: string): { service_id: string; priority: Priority; count: number }[] {
  return db
    .prepare(
      `SELECT service_id, priority, count(*) AS count FROM tickets WHERE day = ?
       GROUP BY service_id, priority ORDER BY service_id, priority`,
    )
    .all(day) as { service_id: string; priority: Priority; count: number }[];
}

/** The ticket this terminal issued last on `day` (the latest issue time, then the latest row). */
export function lastIssuedOn(db: Database, day: string): TicketRow | undefined {
  return db.prepare(`SELECT * FROM tickets WHERE day = ? ORDER BY issued_at DESC, rowid DESC LIMIT 1`).get(day) as TicketRow | undefined;
}

/**
 * Today's ticket as the citizen reads it off the paper ("A007", "a 7"): prefix letters and number,
 * leading zeros optional. The latest issued, should two services share a prefix.
 */
export function ticketByNumberOn(db: Database, day: string, typed: string): TicketRow | undefined {
  const match = /^([A-Z]{0,3})0*(\d{1,6})$/.exec(typed.replace(/\s+/g, '').toUpperCase());
  if (!match) return undefined;
  const [, prefix = '', digits = '0'] = match;
  return db
    .prepare(
      `SELECT * FROM tickets WHERE day = ? AND number = ? AND substr(display, 1, ?) = ? AND substr(display, ? + 1) GLOB '[0-9]*'
       ORDER BY issued_at DESC LIMIT 1`,
    )
    .get(day, Number(digits), prefix.length, prefix, prefix.length) as TicketRow | undefined;
}
