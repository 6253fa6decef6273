import type { Database } from 'better-sqlite3';
import { PACE_WINDOW, MIN_PACE_SAMPLES, STALE_PACE_MINUTES, type QueuePace } from '../../src-shared/queue-wait';
import type { TicketRow } from './queue';

export type TicketState = 'waiting' | 'called' | 'served';

export interface QueueTicketRow extends TicketRow {
  called_at: string | null;
  served_at: string | null;
}

export const ticketState = (t: Pick<QueueTicketRow, 'called_at' | 'served_at'>): TicketState =>
  t.served_at !== null ? 'served' : t.called_at !== null ? 'called' : 'waiting';

export function queueTicket(db: Database, id: string): QueueTicketRow | undefined {
  return db.prepare('SELECT * FROM queue_tickets WHERE id = ?').get(id) as QueueTicketRow | undefined;
}

/**
 * The order counters call in: priority categories (elderly, disabled, pregnant) first, then by
 * issue time, then number. The SQL below keeps the same order.
 */
const WAITING_AHEAD = `
  SELECT count(*) FROM queue_tickets o
  WHERE o.service_id = @service AND o.day = @day AND o.called_at IS NULL AND o.id != @id
    AND (
      (@priority = 1 AND o.priority != 'none' AND (o.issued_at, o.number) < (@issuedAt, @number))
      OR (@priority = 0 AND (o.priority != 'none' OR (o.issued_at, o.number) < (@issuedAt, @number)))
    )`;

/** Tickets of the whole center (every terminal) still waiting that a counter calls before this one. */
export function peopleAhead(db: Database, t: QueueTicketRow): number {
  if (ticketState(t) !== 'waiting') return 0;
  return db
    .prepare(WAITING_AHEAD)
    .pluck()
    .get({ service: t.service_id, day: t.day, id: t.id, priority: t.priority === 'none' ? 0 : 1, issuedAt: t.issued_at, number: t.number }) as number;
}

/** Waiting tickets of each service of a day, priority and others apart (a new ticket's people ahead). */
export function waitingCounts(db: Database, day: string): { service_id: string; priority: number; others: number; last_called_at: string | null }[] {
  return db
    .prepare(
      `SELECT service_id,
              sum(called_at IS NULL AND priority != 'none') AS priority,
              sum(called_at IS NULL AND priority = 'none') AS others,
              max(called_at) AS last_called_at
       FROM queue_tickets WHERE day = ? GROUP BY service_id ORDER BY service_id`,
    )
    .all(day) as { service_id: string; priority: number; others: number; last_called_at: string | null }[];
}

const quartile = (sorted: number[], q: number): number => {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (i - lo);
};

/**
 * The service's pace today: the gaps between consecutive calls during which the next one called
 * was already waiting (a gap with nobody waiting is idle time, not service). Quartiles of the
 * last PACE_WINDOW such gaps; null when thin (fewer than MIN_PACE_SAMPLES) or stale (no call for
 * STALE_PACE_MINUTES before `now`).
 */
export function paceOf(db: Database, serviceId: string, day: string, now: Date): QueuePace | null {
  const calls = db
    .prepare(`SELECT issued_at, called_at FROM queue_tickets WHERE service_id = ? AND day = ? AND called_at IS NOT NULL ORDER BY called_at, number`)
    .all(serviceId, day) as { issued_at: string; called_at: string }[];
  const last = calls[calls.length - 1];
  if (!last || now.getTime() - Date.parse(last.called_at) > STALE_PACE_MINUTES * 60_000) return null;
  const gaps: number[] = [];
  for (let i = 1; i < calls.length; i++) {
    const prev = calls[i - 1] as { called_at: string };
    const cur = calls[i] as { issued_at: string; called_at: string };
    if (Date.parse(cur.issued_at) <= Date.parse(prev.called_at)) gaps.push((Date.parse(cur.called_at) - Date.parse(prev.called_at)) / 1000);
  }
  const recent = gaps.slice(-PACE_WINDOW).sort((a, b) => a - b);
  if (recent.length < MIN_PACE_SAMPLES) return null;
  return { lowSeconds: Math.round(quartile(recent, 0.25)), highSeconds: Math.round(quartile(recent, 0.75)), samples: recent.length };
}

/** A counter calls this ticket; false if it was called already (or does not exist). */
export function callTicket(db: Database, id: string, at: string): boolean {
  return db.prepare('UPDATE queue_tickets SET called_at = ? WHERE id = ? AND called_at IS NULL').run(at, id).changes === 1;
}

/** The citizen was served; a ticket served without a call was called then. False if already served. */
export function serveTicket(db: Database, id: string, at: string): boolean {
  return db.prepare('UPDATE queue_tickets SET called_at = coalesce(called_at, @at), served_at = @at WHERE id = @id AND served_at IS NULL').run({ id, at }).changes === 1;
}

/** Calls the service's next waiting ticket in counter order; its id, or null when nobody waits. */
export function callNext(db: Database, serviceId: string, day: string, at: string): string | null {
  const id = db
    .prepare(
      `SELECT id FROM queue_tickets WHERE service_id = ? AND day = ? AND called_at IS NULL
       ORDER BY priority = 'none', issued_at, number LIMIT 1`,
    )
    .pluck()
    .get(serviceId, day) as string | undefined;
  if (id === undefined) return null;
  callTicket(db, id, at);
  return id;
}
