import type { Database } from 'better-sqlite3';

export interface PaymentRow {
  id: string;
  terminal_id: string;
  dossier_id: string;
  amount_vnd: number;
  state: 'pending' | 'confirmed' | 'failed';
  confirmed_at: string | null;
  reason: string | null;
  created_at: string;
}

export function insertRating(db: Database, r: { id: string; terminalId: string; body: string; now: string }): boolean {
  return db.prepare('INSERT OR IGNORE INTO ratings (id, terminal_id, body, received_at) VALUES (?, ?, ?, ?)').run(r.id, r.terminalId, r.body, r.now)
    .changes === 1;
}

export interface RatingRow {
  id: string;
  terminal_id: string;
  /** The RatingSubmission as received (JSON). */
  body: string;
  received_at: string;
}

/** The latest ratings received, newest first. */
export function latestRatings(db: Database, limit: number): RatingRow[] {
  return db.prepare('SELECT * FROM ratings ORDER BY received_at DESC, rowid DESC LIMIT ?').all(limit) as RatingRow[];
}

export function insertPayment(db: Database, p: PaymentRow): void {
  db.prepare(
    `INSERT INTO payments (id, terminal_id, dossier_id, amount_vnd, state, confirmed_at, reason, created_at)
     VALUES (@id, @terminal_id, @dossier_id, @amount_vnd, @state, @confirmed_at, @reason, @created_at)`,
  ).run(p);
}

export function paymentById(db: Database, id: string): PaymentRow | undefined {
  return db.prepare('SELECT * FROM payments WHERE id = ?').get(id) as PaymentRow | undefined;
}

export function settlePayment(db: Database, id: string, state: 'confirmed' | 'failed', at: string, reason: string | null): boolean {
  return (
    db.prepare("UPDATE payments SET state = ?, confirmed_at = ?, reason = ? WHERE id = ? AND state = 'pending'").run(state, state === 'confirmed' ? at : null, reason, id)
      .changes === 1
  );
}
