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

/** People still waiting for the same service that day who were issued before this number. */
export function countWaitingAhead(db: Database, serviceId: string, day: string, number: number): number {
  const row = db
    .prepare(
      `SELECT count(*) AS n FROM tickets
       WHERE service_id = ? AND day = ? AND state = 'waiting' AND number < ?`,
    )
    .get(serviceId, day, number) as { n: number };
  return row.n;
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
