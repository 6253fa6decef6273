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
