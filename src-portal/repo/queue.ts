import type { Database } from 'better-sqlite3';

export interface TicketRow {
  id: string;
  terminal_id: string;
  service_id: string;
  day: string;
  number: number;
  priority: string;
  issued_at: string;
  source: 'portal' | 'block' | 'terminal';
}

/** Single numbers and blocks come from one counter, so a number is never handed out twice. */
function take(db: Database, serviceId: string, day: string, count: number): { first: number; last: number } {
  const row = db
    .prepare(
      `INSERT INTO queue_counters (service_id, day, last_number) VALUES (?, ?, ?)
       ON CONFLICT (service_id, day) DO UPDATE SET last_number = last_number + excluded.last_number
       RETURNING last_number`,
    )
    .get(serviceId, day, count) as { last_number: number };
  return { first: row.last_number - count + 1, last: row.last_number };
}

export function allocateNumber(db: Database, serviceId: string, day: string): number {
  return take(db, serviceId, day, 1).first;
}

export function reserveQueueBlock(
  db: Database,
  b: { blockId: string; terminalId: string; serviceId: string; day: string; count: number; now: string },
): { first: number; last: number } {
  const range = take(db, b.serviceId, b.day, b.count);
  db.prepare(
    'INSERT INTO queue_blocks (id, terminal_id, service_id, day, first, last, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(b.blockId, b.terminalId, b.serviceId, b.day, range.first, range.last, b.now);
  return range;
}

export function inOwnBlock(db: Database, terminalId: string, serviceId: string, day: string, number: number): boolean {
  return (
    db
      .prepare(
        'SELECT 1 FROM queue_blocks WHERE terminal_id = ? AND service_id = ? AND day = ? AND ? BETWEEN first AND last LIMIT 1',
      )
      .get(terminalId, serviceId, day, number) !== undefined
  );
}

export function numberTaken(db: Database, serviceId: string, day: string, number: number): boolean {
  return db.prepare('SELECT 1 FROM queue_tickets WHERE service_id = ? AND day = ? AND number = ?').get(serviceId, day, number) !== undefined;
}

export function ticketById(db: Database, id: string): TicketRow | undefined {
  return db.prepare('SELECT * FROM queue_tickets WHERE id = ?').get(id) as TicketRow | undefined;
}

export function insertTicket(db: Database, t: TicketRow): void {
  db.prepare(
    `INSERT INTO queue_tickets (id, terminal_id, service_id, day, number, priority, issued_at, source)
     VALUES (@id, @terminal_id, @service_id, @day, @number, @priority, @issued_at, @source)`,
  ).run(t);
}

export function listTickets(db: Database, limit: number): TicketRow[] {
  return db.prepare('SELECT * FROM queue_tickets ORDER BY day DESC, service_id, number DESC LIMIT ?').all(limit) as TicketRow[];
}
