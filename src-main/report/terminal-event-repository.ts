import type { Database } from 'better-sqlite3';

export type TerminalSubject = 'link' | 'printer';

export interface TerminalEventRow {
  at: string;
  state: string;
}

/** Records a state change of the link or the printer (migration 0007). */
export function addTerminalEvent(db: Database, subject: TerminalSubject, state: string, at: string): void {
  db.prepare(`INSERT INTO terminal_events (at, subject, state) VALUES (?, ?, ?)`).run(at, subject, state);
}

/**
 * The subject's state changes that bear on [from, to): the last one before `from` (the state the
 * window starts in) and every one inside it, oldest first.
 */
export function terminalEventsIn(db: Database, subject: TerminalSubject, from: string, to: string): TerminalEventRow[] {
  return db
    .prepare(
      `SELECT at, state FROM (
         SELECT at, state, id FROM (SELECT at, state, id FROM terminal_events WHERE subject = @subject AND at < @from ORDER BY at DESC, id DESC LIMIT 1)
         UNION ALL
         SELECT at, state, id FROM terminal_events WHERE subject = @subject AND at >= @from AND at < @to
       ) ORDER BY at, id`,
    )
    .all({ subject, from, to }) as TerminalEventRow[];
}

/**
 * Whether the kiosk that last used this store stopped without closing: a subject's latest row is
 * a state, not 'stopped' (the recorder writes 'stopped' for each subject on close). Null on a
 * store that never recorded a state.
 */
export function lastRunCrashed(db: Database): { lastSeenAt: string } | null {
  const rows = db
    .prepare(`SELECT at, state FROM terminal_events t WHERE id = (SELECT max(id) FROM terminal_events WHERE subject = t.subject)`)
    .all() as TerminalEventRow[];
  const open = rows.filter((r) => r.state !== 'stopped');
  if (open.length === 0) return null;
  return { lastSeenAt: rows.map((r) => r.at).sort().at(-1) ?? '' };
}
